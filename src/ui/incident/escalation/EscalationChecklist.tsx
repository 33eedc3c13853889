import { createSignal, Show } from 'solid-js';
import type { Incident } from '../../../domain/incident';
import { ESCALATION_TRIGGERS, escalationAdvice, type PlaybookTrigger } from '../../../domain/playbook-triggers';
import { useIncidentActions } from '../incident-actions';
import { recordSaveFailure } from './record-save-failure';
import { TriggerChecklist } from './TriggerChecklist';

/** Step 4's ten reasons to "escalate quickly"; each tick is a logged decision. */
export function EscalationChecklist(props: { incident: Incident }) {
  const actions = useIncidentActions();
  const [error, setError] = createSignal('');

  const toggle = async (trigger: PlaybookTrigger, ticked: boolean) => {
    setError('');
    try {
      await actions.update(
        props.incident.id,
        (incident) => {
          const current = incident.triggers?.escalation ?? [];
          if (current.includes(trigger.id) === ticked) return null;
          const escalation = ticked ? [...current, trigger.id] : current.filter((id) => id !== trigger.id);
          return { ...incident, triggers: { ...incident.triggers, escalation } };
        },
        (_before, after) =>
          ticked
            ? {
                type: 'decision',
                contacted: 'Incident team',
                method: 'Muster',
                summary: `Escalation trigger ticked: ${trigger.label} (${trigger.question} Yes).`,
                decision: escalationAdvice(after.triggers?.escalation ?? []).message,
              }
            : { type: 'internal_update', contacted: 'Incident team', method: 'Muster', summary: `Escalation trigger unticked: ${trigger.label}.` },
      );
      return true;
    } catch (failure) {
      setError(recordSaveFailure(failure));
      return false;
    }
  };

  return (
    <>
      <TriggerChecklist
        id="escalation"
        legend="Does the incident involve…"
        triggers={ESCALATION_TRIGGERS}
        ticked={props.incident.triggers?.escalation ?? []}
        onToggle={toggle}
      />
      <Show when={error()}>
        <p class="save-error" role="alert">
          {error()}
        </p>
      </Show>
    </>
  );
}
