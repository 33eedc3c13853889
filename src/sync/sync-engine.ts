/**
 * The sync engine (DESIGN "Sync contract"): one run pushes the outbox, oldest first, then
 * pulls the team's entries page by page. The rules are protocol.ts's; this file wires them
 * to the store and a transport, both injected with the clock and randomness, so tests run
 * the same code against an in-memory server or the real backend. No timers or listeners
 * here: whoever calls runOnce decides when (start, online, visibilitychange, timer) and
 * checks the safe-channel gate first.
 */
import type { MusterDatabase } from '../store/open-database';
import { oldestWaiting, settleOutbox, type ChangeOutcome } from '../store/outbox';
import { applyPulledPage, readSyncState, recordSyncRun } from '../store/pulled-log';
import type { OutboxRow, SyncState } from '../store/schema';
import { backoffDelay, classifyFailure, DEFAULT_BATCH, nextBatch, outcomesOf, type BatchLimits, type ChangeResult } from './protocol';
import { SyncTransportError, withRenewedSession, type OutboxChange, type PullPage, type SyncTransport } from './transport';

export const SYNC_LOCK = 'muster-sync';
// 100 rows a page keeps a pull under 10 ms at 1M rows (bench:db); 1000 rows take about 50 ms.
export const DEFAULT_PULL_PAGE = 100;

/** What a user sees of a run: how many changes reached the server, came back, or were refused. */
export interface SyncCounts {
  /** Changes the server stored in this run. */
  pushed: number;
  /** Changes the server already had (an earlier answer was lost): stored once, not twice. */
  duplicates: number;
  /** Changes the server refused, moved to `rejected` with the reason, kept on the phone. */
  parked: number;
  /** Team entries written to `pulled`. */
  pulled: number;
}

/**
 * ok: everything waiting was answered and the feed read to the end. busy: another tab (or
 * another call in this tab) is syncing. network / server: stopped early, try again after
 * nextRetryInMs. auth: the session could not be renewed; the user must sign in again.
 * Whatever the reason, nothing waiting was discarded.
 */
export type SyncReport = SyncCounts & ({ reason: 'ok' } | { reason: 'busy' } | Stop);

/** Why a run ended early. */
type Stop = { reason: 'network' | 'server'; message: string; nextRetryInMs: number } | { reason: 'auth'; message: string };

/** The part of the Web Locks API the engine uses (navigator.locks satisfies it). */
export interface SyncLocks {
  request<T>(name: string, options: { ifAvailable: true }, callback: (lock: unknown) => Promise<T>): Promise<T>;
}

export interface SyncEngineOptions {
  db: MusterDatabase;
  transport: SyncTransport;
  workspaceId: string;
  now: () => Date;
  /** In [0, 1): the jitter of the backoff. */
  random: () => number;
  /** For the trigger loop that waits nextRetryInMs; runOnce itself never waits. */
  sleep: (ms: number) => Promise<void>;
  /** undefined: navigator.locks where the browser has it; null: this tab only. */
  locks?: SyncLocks | null;
  batch?: BatchLimits;
  pageSize?: number;
}

export interface SyncEngine {
  runOnce(): Promise<SyncReport>;
}

/** The session ran out and could not be renewed: stop, keep everything, ask for sign-in. */
class SessionExpired extends Error {}

const SIGN_IN_AGAIN = 'Signed out of the Muster backend: sign in again to sync. Everything waiting stays on this phone.';

const encoder = new TextEncoder();
const sizeOf = (row: OutboxRow) => encoder.encode(JSON.stringify(toChange(row))).length;

function toChange(row: OutboxRow): OutboxChange {
  return { id: row.id, table: row.table, op: row.op, payload: row.payload } as OutboxChange;
}

