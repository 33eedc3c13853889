import { createEffect, getOwner, lazy, runWithOwner, Match, Suspense, Switch } from 'solid-js';
import { LogScreen } from '../log/LogScreen';
import { BottomNav } from './BottomNav';
import { IncidentHeader } from './IncidentHeader';
import { useMuster } from './muster-app';
import { createScreenRoute } from './screens';
import { UpdatePrompt } from './UpdatePrompt';

// The log is the first screen and ships in the start-up bundle; the others load on first
// use (from the service worker's precache when offline).
const ContactsScreen = lazy(() => import('../contacts/ContactsScreen').then((m) => ({ default: m.ContactsScreen })));
const TemplatesScreen = lazy(() => import('../templates/TemplatesScreen').then((m) => ({ default: m.TemplatesScreen })));
const IncidentScreen = lazy(() => import('../incident/IncidentScreen').then((m) => ({ default: m.IncidentScreen })));
const SettingsScreen = lazy(() => import('../settings/SettingsScreen').then((m) => ({ default: m.SettingsScreen })));

/** An opt-in flag (follow-up-reminders.ts, incident-calls.ts), read without loading that module at start. */
function readOptIn(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export function App(props: { updateReady: boolean; onApplyUpdate: () => void }) {
  const screen = createScreenRoute();
  const app = useMuster();
  const owner = getOwner();
  // Step 8: once the user asked for follow-up notifications, they run on every screen (the
  // reminder code loads only then).
  createEffect(() => {
    if (app.currentIncident() && readOptIn('muster:follow-up-notifications') === 'on')
      void import('../incident/follow-up-reminders').then((reminders) => runWithOwner(owner, () => reminders.useFollowUpReminders()));
  });
  // Issue 5: likewise, calls handed to this phone's user are alerted on every screen once
  // they asked for call notifications on this phone.
  createEffect(() => {
    if (app.currentIncident() && readOptIn('muster:call-notifications') === 'on')
      void import('../incident/calls/incident-calls').then((calls) => runWithOwner(owner, () => calls.useIncidentCalls()));
  });
  return (
    <>
      <IncidentHeader />
      <UpdatePrompt ready={props.updateReady} onApply={props.onApplyUpdate} />
      <main id="main">
        <Suspense fallback={<p>Opening…</p>}>
        <Switch>
          <Match when={screen() === 'incident'}>
            <IncidentScreen />
          </Match>
          <Match when={screen() === 'log'}>
            <LogScreen />
          </Match>
          <Match when={screen() === 'contacts'}>
            <ContactsScreen />
          </Match>
          <Match when={screen() === 'templates'}>
            <TemplatesScreen />
          </Match>
          <Match when={screen() === 'settings'}>
            <SettingsScreen />
          </Match>
        </Switch>
        </Suspense>
      </main>
      <BottomNav current={screen()} />
    </>
  );
}
