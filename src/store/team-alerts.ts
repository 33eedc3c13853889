/**
 * Team alerts on this phone (issue 5): raising one, acknowledging one (from the app or from
 * the notification, in the service worker), and what the server last said about who has
 * acknowledged. Raising and acknowledging work offline: both wait in the outbox like log
 * entries, and each writes its own log entry, so the log shows who alerted the team, when,
 * and who saw it.
 */
import { openedFromAlertSummary } from '../domain/monitor-alert';
import { checkAlertTitle, defaultAlertTiming, type AlertTeamStatus, type TeamAlert } from '../domain/team-alert';
import type { LogEntry } from '../domain/log-entry';
import type { WorkspaceSettings } from '../domain/workspace';
import { logNote } from './incident-actions';
import type { MusterDatabase } from './open-database';
import { outboxRowFor } from './outbox';
import { commitStrict, Rollback } from './strict-transaction';

/** The alert as the server lists it (`alert_status`), in the phone's terms. */
export interface ServerAlert {
  id: string;
  incident_id: string;
  title: string;
  raised_at: string;
  repeat_minutes: number;
  max_repeats: number;
  status: Omit<AlertTeamStatus, 'read_at'>;
}

/**
 * Raises an alert for the whole team: stores it, queues it for the server (which pushes it
 * to every member's phone once it arrives), and logs it. Rejects with an Error saying what
 * to fix when the title is empty or too long (nothing is written), or a StoreError.
 */
export async function raiseAlert(db: MusterDatabase, settings: WorkspaceSettings, incidentId: string, title: string, now = new Date()): Promise<{ alert: TeamAlert; entry: LogEntry }> {
  const checked = checkAlertTitle(title);
  if (!checked.ok) throw new Error(`Not sent: ${checked.message}`);
  const alert: TeamAlert = {
    id: crypto.randomUUID(),
    workspace_id: settings.workspace_id,
    incident_id: incidentId,
    title: checked.title,
    raised_at: now.toISOString(),
    raised_here: true,
    ...defaultAlertTiming,
    dispatched: false,
    acked_at: null,
    status: null,
  };
  const change = {
    id: alert.id,
    workspace_id: alert.workspace_id,
    incident_id: incidentId,
    message: alert.title,
    repeat_every_seconds: alert.repeat_minutes * 60,
    max_repeats: alert.max_repeats,
  };
  await commitStrict(db, ['alerts', 'outbox'], async (tx) => {
    await tx.objectStore('alerts').add(alert);
    await tx.objectStore('outbox').add(outboxRowFor('alert', change, incidentId, now));
  });
  const entry = await logNote(db, settings, incidentId, { type: 'internal_update', contacted: 'Whole team', method: 'Push alert', summary: `Team alert sent: ${alert.title}` }, now);
  return { alert, entry };
}

/**
 * Records that this phone's user acknowledged an alert: the acknowledgement waits for the
 * server (which stops the repeats), and the log says so. Acknowledging twice (the
 * notification and the app, or two taps) records it once: the second call returns
 * `entry: null`. `alert` may come from a push message the phone had not stored yet. An
 * alert of no incident (incident_id null or '': a monitor went down) has no incident log to
 * write to: the acknowledgement is kept and sent, and `entry` is null.
 */
export async function acknowledgeAlert(
  db: MusterDatabase,
  settings: WorkspaceSettings,
  alert: Pick<TeamAlert, 'id' | 'workspace_id' | 'title'> & { incident_id: string | null },
  now = new Date(),
): Promise<{ alert: TeamAlert; entry: LogEntry | null }> {
  const acked = await commitStrict(db, ['alerts', 'outbox'], async (tx) => {
    const stored = await tx.objectStore('alerts').get(alert.id);
    if (stored?.acked_at) throw new Rollback({ alert: stored, fresh: false });
    const next: TeamAlert = stored
      ? { ...stored, acked_at: now.toISOString() }
      : { ...alert, incident_id: alert.incident_id ?? '', raised_at: now.toISOString(), raised_here: false, ...defaultAlertTiming, dispatched: true, acked_at: now.toISOString(), status: null };
    await tx.objectStore('alerts').put(next);
    const ack = { id: crypto.randomUUID(), workspace_id: next.workspace_id, alert_id: next.id };
    await tx.objectStore('outbox').add(outboxRowFor('alert_ack', ack, next.incident_id, now));
    return { alert: next, fresh: true };
  });
  if (!acked.fresh || acked.alert.incident_id === '') return { alert: acked.alert, entry: null };
  const entry = await logNote(
    db,
    { ...settings, workspace_id: acked.alert.workspace_id },
    acked.alert.incident_id,
    { type: 'internal_update', contacted: 'Whole team', method: 'Push alert', summary: `Acknowledged team alert: ${acked.alert.title}` },
    now,
  );
  return { alert: acked.alert, entry };
}

