import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../src/domain/log-entry';
import { appendLogEntry } from '../../src/store/log-repository';
import type { MusterDatabase } from '../../src/store/open-database';
import { outboxSummary } from '../../src/store/outbox';
import { applyPulledPage, listPulledPage, readSyncState } from '../../src/store/pulled-log';
import type { OutboxRow, PulledLogEntry } from '../../src/store/schema';
import { backoffDelay } from '../../src/sync/protocol';
import { createSyncEngine, type SyncLocks } from '../../src/sync/sync-engine';
import { SyncTransportError, type SyncTransport } from '../../src/sync/transport';
import { INCIDENT, WORKSPACE, quickFields } from './log-entry-fixtures';
import { memorySyncServer, type MemorySyncServer } from './memory-sync-server';
import { openTestDatabase } from './test-database';

let db: MusterDatabase;
let server: MemorySyncServer;

beforeEach(async () => {
  db = await openTestDatabase();
  server = memorySyncServer();
});
afterEach(() => db.close());

async function logEntries(count: number): Promise<LogEntry[]> {
  const entries: LogEntry[] = [];
  for (let n = 1; n <= count; n += 1)
    entries.push(await appendLogEntry(db, quickFields({ message_summary: `Update ${n}` }), { workspace_id: WORKSPACE, author: 'Tom Becker', corrects: null }));
  return entries;
}

function engineWith(transport: SyncTransport, locks: SyncLocks | null = null) {
  return createSyncEngine({ db, transport, workspaceId: WORKSPACE, now: () => new Date('2026-03-02T10:00:00.000Z'), random: () => 0.5, sleep: async () => undefined, locks, pageSize: 2 });
}

/** A transport that fails every call with `failure` until `healed` is set. */
function failing(failure: SyncTransportError, options: { refreshes?: boolean } = {}) {
  const calls = { push: 0, refresh: 0 };
  const transport: SyncTransport = {
    async push() {
      calls.push += 1;
      throw failure;
    },
    pull: (cursor, size) => server.pull(cursor, size),
    async refreshSession() {
      calls.refresh += 1;
      return options.refreshes ?? true;
    },
  };
  return { transport, calls };
}

describe('one tab syncs at a time', () => {
  it('answers busy and sends nothing while another tab holds the sync lock', async () => {
    await logEntries(2);
    const heldElsewhere: SyncLocks = { request: (_name, _options, callback) => callback(null) };

    const report = await engineWith(server, heldElsewhere).runOnce();

    expect(report).toEqual({ reason: 'busy', pushed: 0, duplicates: 0, parked: 0, pulled: 0 });
    expect(server.pushCalls).toBe(0);
    expect(await outboxSummary(db)).toMatchObject({ waiting: 2 });
  });

  it('takes the lock named muster-sync without waiting for it', async () => {
    await logEntries(1);
    const asked: unknown[] = [];
    const free: SyncLocks = { request: (name, options, callback) => (asked.push([name, options]), callback({ name })) };

    expect(await engineWith(server, free).runOnce()).toMatchObject({ reason: 'ok', pushed: 1 });
    expect(asked).toEqual([['muster-sync', { ifAvailable: true }]]);
  });

  it('answers busy to a second run started in the same tab while the first is on its way', async () => {
    await logEntries(3);
    const engine = engineWith(server);

    const [first, second] = await Promise.all([engine.runOnce(), engine.runOnce()]);

    expect(first).toMatchObject({ reason: 'ok', pushed: 3 });
    expect(second.reason).toBe('busy');
    expect(server.stored).toHaveLength(3);
  });
});

describe('when the network or the server fails', () => {
  it('keeps every change queued, counts the attempt and says when to try again, waiting longer each time', async () => {
    await logEntries(2);
    const offline = failing(new SyncTransportError({ status: null }, 'No answer from the Muster backend (offline or unreachable).'));
    const engine = engineWith(offline.transport);

    const first = await engine.runOnce();
    const second = await engine.runOnce();

    expect(first).toEqual({ reason: 'network', message: 'No answer from the Muster backend (offline or unreachable).', nextRetryInMs: backoffDelay(1, 0.5), pushed: 0, duplicates: 0, parked: 0, pulled: 0 });
    expect(second).toMatchObject({ reason: 'network', nextRetryInMs: backoffDelay(2, 0.5) });
    expect(backoffDelay(2, 0.5)).toBeGreaterThan(backoffDelay(1, 0.5));
    expect(await outboxSummary(db)).toMatchObject({ waiting: 2, rejected: 0 });
    expect((await oldestRows()).map((row) => [row.attempts, row.last_error])).toEqual([
      [2, 'No answer from the Muster backend (offline or unreachable).'],
      [2, 'No answer from the Muster backend (offline or unreachable).'],
    ]);
    expect((await readSyncState(db, WORKSPACE)).last_error).toBe('No answer from the Muster backend (offline or unreachable).');
  });

  it('stops with auth and discards nothing when the session cannot be renewed', async () => {
    await logEntries(2);
    const expired = failing(new SyncTransportError({ status: 401, code: 'PGRST303' }, 'JWT expired'), { refreshes: false });

    const report = await engineWith(expired.transport).runOnce();

    expect(report).toMatchObject({ reason: 'auth', pushed: 0, parked: 0 });
    expect(report.reason === 'auth' && report.message).toMatch(/sign in again/);
    expect(expired.calls).toEqual({ push: 1, refresh: 1 });
    expect(await outboxSummary(db)).toMatchObject({ waiting: 2, rejected: 0 });
    expect((await oldestRows()).map((row) => row.attempts)).toEqual([0, 0]);
  });

  it('renews the session once and stops with auth if the server still says 401', async () => {
    await logEntries(1);
    const stillExpired = failing(new SyncTransportError({ status: 401 }, 'JWT expired'), { refreshes: true });

    expect(await engineWith(stillExpired.transport).runOnce()).toMatchObject({ reason: 'auth' });
    expect(stillExpired.calls).toEqual({ push: 2, refresh: 1 });
    expect(await outboxSummary(db)).toMatchObject({ waiting: 1, rejected: 0 });
  });

  it("parks every change of a batch the server definitely refused, with the server's words, and keeps them", async () => {
    const entries = await logEntries(2);
    const forbidden = failing(new SyncTransportError({ status: 403, code: '42501' }, 'permission denied for function sync_push'));

    const report = await engineWith(forbidden.transport).runOnce();

    expect(report).toEqual({ reason: 'ok', pushed: 0, duplicates: 0, parked: 2, pulled: 0 });
    for (const entry of entries) expect((await db.get('rejected', entry.id))?.reason).toBe('permission denied for function sync_push');
    expect(await outboxSummary(db)).toMatchObject({ waiting: 0, rejected: 2 });
  });

  it('keeps a change the server did not answer for, and sends it on the next run', async () => {
    const [answered, forgotten] = (await logEntries(2)) as [LogEntry, LogEntry];
    const forgetful: SyncTransport = { ...server, push: async (changes) => (await server.push(changes)).filter((result) => result.id !== forgotten.id) };

    const report = await engineWith(forgetful).runOnce();

    expect(report).toMatchObject({ reason: 'server', pushed: 1 });
    expect(await db.get('outbox', answered.id)).toBeUndefined();
    expect(await db.get('outbox', forgotten.id)).toMatchObject({ attempts: 1 });
    expect(await engineWith(server).runOnce()).toMatchObject({ reason: 'ok', pushed: 0, duplicates: 1 });
  });
});

