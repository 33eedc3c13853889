import { For, Show } from 'solid-js';
import { useFollowUpReminders } from '../follow-up-reminders';

/** Due follow-ups, shown in the app when the phone does not show notifications for Muster. */
export function ReminderAlerts() {
  const reminders = useFollowUpReminders();
  return (
    <Show when={reminders.inApp().length > 0}>
      <div class="finding blocking reminder-alerts" role="alert">
        <ul>
          <For each={reminders.inApp()}>
            {(reminder) => (
              <li>
                <strong>{reminder.state === 'overdue' ? 'Follow-up overdue' : 'Follow-up due soon'}:</strong> {reminder.text}
              </li>
            )}
          </For>
        </ul>
        <button type="button" class="secondary" onClick={() => reminders.dismissInApp()}>
          Dismiss
        </button>
      </div>
    </Show>
  );
}
