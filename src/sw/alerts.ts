/// <reference lib="webworker" />
/**
 * Team alerts in the service worker (issue 5): a push shows the alert with an Acknowledge
 * button; acknowledging records the ack on the phone (outbox and log, as the app does) and
 * brings Muster to the front so it syncs the ack and the team sees it. A plain tap opens the
 * incident's alerts. The push message holds only a title and ids (team-alert.ts); the rest
 * is read by the app once it opens.
 *
 * A monitor going down (issue 7) raises an alert of no incident: the worker keeps it on the
 * phone as it arrives, so the app lists it, and a plain tap opens the open-incident form
 * prefilled from it (monitor-alert.ts).
 */
import { MONITOR_ALERT_RECEIVED, openFromAlertHash, type OpenRouteMessage } from '../domain/monitor-alert';
import { ACKNOWLEDGE_ACTION, ALERTS_URL, alertNotification, parseAlertPayload, type AlertPushPayload } from '../domain/team-alert';
import { openMusterDB } from '../store/open-database';
import { acknowledgeAlert, keepReceivedAlert } from '../store/team-alerts';
import { readSettings } from '../store/workspace-repository';

declare const self: ServiceWorkerGlobalScope;

/** What a page hears on the app's BroadcastChannel when the worker recorded an acknowledgement. */
export const ALERT_ACKNOWLEDGED = 'alert-acknowledged';

function pushText(event: PushEvent): string | null {
  try {
    return event.data?.text() ?? null;
  } catch {
    return null;
  }
}

async function showAlert(event: PushEvent): Promise<void> {
  const payload = parseAlertPayload(pushText(event));
  if (!payload) {
    // Browsers require a notification for every push; say only that Muster has news.
    await self.registration.showNotification('Muster', { body: 'Open Muster: your team sent an update.', tag: 'muster-update' });
    return;
  }
  const { title, options } = alertNotification(payload);
  if (payload.incident_id === null) {
    options.body = 'Tap to open an incident for it, or Acknowledge so the team knows you saw it.';
    // Shown even if it cannot be kept: the server lists it to the app at the next sync.
    await keepMonitorAlert(payload).catch(() => undefined);
  }
  await self.registration.showNotification(title, options);
}

/** Keeps a monitor alert on the phone and tells open windows to list it. */
async function keepMonitorAlert(payload: AlertPushPayload): Promise<void> {
  const db = await openMusterDB();
  let kept: boolean;
  try {
    kept = await keepReceivedAlert(db, { id: payload.alert_id, workspace_id: payload.workspace_id, title: payload.title });
  } finally {
    db.close();
  }
  if (!kept) return;
  const tabs = new BroadcastChannel('muster');
  tabs.postMessage(MONITOR_ALERT_RECEIVED);
  tabs.close();
}

async function acknowledge(payload: AlertPushPayload): Promise<void> {
  const db = await openMusterDB();
  try {
    const settings = await readSettings(db);
    if (!settings) return;
    await acknowledgeAlert(db, settings, { id: payload.alert_id, workspace_id: payload.workspace_id, incident_id: payload.incident_id, title: payload.title });
  } finally {
    db.close();
  }
  const tabs = new BroadcastChannel('muster');
  tabs.postMessage(ALERT_ACKNOWLEDGED);
  tabs.close();
}

/**
 * Focuses an open Muster window (it syncs the ack), or opens one on the alerts. With `hash`,
 * the window shows that route: an open one is asked to (screens.ts follows the message, and
 * keeps whatever the user was typing), a new one opens on it.
 */
async function bringMusterForward(hash: string | null = null): Promise<void> {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows[0];
  if (open) {
    await open.focus().catch(() => undefined);
    if (hash) open.postMessage({ type: 'open-route', hash } satisfies OpenRouteMessage);
    return;
  }
  await self.clients.openWindow(new URL(hash ? `./${hash}` : ALERTS_URL, self.registration.scope).href);
}

async function clicked(event: NotificationEvent): Promise<void> {
  event.notification.close();
  const payload = parseAlertPayload(JSON.stringify(event.notification.data ?? null));
  if (payload && event.action === ACKNOWLEDGE_ACTION) {
    await acknowledge(payload);
    await bringMusterForward();
  } else if (payload && payload.incident_id === null) {
    // Kept at the push already, unless that failed or an older version of Muster showed it.
    await keepMonitorAlert(payload).catch(() => undefined);
    await bringMusterForward(openFromAlertHash(payload.alert_id));
  } else {
    await bringMusterForward();
  }
}

export function listenForAlerts(): void {
  self.addEventListener('push', (event) => event.waitUntil(showAlert(event)));
  self.addEventListener('notificationclick', (event) => event.waitUntil(clicked(event)));
}
