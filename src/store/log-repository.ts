import { CHAIN_START, GENESIS_HASH, sealEntry, verifyChainChunk, type ChainCursor, type ChainTip, type ChainVerdict } from '../domain/hash-chain';
import type { CommunicationType } from '../domain/communication-types';
import { countMatching, NO_ENTRIES } from '../domain/log-counts';
import type { LogEntry, LogEntryFields } from '../domain/log-entry';
import { exclusive } from './exclusive';
import type { MusterDatabase } from './open-database';
import { nextChainTip } from './chain-tip';
import type { ChainTipRecord, OutboxRow } from './schema';
import { storeError, toStoreError } from './store-error';
import { commitStrict, Rollback } from './strict-transaction';

export interface AppendContext {
  workspace_id: string;
  author: string;
  /** The entry this one corrects or completes; it must exist in the same incident. */
  corrects: string | null;
  now?: Date;
}

const MAX_TIP_RETRIES = 3;

async function readTip(db: MusterDatabase, workspaceId: string, incidentId: string): Promise<ChainTip> {
  const tip = await db.get('chain-tips', [workspaceId, incidentId]);
  return tip ? { hash: tip.hash, local_seq: tip.local_seq } : null;
}

/**
 * Appends an entry to the incident's log and queues it in the outbox, in one transaction
 * with strict durability: it resolves only once both are on disk. Hashing happens before
 * the transaction (awaiting WebCrypto inside one would let it auto-commit); the
 * transaction then checks the chain tip did not move in the meantime.
 *
 * Rejects with a StoreError: 'quota' when storage is full, 'closed' when another tab
 * upgraded the store, 'invalid' when `corrects` names no entry of this incident,
 * 'chain-busy' when the tip kept moving. Nothing is written when it rejects.
 */
export function appendLogEntry(db: MusterDatabase, fields: LogEntryFields, context: AppendContext): Promise<LogEntry> {
  const lockName = `muster-log:${context.workspace_id}:${fields.incident_id}`;
  return exclusive(lockName, async () => {
    const now = context.now ?? new Date();
    const meta = {
      id: crypto.randomUUID(),
      workspace_id: context.workspace_id,
      author: context.author,
      device_recorded_at: now.toISOString(),
      corrects: context.corrects,
    };
    for (let attempt = 0; attempt < MAX_TIP_RETRIES; attempt += 1) {
      const tip = await readTip(db, context.workspace_id, fields.incident_id).catch((error) => {
        throw toStoreError(error);
      });
      const entry = await sealEntry(fields, meta, tip);
      const written = await writeSealed(db, entry, tip, now);
      if (written) return entry;
    }
    throw storeError('chain-busy');
  });
}

/** Returns false (and writes nothing) when the chain tip moved since `tip` was read. */
function writeSealed(db: MusterDatabase, entry: LogEntry, tip: ChainTip, now: Date): Promise<boolean> {
  return commitStrict(db, ['log', 'outbox', 'chain-tips'], async (tx) => {
    const log = tx.objectStore('log');
    const tips = tx.objectStore('chain-tips');
    const current = await tips.get([entry.workspace_id, entry.incident_id]);
    if ((current?.hash ?? null) !== (tip?.hash ?? null)) throw new Rollback(false);
    if (entry.corrects !== null) {
      const original = await log.get(entry.corrects);
      if (!original || original.incident_id !== entry.incident_id || original.workspace_id !== entry.workspace_id)
        throw storeError('invalid', 'The entry it corrects is not in this incident.');
    }
    const row: OutboxRow = {
      id: entry.id,
      workspace_id: entry.workspace_id,
      table: 'log_entry',
      op: 'insert',
      payload: entry,
      created_at: now.toISOString(),
      attempts: 0,
      last_error: null,
    };
    await log.add(entry);
    await tx.objectStore('outbox').add(row);
    await tips.put(nextChainTip(current, entry));
    return true;
  });
}

export interface LogFilter {
  type?: CommunicationType | undefined;
  followUpOnly?: boolean | undefined;
}

export interface LogPage {
  entries: LogEntry[];
  /** Pass as `beforeSeq` to read the next (older) page; null when this was the last. */
  nextBeforeSeq: number | null;
}

function filteredRange(workspaceId: string, incidentId: string, filter: LogFilter, upperSeq: number) {
  if (filter.type)
    return { index: 'by-type' as const, range: IDBKeyRange.bound([workspaceId, incidentId, filter.type, 0], [workspaceId, incidentId, filter.type, upperSeq]) };
  if (filter.followUpOnly)
    return { index: 'by-follow-up' as const, range: IDBKeyRange.bound([workspaceId, incidentId, 1, 0], [workspaceId, incidentId, 1, upperSeq]) };
  return { index: 'by-incident' as const, range: IDBKeyRange.bound([workspaceId, incidentId, 0], [workspaceId, incidentId, upperSeq]) };
}

