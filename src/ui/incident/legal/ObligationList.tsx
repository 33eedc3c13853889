import { createMemo, For, Show } from 'solid-js';
import type { Contact } from '../../../domain/contacts';
import type { Incident } from '../../../domain/incident';
import type { ObligationRecord } from '../../../domain/incident-records';
import { ObligationItem } from './ObligationItem';

const RANK: Record<string, number> = { open: 0, sent: 1, not_required: 2 };

/** Step 5's notices for this incident: open ones first, the most urgent on top. */
export function ObligationList(props: { incident: Incident; records: readonly ObligationRecord[]; contacts: readonly Contact[] }) {
  const sorted = createMemo(() => [...props.records].sort((a, b) => (RANK[a.status] ?? 3) - (RANK[b.status] ?? 3) || a.due_at.localeCompare(b.due_at)));
  return (
    <Show when={sorted().length > 0} fallback={<p class="empty">No notice obligation yet: tick what the incident could involve, above.</p>}>
      <ul class="card-list" data-testid="obligations">
        <For each={sorted()}>{(record) => <ObligationItem incident={props.incident} record={record} contacts={props.contacts} />}</For>
      </ul>
    </Show>
  );
}
