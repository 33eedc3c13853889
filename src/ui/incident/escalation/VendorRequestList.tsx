import { createMemo, For, Show } from 'solid-js';
import type { VendorRequestRecord } from '../../../domain/incident-records';
import { vendorRequestStatus } from '../../../domain/vendor-request';
import { useCurrentTime } from '../shared/use-current-time';
import { VendorRequestItem } from './VendorRequestItem';

const RANK = { overdue: 0, waiting: 1, answered: 2 } as const;

/** Step 4's requests of this incident: unanswered past their deadline first, answered last. */
export function VendorRequestList(props: { requests: readonly VendorRequestRecord[] }) {
  const now = useCurrentTime();
  const sorted = createMemo(() =>
    [...props.requests].sort((a, b) => {
      const at = now();
      return RANK[vendorRequestStatus(a, at).state] - RANK[vendorRequestStatus(b, at).state] || a.deadline.localeCompare(b.deadline);
    }),
  );
  return (
    <Show when={sorted().length > 0} fallback={<p class="empty">No vendor request sent yet for this incident.</p>}>
      <ul class="card-list" data-testid="vendor-requests">
        <For each={sorted()}>{(request) => <VendorRequestItem request={request} />}</For>
      </ul>
    </Show>
  );
}
