/**
 * After the outbox is sent and the log pulled: shares this phone's call-tree edits and reads
 * the team's trees; asks the send-alert function to send the alerts raised here that reached
 * the server; then reads the team's call-tree runs and checkoffs, the state of the team
 * alerts, and the tickets opened, for each open incident. Each part that fails waits for
 * the next run and never stops the others: the log has already synced by then.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import * as v from 'valibot';
import { CHECKOFF_OUTCOMES } from '../domain/call-tree';
import type { WorkspaceSettings } from '../domain/workspace';
import { mergePulledRuns, type PulledRuns } from '../store/call-runs';
import { mergeServerTrees, settleSharedTree, treesToShare } from '../store/call-tree-sharing';
import type { MusterDatabase } from '../store/open-database';
import { markDispatched, mergeServerAlerts, undispatchedAlerts } from '../store/team-alerts';
import { mergeServerTickets } from '../store/tickets';
import { listIncidents } from '../store/workspace-repository';
import { listedAlertSchema, pullMonitorAlerts, serverAlertOf } from './monitor-alerts';
import { callRpc } from './supabase-transport';
import { SyncTransportError } from './transport';

const methodSchema = v.object({ id: v.string(), channel: v.string(), label: v.string(), value: v.string(), available_24x7: v.boolean() });
const nodeSchema = v.object({
  id: v.string(),
  parent_id: v.nullable(v.string()),
  order: v.number(),
  contact_id: v.string(),
  callers: v.array(v.string()),
  backup_contact_ids: v.array(v.string()),
  wait_minutes: v.number(),
});
const treeSchema = v.object({ id: v.string(), workspace_id: v.string(), name: v.string(), version: v.number(), nodes: v.array(nodeSchema) });
const shareAnswerSchema = v.variant('status', [
  v.object({ status: v.literal('applied'), tree: treeSchema }),
  v.object({ status: v.literal('conflict'), tree: treeSchema }),
  v.object({ status: v.literal('rejected'), reason: v.string() }),
]);
const pulledRunsSchema = v.object({
  runs: v.array(
    v.object({
      id: v.string(),
      workspace_id: v.string(),
      incident_id: v.string(),
      tree_id: v.string(),
      tree_version: v.number(),
      tree: treeSchema,
      contacts: v.record(v.string(), v.object({ name: v.string(), methods: v.array(methodSchema) })),
      started_at: v.string(),
      started_by: v.string(),
    }),
  ),
  checkoffs: v.array(
    v.object({
      id: v.string(),
      workspace_id: v.string(),
      run_id: v.string(),
      node_id: v.string(),
      caller: v.string(),
      contact_id: v.string(),
      method: v.string(),
      outcome: v.picklist(CHECKOFF_OUTCOMES),
      note: v.string(),
      at: v.string(),
    }),
  ),
});

// Read field by field: a newer server may add fields or kinds; an unreadable row is skipped, not the list.
const serverTicketSchema = v.object({
  dispatch_id: v.string(),
  workspace_id: v.nullish(v.string(), null),
  connector_id: v.nullish(v.string(), null),
  kind: v.nullish(v.string(), null),
  connector_name: v.nullish(v.string(), null),
  source: v.string(),
  subject: v.nullish(v.string(), null),
  remote_id: v.nullish(v.pipe(v.union([v.string(), v.number()]), v.transform(String)), null),
  remote_label: v.nullish(v.pipe(v.union([v.string(), v.number()]), v.transform(String)), null),
  remote_url: v.nullish(v.string(), null),
  warning: v.nullish(v.string(), null),
  created_at: v.string(),
});

/** PostgREST's "no such function": a backend from before migration 18. */
const missingFunction = (error: unknown) => error instanceof SyncTransportError && (error.failure.status === 404 || error.failure.code === 'PGRST202');

export interface TeamStateReport {
  /** Runs, checkoffs and alerts that are new or changed on this phone (a dispatched alert included). */
  changed: number;
  /** Alerts raised here that the send-alert function was asked to send. */
  dispatched: number;
  /** What could not be read or sent this time, in words; it is tried again on the next run. */
  problems: string[];
  /** What the user should know that needs no retry (a call-tree edit kept as a copy). */
  notices: string[];
}

const problemOf = (what: string, error: unknown) =>
  `${what}: ${error instanceof v.ValiError ? 'the server answered in a form this app cannot read' : (error as Error).message}`;

