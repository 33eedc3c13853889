import { createSignal, For, Show } from 'solid-js';
import { methodUsable, type ChannelStates } from '../../../domain/channels';
import type { StatementRecord } from '../../../domain/incident-records';
import { audienceLabel, canMarkSent, markSent, SENT_VIA_MAX } from '../../../domain/statement-workflow';
import { revise } from '../../../store/incident-actions';
import { FormField } from '../../app/FormField';
import { canShare, copyText, mailHref, shareText, smsHref } from '../../templates/share-message';
import { useIncidentActions } from '../incident-actions';
import { recordFailureMessage } from './record-failure';
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
  const actions = useIncidentActions();
  const [recipients, setRecipients] = createSignal(audienceLabel(props.record.audience));
  const [via, setVia] = createSignal('');
  const [error, setError] = createSignal('');
  const [status, setStatus] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const verdict = () => canMarkSent(props.record, props.blocking);

  const copy = async () => setStatus((await copyText(props.record.text)) ? 'Copied.' : 'Could not copy: select the text and copy it by hand.');
  // The title is Muster's label, not part of the statement: the share sheet gets the text only.
  const share = async () => setStatus((await shareText('', props.record.text)) ? 'Shared.' : '');

  const send = async (event: SubmitEvent) => {
    event.preventDefault();
    setError('');
    const who = recipients().trim();
    if (who === '' || who.length > 200) return setError('Say who received it (at most 200 characters), e.g. "All customers".');
    const change = markSent(props.record, { blocking: props.blocking, via: via(), at: new Date().toISOString() });
    if (!change.ok) return setError(change.reason);
    const record = revise(props.record, change.patch);
    setBusy(true);
    try {
      await actions.save(record, statementSentNote(record, who));
      props.onChanged(record);
    } catch (failure) {
      setError(recordFailureMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="send-title">
      <h3 id="send-title">Send</h3>
      <Show when={!props.dirty && verdict().ok} fallback={<p class="note">{props.dirty ? 'Save your changes, then get them approved.' : (verdict() as { reason: string }).reason}</p>}>
        <p class="note">Approved. Send exactly this text, then mark it sent.</p>
        <p role="status" class="note" aria-live="polite">
          {status()}
        </p>
        <div class="form-actions">
          <button type="button" class="secondary" onClick={copy}>
            Copy text
          </button>
          <Show when={canShare()}>
            <button type="button" class="secondary" onClick={share}>
              Share
            </button>
          </Show>
          <a class="button secondary" href={smsHref(props.record.text)}>
            Text (SMS)
          </a>
          <a class="button secondary" href={mailHref('', props.record.text)}>
            Email
          </a>
        </div>
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
          <button type="submit" class="primary wide" disabled={busy()}>
            Mark as sent (logged with the text)
          </button>
        </form>
      </Show>
      <Show when={error()}>
        <p class="save-error" role="alert">
          {error()}
        </p>
      </Show>
    </section>
  );
}