/** The incident's alerts, newest first. */
export async function listAlerts(db: MusterDatabase, workspaceId: string, incidentId: string): Promise<TeamAlert[]> {
  const alerts = await db.getAllFromIndex('alerts', 'by-incident', [workspaceId, incidentId]);
  return alerts.sort((a, b) => b.raised_at.localeCompare(a.raised_at) || a.id.localeCompare(b.id));
}

/** Alerts raised here that the send-alert function has not been asked to send yet. */
export async function undispatchedAlerts(db: MusterDatabase, workspaceId: string): Promise<TeamAlert[]> {
  const alerts = await db.getAll('alerts');
  return alerts.filter((alert) => alert.workspace_id === workspaceId && alert.raised_here && !alert.dispatched);
}

export function markDispatched(db: MusterDatabase, alertId: string): Promise<void> {
  return commitStrict(db, ['alerts'], async (tx) => {
    const stored = await tx.objectStore('alerts').get(alertId);
    if (stored) await tx.objectStore('alerts').put({ ...stored, dispatched: true });
  });
}

/**
 * Stores what the server listed for an incident: alerts teammates raised appear, and each
 * alert's acknowledgements and rounds are replaced by the server's. This phone's own
 * acknowledgement is kept even before the server has it; one the user made on another
 * phone (`userId` among the server's acknowledgements) counts here too.
 */
export function mergeServerAlerts(db: MusterDatabase, workspaceId: string, alerts: readonly ServerAlert[], userId: string | null, now = new Date()): Promise<number> {
  return commitStrict(db, ['alerts'], async (tx) => {
    let changed = 0;
    for (const server of alerts) {
      const stored = await tx.objectStore('alerts').get(server.id);
      const status: AlertTeamStatus = { ...server.status, read_at: now.toISOString() };
      const next: TeamAlert = {
        id: server.id,
        workspace_id: workspaceId,
        incident_id: server.incident_id,
        title: server.title,
        raised_at: server.raised_at,
        raised_here: stored?.raised_here ?? false,
        repeat_minutes: server.repeat_minutes,
        max_repeats: server.max_repeats,
        dispatched: stored?.dispatched ?? true,
        acked_at: stored?.acked_at ?? server.status.acks.find((ack) => ack.user_id === userId)?.acked_at ?? null,
        status,
      };
      const same = stored !== undefined && JSON.stringify({ ...stored, status: { ...stored.status, read_at: '' } }) === JSON.stringify({ ...next, status: { ...status, read_at: '' } });
      if (!same) changed += 1;
      await tx.objectStore('alerts').put(next);
    }
    return changed;
  });
}

/**
 * Keeps an alert of the whole workspace (a monitor went down) that arrived by push, so the
 * app can list it and offer to open an incident before the phone has synced. An alert
 * already known is left as it is (the server's time and status come with the next sync).
 * Answers whether it was new.
 */
export function keepReceivedAlert(db: MusterDatabase, alert: Pick<TeamAlert, 'id' | 'workspace_id' | 'title'>, now = new Date()): Promise<boolean> {
  return commitStrict(db, ['alerts'], async (tx) => {
    if ((await tx.objectStore('alerts').getKey(alert.id)) !== undefined) return false;
    const received: TeamAlert = { ...alert, incident_id: '', raised_at: now.toISOString(), raised_here: false, ...defaultAlertTiming, dispatched: true, acked_at: null, status: null };
    await tx.objectStore('alerts').add(received);
    return true;
  });
}

/** The workspace's alerts of no incident (monitors that went down), newest first. */
export function listMonitorAlerts(db: MusterDatabase, workspaceId: string): Promise<TeamAlert[]> {
  return listAlerts(db, workspaceId, '');
}

export function getAlert(db: MusterDatabase, alertId: string): Promise<TeamAlert | undefined> {
  return db.get('alerts', alertId);
}

/**
 * After an incident was opened from a monitor alert: its log says so (which monitor, when it
 * went down), and the alert counts as acknowledged, since whoever opened the incident saw it
 * (the reminders stop for them). Rejects with a StoreError; the incident stays open.
 */
export async function logOpenedFromAlert(db: MusterDatabase, settings: WorkspaceSettings, incidentId: string, alert: TeamAlert, now = new Date()): Promise<LogEntry> {
  const entry = await logNote(db, settings, incidentId, { type: 'internal_update', contacted: 'Monitoring', method: 'Push alert', summary: openedFromAlertSummary(alert) }, now);
  if (alert.acked_at === null) await acknowledgeAlert(db, settings, alert, now);
  return entry;
}
