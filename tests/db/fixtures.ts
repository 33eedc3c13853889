import { sealEntry, type ChainTip } from '../../src/domain/hash-chain';
import type { LogEntry, LogEntryFields } from '../../src/domain/log-entry';
import type { TestDatabase } from './database';

/** Two companies: A with one member per role, B with one member (A's outsider). */
export const WS_A = '0a000000-0000-4000-8000-000000000001';
export const WS_B = '0b000000-0000-4000-8000-000000000001';
export const INCIDENT = 'INC-2026-004';

export const users = {
  owner: '0a000000-0000-4000-8000-0000000000a1',
  comm_owner: '0a000000-0000-4000-8000-0000000000a2',
  approver: '0a000000-0000-4000-8000-0000000000a3',
  responder: '0a000000-0000-4000-8000-0000000000a4',
  viewer: '0a000000-0000-4000-8000-0000000000a5',
  outsider: '0b000000-0000-4000-8000-0000000000b1',
} as const;

/** Signed up, member of no workspace: the person an owner adds. */
export const NEWCOMER = '0c000000-0000-4000-8000-0000000000c1';

export type MemberRole = Exclude<keyof typeof users, 'outsider'>;
export const memberRoles: MemberRole[] = ['owner', 'comm_owner', 'approver', 'responder', 'viewer'];

/** Fixed ids of the one row per table that workspace A starts with. */
export const rows = {
  channelState: '0a000000-0000-4000-8000-00000000c001',
  contact: '0a000000-0000-4000-8000-00000000c002',
  contactMethod: '0a000000-0000-4000-8000-00000000c003',
  template: '0a000000-0000-4000-8000-00000000c004',
  statement: '0a000000-0000-4000-8000-00000000c005',
  draftStatement: '0a000000-0000-4000-8000-00000000c006',
  approval: '0a000000-0000-4000-8000-00000000c007',
  decision: '0a000000-0000-4000-8000-00000000c008',
  obligation: '0a000000-0000-4000-8000-00000000c009',
  callTree: '0a000000-0000-4000-8000-00000000c00a',
  spareCallTree: '0a000000-0000-4000-8000-00000000c00b',
  callRun: '0a000000-0000-4000-8000-00000000c00c',
  checkoff: '0a000000-0000-4000-8000-00000000c00d',
  alert: '0a000000-0000-4000-8000-00000000c00e',
  alertAck: '0a000000-0000-4000-8000-00000000c00f',
  pushSubscription: '0a000000-0000-4000-8000-00000000c010',
  logEntry: '0a000000-0000-4000-8000-00000000c011',
  alertRelay: '0a000000-0000-4000-8000-00000000c012',
  connector: '0a000000-0000-4000-8000-00000000c013',
  connectorDispatch: '0a000000-0000-4000-8000-00000000c014',
  monitorEvent: '0a000000-0000-4000-8000-00000000c016',
} as const;

let deviceClock = Date.parse('2026-03-02T09:16:00.000Z');

/** A log entry sealed by the phone's own code, so its hashes are the real ones. */
export async function phoneEntry(
  overrides: Partial<LogEntryFields> & { workspace_id?: string; id?: string; author?: string } = {},
  tip: ChainTip = null,
): Promise<LogEntry> {
  const { workspace_id = WS_A, id = crypto.randomUUID(), author = 'Tom Becker', ...fields } = overrides;
  deviceClock += 1000;
  return sealEntry(
    {
      incident_id: INCIDENT,
      occurred_at: '2026-03-02T09:15:00.000Z',
      communication_type: 'vendor_request',
      contacted: 'Bluebridge IT service desk',
      contact_method: 'Phone, 24/7 security line',
      message_summary: 'Asked for sign-in logs and admin changes on the finance mailbox since Friday.',
      decision_made: '',
      action_requested: 'Export sign-in logs for finance@ from 28 Feb.',
      owner: 'Tom Becker',
      deadline: '2026-03-02T12:00:00.000Z',
      response_received: '',
      follow_up_required: '',
      evidence_location: '',
      ...fields,
    },
    { id, workspace_id, author, device_recorded_at: new Date(deviceClock).toISOString(), corrects: null },
    tip,
  );
}

/** The columns of log_entry a phone sends (LogEntry without the derived follow_up flag). */
export function logEntryColumns(entry: LogEntry): Record<string, unknown> {
  const { follow_up: _derived, ...columns } = entry;
  return columns;
}

export async function insertRow(q: (sql: string, params?: unknown[]) => Promise<unknown>, table: string, row: Record<string, unknown>) {
  const keys = Object.keys(row);
  const values = keys.map((_, index) => `$${index + 1}`);
  await q(`insert into public.${table} (${keys.map((k) => `"${k}"`).join(', ')}) values (${values.join(', ')})`, Object.values(row));
}

