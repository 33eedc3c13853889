/**
 * Monitor alerts from the server (issue 7): the team alerts a monitor going down raised
 * (incident_id null), as `alert_status` lists them for the whole workspace. A phone that
 * missed the push, or had alerts turned off, learns of them here and can still open an
 * incident for one. Only the last week's are kept (UNACKNOWLEDGED_DAYS): older ones would
 * never be shown.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import * as v from 'valibot';
import { UNACKNOWLEDGED_DAYS } from '../domain/monitor-alert';
import type { WorkspaceSettings } from '../domain/workspace';
import type { MusterDatabase } from '../store/open-database';
import { mergeServerAlerts, type ServerAlert } from '../store/team-alerts';
import { callRpc } from './supabase-transport';

const name = v.nullish(v.string(), '');
/** One alert as alert_status lists it (migration 12); incident_id is null for a monitor's alert. */
export const listedAlertSchema = v.object({
  id: v.string(),
  incident_id: v.nullable(v.string()),
  title: v.string(),
  raised_at: v.string(),
  raised_by_name: name,
  repeat_every_seconds: v.number(),
  max_repeats: v.number(),
  acks: v.array(v.object({ user_id: v.string(), name, acked_at: v.string() })),
  pending: v.array(v.object({ user_id: v.string(), name })),
  rounds: v.array(
    v.object({
      round: v.number(),
      kind: v.picklist(['send', 'repeat', 'escalate']),
      claimed_at: v.string(),
      recipients: v.number(),
      delivered: v.number(),
      gone: v.number(),
      failed: v.number(),
    }),
  ),
});

/** Alerts of the workspace's own incidents are read per incident (team-state.ts); these are the rest. */
export function monitorAlertsFromStatus(listed: unknown, now: Date): ServerAlert[] {
  const since = now.getTime() - UNACKNOWLEDGED_DAYS * 24 * 3_600_000;
  return v
    .parse(v.array(listedAlertSchema), listed)
    .filter((alert) => alert.incident_id === null && Date.parse(alert.raised_at) >= since)
    .map((alert) => serverAlertOf(alert, ''));
}

/** A listed alert as the phone stores it; incidentId '' files a monitor's alert under no incident. */
export function serverAlertOf(alert: v.InferOutput<typeof listedAlertSchema>, incidentId: string): ServerAlert {
  return {
    id: alert.id,
    incident_id: incidentId,
    title: alert.title,
    raised_at: alert.raised_at,
    repeat_minutes: alert.repeat_every_seconds / 60,
    max_repeats: alert.max_repeats,
    status: { raised_by_name: alert.raised_by_name, acks: alert.acks, pending: alert.pending, rounds: alert.rounds },
  };
}

/**
 * Reads the workspace's monitor alerts and stores them (who acknowledged, the rounds sent);
 * answers how many are new or changed. Rejects with a SyncTransportError (no answer, refused)
 * or a ValiError (an answer this version cannot read), as syncTeamState expects.
 */
export async function pullMonitorAlerts(client: SupabaseClient, db: MusterDatabase, settings: WorkspaceSettings, userId: string | null, now = new Date()): Promise<number> {
  const listed = await callRpc(client, 'alert_status', { p_workspace_id: settings.workspace_id, p_incident_id: null });
  return mergeServerAlerts(db, settings.workspace_id, monitorAlertsFromStatus(listed, now), userId, now);
}
