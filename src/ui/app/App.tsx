import { createEffect, getOwner, lazy, onCleanup, runWithOwner, Match, Show, Suspense, Switch } from 'solid-js';
import { LogScreen } from '../log/LogScreen';
import { BottomNav } from './BottomNav';
import { IncidentHeader } from './IncidentHeader';
import { useMuster } from './muster-app';
import { createOpenFromAlertRoute, createScreenRoute, createSectionRoute, followWorkerRoutes } from './screens';
import { UpdatePrompt } from './UpdatePrompt';

// The log is the first screen and ships in the start-up bundle; the others load on first
// use (from the service worker's precache when offline).
const ContactsScreen = lazy(() => import('../contacts/ContactsScreen').then((m) => ({ default: m.ContactsScreen })));
const TemplatesScreen = lazy(() => import('../templates/TemplatesScreen').then((m) => ({ default: m.TemplatesScreen })));
const IncidentScreen = lazy(() => import('../incident/IncidentScreen').then((m) => ({ default: m.IncidentScreen })));
const SettingsScreen = lazy(() => import('../settings/SettingsScreen').then((m) => ({ default: m.SettingsScreen })));
// Monitors that went down (issue 7), and the open-incident form prefilled from one.
const MonitorAlerts = lazy(() => import('../alerts/MonitorAlerts').then((m) => ({ default: m.MonitorAlerts })));
const OpenFromMonitorAlert = lazy(() => import('../alerts/OpenFromMonitorAlert').then((m) => ({ default: m.OpenFromMonitorAlert })));

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
  const section = createSectionRoute();
  onCleanup(section.dispose);
  const openFromAlert = createOpenFromAlertRoute();
  onCleanup(followWorkerRoutes());
  const app = useMuster();
  // Where a responder lands: the Log with no incident open, the Incident screen (its cockpit,
  // or the form to open one). Monitor alerts show there, above the screen.
  const showMonitorAlerts = () => !openFromAlert() && ((screen() === 'log' && !app.currentIncident()) || (screen() === 'incident' && section.section() === ''));
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
        <Show when={showMonitorAlerts()}>
          <Suspense>
            <MonitorAlerts />
          </Suspense>
        </Show>
        <Suspense fallback={<p>Opening…</p>}>
        <Switch>
          <Match when={openFromAlert()}>{(alertId) => <OpenFromMonitorAlert alertId={alertId()} />}</Match>
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