/** Both workspaces, their members, an incident in each, and one row of every table in A. */
export async function seedWorkspaces(db: TestDatabase): Promise<void> {
  const q = db.query;
  for (const [role, id] of Object.entries(users)) {
    await q('insert into auth.users (id, email) values ($1, $2)', [id, `${role}@test.muster`]);
  }
  await q(`insert into auth.users (id, email) values ($1, 'newcomer@test.muster')`, [NEWCOMER]);
  await q(`insert into public.workspace (id, name) values ($1, 'Northwind'), ($2, 'Southwind')`, [WS_A, WS_B]);
  for (const role of memberRoles) {
    await insertRow(q, 'member', { workspace_id: WS_A, user_id: users[role], role });
  }
  await insertRow(q, 'member', { workspace_id: WS_B, user_id: users.outsider, role: 'owner' });
  for (const ws of [WS_A, WS_B]) {
    await insertRow(q, 'incident', { workspace_id: ws, id: INCIDENT, title: 'Finance mailbox forwarding rule' });
  }
  const base = { workspace_id: WS_A };
  const atIncident = { ...base, incident_id: INCIDENT };
  await insertRow(q, 'channel_state', { ...atIncident, id: rows.channelState, channel: 'corporate_email', state: 'suspect' });
  await insertRow(q, 'contact', { ...base, id: rows.contact, name: 'Bluebridge IT', category: 'msp' });
  await insertRow(q, 'contact_method', { ...base, id: rows.contactMethod, contact_id: rows.contact, channel: 'phone', value: '+1 555 0100' });
  await insertRow(q, 'template', { ...base, id: rows.template, kind: 'leadership_update', name: 'Leadership update' });
  await insertRow(q, 'statement', { ...atIncident, id: rows.statement, title: 'Customer notice', state: 'in_review' });
  await insertRow(q, 'statement', { ...atIncident, id: rows.draftStatement, title: 'Draft notice' });
  await insertRow(q, 'statement_approval', { ...base, id: rows.approval, statement_id: rows.statement, statement_version: 1 });
  await insertRow(q, 'decision', { ...atIncident, id: rows.decision, decided_by: 'Dana', decision: 'Disable forwarding', decided_at: '2026-03-02T09:20:00Z' });
  await insertRow(q, 'obligation', { ...atIncident, id: rows.obligation, kind: 'insurer', counterparty: 'Harbor Mutual' });
  await insertRow(q, 'call_tree', { ...base, id: rows.callTree, name: 'Leadership' });
  await insertRow(q, 'call_tree', { ...base, id: rows.spareCallTree, name: 'Spare' });
  await insertRow(q, 'call_run', { ...atIncident, id: rows.callRun, call_tree_id: rows.callTree });
  await insertRow(q, 'checkoff', { ...base, id: rows.checkoff, call_run_id: rows.callRun, outcome: 'reached', called_at: '2026-03-02T09:30:00Z' });
  await insertRow(q, 'alert', { ...atIncident, id: rows.alert, message: 'Join the bridge' });
  await insertRow(q, 'alert_ack', { ...base, id: rows.alertAck, alert_id: rows.alert });
  await insertRow(q, 'alert_round', { ...base, alert_id: rows.alert, round: 0, kind: 'send', recipients: 4 });
  await insertRow(q, 'alert_relay', { ...base, id: rows.alertRelay, kind: 'ntfy', server_url: 'https://ntfy.example', topic: 'northwind-alerts', token: 'tk_relay_secret' });
  await insertRow(q, 'connector', { ...base, id: rows.connector, kind: 'mattermost', name: 'Ops chat' });
  await insertRow(q, 'connector_secret', { ...base, connector_id: rows.connector, secret: { webhook_url: 'https://chat.example/hooks/fixture-secret-key' } });
  await insertRow(q, 'connector_dispatch', { ...atIncident, id: rows.connectorDispatch, connector_id: rows.connector, source: 'test', status: 'sent', attempts: 1 });
  await insertRow(q, 'monitor_webhook_secret', { ...base, secret_hash: 'ab'.repeat(32) });
  await insertRow(q, 'monitor_event', { ...base, id: rows.monitorEvent, kind: 'heartbeat', monitor_id: '4', monitor_name: 'Mail gateway', status: 0, msg: 'timeout', dedup_key: '4:0:2026-03-02 09:00:00.000' });
  await insertRow(q, 'push_subscription', {
    ...base,
    id: rows.pushSubscription,
    user_id: users.responder,
    endpoint: 'https://push.example/abc',
    p256dh: 'key',
    auth: 'secret',
  });
  const entry = await phoneEntry({ id: rows.logEntry });
  await db.asUser(users.responder, (rq) => insertRow(rq, 'log_entry', logEntryColumns(entry)));
}
