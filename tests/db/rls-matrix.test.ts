import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, openTestDatabase, type Query, type TestDatabase } from './database';
import { INCIDENT, NEWCOMER, WS_A, logEntryColumns, phoneEntry, rows, seedWorkspaces, users } from './fixtures';

/**
 * Every role x every table x every command, against workspace A. `outsider` is the owner of
 * workspace B with a valid JWT; `anon` is the API's unauthenticated role.
 *   allowed   the command ran and touched (or, for select, saw) A's row
 *   none      no error, but 0 rows: RLS hid the row from this command
 *   rls       "new row violates row-level security policy for table ..."
 *   no-grant  "permission denied for table ...": the role holds no privilege for it
 */
type Outcome = 'allowed' | 'none' | 'rls' | 'no-grant';
type Command = 'select' | 'insert' | 'update' | 'delete';
const actors = ['owner', 'comm_owner', 'approver', 'responder', 'viewer', 'outsider', 'anon'] as const;
type Actor = (typeof actors)[number];
type Expectation = [table: string, command: Command, owner: Outcome, comm_owner: Outcome, approver: Outcome, responder: Outcome, viewer: Outcome, outsider: Outcome, anon: Outcome];

// prettier-ignore
const MATRIX: Expectation[] = [
  //  table                 command   owner       comm_owner  approver    responder   viewer      outsider    anon
  ['workspace',          'select', 'allowed',  'allowed',  'allowed',  'allowed',  'allowed',  'none',     'no-grant'],
  ['workspace',          'insert', 'allowed',  'allowed',  'allowed',  'allowed',  'allowed',  'allowed',  'no-grant'],
  ['workspace',          'update', 'allowed',  'none',     'none',     'none',     'none',     'none',     'no-grant'],
  ['workspace',          'delete', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant'],
  ['member',             'select', 'allowed',  'allowed',  'allowed',  'allowed',  'allowed',  'none',     'no-grant'],
  ['member',             'insert', 'allowed',  'rls',      'rls',      'rls',      'rls',      'rls',      'no-grant'],
  ['member',             'update', 'allowed',  'none',     'none',     'none',     'none',     'none',     'no-grant'],
  ['member',             'delete', 'allowed',  'none',     'none',     'none',     'none',     'none',     'no-grant'],
  ['incident',           'select', 'allowed',  'allowed',  'allowed',  'allowed',  'allowed',  'none',     'no-grant'],
  ['incident',           'insert', 'allowed',  'allowed',  'rls',      'rls',      'rls',      'rls',      'no-grant'],
  ['incident',           'update', 'allowed',  'allowed',  'none',     'none',     'none',     'none',     'no-grant'],
  ['incident',           'delete', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant'],
  ['channel_state',      'select', 'allowed',  'allowed',  'allowed',  'allowed',  'allowed',  'none',     'no-grant'],
  ['channel_state',      'insert', 'allowed',  'allowed',  'allowed',  'allowed',  'rls',      'rls',      'no-grant'],
  ['channel_state',      'update', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant'],
  ['channel_state',      'delete', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant'],
  ['contact',            'select', 'allowed',  'allowed',  'allowed',  'allowed',  'allowed',  'none',     'no-grant'],
  ['contact',            'insert', 'allowed',  'rls',      'rls',      'rls',      'rls',      'rls',      'no-grant'],
  ['contact',            'update', 'allowed',  'none',     'none',     'none',     'none',     'none',     'no-grant'],
  ['contact',            'delete', 'allowed',  'none',     'none',     'none',     'none',     'none',     'no-grant'],
  ['contact_method',     'select', 'allowed',  'allowed',  'allowed',  'allowed',  'allowed',  'none',     'no-grant'],
  ['contact_method',     'insert', 'allowed',  'rls',      'rls',      'rls',      'rls',      'rls',      'no-grant'],
  ['contact_method',     'update', 'allowed',  'none',     'none',     'none',     'none',     'none',     'no-grant'],
  ['contact_method',     'delete', 'allowed',  'none',     'none',     'none',     'none',     'none',     'no-grant'],
  ['template',           'select', 'allowed',  'allowed',  'allowed',  'allowed',  'allowed',  'none',     'no-grant'],
  ['template',           'insert', 'allowed',  'allowed',  'rls',      'rls',      'rls',      'rls',      'no-grant'],
  ['template',           'update', 'allowed',  'allowed',  'none',     'none',     'none',     'none',     'no-grant'],
  ['template',           'delete', 'allowed',  'allowed',  'none',     'none',     'none',     'none',     'no-grant'],
  ['statement',          'select', 'allowed',  'allowed',  'allowed',  'allowed',  'allowed',  'none',     'no-grant'],
  ['statement',          'insert', 'allowed',  'allowed',  'rls',      'rls',      'rls',      'rls',      'no-grant'],
  ['statement',          'update', 'allowed',  'allowed',  'none',     'none',     'none',     'none',     'no-grant'],
  ['statement',          'delete', 'allowed',  'allowed',  'none',     'none',     'none',     'none',     'no-grant'],
  ['statement_approval', 'select', 'allowed',  'allowed',  'allowed',  'allowed',  'allowed',  'none',     'no-grant'],
  ['statement_approval', 'insert', 'allowed',  'rls',      'allowed',  'rls',      'rls',      'rls',      'no-grant'],
  ['statement_approval', 'update', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant'],
  ['statement_approval', 'delete', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant'],
  ['log_entry',          'select', 'allowed',  'allowed',  'allowed',  'allowed',  'allowed',  'none',     'no-grant'],
  ['log_entry',          'insert', 'allowed',  'allowed',  'allowed',  'allowed',  'rls',      'rls',      'no-grant'],
  ['log_entry',          'update', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant'],
  ['log_entry',          'delete', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant'],
  ['decision',           'select', 'allowed',  'allowed',  'allowed',  'allowed',  'allowed',  'none',     'no-grant'],
  ['decision',           'insert', 'allowed',  'allowed',  'allowed',  'allowed',  'rls',      'rls',      'no-grant'],
  ['decision',           'update', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant'],
  ['decision',           'delete', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant'],
  ['obligation',         'select', 'allowed',  'allowed',  'allowed',  'allowed',  'allowed',  'none',     'no-grant'],
  ['obligation',         'insert', 'allowed',  'allowed',  'rls',      'rls',      'rls',      'rls',      'no-grant'],
  ['obligation',         'update', 'allowed',  'allowed',  'none',     'none',     'none',     'none',     'no-grant'],
  ['obligation',         'delete', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant'],
  ['call_tree',          'select', 'allowed',  'allowed',  'allowed',  'allowed',  'allowed',  'none',     'no-grant'],
  ['call_tree',          'insert', 'allowed',  'allowed',  'rls',      'rls',      'rls',      'rls',      'no-grant'],
  ['call_tree',          'update', 'allowed',  'allowed',  'none',     'none',     'none',     'none',     'no-grant'],
  ['call_tree',          'delete', 'allowed',  'allowed',  'none',     'none',     'none',     'none',     'no-grant'],
  ['call_run',           'select', 'allowed',  'allowed',  'allowed',  'allowed',  'allowed',  'none',     'no-grant'],
  ['call_run',           'insert', 'allowed',  'allowed',  'allowed',  'allowed',  'rls',      'rls',      'no-grant'],
  ['call_run',           'update', 'allowed',  'allowed',  'allowed',  'allowed',  'none',     'none',     'no-grant'],
  ['call_run',           'delete', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant'],
  ['checkoff',           'select', 'allowed',  'allowed',  'allowed',  'allowed',  'allowed',  'none',     'no-grant'],
  ['checkoff',           'insert', 'allowed',  'allowed',  'allowed',  'allowed',  'rls',      'rls',      'no-grant'],
  ['checkoff',           'update', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant'],
  ['checkoff',           'delete', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant'],
  ['alert',              'select', 'allowed',  'allowed',  'allowed',  'allowed',  'allowed',  'none',     'no-grant'],
  ['alert',              'insert', 'allowed',  'allowed',  'allowed',  'allowed',  'rls',      'rls',      'no-grant'],
  ['alert',              'update', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant'],
  ['alert',              'delete', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant'],
  // Rounds are written by the send-alert function (service_role) only.
  ['alert_round',        'select', 'allowed',  'allowed',  'allowed',  'allowed',  'allowed',  'none',     'no-grant'],
  ['alert_round',        'insert', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant'],
  ['alert_round',        'update', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant'],
  ['alert_round',        'delete', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant'],
  // Owners and comm_owners manage relays; the token column is never readable (so `set token = token` is refused).
  ['alert_relay',        'select', 'allowed',  'allowed',  'allowed',  'allowed',  'allowed',  'none',     'no-grant'],
  ['alert_relay',        'insert', 'allowed',  'allowed',  'rls',      'rls',      'rls',      'rls',      'no-grant'],
  ['alert_relay',        'update', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant'],
  ['alert_relay',        'delete', 'allowed',  'allowed',  'none',     'none',     'none',     'none',     'no-grant'],
  ['alert_ack',          'select', 'allowed',  'allowed',  'allowed',  'allowed',  'allowed',  'none',     'no-grant'],
  // Every member is alerted, so every member, viewers too, can acknowledge (their own ack only).
  ['alert_ack',          'insert', 'allowed',  'allowed',  'allowed',  'allowed',  'allowed',  'rls',      'no-grant'],
  ['alert_ack',          'update', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant'],
  ['alert_ack',          'delete', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant'],
  // A push subscription is its member's own: the responder holds A's only one.
  ['push_subscription',  'select', 'none',     'none',     'none',     'allowed',  'none',     'none',     'no-grant'],
  ['push_subscription',  'insert', 'allowed',  'allowed',  'allowed',  'allowed',  'allowed',  'rls',      'no-grant'],
  ['push_subscription',  'update', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant'],
  ['push_subscription',  'delete', 'none',     'none',     'none',     'allowed',  'none',     'none',     'no-grant'],
  // Connectors are written by save_connector only; owners and comm_owners may remove one.
  ['connector',          'select', 'allowed',  'allowed',  'allowed',  'allowed',  'allowed',  'none',     'no-grant'],
  ['connector',          'insert', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant'],
  ['connector',          'update', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant'],
  ['connector',          'delete', 'allowed',  'allowed',  'none',     'none',     'none',     'none',     'no-grant'],
  // A connector's webhook URL or API key: the dispatch function (service_role) only, never a phone.
  ['connector_secret',   'select', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant'],
  ['connector_secret',   'insert', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant'],
  ['connector_secret',   'update', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant'],
  ['connector_secret',   'delete', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant'],
  // Dispatches are recorded by the dispatch function only.
  ['connector_dispatch', 'select', 'allowed',  'allowed',  'allowed',  'allowed',  'allowed',  'none',     'no-grant'],
  ['connector_dispatch', 'insert', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant'],
  ['connector_dispatch', 'update', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant'],
  ['connector_dispatch', 'delete', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant'],
  // Uptime Kuma notifications: written by the uptime-kuma function (service_role) only, read by members.
  ['monitor_event',      'select', 'allowed',  'allowed',  'allowed',  'allowed',  'allowed',  'none',     'no-grant'],
  ['monitor_event',      'insert', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant'],
  ['monitor_event',      'update', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant'],
  ['monitor_event',      'delete', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant'],
  // The webhook secret's hash: the uptime-kuma function only; owners make one through rotate_monitor_webhook_secret.
  ['monitor_webhook_secret', 'select', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant'],
  ['monitor_webhook_secret', 'insert', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant'],
  ['monitor_webhook_secret', 'update', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant'],
  ['monitor_webhook_secret', 'delete', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant', 'no-grant'],
];

interface Statement {
  sql: string;
  params: unknown[];
}

const id = () => crypto.randomUUID();
const atA = { workspace_id: WS_A };
const atIncident = { workspace_id: WS_A, incident_id: INCIDENT };

/** A new row of each table in workspace A, as the actor would insert it. */
const newRow: Record<string, (actorId: string) => Promise<Record<string, unknown>> | Record<string, unknown>> = {
  workspace: () => ({ id: id(), name: 'Eastwind' }),
  member: () => ({ ...atA, user_id: NEWCOMER, role: 'viewer' }),
  incident: () => ({ ...atA, id: 'INC-2026-099', title: 'Second incident' }),
  channel_state: () => ({ ...atIncident, id: id(), channel: 'chat', state: 'compromised' }),
  contact: () => ({ ...atA, id: id(), name: 'Harbor Mutual', category: 'cyber_insurance' }),
  contact_method: () => ({ ...atA, id: id(), contact_id: rows.contact, channel: 'sms', value: '+1 555 0101' }),
  template: () => ({ ...atA, id: id(), kind: 'vendor_request', name: 'Vendor request' }),
  statement: () => ({ ...atIncident, id: id(), title: 'Partner notice' }),
  statement_approval: () => ({ ...atA, id: id(), statement_id: rows.statement, statement_version: 1 }),
  log_entry: async () => logEntryColumns(await phoneEntry()),
  decision: () => ({ ...atIncident, id: id(), decided_by: 'Dana', decision: 'Call the insurer', decided_at: '2026-03-02T10:00:00Z' }),
  obligation: () => ({ ...atIncident, id: id(), kind: 'regulator' }),
  call_tree: () => ({ ...atA, id: id(), name: 'Employees' }),
  call_run: () => ({ ...atIncident, id: id(), call_tree_id: rows.callTree }),
  checkoff: () => ({ ...atA, id: id(), call_run_id: rows.callRun, outcome: 'no_answer', called_at: '2026-03-02T09:40:00Z' }),
  alert: () => ({ ...atIncident, id: id(), message: 'Bridge moved' }),
  alert_ack: () => ({ ...atA, id: id(), alert_id: rows.alert }),
  alert_round: () => ({ ...atA, alert_id: rows.alert, round: 1, kind: 'repeat' }),
  alert_relay: () => ({ ...atA, kind: 'gotify', server_url: 'https://gotify.example', token: 'AbCdEf' }),
  push_subscription: (actorId) => ({ ...atA, id: id(), user_id: actorId, endpoint: 'https://push.example/new', p256dh: 'k', auth: 's' }),
  connector: () => ({ ...atA, id: id(), kind: 'rocketchat', name: 'Rocket' }),
  connector_secret: () => ({ ...atA, connector_id: rows.connector, secret: JSON.stringify({ webhook_url: 'https://chat.example/hooks/x' }) }),
  connector_dispatch: () => ({ ...atA, id: id(), connector_id: rows.connector, source: 'test', status: 'sent' }),
  monitor_event: () => ({ ...atA, id: id(), kind: 'test', dedup_key: `test:${id()}` }),
  monitor_webhook_secret: () => ({ ...atA, secret_hash: 'cd'.repeat(32) }),
};

/** Which existing row of A each update and delete targets (a row nothing else depends on). */
const target: Record<string, { where: string; params: unknown[]; column: string }> = {
  workspace: { where: 'id = $1', params: [WS_A], column: 'name' },
  member: { where: 'workspace_id = $1 and user_id = $2', params: [WS_A, users.viewer], column: 'display_name' },
  incident: { where: 'workspace_id = $1 and id = $2', params: [WS_A, INCIDENT], column: 'title' },
  channel_state: { where: 'id = $1', params: [rows.channelState], column: 'note' },
  contact: { where: 'id = $1', params: [rows.contact], column: 'name' },
  contact_method: { where: 'id = $1', params: [rows.contactMethod], column: 'label' },
  template: { where: 'id = $1', params: [rows.template], column: 'name' },
  statement: { where: 'id = $1', params: [rows.draftStatement], column: 'title' },
  statement_approval: { where: 'id = $1', params: [rows.approval], column: 'statement_version' },
  log_entry: { where: 'id = $1', params: [rows.logEntry], column: 'message_summary' },
  decision: { where: 'id = $1', params: [rows.decision], column: 'rationale' },
  obligation: { where: 'id = $1', params: [rows.obligation], column: 'counterparty' },
  call_tree: { where: 'id = $1', params: [rows.spareCallTree], column: 'name' },
  call_run: { where: 'id = $1', params: [rows.callRun], column: 'ended_at' },
  checkoff: { where: 'id = $1', params: [rows.checkoff], column: 'note' },
  alert: { where: 'id = $1', params: [rows.alert], column: 'message' },
  alert_ack: { where: 'id = $1', params: [rows.alertAck], column: 'acked_at' },
  alert_round: { where: 'alert_id = $1 and round = 0', params: [rows.alert], column: 'delivered' },
  alert_relay: { where: 'id = $1', params: [rows.alertRelay], column: 'token' },
  push_subscription: { where: 'id = $1', params: [rows.pushSubscription], column: 'endpoint' },
  connector: { where: 'id = $1', params: [rows.connector], column: 'name' },
  connector_secret: { where: 'connector_id = $1', params: [rows.connector], column: 'secret' },
  connector_dispatch: { where: 'id = $1', params: [rows.connectorDispatch], column: 'error' },
  monitor_event: { where: 'id = $1', params: [rows.monitorEvent], column: 'msg' },
  monitor_webhook_secret: { where: 'workspace_id = $1', params: [WS_A], column: 'rotated_at' },
};

async function statementFor(table: string, command: Command, actorId: string): Promise<Statement> {
  const { where, params, column } = target[table]!;
  switch (command) {
    case 'select':
      return {
        sql: `select count(*)::int as n from public.${table} where ${table === 'workspace' ? 'id' : 'workspace_id'} = $1`,
        params: [WS_A],
      };
    case 'insert': {
      const row = await newRow[table]!(actorId);
      const keys = Object.keys(row);
      return {
        sql: `insert into public.${table} (${keys.join(', ')}) values (${keys.map((_, i) => `$${i + 1}`).join(', ')})`,
        params: Object.values(row),
      };
    }
    case 'update':
      return { sql: `with t as (update public.${table} set ${column} = ${column} where ${where} returning 1) select count(*)::int as n from t`, params };
    case 'delete':
      return { sql: `with t as (delete from public.${table} where ${where} returning 1) select count(*)::int as n from t`, params };
  }
}

describe.each(backends)('row-level security on %s', (backend) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openTestDatabase(backend);
    await seedWorkspaces(db);
  }, 60_000);
  afterAll(() => db?.close());

  async function attempt(actor: Actor, table: string, command: Command): Promise<string> {
    const actorId = actor === 'anon' ? NEWCOMER : users[actor];
    const run = async (q: Query) => {
      const statement = await statementFor(table, command, actorId);
      const result = await q(statement.sql, statement.params);
      return command === 'insert' ? 1 : Number(result[0]?.n ?? 0);
    };
    try {
      // Every attempt is rolled back: each cell starts from the same fixture.
      const touched = actor === 'anon' ? await db.asAnon(run, { rollback: true }) : await db.asUser(actorId, run, { rollback: true });
      return touched > 0 ? 'allowed' : 'none';
    } catch (error) {
      const message = (error as Error).message;
      if (message === `new row violates row-level security policy for table "${table}"`) return 'rls';
      if (message === `permission denied for table ${table}`) return 'no-grant';
      return `unexpected error: ${message}`;
    }
  }

  it('lists every table in public exactly once per command', async () => {
    const tables = await db.query(`select tablename from pg_tables where schemaname = 'public' order by tablename`);
    const listed = [...new Set(MATRIX.map(([table]) => table))].sort();
    expect(listed).toEqual(tables.map((t) => t.tablename));
    for (const table of listed) expect(MATRIX.filter(([t]) => t === table).map(([, c]) => c)).toEqual(['select', 'insert', 'update', 'delete']);
  });

  it.each(MATRIX)('%s %s: owner %s, comm_owner %s, approver %s, responder %s, viewer %s, outsider %s, anon %s', async (table, command, ...expected) => {
    const actual: string[] = [];
    for (const actor of actors) actual.push(await attempt(actor, table, command));
    expect(Object.fromEntries(actors.map((a, i) => [a, actual[i]]))).toEqual(Object.fromEntries(actors.map((a, i) => [a, expected[i]])));
  });
});
