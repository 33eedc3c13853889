import { createSignal, Show } from 'solid-js';
import type { VendorRequestRecord } from '../../../domain/incident-records';
import { formatIncidentTime } from '../../../domain/leadership-update';
import { isVendorAsk, VENDOR_ASK_LABELS, vendorRequestStatus } from '../../../domain/vendor-request';
import { entrySubject } from '../../../store/tickets';
import { useMuster } from '../../app/muster-app';
import { useCurrentTime } from '../shared/use-current-time';
import { vendorTicketText, vendorTicketTitle } from '../tickets/ticket-texts';
import { TicketAction } from '../tickets/TicketAction';
import { useWorkflowSettings } from '../workflow-settings';
import { VendorResponseForm } from './VendorResponseForm';

/**
 * One request: whom, what, by when; "overdue" stands out until the answer is recorded. A
 * ticket can be opened for it in the team's ticket tool, with the request as sent.
 */
export function VendorRequestItem(props: { request: VendorRequestRecord }) {
  const app = useMuster();
  const now = useCurrentTime();
  const workflow = useWorkflowSettings();
  const [answering, setAnswering] = createSignal(false);
  const status = () => vendorRequestStatus(props.request, now());
  const time = (iso: string) => formatIncidentTime(iso, workflow().timeZone);
  // The request's own log entry (as sent) is what the ticket is for; records from before it was kept use their own id.
  const sentEntryId = () => props.request.log_entry_id ?? props.request.id;
  const ticketText = async () => vendorTicketText(props.request, props.request.log_entry_id ? await app.db.get('log', props.request.log_entry_id) : undefined, workflow().timeZone);
  const asked = () => props.request.asks.map((ask) => (isVendorAsk(ask) ? VENDOR_ASK_LABELS[ask] : ask)).join(', ');
  return (
    <li class="workflow-card" classList={{ 'is-overdue': status().state === 'overdue' }} data-testid="vendor-request">
      <h3>{props.request.vendor}</h3>
      <p classList={{ urgent: status().state === 'overdue', 'status-line': true }}>{status().label}</p>
      <dl class="record-facts">
        <dt>Asked for</dt>
        <dd>{asked()}</dd>
        <dt>Systems</dt>
        <dd>{props.request.systems}</dd>
        <dt>Window</dt>
        <dd>
          {time(props.request.window_from)} to {time(props.request.window_to)}
        </dd>
        <dt>Sent</dt>
        <dd>{time(props.request.created_at)}</dd>
        <dt>Reply by</dt>
        <dd>{time(props.request.deadline)}</dd>
        <dt>Owner</dt>
        <dd>{props.request.owner}</dd>
        <Show when={props.request.response_received_at}>
          {(at) => (
            <>
              <dt>Response</dt>
              <dd>
                {props.request.response} <span class="note">({time(at())})</span>
              </dd>
            </>
          )}
        </Show>
      </dl>
      <Show when={!props.request.response_received_at}>
        <Show
          when={answering()}
          fallback={
            <button type="button" class="secondary wide" onClick={() => setAnswering(true)} aria-label={`Response received from ${props.request.vendor}`}>
              Response received
            </button>
          }
        >
          <VendorResponseForm request={props.request} onDone={() => setAnswering(false)} />
        </Show>
      </Show>
      <TicketAction
        incidentId={props.request.incident_id}
        subject={entrySubject(sentEntryId())}
        about={`the vendor request to ${props.request.vendor}`}
        title={() => vendorTicketTitle(props.request)}
        text={ticketText}
      />
    </li>
  );
}
