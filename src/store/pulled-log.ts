import type { MusterDatabase } from './open-database';
import type { PulledLogEntry, SyncState } from './schema';
import { commitStrict } from './strict-transaction';

/** One page of `sync_pull`, already validated and reduced to this workspace's entries. */
export interface PulledPage {
  entries: readonly PulledLogEntry[];
  /** The server's `next_cursor` after this page. */
  nextCursor: number;
}

function emptySyncState(workspaceId: string): SyncState {
  return { workspace_id: workspaceId, cursor: 0, last_pull_at: null, last_push_at: null, last_error: null };
}

/** Where this phone stands with the server; a phone that never synced starts at cursor 0. */
export async function readSyncState(db: MusterDatabase, workspaceId: string): Promise<SyncState> {
  return (await db.get('sync-state', workspaceId)) ?? emptySyncState(workspaceId);
}

/**
 * Stores a pulled page and moves the cursor past it in ONE transaction: a crash leaves
 * either both or neither, so the cursor never passes a row that is not on disk. An entry
 * already stored is overwritten with the server's copy (a replayed page changes nothing).
 * The cursor never moves backwards. Rejects with a StoreError; then nothing changed and the
 * same page is pulled again next time.
 */
export function applyPulledPage(db: MusterDatabase, workspaceId: string, page: PulledPage, now: Date): Promise<void> {
  return commitStrict(db, ['pulled', 'sync-state'], async (tx) => {
    const pulled = tx.objectStore('pulled');
    for (const entry of page.entries) await pulled.put(entry);
    const states = tx.objectStore('sync-state');
    const state = (await states.get(workspaceId)) ?? emptySyncState(workspaceId);
    await states.put({ ...state, cursor: Math.max(state.cursor, page.nextCursor), last_pull_at: now.toISOString() });
  });
}

/** Records how a sync run went (Settings: last sync, last error), leaving the cursor alone. */
export function recordSyncRun(
  db: MusterDatabase,
  workspaceId: string,
  run: Partial<Pick<SyncState, 'last_pull_at' | 'last_push_at' | 'last_error'>>,
): Promise<void> {
  return commitStrict(db, ['sync-state'], async (tx) => {
    const states = tx.objectStore('sync-state');
    const state = (await states.get(workspaceId)) ?? emptySyncState(workspaceId);
    await states.put({ ...state, ...run });
  });
}

export interface PulledLogPage {
  entries: PulledLogEntry[];
  /** Pass as `beforeSeq` for the next (older) page; null when this was the last. */
  nextBeforeSeq: number | null;
}

/** The team's entries of an incident as the server ordered them, newest first, `limit` older than `beforeSeq`. */
export async function listPulledPage(
  db: MusterDatabase,
  workspaceId: string,
  incidentId: string,
  options: { beforeSeq?: number | null; limit: number },
): Promise<PulledLogPage> {
  const upper = options.beforeSeq == null ? Infinity : options.beforeSeq;
  const range = IDBKeyRange.bound([workspaceId, incidentId, -Infinity], [workspaceId, incidentId, upper], false, options.beforeSeq != null);
  const entries: PulledLogEntry[] = [];
  let more = false;
  for (let cursor = await db.transaction('pulled').store.index('by-incident-seq').openCursor(range, 'prev'); cursor; cursor = await cursor.continue()) {
    if (entries.length === options.limit) {
      more = true;
      break;
    }
    entries.push(cursor.value);
  }
  const last = entries.at(-1);
  return { entries, nextBeforeSeq: more && last ? last.seq : null };
}

/** How many of an incident's team entries this phone holds (a bounded index count). */
export function countPulled(db: MusterDatabase, workspaceId: string, incidentId: string): Promise<number> {
  return db.countFromIndex('pulled', 'by-incident-seq', IDBKeyRange.bound([workspaceId, incidentId, -Infinity], [workspaceId, incidentId, Infinity]));
}
