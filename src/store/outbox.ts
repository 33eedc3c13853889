import type { MusterDatabase } from './open-database';
import type { OutboxOrder, OutboxPayloads, OutboxRow, RejectedChange } from './schema';
import { commitStrict } from './strict-transaction';

/** What becomes of a sent change once the server answered (see src/sync/protocol.ts). */
export type ChangeOutcome =
  | { id: string; action: 'done' }
  | { id: string; action: 'park'; reason: string }
  | { id: string; action: 'retry'; reason: string };

export interface OutboxSummary {
  waiting: number;
  /** created_at of the oldest waiting change, or null when nothing waits. */
  oldestAt: string | null;
  /** Changes the server refused, kept on the phone with the reason. */
  rejected: number;
}

/**
 * A new outbox row for a change other than a log entry (those are written with their chain,
 * in log-repository.ts). It carries the incident and `local_seq: 0` for the `in-log-order`
 * index, so it is sent in the order it was made: a run before its checkoffs.
 */
export function outboxRowFor<T extends Exclude<keyof OutboxPayloads, 'log_entry'>>(table: T, payload: OutboxPayloads[T], incidentId: string, now: Date): OutboxRow {
  const ordered: OutboxPayloads[T] & OutboxOrder = { ...payload, incident_id: incidentId, local_seq: 0 };
  return { id: payload.id, workspace_id: payload.workspace_id, table, op: 'insert', payload: ordered, created_at: now.toISOString(), attempts: 0, last_error: null } as OutboxRow;
}

/** What a waiting or refused change is, in a line (Settings lists refused ones). */
export function describeChange(row: OutboxRow): string {
  switch (row.table) {
    case 'log_entry':
      return row.payload.message_summary;
    case 'call_run':
      return `Call tree ${row.payload.tree.name} started`;
    case 'checkoff':
      return `${row.payload.caller}: call checked off (${row.payload.outcome.replace('_', ' ')})`;
    case 'alert':
      return `Team alert: ${row.payload.message}`;
    case 'alert_ack':
      return 'Alert acknowledged';
  }
}

/** What the header badge shows: how many changes wait for the server, since when, and how many were refused. */
export async function outboxSummary(db: MusterDatabase): Promise<OutboxSummary> {
  const tx = db.transaction(['outbox', 'rejected']);
  const outbox = tx.objectStore('outbox');
  const [waiting, oldest, rejected] = await Promise.all([outbox.count(), outbox.index('by-created').openCursor(), tx.objectStore('rejected').count()]);
  return { waiting, oldestAt: oldest?.value.created_at ?? null, rejected };
}

/** Which of these entry ids still wait in the outbox (the list marks them "Waiting to sync"). */
export async function waitingIds(db: MusterDatabase, ids: readonly string[]): Promise<Set<string>> {
  const tx = db.transaction('outbox');
  const keys = await Promise.all(ids.map((id) => tx.store.getKey(id)));
  return new Set(keys.filter((key): key is string => key !== undefined));
}

/** The oldest waiting changes, at most `limit`, in the order they were logged. */
export function oldestWaiting(db: MusterDatabase, limit: number): Promise<OutboxRow[]> {
  return db.getAllFromIndex('outbox', 'in-log-order', null, limit);
}

/**
 * Applies the server's answer for a batch in one transaction: done changes leave the outbox,
 * refused ones move to `rejected` with their reason, the rest stay queued with one more
 * attempt and the last error. A change missing from the outbox (settled by another tab) is
 * skipped. Rejects with a StoreError; then nothing changed and the batch is simply sent again.
 */
export function settleOutbox(db: MusterDatabase, outcomes: readonly ChangeOutcome[], now = new Date()): Promise<void> {
  return commitStrict(db, ['outbox', 'rejected'], async (tx) => {
    const outbox = tx.objectStore('outbox');
    for (const outcome of outcomes) {
      const row = await outbox.get(outcome.id);
      if (!row) continue;
      if (outcome.action === 'done') await outbox.delete(outcome.id);
      else if (outcome.action === 'park') {
        await tx.objectStore('rejected').put({ ...row, attempts: row.attempts + 1, last_error: outcome.reason, rejected_at: now.toISOString(), reason: outcome.reason });
        await outbox.delete(outcome.id);
      } else await outbox.put({ ...row, attempts: row.attempts + 1, last_error: outcome.reason });
    }
  });
}

/** The changes the server refused, newest first, with the reason it gave (Settings lists them). */
export async function listRejected(db: MusterDatabase, workspaceId: string): Promise<RejectedChange[]> {
  const rows = await db.getAllFromIndex('rejected', 'by-workspace', workspaceId);
  return rows.sort((a, b) => b.rejected_at.localeCompare(a.rejected_at));
}

/**
 * Puts refused changes back in the outbox (say, once an owner restored the membership or
 * opened the incident on the server); they keep their attempts and last error.
 */
export function requeueRejected(db: MusterDatabase, ids: readonly string[]): Promise<number> {
  return commitStrict(db, ['outbox', 'rejected'], async (tx) => {
    let moved = 0;
    for (const id of ids) {
      const row = await tx.objectStore('rejected').get(id);
      if (!row) continue;
      const { rejected_at: _at, reason: _reason, ...change } = row;
      await tx.objectStore('outbox').put(change);
      await tx.objectStore('rejected').delete(id);
      moved += 1;
    }
    return moved;
  });
}
