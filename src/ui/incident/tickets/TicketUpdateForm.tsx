import { createSignal, Show } from 'solid-js';
import type { TicketOutcome } from '../../../store/tickets';
import { describedBy, FormField } from '../../app/FormField';
import { TICKET_TEXT_MAX } from './ticket-texts';

/**
 * "Add an update": the text starts as the ticket's current text (the incident's summary as it
 * is now, the follow-up as it stands) and is sent as edited. An update that got no answer is
 * sent again under the same dispatch id, so it is never added twice.
 */
export function TicketUpdateForm(props: {
  ticketId: string;
  name: string;
  busy: string | null;
  startText: () => string | Promise<string>;
  onSend: (dispatchId: string, text: string) => Promise<TicketOutcome | null>;
}) {
  const [text, setText] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | undefined>();
  let unanswered: { text: string; dispatchId: string } | null = null;
  const id = () => `ticket-update-${props.ticketId}`;

  const start = async () => {
    setError(undefined);
    try {
      setText(await props.startText());
    } catch {
      setText('');
    }
    queueMicrotask(() => document.getElementById(id())?.focus());
  };
  const send = async () => {
    const typed = (text() ?? '').trim();
    if (typed === '') return setError('Write the update first.');
    if (typed.length > TICKET_TEXT_MAX) return setError(`The update is too long: ${typed.length} characters, at most ${TICKET_TEXT_MAX}.`);
    const dispatchId = unanswered?.text === typed ? unanswered.dispatchId : crypto.randomUUID();
    const outcome = await props.onSend(dispatchId, typed);
    unanswered = outcome?.status === 'failed' && !outcome.answered ? { text: typed, dispatchId } : null;
    if (outcome?.status === 'sent') setText(null);
  };

  return (
    <Show
      when={text() !== null}
      fallback={
        <button type="button" class="secondary wide" disabled={props.busy !== null} aria-label={`Add an update to ${props.name}`} onClick={() => void start()}>
          Add an update
        </button>
      }
    >
      <FormField id={id()} label={`Update for ${props.name}`} error={error()}>
        <textarea id={id()} rows="5" value={text() ?? ''} onInput={(event) => setText(event.currentTarget.value)} {...describedBy(id(), error())} />
      </FormField>
      <div class="form-actions">
        <button type="button" class="secondary" onClick={() => setText(null)}>
          Cancel
        </button>
        <button type="button" class="primary" disabled={props.busy !== null} onClick={() => void send()}>
          {props.busy === props.ticketId ? 'Sending…' : 'Send update'}
        </button>
      </div>
    </Show>
  );
}
