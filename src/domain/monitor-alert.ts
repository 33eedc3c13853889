/**
 * Monitor alerts (issue 7): Uptime Kuma tells the backend a monitor went down, the backend
 * raises a team alert of the whole workspace (no incident yet) titled "Monitor down: <name>",
 * and every member's phone is alerted. Muster then offers to open an incident for it (Step 1),
 * prefilled from the alert. The monitor's name comes only from the alert's title: the push
 * message carries nothing else (team-alert.ts).
 */
import type { Incident } from './incident';
import type { TeamAlert } from './team-alert';

/** How receive_monitor_event (migration 16) titles the alert it raises. */
export const MONITOR_DOWN_PREFIX = 'Monitor down: ';

/** An acknowledged monitor alert stays on the list this long, so the team can still open an incident for it. */
export const RECENT_HOURS = 24;
/** An unacknowledged one stays this long: older, the monitor is back up or was dealt with elsewhere. */
export const UNACKNOWLEDGED_DAYS = 7;

/** What the service worker says on the app's BroadcastChannel when it stored a monitor alert from a push. */
export const MONITOR_ALERT_RECEIVED = 'monitor-alert-received';

/** An alert of the whole workspace: only a monitor going down raises one (the app raises alerts of an incident). */
export function isMonitorAlert(alert: Pick<TeamAlert, 'incident_id'>): boolean {
  return alert.incident_id === '';
}

/** "Monitor down: VPN gateway" → "VPN gateway"; null for a title that does not name a monitor. */
export function monitorName(title: string): string | null {
  if (!title.startsWith(MONITOR_DOWN_PREFIX)) return null;
  const name = title.slice(MONITOR_DOWN_PREFIX.length).trim();
  return name === '' ? null : name;
}

const HOUR_MS = 3_600_000;

/** The workspace's monitor alerts worth showing now (unacknowledged and under a week old, or under a day old), newest first. */
export function monitorAlertsToShow(alerts: readonly TeamAlert[], workspaceId: string, now: Date): TeamAlert[] {
  const age = (alert: TeamAlert) => now.getTime() - Date.parse(alert.raised_at);
  return alerts
    .filter((alert) => alert.workspace_id === workspaceId && isMonitorAlert(alert))
    .filter((alert) => age(alert) <= (alert.acked_at === null ? UNACKNOWLEDGED_DAYS * 24 : RECENT_HOURS) * HOUR_MS)
    .sort((a, b) => b.raised_at.localeCompare(a.raised_at) || a.id.localeCompare(b.id));
}

/** What the open-incident form starts with for a monitor alert; the responder can change it. */
export interface IncidentPrefill {
  title: string;
  monitor: string | null;
}

export function incidentPrefill(alert: Pick<TeamAlert, 'title'>): IncidentPrefill {
  const title = alert.title.trim().replace(/\s+/g, ' ');
  return { title, monitor: monitorName(title) };
}

/** "2026-03-02T09:00:00.000Z" → "2026-03-02 09:00 UTC": the log is exported and read in other time zones. */
function utcMinute(iso: string): string {
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? iso : `${time.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The log line that says where the incident came from (Step 8: the log shows how it started). */
export function openedFromAlertSummary(alert: Pick<TeamAlert, 'title' | 'raised_at'>): string {
  const monitor = monitorName(alert.title);
  return `Opened from the monitor alert “${alert.title}” raised at ${utcMinute(alert.raised_at)}${monitor ? `: monitoring reported ${monitor} down` : ''}.`;
}

const sameTitle = (a: string, b: string) => a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * An open incident that is already about this alert (a teammate opened it from the same alert
 * and kept the prefilled title), so the phone offers to go to it rather than open a second one.
 */
export function incidentForAlert(alert: Pick<TeamAlert, 'title'>, incidents: readonly Incident[]): Incident | undefined {
  return incidents.find((incident) => incident.status === 'open' && sameTitle(incident.title, alert.title));
}

// Routes. Plain patterns, not valibot: screens.ts reads them at start-up, within the bundle budget.
const OPEN_FROM_ALERT = /^#incident\/open\?alert=([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** Where the app opens the open-incident form prefilled from a monitor alert. */
export function openFromAlertHash(alertId: string): string {
  return `#incident/open?alert=${alertId}`;
}

/** The alert id of `#incident/open?alert=<id>`; null for any other hash or an id that is not a UUID. */
export function alertIdFromHash(hash: string): string | null {
  return OPEN_FROM_ALERT.exec(hash)?.[1]?.toLowerCase() ?? null;
}

/** What the service worker posts to the window it brings forward for a tap on a monitor alert. */
export interface OpenRouteMessage {
  type: 'open-route';
  hash: string;
}

/** The hash to show for a message from the worker; null for anything else, or a route the worker has no reason to open. */
export function routeFromWorker(data: unknown): string | null {
  if (typeof data !== 'object' || data === null) return null;
  const { type, hash } = data as Record<string, unknown>;
  if (type !== 'open-route' || typeof hash !== 'string') return null;
  return alertIdFromHash(hash) === null ? null : hash;
}