export async function syncTeamState(client: SupabaseClient, db: MusterDatabase, settings: WorkspaceSettings, userId: string | null): Promise<TeamStateReport> {
  const report: TeamStateReport = { changed: 0, dispatched: 0, problems: [], notices: [] };
  const workspaceId = settings.workspace_id;
  // The call trees: this phone's edits out, then the team's in.
  for (const sent of await treesToShare(db, workspaceId)) {
    try {
      const answer = v.parse(shareAnswerSchema, await callRpc(client, 'save_call_tree', { p_tree: sent.tree, p_base_version: sent.baseVersion }));
      const message = await settleSharedTree(db, sent, answer);
      report.changed += answer.status === 'applied' ? 0 : 1;
      if (message) report.notices.push(message);
    } catch (error) {
      if (!(error instanceof SyncTransportError) && !(error instanceof v.ValiError)) throw error;
      report.problems.push(problemOf(`Call tree “${sent.tree.name}”`, error));
    }
  }
  try {
    report.changed += await mergeServerTrees(db, workspaceId, v.parse(v.array(treeSchema), await callRpc(client, 'list_call_trees', { p_workspace_id: workspaceId })));
  } catch (error) {
    if (!(error instanceof SyncTransportError) && !(error instanceof v.ValiError)) throw error;
    report.problems.push(problemOf('The team’s call trees', error));
  }

  // Alerts raised here first, so the status read next already counts the first round.
  for (const alert of await undispatchedAlerts(db, workspaceId)) {
    // Still in the outbox: the server does not have it yet (refused or not sent).
    if ((await db.getKey('outbox', alert.id)) !== undefined) continue;
    if ((await db.getKey('rejected', alert.id)) !== undefined) continue;
    const { error } = await client.functions.invoke('send-alert', { body: { alert_id: alert.id } });
    if (error) {
      report.problems.push(`Sending the alert “${alert.title}”: ${error.message}`);
      continue;
    }
    await markDispatched(db, alert.id);
    report.dispatched += 1;
    report.changed += 1;
  }

  // Monitor alerts belong to no incident: read for the workspace, so a phone that missed the
  // push still lists them and can open an incident for one.
  try {
    report.changed += await pullMonitorAlerts(client, db, settings, userId);
  } catch (error) {
    if (!(error instanceof SyncTransportError) && !(error instanceof v.ValiError)) throw error;
    report.problems.push(problemOf('Monitor alerts', error));
  }

  const open = (await listIncidents(db, workspaceId)).filter((incident) => incident.status === 'open');
  let ticketsMissing = false;

  for (const incident of open) {
    const args = { p_workspace_id: workspaceId, p_incident_id: incident.id };
    try {
      const pulled = v.parse(pulledRunsSchema, await callRpc(client, 'call_runs_pull', args));
      report.changed += await mergePulledRuns(db, workspaceId, pulled as PulledRuns);
    } catch (error) {
      if (!(error instanceof SyncTransportError) && !(error instanceof v.ValiError)) throw error;
      report.problems.push(problemOf(`Call trees of ${incident.id}`, error));
    }
    try {
      const listed = v.parse(v.array(listedAlertSchema), await callRpc(client, 'alert_status', args));
      const alerts = listed.map((alert) => serverAlertOf(alert, alert.incident_id ?? incident.id));
      report.changed += await mergeServerAlerts(db, workspaceId, alerts, userId);
    } catch (error) {
      if (!(error instanceof SyncTransportError) && !(error instanceof v.ValiError)) throw error;
      report.problems.push(problemOf(`Team alerts of ${incident.id}`, error));
    }
    if (ticketsMissing) continue;
    try {
      const answer = await callRpc(client, 'incident_tickets', { p_incident_id: incident.id });
      const rows = (Array.isArray(answer) ? answer : []).flatMap((row) => {
        const parsed = v.safeParse(serverTicketSchema, row);
        return parsed.success ? [parsed.output] : [];
      });
      report.changed += await mergeServerTickets(db, workspaceId, incident.id, rows);
    } catch (error) {
      if (!(error instanceof SyncTransportError)) throw error;
      if (missingFunction(error)) {
        // An older backend: nothing to read, nothing the user can do. Said once per run, without names or ids.
        console.info('Muster sync: this backend has no incident_tickets function yet; the team’s tickets are not read.');
        ticketsMissing = true;
        continue;
      }
      report.problems.push(problemOf(`Tickets of ${incident.id}`, error));
    }
  }

  return report;
}
