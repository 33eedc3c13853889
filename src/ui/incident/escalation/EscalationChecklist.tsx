import { createSignal } from 'solid-js';
import type { Incident } from '../../../domain/incident';
import { ESCALATION_TRIGGERS, escalationAdvice, type PlaybookTrigger } from '../../../domain/playbook-triggers';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useIncidentActions } from '../incident-actions';
import { recordSaveFailure } from '../shared/record-save-failure';
import { tickTrigger } from '../shared/tick-trigger';
import { TriggerChecklist } from '../shared/TriggerChecklist';

/** Step 4's ten reasons to "escalate quickly"; each tick is a logged decision. */
export function EscalationChecklist(props: { incident: Incident }) {
  const actions = useIncidentActions();
  const [error, setError] = createSignal('');

  const toggle = async (trigger: PlaybookTrigger, ticked: boolean) => {
    setError('');
    try {
      await actions.update(
        props.incident.id,
        tickTrigger('escalation', trigger.id, ticked),
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
      <ErrorAlert message={error()} />
    </>
  );
}