function defaultLocks(): SyncLocks | null {
  return typeof navigator !== 'undefined' && navigator.locks ? (navigator.locks as unknown as SyncLocks) : null;
}

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { db, transport, workspaceId, now, random } = options;
  const batchLimits = options.batch ?? DEFAULT_BATCH;
  const pageSize = options.pageSize ?? DEFAULT_PULL_PAGE;
  const locks = options.locks === undefined ? defaultLocks() : options.locks;
  let running = false;
  let pullFailures = 0;

  /** Calls the server; on 401 renews the session once and calls again; still 401: sign in again. */
  async function withSession<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await withRenewedSession(() => transport.refreshSession(), call);
    } catch (error) {
      if (error instanceof SyncTransportError && classifyFailure(error.failure) === 'refresh-session') throw new SessionExpired(SIGN_IN_AGAIN);
      throw error;
    }
  }

  function retryLater(error: SyncTransportError, attempts: number): Stop {
    return { reason: error.failure.status === null ? 'network' : 'server', message: error.message, nextRetryInMs: backoffDelay(attempts, random()) };
  }

  function tally(counts: SyncCounts, outcomes: readonly ChangeOutcome[], results: readonly ChangeResult[]): void {
    const statusOf = new Map(results.map((result) => [result.id, result.status]));
    for (const outcome of outcomes) {
      if (outcome.action === 'park') counts.parked += 1;
      else if (outcome.action === 'done' && statusOf.get(outcome.id) === 'duplicate') counts.duplicates += 1;
      else if (outcome.action === 'done') counts.pushed += 1;
    }
  }

  /** Pushes batch after batch until the outbox is empty, or returns why it stopped. */
  async function pushOutbox(counts: SyncCounts): Promise<Stop | null> {
    for (;;) {
      const batch = nextBatch(await oldestWaiting(db, batchLimits.maxChanges), sizeOf, batchLimits);
      if (batch.length === 0) return null;
      let results: ChangeResult[];
      try {
        results = await withSession(() => transport.push(batch.map(toChange)));
      } catch (error) {
        if (error instanceof SessionExpired) return { reason: 'auth', message: error.message };
        if (!(error instanceof SyncTransportError)) throw error;
        if (classifyFailure(error.failure) === 'park-batch') {
          // A definite refusal of the whole request: each change is kept in `rejected` with the reason.
          await settleOutbox(db, batch.map((row) => ({ id: row.id, action: 'park', reason: error.message })), now());
          counts.parked += batch.length;
          continue;
        }
        await settleOutbox(db, batch.map((row) => ({ id: row.id, action: 'retry', reason: error.message })), now());
        return retryLater(error, Math.max(...batch.map((row) => row.attempts + 1)));
      }
      const outcomes = outcomesOf(batch.map((row) => row.id), results);
      await settleOutbox(db, outcomes, now());
      tally(counts, outcomes, results);
      const unanswered = outcomes.filter((outcome) => outcome.action === 'retry').length;
      if (unanswered > 0) {
        // Sending them again at once would loop; they stay queued for the next run.
        const attempts = Math.max(...batch.map((row) => row.attempts + 1));
        const message = `The server did not answer for ${unanswered} change(s); they stay queued and are sent again.`;
        return { reason: 'server', message, nextRetryInMs: backoffDelay(attempts, random()) };
      }
    }
  }

  /** Reads the feed from the stored cursor to its end, one transaction per page. */
  async function pullFeed(counts: SyncCounts): Promise<Stop | null> {
    let cursor = (await readSyncState(db, workspaceId)).cursor;
    for (;;) {
      let page: PullPage;
      try {
        page = await withSession(() => transport.pull(cursor, pageSize));
      } catch (error) {
        if (error instanceof SessionExpired) return { reason: 'auth', message: error.message };
        if (!(error instanceof SyncTransportError)) throw error;
        pullFailures += 1;
        return retryLater(error, pullFailures);
      }
      // The feed holds every workspace the user belongs to; other workspaces keep their own cursor.
      const entries = page.changes.flatMap((change) => (change.table === 'log_entry' && change.row.workspace_id === workspaceId ? [change.row] : []));
      await applyPulledPage(db, workspaceId, { entries, nextCursor: page.next_cursor }, now());
      counts.pulled += entries.length;
      if (!page.has_more) break;
      if (page.next_cursor <= cursor) {
        pullFailures += 1;
        return { reason: 'server', message: 'The server said more entries wait but its feed did not move on.', nextRetryInMs: backoffDelay(pullFailures, random()) };
      }
      cursor = page.next_cursor;
    }
    pullFailures = 0;
    return null;
  }

  async function run(): Promise<SyncReport> {
    const counts: SyncCounts = { pushed: 0, duplicates: 0, parked: 0, pulled: 0 };
    const stop = (await pushOutbox(counts)) ?? (await pullFeed(counts));
    const answered = counts.pushed + counts.duplicates + counts.parked > 0;
    const run: Partial<Pick<SyncState, 'last_push_at' | 'last_error'>> = { last_error: stop ? stop.message : null };
    if (answered) run.last_push_at = now().toISOString();
    await recordSyncRun(db, workspaceId, run);
    return stop ? { ...counts, ...stop } : { ...counts, reason: 'ok' };
  }

  const busy = (): SyncReport => ({ reason: 'busy', pushed: 0, duplicates: 0, parked: 0, pulled: 0 });

  return {
    async runOnce() {
      if (running) return busy();
      running = true;
      try {
        if (!locks) return await run();
        return await locks.request(SYNC_LOCK, { ifAvailable: true }, (lock) => (lock ? run() : Promise.resolve(busy())));
      } finally {
        running = false;
      }
    },
  };
}