describe('pulling', () => {
  it('reads the feed to its end page by page and stores each entry once, even when a page comes twice', async () => {
    const entries = await logEntries(5);
    expect(await engineWith(server).runOnce()).toMatchObject({ reason: 'ok', pushed: 5, pulled: 5 });
    const fresh = await openTestDatabase();
    try {
      await applyPulledPage(fresh, WORKSPACE, { entries: server.stored.slice(0, 2), nextCursor: 2 }, new Date());
      await applyPulledPage(fresh, WORKSPACE, { entries: server.stored.slice(0, 2), nextCursor: 2 }, new Date());
      const listed = await listPulledPage(fresh, WORKSPACE, INCIDENT, { limit: 10 });
      expect(listed.entries.map((entry) => entry.seq)).toEqual([2, 1]);
    } finally {
      fresh.close();
    }
    const pages = await listPulledPage(db, WORKSPACE, INCIDENT, { limit: 3 });
    expect(pages.entries.map((entry) => entry.id)).toEqual(entries.slice(2).reverse().map((entry) => entry.id));
    const older = await listPulledPage(db, WORKSPACE, INCIDENT, { limit: 3, beforeSeq: pages.nextBeforeSeq });
    expect(older).toEqual({ entries: [server.stored[1], server.stored[0]], nextBeforeSeq: null });
    expect((await readSyncState(db, WORKSPACE)).cursor).toBe(5);
  });

  it('rolls the whole page back and keeps the cursor when one row cannot be stored', async () => {
    const [good] = (await logEntries(1)) as [LogEntry];
    await server.push([{ id: good.id, table: 'log_entry', op: 'insert', payload: good }]);
    const poisoned = { ...(server.stored[0] as PulledLogEntry), id: undefined } as unknown as PulledLogEntry;
    const entries = [{ ...(server.stored[0] as PulledLogEntry), id: crypto.randomUUID() }, poisoned];

    await expect(applyPulledPage(db, WORKSPACE, { entries, nextCursor: 9 }, new Date())).rejects.toMatchObject({ name: 'StoreError' });

    expect(await db.count('pulled')).toBe(0);
    expect(await readSyncState(db, WORKSPACE)).toMatchObject({ cursor: 0, last_pull_at: null });
  });

  it("leaves other workspaces' entries and tables it cannot read to their own sync, and keeps the feed moving", async () => {
    const [entry] = (await logEntries(1)) as [LogEntry];
    await server.push([{ id: entry.id, table: 'log_entry', op: 'insert', payload: entry }]);
    const ours = server.stored[0] as PulledLogEntry;
    const mixed: SyncTransport = {
      ...server,
      pull: async (cursor) =>
        cursor > 0
          ? { changes: [], next_cursor: cursor, has_more: false }
          : {
              changes: [
                { table: 'unreadable', serverTable: 'statement_v2', cursor: 1 },
                { table: 'log_entry', cursor: 2, row: { ...ours, id: crypto.randomUUID(), workspace_id: 'another-company' } },
                { table: 'log_entry', cursor: 3, row: ours },
              ],
              next_cursor: 3,
              has_more: true,
            },
    };

    const report = await engineWith(mixed).runOnce();

    // duplicates: the entry was handed to the server above, behind the outbox's back.
    expect(report).toEqual({ reason: 'ok', pushed: 0, duplicates: 1, parked: 0, pulled: 1 });
    expect(await db.getAll('pulled')).toEqual([ours]);
    expect((await readSyncState(db, WORKSPACE)).cursor).toBe(3);
  });

  it('stops instead of looping when the server says more waits but its cursor does not move', async () => {
    const stuck: SyncTransport = { ...server, pull: async (cursor) => ({ changes: [], next_cursor: cursor, has_more: true }) };

    expect(await engineWith(stuck).runOnce()).toMatchObject({ reason: 'server', pulled: 0 });
  });
});

async function oldestRows(): Promise<OutboxRow[]> {
  return db.getAllFromIndex('outbox', 'by-created');
}
