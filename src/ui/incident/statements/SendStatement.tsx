import { createSignal, For, Show } from 'solid-js';
import { methodUsable, type ChannelStates } from '../../../domain/channels';
import type { StatementRecord } from '../../../domain/incident-records';
import { audienceLabel, canMarkSent, markSent, SENT_VIA_MAX } from '../../../domain/statement-workflow';
import { revise } from '../../../store/incident-actions';
import { ErrorAlert } from '../../app/ErrorAlert';
import { FormField } from '../../app/FormField';
import { SendActions } from '../../app/SendActions';
import { StatusNote } from '../../app/StatusNote';
import { createStatementChange } from './statement-change';
import { statementSentNote } from './statement-notes';

const SENT_VIA_SUGGESTIONS = ['Email', 'Website', 'Status page', 'Letter', 'Phone call', 'Press release', 'Regulator portal', 'Social media'];

/** Step 6: only an approved statement goes out; take its text away, then record how it went. */
export function SendStatement(props: {
  record: StatementRecord;
  blocking: number;
  dirty: boolean;
  /** The incident's channel markings (Step 7): no sending from a compromised mailbox. */
  channels: Record<string, string>;
  onChanged: (record: StatementRecord) => void;
}) {
  const change = createStatementChange((record) => props.onChanged(record));
  const [recipients, setRecipients] = createSignal(audienceLabel(props.record.audience));
  const [via, setVia] = createSignal('');
  const [status, setStatus] = createSignal('');
  const verdict = () => canMarkSent(props.record, props.blocking);

  const send = async (event: SubmitEvent) => {
    event.preventDefault();
    change.setError('');
    const who = recipients().trim();
    if (who === '' || who.length > 200) return change.setError('Say who received it (at most 200 characters), e.g. "All customers".');
    const sent = markSent(props.record, { blocking: props.blocking, via: via(), at: new Date().toISOString() });
    if (!sent.ok) return change.setError(sent.reason);
    const record = revise(props.record, sent.patch);
    await change.save(record, statementSentNote(record, who));
  };

  return (
    <section aria-labelledby="send-title">
      <h3 id="send-title">Send</h3>
      <Show when={!props.dirty && verdict().ok} fallback={<p class="note">{props.dirty ? 'Save your changes, then get them approved.' : (verdict() as { reason: string }).reason}</p>}>
        <p class="note">Approved. Send exactly this text, then mark it sent.</p>
        <StatusNote text={status()} />
        {/* The title is Muster's label, not part of the statement: no subject, the text goes alone. */}
        <SendActions subject="" text={props.record.text} copyLabel="Copy text" onStatus={setStatus} />
        <Show when={methodUsable('corporate_email', props.channels as ChannelStates).warning}>
          {(warning) => <p class="note warning">{warning()}</p>}
        </Show>
        <form onSubmit={send} novalidate>
          <FormField id="sent-to" label="Sent to">
            <input id="sent-to" value={recipients()} maxlength="200" onInput={(event) => setRecipients(event.currentTarget.value)} />
          </FormField>
          <FormField id="sent-via" label="Sent via" hint="Pick one or type: email, website, letter…">
            <input id="sent-via" list="sent-via-options" value={via()} maxlength={SENT_VIA_MAX} onInput={(event) => setVia(event.currentTarget.value)} />
          </FormField>
          <datalist id="sent-via-options">
            <For each={SENT_VIA_SUGGESTIONS}>{(option) => <option value={option} />}</For>
          </datalist>
          <button type="submit" class="primary wide" disabled={change.busy()}>
            Mark as sent (logged with the text)
          </button>
        </form>
      </Show>
      <ErrorAlert message={change.error()} />
    </section>
  );
}
