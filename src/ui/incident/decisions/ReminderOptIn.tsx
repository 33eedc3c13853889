import { Match, Switch } from 'solid-js';
import { useFollowUpReminders } from '../follow-up-reminders';

/** Notifications only after the user asked for them on this phone; otherwise reminders show in the app. */
export function ReminderOptIn() {
  const reminders = useFollowUpReminders();
  return (
    <Switch>
      <Match when={reminders.permission() === 'unsupported'}>
        <p class="note">This browser cannot show notifications: a due follow-up shows as an alert on this screen while Muster is open.</p>
      </Match>
      <Match when={reminders.optedIn() && reminders.permission() === 'denied'}>
        <p class="note">Notifications are blocked for Muster in this browser’s settings: a due follow-up shows as an alert on this screen instead.</p>
      </Match>
      <Match when={reminders.optedIn() && reminders.permission() === 'granted'}>
        <p class="note">This phone notifies you when a follow-up is due soon or overdue, while Muster is open.</p>
        <button type="button" class="secondary wide" onClick={() => reminders.optOut()}>
          Stop follow-up notifications on this phone
        </button>
      </Match>
      <Match when={true}>
        <button type="button" class="secondary wide" onClick={() => void reminders.optIn()}>
          Notify me on this phone when a follow-up is due
        </button>
      </Match>
    </Switch>
  );
}
