import { For, Match, Show, Switch } from 'solid-js';
import type { CallContact } from './call-contacts';
import { escalationText } from './call-labels';
import { useIncidentCalls } from './incident-calls';

/** Calls handed to this phone's user, shown in the app when the phone does not notify for Muster. */
export function CallAlerts(props: { contact: (runId: string, contactId: string) => CallContact }) {
  const calls = useIncidentCalls();
  return (
    <Show when={calls.inApp().length > 0}>
      <div class="finding blocking reminder-alerts" role="alert" data-testid="call-alerts">
        <ul>
          <For each={calls.inApp()}>
            {(item) => <li>{escalationText(item.alert, (contactId) => props.contact(item.runId, contactId).name)}</li>}
          </For>
        </ul>
        <button type="button" class="secondary" onClick={() => calls.dismissInApp()}>
          Dismiss
        </button>
      </div>
    </Show>
  );
}

/** Notifications only after the user asked for them on this phone; otherwise escalations show in the app. */
export function CallAlertOptIn() {
  const calls = useIncidentCalls();
  return (
    <Switch>
      <Match when={calls.permission() === 'unsupported'}>
        <p class="note">This browser cannot show notifications: a call handed to you shows as an alert on this screen while Muster is open.</p>
      </Match>
      <Match when={calls.optedIn() && calls.permission() === 'denied'}>
        <p class="note">Notifications are blocked for Muster in this browser’s settings: a call handed to you shows as an alert on this screen instead.</p>
      </Match>
      <Match when={calls.optedIn() && calls.permission() === 'granted'}>
        <p class="note">This phone notifies you when a call is handed to you, while Muster is open.</p>
        <button type="button" class="secondary wide" onClick={() => calls.optOut()}>
          Stop call notifications on this phone
        </button>
      </Match>
      <Match when={true}>
        <button type="button" class="secondary wide" onClick={() => void calls.optIn()}>
          Notify me on this phone when a call is handed to me
        </button>
      </Match>
    </Switch>
  );
}
