import { createSignal, Show } from 'solid-js';
import { followUpText, OUTCOME_MAX_LENGTH } from '../../../domain/follow-up-completion';
import type { FollowUpItem, FollowUpState } from '../../../domain/follow-ups';
import type { LogEntry } from '../../../domain/log-entry';
import { describeSecrets, scanForSecrets } from '../../../domain/secret-scanner';
import { completeFollowUp } from '../../../store/incident-overview';
import { entrySubject } from '../../../store/tickets';
import { describedBy, FormField } from '../../app/FormField';
import { useMuster } from '../../app/muster-app';
import { formatTime } from '../../app/relative-time';
import { SecretWarning } from '../../app/SecretWarning';
import { failureMessage } from '../incident-actions';
import { clipText, followUpTicketText, followUpTicketTitle } from '../tickets/ticket-texts';
import { TicketAction } from '../tickets/TicketAction';
import { useWorkflowSettings } from '../workflow-settings';

const STATE: Record<FollowUpState, { label: string; class: string }> = {
  overdue: { label: 'Overdue', class: 'urgent' },
  due_soon: { label: 'Due soon', class: 'due-soon' },
  open: { label: 'Open', class: 'tag' },
  no_deadline: { label: 'No deadline', class: 'tag' },
};

/**
 * One open follow-up. "Done" asks for the outcome (optional) and logs the entry that
 * completes the original; the original stays in the log as written. A ticket can be opened
 * for it in the team's ticket tool (TicketAction).
 */
export function FollowUpCard(props: { item: FollowUpItem; onDone: (completion: LogEntry) => void }) {
  const app = useMuster();
  const workflow = useWorkflowSettings();
  const [closing, setClosing] = createSignal(false);
  const [outcome, setOutcome] = createSignal('');
  const [error, setError] = createSignal<string | undefined>();
  const [secretWarning, setSecretWarning] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const entry = () => props.item.entry;
  const id = () => `follow-up-${entry().id}`;

  const typeOutcome = (text: string) => {
    setOutcome(text);
    setSecretWarning('');
    setError(undefined);
  };
  const editOutcome = () => {
    setSecretWarning('');
    document.getElementById(`${id()}-outcome`)?.focus();
  };
  const markDone = async (allowSecrets = false) => {
    const text = outcome().trim();
    if (text.length > OUTCOME_MAX_LENGTH) return setError(`The outcome is too long: ${text.length} characters, at most ${OUTCOME_MAX_LENGTH}.`);
    const warning = allowSecrets ? '' : describeSecrets(scanForSecrets(text));
    setSecretWarning(warning);
    if (warning) return;
    setBusy(true);
    try {
      const completion = await completeFollowUp(app.db, app.settings(), entry(), text);
      app.logChanged();
      props.onDone(completion);
    } catch (failure) {
      setError(failureMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li class="cockpit-card follow-up" classList={{ 'follow-up-overdue': props.item.state === 'overdue' }}>
      <p class="follow-up-state">
        <span class={STATE[props.item.state].class}>{STATE[props.item.state].label}</span>
        <Show when={props.item.due}>{(due) => <span>Due {formatTime(due())}</span>}</Show>
      </p>
      <p class="follow-up-text" id={`${id()}-text`}>
        {followUpText(entry())}
      </p>
      <p class="note">
        <a href="#log">Entry #{entry().local_seq} in the log</a>: {entry().contacted}
        {entry().owner ? `, owner ${entry().owner}` : ''}
      </p>
      <Show
        when={closing()}
        fallback={
          <button type="button" class="secondary wide" aria-describedby={`${id()}-text`} onClick={() => setClosing(true)}>
            Done
          </button>
        }
      >
        <FormField id={`${id()}-outcome`} label="Outcome (optional, goes into the log)" error={error()}>
          <textarea id={`${id()}-outcome`} rows="2" value={outcome()} onInput={(event) => typeOutcome(event.currentTarget.value)} {...describedBy(`${id()}-outcome`, error())} />
        </FormField>
        <Show when={secretWarning()}>
          <SecretWarning message={secretWarning()} onEdit={editOutcome} onSaveAnyway={() => void markDone(true)} />
        </Show>
        <div class="form-actions">
          <button type="button" class="secondary" onClick={() => setClosing(false)}>
            Cancel
          </button>
          <button type="button" class="primary" disabled={busy()} onClick={() => void markDone()}>
            {busy() ? 'Saving…' : 'Mark done'}
          </button>
        </div>
      </Show>
      <TicketAction
        incidentId={entry().incident_id}
        subject={entrySubject(entry().id)}
        about={`follow-up #${entry().local_seq} (${clipText(followUpText(entry()), 60)})`}
        title={() => followUpTicketTitle(entry())}
        text={() => followUpTicketText(props.item, entry().incident_id, workflow().timeZone)}
        describedBy={`${id()}-text`}
      />
    </li>
  );
}
