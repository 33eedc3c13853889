import { createSignal } from 'solid-js';
import type { Incident } from '../../../domain/incident';
import { LEADERSHIP_TRIGGERS, leadershipVerdict, type PlaybookTrigger } from '../../../domain/playbook-triggers';
import { ErrorAlert } from '../../app/ErrorAlert';
import { failureMessage, useIncidentActions } from '../incident-actions';
import { tickTrigger } from '../shared/tick-trigger';
import { TriggerChecklist } from '../shared/TriggerChecklist';

/** Step 2: "Leadership should be notified when an incident may affect ..." Each answer is logged. */
export function LeadershipTriggers(props: { incident: Incident }) {
  const actions = useIncidentActions();
  const [error, setError] = createSignal('');
  const ticked = () => props.incident.triggers?.leadership ?? [];
  const verdict = () => leadershipVerdict(ticked());

  const toggle = async (trigger: PlaybookTrigger, tick: boolean) => {
    setError('');
    try {
      await actions.update(props.incident.id, tickTrigger('leadership', trigger.id, tick), {
        type: 'internal_update',
        contacted: 'Incident team',
        method: 'Muster',
        summary: `Leadership trigger ${tick ? 'ticked' : 'unticked'}: ${trigger.label}`,
        action: tick ? 'Tell leadership early with a short, factual update (Step 2).' : '',
      });
      return true;
    } catch (failure) {
      setError(failureMessage(failure));
      return false;
    }
  };

  return (
    <section aria-labelledby="leadership-triggers-title">
      <h2 id="leadership-triggers-title">Must leadership be told?</h2>
      <p class={verdict().mustNotify ? 'urgent' : 'note'} role="status" data-testid="leadership-verdict">
        {verdict().message}
      </p>
      <TriggerChecklist triggers={LEADERSHIP_TRIGGERS} ticked={ticked()} onToggle={toggle} />
      <ErrorAlert message={error()} />
    </section>
  );
}
