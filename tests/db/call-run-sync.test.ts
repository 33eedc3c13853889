import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallTree } from '../../src/domain/call-tree';
import type { CallRunChange, CheckoffChange } from '../../src/store/schema';
import { backends, openTestDatabase, type TestDatabase } from './database';
import { INCIDENT, WS_A, seedWorkspaces, users } from './fixtures';

type PushResult = { id: string; status: 'applied' | 'duplicate' | 'rejected'; reason?: string };

const TREE: CallTree = {
  id: 'tree-ransomware',
  workspace_id: WS_A,
  name: 'Ransomware: first hour',
  version: 3,
  nodes: [
    { id: 'ceo', parent_id: null, order: 1, contact_id: 'c-ceo', callers: ['Maria Lopez'], backup_contact_ids: [], wait_minutes: 10 },
    { id: 'insurer', parent_id: 'ceo', order: 1, contact_id: 'c-insurer', callers: ['Tom Becker', 'Sam Reed'], backup_contact_ids: ['c-broker'], wait_minutes: 5 },
  ],
};

/** What a phone queues (src/store/call-runs.ts): the row plus the outbox's ordering keys. */
function runChange(id: string): CallRunChange & { incident_id: string; local_seq: number } {
  return {
    id,
    workspace_id: WS_A,
    incident_id: INCIDENT,
    call_tree_id: TREE.id,
    tree_version: TREE.version,
    tree: TREE,
    contacts: { 'c-ceo': { name: 'Dana Whitfield', methods: [{ id: 'm-1', channel: 'phone', label: 'mobile', value: '+49 170 5550101', available_24x7: true }] } },
    started_at: '2026-03-02T10:00:00.000Z',
    started_by_name: 'Maria Lopez',
    local_seq: 0,
  };
}

function checkoffChange(id: string, runId: string, fields: Partial<CheckoffChange> = {}): CheckoffChange & { incident_id: string; local_seq: number } {
  return {
    id,
    workspace_id: WS_A,
    call_run_id: runId,
    node_id: 'ceo',
    caller: 'Maria Lopez',
    contact_id: 'c-ceo',
    method: 'Phone (mobile)',
    outcome: 'no_answer',
    note: '',
    called_at: '2026-03-02T10:02:00.000Z',
    incident_id: INCIDENT,
    local_seq: 0,
    ...fields,
  };
}

const change = (table: string, payload: { id: string; workspace_id: string }) => ({ id: payload.id, workspace_id: payload.workspace_id, table, op: 'insert', payload });

describe.each(backends)('call-tree runs through sync on %s', (backend) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(backend);
    await seedWorkspaces(db);
  }, 60_000);
  afterAll(() => db?.close());

  async function push(userId: string, changes: unknown[]): Promise<PushResult[]> {
    const [row] = await db.asUser(userId, (q) => q('select public.sync_push($1::jsonb) as results', [JSON.stringify(changes)]));
    return row?.results as PushResult[];
  }
  async function pull(userId: string): Promise<{ runs: Record<string, unknown>[]; checkoffs: Record<string, unknown>[] }> {
    const [row] = await db.asUser(userId, (q) => q('select public.call_runs_pull($1, $2) as pulled', [WS_A, INCIDENT]));
    return row?.pulled as { runs: Record<string, unknown>[]; checkoffs: Record<string, unknown>[] };
  }

  const runId = crypto.randomUUID();
  const first = crypto.randomUUID();
  const second = crypto.randomUUID();

  it('takes a run started offline (its tree never reached the server) and its checkoffs from two members, once', async () => {
    const batch = [change('call_run', runChange(runId)), change('checkoff', checkoffChange(first, runId))];
    expect(await push(users.responder, batch)).toEqual([
      { id: runId, status: 'applied' },
      { id: first, status: 'applied' },
    ]);
    expect(await push(users.responder, batch)).toEqual([
      { id: runId, status: 'duplicate' },
      { id: first, status: 'duplicate' },
    ]);
    const reached = checkoffChange(second, runId, { node_id: 'ceo', caller: 'Tom Becker', outcome: 'reached', note: 'Joining the bridge', called_at: '2026-03-02T10:04:00.000Z' });
    expect(await push(users.approver, [change('checkoff', reached)])).toEqual([{ id: second, status: 'applied' }]);
  });

  it('gives every member the run with its tree and contacts, and the checkoffs in the phone’s shape, in time order', async () => {
    const pulled = await pull(users.viewer);
    const run = pulled.runs.find((each) => each['id'] === runId);
    expect(run).toMatchObject({ workspace_id: WS_A, incident_id: INCIDENT, tree_id: TREE.id, tree_version: 3, tree: TREE, started_by: 'Maria Lopez' });
    expect(run?.['contacts']).toEqual(runChange(runId).contacts);
    expect(Date.parse(String(run?.['started_at']))).toBe(Date.parse('2026-03-02T10:00:00.000Z'));
    const mine = pulled.checkoffs.filter((each) => each['run_id'] === runId);
    expect(mine.map((each) => [each['id'], each['caller'], each['outcome'], each['node_id'], each['contact_id'], each['method']])).toEqual([
      [first, 'Maria Lopez', 'no_answer', 'ceo', 'c-ceo', 'Phone (mobile)'],
      [second, 'Tom Becker', 'reached', 'ceo', 'c-ceo', 'Phone (mobile)'],
    ]);
    expect(Date.parse(String(mine[1]?.['at']))).toBe(Date.parse('2026-03-02T10:04:00.000Z'));
    expect(mine[1]?.['note']).toBe('Joining the bridge');
  });

  it('shows a member of another company nothing, and refuses their checkoffs and viewers’ with a reason', async () => {
    expect(await pull(users.outsider)).toEqual({ runs: [], checkoffs: [] });
    const intruder = crypto.randomUUID();
    const [refused] = await push(users.outsider, [change('checkoff', checkoffChange(intruder, runId))]);
    expect(refused).toMatchObject({ id: intruder, status: 'rejected', reason: 'not a member of this workspace' });
    const viewed = crypto.randomUUID();
    const [byViewer] = await push(users.viewer, [change('call_run', runChange(viewed))]);
    expect(byViewer).toMatchObject({ status: 'rejected', reason: 'viewers cannot add call-tree runs' });
  });

  it('refuses a checkoff for a run the server does not have, and an over-long note, keeping the rest of the batch', async () => {
    const orphan = crypto.randomUUID();
    const long = crypto.randomUUID();
    const fine = crypto.randomUUID();
    const results = await push(users.responder, [
      change('checkoff', checkoffChange(orphan, crypto.randomUUID())),
      change('checkoff', checkoffChange(long, runId, { note: 'x'.repeat(2001) })),
      change('checkoff', checkoffChange(fine, runId, { outcome: 'voicemail' })),
    ]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'applied']);
    expect(results[1]?.reason).toContain('checkoff_note_length');
  });
});
