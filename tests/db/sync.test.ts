import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealEntry } from '../../src/domain/hash-chain';
import type { LogEntry } from '../../src/domain/log-entry';
import type { OutboxRow } from '../../src/store/schema';
import { backends, jwtClaims, openTestDatabase, type Query, type Session, type TestDatabase } from './database';
import { NEWCOMER, WS_A, WS_B, phoneEntry, seedWorkspaces, users } from './fixtures';

type PushResult = { id: string; status: 'applied' | 'duplicate' | 'rejected'; reason?: string };
type Pulled = { changes: { table: string; cursor: number; row: LogEntry & { seq: number } }[]; next_cursor: number; has_more: boolean };

/** The outbox row the phone queues for an entry (src/store/log-repository.ts). */
function outboxRow(entry: LogEntry): OutboxRow {
  return {
    id: entry.id,
    workspace_id: entry.workspace_id,
    table: 'log_entry',
    op: 'insert',
    payload: entry,
    created_at: entry.device_recorded_at,
    attempts: 0,
    last_error: null,
  };
}

const pushSql = 'select public.sync_push($1::jsonb) as results';
const pullSql = 'select public.sync_pull($1, $2) as page';

describe.each(backends)('sync_push and sync_pull on %s', (backend) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(backend);
    await seedWorkspaces(db);
  }, 60_000);
  afterAll(() => db?.close());

  async function push(userId: string, rows: unknown[]): Promise<PushResult[]> {
    const [row] = await db.asUser(userId, (q) => q(pushSql, [JSON.stringify(rows)]));
    return row?.results as PushResult[];
  }
  async function pull(userId: string, cursor: number, pageSize: number): Promise<Pulled> {
    const [row] = await db.asUser(userId, (q) => q(pullSql, [cursor, pageSize]));
    return row?.page as Pulled;
  }
  async function pullAll(userId: string, cursor = 0, pageSize = 2) {
    const ids: string[] = [];
    let page: Pulled;
    let pages = 0;
    do {
      page = await pull(userId, cursor, pageSize);
      ids.push(...page.changes.map((change) => change.row.id));
      cursor = page.next_cursor;
      pages += 1;
    } while (page.has_more);
    return { ids, cursor, pages };
  }
  const logCount = async () => Number((await db.query('select count(*)::int as n from public.log_entry'))[0]?.n);

  it('applies a batch, and a replay answers duplicate for every change and changes nothing', async () => {
    const entries = [await phoneEntry(), await phoneEntry(), await phoneEntry()];
    const batch = entries.map(outboxRow);
    expect(await push(users.responder, batch)).toEqual(entries.map((e) => ({ id: e.id, status: 'applied' })));
    const before = await db.query('select id, seq::text, chain_hash from public.log_entry order by seq');
    expect(await push(users.responder, batch)).toEqual(entries.map((e) => ({ id: e.id, status: 'duplicate' })));
    expect(await db.query('select id, seq::text, chain_hash from public.log_entry order by seq')).toEqual(before);
  });

  it('stores a batch in its order, and answers a half-replayed batch change by change', async () => {
    const sent = [await phoneEntry(), await phoneEntry()];
    await push(users.responder, sent.map(outboxRow));
    const fresh = [await phoneEntry(), await phoneEntry(), await phoneEntry()];
    // The answer to the first push was lost; the phone sends those again with newer entries.
    const batch = [...sent, ...fresh].map(outboxRow);

    expect(await push(users.responder, batch)).toEqual([
      ...sent.map((e) => ({ id: e.id, status: 'duplicate' })),
      ...fresh.map((e) => ({ id: e.id, status: 'applied' })),
    ]);
    const stored = await db.query('select id from public.log_entry where id = any($1::uuid[]) order by seq', [[...sent, ...fresh].map((e) => e.id)]);
    expect(stored.map((row) => row.id)).toEqual([...sent, ...fresh].map((e) => e.id));
  });

  it('applies the good changes of a batch around poisoned ones, with reasons a responder can read', async () => {
    const good1 = await phoneEntry();
    const tampered = { ...(await phoneEntry()), message_summary: 'edited after saving' };
    const elsewhere = await phoneEntry({ workspace_id: WS_B });
    const good2 = await phoneEntry();
    const before = await logCount();
    const results = await push(users.responder, [
      outboxRow(good1),
      outboxRow(tampered),
      outboxRow(elsewhere),
      { id: crypto.randomUUID(), table: 'member', op: 'insert', payload: {} },
      { id: 'not-a-change' },
      outboxRow(good2),
    ]);
    expect(results).toEqual([
      { id: good1.id, status: 'applied' },
      { id: tampered.id, status: 'rejected', reason: 'content hash does not match the fields' },
      { id: elsewhere.id, status: 'rejected', reason: 'not a member of this workspace' },
      { id: expect.any(String), status: 'rejected', reason: 'this server does not accept changes to "member" yet' },
      { id: 'not-a-change', status: 'rejected', reason: 'malformed change: it needs an id and a payload object' },
      { id: good2.id, status: 'applied' },
    ]);
    expect(await logCount()).toBe(before + 2);
  });

  it('tells a viewer they cannot add log entries', async () => {
    const entry = await phoneEntry();
    expect(await push(users.viewer, [outboxRow(entry)])).toEqual([
      { id: entry.id, status: 'rejected', reason: 'viewers cannot add log entries' },
    ]);
  });

  it('explains an entry for an incident the server does not have, and one correcting an entry it does not have', async () => {
    const unknownIncident = await phoneEntry({ incident_id: 'INC-2026-999' });
    const missing = await phoneEntry();
    const correction = await phoneEntry();
    // Sealed by the phone's own code with `corrects` set, so only the missing original is wrong.
    const sealedOrphan = await sealEntry(correction, { ...correction, corrects: missing.id }, null);
    expect(await push(users.responder, [outboxRow(unknownIncident), outboxRow(sealedOrphan)])).toEqual([
      { id: unknownIncident.id, status: 'rejected', reason: 'the incident is not on the server; an owner or communication owner must open it first, then send again' },
      { id: sealedOrphan.id, status: 'rejected', reason: 'it corrects an entry the server does not have; send that entry first' },
    ]);
  });

  it('answers duplicate to a member removed after their push was stored, and refuses what they send new', async () => {
    await db.query(`insert into public.member (workspace_id, user_id, role) values ($1, $2, 'responder')`, [WS_A, NEWCOMER]);
    const stored = await phoneEntry({ author: 'Newcomer' });
    expect(await push(NEWCOMER, [outboxRow(stored)])).toEqual([{ id: stored.id, status: 'applied' }]);
    await db.query('delete from public.member where workspace_id = $1 and user_id = $2', [WS_A, NEWCOMER]);

    // The first answer was lost; the phone sends it again with an entry made since.
    const later = await phoneEntry({ author: 'Newcomer' });
    expect(await push(NEWCOMER, [outboxRow(stored), outboxRow(later)])).toEqual([
      { id: stored.id, status: 'duplicate' },
      { id: later.id, status: 'rejected', reason: 'not a member of this workspace' },
    ]);
    // Someone else's entry is not theirs to call a duplicate.
    const othersEntry = await phoneEntry();
    await push(users.responder, [outboxRow(othersEntry)]);
    expect(await push(NEWCOMER, [outboxRow(othersEntry)])).toEqual([{ id: othersEntry.id, status: 'rejected', reason: 'not a member of this workspace' }]);
  });

  it('rejects a replay of a known id with different content instead of calling it a duplicate', async () => {
    const entry = await phoneEntry();
    await push(users.responder, [outboxRow(entry)]);
    const other = await phoneEntry({ id: entry.id, message_summary: 'A different entry with the same id' });
    expect(await push(users.responder, [outboxRow(other)])).toEqual([
      { id: entry.id, status: 'rejected', reason: 'an entry with this id is already stored with different content' },
    ]);
  });

  it('pages by cursor through exactly the entries of the caller\'s workspace, in server order', async () => {
    await push(users.outsider, [outboxRow(await phoneEntry({ workspace_id: WS_B })), outboxRow(await phoneEntry({ workspace_id: WS_B }))]);
    const inA = (await db.query('select id from public.log_entry where workspace_id = $1 order by pull_pos', [WS_A])).map((r) => r.id);
    const inB = (await db.query('select id from public.log_entry where workspace_id = $1 order by pull_pos', [WS_B])).map((r) => r.id);
    const responder = await pullAll(users.responder);
    expect(responder.ids).toEqual(inA);
    expect(responder.pages).toBeGreaterThan(2);
    const outsider = await pullAll(users.outsider);
    expect(outsider.ids).toEqual(inB);

    // From the last cursor, only what was pushed since.
    const next = await phoneEntry();
    await push(users.responder, [outboxRow(next)]);
    expect((await pullAll(users.responder, responder.cursor)).ids).toEqual([next.id]);
  });

  it('hands back entries the phone can recheck: its own time strings and content hash', async () => {
    const entry = await phoneEntry();
    const before = await pullAll(users.responder);
    await push(users.responder, [outboxRow(entry)]);
    const page = await pull(users.responder, before.cursor, 10);
    const row = page.changes[0]?.row;
    expect(row).toMatchObject({
      id: entry.id,
      occurred_at: entry.occurred_at,
      device_recorded_at: entry.device_recorded_at,
      deadline: entry.deadline,
      content_hash: entry.content_hash,
      recorded_by: users.responder,
    });
  });

  it('caps a page at 1000 rows and refuses anon', async () => {
    expect((await pull(users.responder, 0, 1_000_000)).changes.length).toBeLessThanOrEqual(1000);
    await expect(db.asAnon((q) => q(pullSql, [0, 10]))).rejects.toThrow('permission denied for function sync_pull');
    await expect(db.asAnon((q) => q(pushSql, ['[]']))).rejects.toThrow('permission denied for function sync_push');
  });

  describe.skipIf(backend === 'pglite')('with two phones pushing at once (needs two connections; PGlite has one)', () => {
    async function begin(session: Session, userId: string): Promise<Query> {
      await session.query('begin');
      await session.query(`select set_config('request.jwt.claims', $1, true)`, [jwtClaims(userId)]);
      await session.query('set local role authenticated');
      return session.query;
    }

    it('never lets the cursor pass an entry whose push commits late', async () => {
      await db.query(`insert into public.incident (workspace_id, id) values ($1, 'INC-2026-020') on conflict do nothing`, [WS_A]);
      const start = (await pullAll(users.viewer)).cursor;
      const phoneA = await db.connect();
      const phoneB = await db.connect();
      try {
        const slow = await phoneEntry({ message_summary: 'Pushed first, committed last' });
        const fast = await phoneEntry({ incident_id: 'INC-2026-020', message_summary: 'Pushed second, committed first' });
        const a = await begin(phoneA, users.responder);
        await a(pushSql, [JSON.stringify([outboxRow(slow)])]);
        const b = await begin(phoneB, users.comm_owner);
        await b(pushSql, [JSON.stringify([outboxRow(fast)])]);
        await b('commit');

        // The dangerous order: B's committed entry has the higher seq, A's lower seq is not visible yet.
        const committed = await db.query('select seq::int as seq from public.log_entry where id = $1', [fast.id]);
        const pending = await a('select seq::int as seq from public.log_entry where id = $1', [slow.id]);
        expect(Number(pending[0]?.seq)).toBeLessThan(Number(committed[0]?.seq));

        const during = await pull(users.viewer, start, 100);
        expect(during.changes).toEqual([]);
        expect(during.next_cursor).toBe(start);

        await a('commit');
        const after = await pullAll(users.viewer, during.next_cursor, 100);
        expect(after.ids).toEqual([slow.id, fast.id]);
      } finally {
        await phoneA.close();
        await phoneB.close();
      }
    });

    it('chains two phones writing the same incident at once, one after the other', async () => {
      await db.query(`insert into public.incident (workspace_id, id) values ($1, 'INC-2026-021') on conflict do nothing`, [WS_A]);
      const phoneA = await db.connect();
      const phoneB = await db.connect();
      try {
        const first = await phoneEntry({ incident_id: 'INC-2026-021' });
        const second = await phoneEntry({ incident_id: 'INC-2026-021' });
        const a = await begin(phoneA, users.responder);
        await a(pushSql, [JSON.stringify([outboxRow(first)])]);
        const b = await begin(phoneB, users.approver);
        const waiting = b(pushSql, [JSON.stringify([outboxRow(second)])]); // blocks on the incident's lock
        await new Promise((resolve) => setTimeout(resolve, 100));
        await a('commit');
        const [results] = await waiting;
        expect(results?.results).toEqual([{ id: second.id, status: 'applied' }]);
        await b('commit');
        const [row] = await db.asUser(users.viewer, (q) => q('select public.verify_incident_chain($1, $2) as verdict', [WS_A, 'INC-2026-021']));
        expect(row?.verdict).toEqual({ intact: true, checked: 2 });
      } finally {
        await phoneA.close();
        await phoneB.close();
      }
    });
  });

  it.skipIf(backend !== 'pglite')('skips the two-phone interleaving tests on PGlite: it has one connection, so no push can be in flight during a pull', () => {
    expect(backend).toBe('pglite');
  });
});

