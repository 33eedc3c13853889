import { createMemo, createSignal, For, Show } from 'solid-js';
import type { LogEntry } from '../../../domain/log-entry';
import { ErrorAlert } from '../../app/ErrorAlert';
import { StatusNote } from '../../app/StatusNote';
import { useFollowUpReminders } from '../follow-up-reminders';
import { FollowUpCard } from './FollowUpCard';
import { ReminderOptIn } from './ReminderOptIn';

/** Step 8: every open follow-up of the incident in one list, overdue first. */
export function FollowUpList() {
  const reminders = useFollowUpReminders();
  const [status, setStatus] = createSignal('');
  const done = (completion: LogEntry) => setStatus(`Marked done and logged as #${completion.local_seq}.`);
  // Cards are keyed by entry id: the list is rebuilt on every clock tick and log change, and
  // an outcome being typed into a card must survive that.
  const ids = createMemo(() => reminders.items().map((item) => item.entry.id));
  const itemOf = (id: string) => reminders.items().find((item) => item.entry.id === id);
  return (
    <section aria-labelledby="follow-ups-title">
      <h2 id="follow-ups-title">Open follow-ups</h2>
      <StatusNote text={status()} />
      <ErrorAlert message={reminders.loadError()} />
      <Show
        when={reminders.items().length > 0}
        fallback={<p class="empty">No open follow-ups. Log entries with “Follow-up required” or a deadline are listed here until marked done.</p>}
      >
        <ul class="card-list" aria-label="Open follow-ups, most urgent first">
          <For each={ids()}>{(id) => <Show when={itemOf(id)}>{(item) => <FollowUpCard item={item()} onDone={done} />}</Show>}</For>
        </ul>
      </Show>
      <ReminderOptIn />
    </section>
  );
}
