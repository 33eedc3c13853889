import { createSignal, Show } from 'solid-js';
import { webLink } from '../../../domain/web-link';
import { ticketName, ticketTool, type TicketOutcome, type TicketRecord } from '../../../store/tickets';
import { TicketUpdateForm } from './TicketUpdateForm';

/**
 * One ticket of a subject. Opened: "<Tool> <noun> <number>" linking to it (remote text is
 * shown as text, the link only when it is a web address), its warning, and "Add an update".
 * Pending or failed: why, and "Try again".
 */
export function TicketLine(props: {
  ticket: TicketRecord;
  busy: string | null;
  startText: () => string | Promise<string>;
  onRetry: () => void;
  onUpdate: (dispatchId: string, text: string) => Promise<TicketOutcome | null>;
}) {
  const [refused, setRefused] = createSignal(false);
  const name = () => ticketName(props.ticket);
  const url = () => webLink(props.ticket.remote_url);
  // osTicket's API only opens tickets (the function answers 400 not_supported to an update).
  const noUpdates = () => props.ticket.kind === 'osticket' || refused();
  const canUpdate = () => props.ticket.remote_id !== null && !noUpdates();
  const update = async (dispatchId: string, text: string) => {
    const outcome = await props.onUpdate(dispatchId, text);
    if (outcome?.status === 'failed' && outcome.notSupported) setRefused(true);
    return outcome;
  };
  return (
    <div class="ticket-line" data-testid="ticket-line">
      <Show
        when={props.ticket.status === 'sent'}
        fallback={
          <>
            <p>
              <strong>{name()}</strong> ({props.ticket.connector_name}): {props.ticket.status === 'pending' ? 'not confirmed yet' : 'not opened'}
            </p>
            <Show when={props.ticket.error}>{(error) => <p class="note">{error()}</p>}</Show>
            <button type="button" class="secondary wide" disabled={props.busy !== null} onClick={() => props.onRetry()}>
              {props.busy === props.ticket.id ? 'Trying…' : 'Try again'}
            </button>
          </>
        }
      >
        <Show when={url()} fallback={<p class="ticket-name">{name()}</p>}>
          {(href) => (
            <a class="button secondary wide ticket-link" href={href()} target="_blank" rel="noopener">
              {name()} <span aria-hidden="true">↗</span>
              <span class="sr-only"> (opens in a new tab)</span>
            </a>
          )}
        </Show>
        <Show when={props.ticket.warning}>{(warning) => <p class="note warning">{warning()}</p>}</Show>
        <Show
          when={canUpdate()}
          fallback={
            <Show when={noUpdates()}>
              <p class="note">
                {ticketTool(props.ticket)} takes no updates from Muster: add them in {ticketTool(props.ticket)} itself.
              </p>
            </Show>
          }
        >
          <TicketUpdateForm ticketId={props.ticket.id} name={name()} busy={props.busy} startText={props.startText} onSend={update} />
        </Show>
      </Show>
    </div>
  );
}
