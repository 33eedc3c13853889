import { createSignal, Show } from 'solid-js';
import type { VendorRequestRecord } from '../../../domain/incident-records';
import { formatIncidentTime } from '../../../domain/leadership-update';
import { isVendorAsk, VENDOR_ASK_LABELS, vendorRequestStatus } from '../../../domain/vendor-request';
import { useCurrentTime } from '../shared/use-current-time';
import { useWorkflowSettings } from '../workflow-settings';
import { VendorResponseForm } from './VendorResponseForm';

/** One request: whom, what, by when; "overdue" stands out until the answer is recorded. */
export function VendorRequestItem(props: { request: VendorRequestRecord }) {
  const now = useCurrentTime();
  const workflow = useWorkflowSettings();
  const [answering, setAnswering] = createSignal(false);
  const status = () => vendorRequestStatus(props.request, now());
  const time = (iso: string) => formatIncidentTime(iso, workflow().timeZone);
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
    </li>
  );
}