/**
 * Newest first, `limit` entries older than `beforeSeq`. Keyset paging on an index: the cost
 * of a page does not grow with the size of the log. A type filter combined with follow-up
 * scans the type index and skips entries without follow-up.
 */
export async function listLogPage(
  db: MusterDatabase,
  workspaceId: string,
  incidentId: string,
  filter: LogFilter,
  options: { beforeSeq?: number | null; limit: number },
): Promise<LogPage> {
  const upper = options.beforeSeq == null ? Infinity : options.beforeSeq - 1;
  const { index, range } = filteredRange(workspaceId, incidentId, filter, upper);
  const entries: LogEntry[] = [];
  let cursor = await db.transaction('log').store.index(index).openCursor(range, 'prev');
  let more = false;
  for (; cursor; cursor = await cursor.continue()) {
    if (filter.type && filter.followUpOnly && cursor.value.follow_up !== 1) continue;
    if (entries.length === options.limit) {
      more = true;
      break;
    }
    entries.push(cursor.value);
  }
  const last = entries.at(-1);
  return { entries, nextBeforeSeq: more && last ? last.local_seq : null };
}

/** How many entries this phone recorded for the incident that match the filter: one read by key. */
export async function countLog(db: MusterDatabase, workspaceId: string, incidentId: string, filter: LogFilter): Promise<number> {
  const tip = await db.get('chain-tips', [workspaceId, incidentId]);
  return countMatching(tip?.counts ?? NO_ENTRIES, filter);
}

export interface CorrectionLinks {
  /** For an entry id: the entries that correct or complete it, oldest first. */
  correctedBy: Map<string, LogEntry[]>;
  /** For an entry id that is a correction: the entry it corrects. */
  corrects: Map<string, LogEntry>;
}

/** Both directions of the correction links for the entries on screen, in one read. */
export async function correctionLinks(db: MusterDatabase, entries: readonly LogEntry[]): Promise<CorrectionLinks> {
  const tx = db.transaction('log');
  const correctedBy = new Map<string, LogEntry[]>();
  const corrects = new Map<string, LogEntry>();
  await Promise.all(
    entries.flatMap((entry) => [
      tx.store.index('by-corrects').getAll(entry.id).then((list) => {
        if (list.length > 0) correctedBy.set(entry.id, list.sort((a, b) => a.local_seq - b.local_seq));
      }),
      entry.corrects === null
        ? Promise.resolve()
        : tx.store.get(entry.corrects).then((original) => {
            if (original) corrects.set(entry.id, original);
          }),
    ]),
  );
  return { correctedBy, corrects };
}

const VERIFY_PAGE = 1000;

/**
 * Re-hashes the incident's whole chain, a page at a time (crypto runs between read
 * transactions). Reports intact, or the first broken entry and why.
 */
export async function verifyIncidentLog(
  db: MusterDatabase,
  workspaceId: string,
  incidentId: string,
  onProgress?: (checked: number) => void,
): Promise<ChainVerdict> {
  const tip = await db.get('chain-tips', [workspaceId, incidentId]);
  let cursor = CHAIN_START;
  for (;;) {
    const range = IDBKeyRange.bound([workspaceId, incidentId, cursor.expectedSeq - 1], [workspaceId, incidentId, Infinity], true);
    const page = await db.transaction('log').store.index('by-incident').getAll(range, VERIFY_PAGE);
    const { verdict, next } = await verifyChainChunk(page, cursor);
    if (!verdict.intact) return verdict;
    cursor = next;
    if (page.length < VERIFY_PAGE) return checkAgainstTip(verdict, cursor, tip, page.at(-1));
    onProgress?.(cursor.checked);
  }
}

/** The chain verified; does it end where this phone recorded it ending? Catches removed newest entries. */
function checkAgainstTip(verdict: ChainVerdict, end: ChainCursor, tip: ChainTipRecord | undefined, last: LogEntry | undefined): ChainVerdict {
  const recordedSeq = tip?.local_seq ?? 0;
  if (recordedSeq === end.expectedSeq - 1 && (tip?.hash ?? GENESIS_HASH) === end.prevHash) return verdict;
  const explanation =
    recordedSeq > end.expectedSeq - 1
      ? `The log ends at entry #${end.expectedSeq - 1}, but this phone recorded ${recordedSeq} entries: the newest were removed.`
      : `The last entry (#${end.expectedSeq - 1}) is not the one this phone recorded last: it was replaced or added outside Muster.`;
  return { intact: false, checked: end.checked, entry: last ?? null, reason: 'missing', explanation };
}
