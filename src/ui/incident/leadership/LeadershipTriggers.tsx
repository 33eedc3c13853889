import { createSignal, For, Show } from 'solid-js';
import type { Incident } from '../../../domain/incident';
import { LEADERSHIP_TRIGGERS, leadershipVerdict } from '../../../domain/playbook-triggers';
import { failureMessage, useIncidentActions } from '../incident-actions';

type LeadershipTrigger = (typeof LEADERSHIP_TRIGGERS)[number];

/** Step 2: "Leadership should be notified when an incident may affect ..." Each answer is logged. */
export function LeadershipTriggers(props: { incident: Incident }) {
  const actions = useIncidentActions();
  const [error, setError] = createSignal('');
  const ticked = () => props.incident.triggers?.leadership ?? [];
  const verdict = () => leadershipVerdict(ticked());

  const mark = async (trigger: LeadershipTrigger, box: HTMLInputElement) => {
    const tick = box.checked;
    try {
      setError('');
      await actions.update(
        props.incident.id,
        (incident) => {
          const current = incident.triggers?.leadership ?? [];
          if (current.includes(trigger.id) === tick) return null;
          const leadership = tick ? [...current, trigger.id] : current.filter((id) => id !== trigger.id);
          return { ...incident, triggers: { ...incident.triggers, leadership } };
        },
        {
          type: 'internal_update',
          contacted: 'Incident team',
          method: 'Muster',
          summary: `Leadership trigger ${tick ? 'ticked' : 'unticked'}: ${trigger.label}`,
          action: tick ? 'Tell leadership early with a short, factual update (Step 2).' : '',
        },
      );
    } catch (failure) {
      box.checked = !tick;
      setError(failureMessage(failure));
    }
  };

  return (
    <section aria-labelledby="leadership-triggers-title">
      <h2 id="leadership-triggers-title">Must leadership be told?</h2>
      <p class={verdict().mustNotify ? 'urgent' : 'note'} role="status" data-testid="leadership-verdict">
        {verdict().message}
      </p>
      <ul class="check-list">
        <For each={[...LEADERSHIP_TRIGGERS]}>
          {(trigger) => (
            <li>
              <label class="check-row">
                <input type="checkbox" checked={ticked().includes(trigger.id)} onChange={(event) => void mark(trigger, event.currentTarget)} />
                <span>
                  <strong>{trigger.label}</strong>
                  <span class="trigger-question">{trigger.question}</span>
                </span>
              </label>
            </li>
          )}
        </For>
      </ul>
      <Show when={error()}>
        <p class="save-error" role="alert">
          {error()}
        </p>
      </Show>
    </section>
  );
}
