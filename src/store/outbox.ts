import type { MusterDatabase } from './open-database';

export interface OutboxSummary {
  waiting: number;
  /** created_at of the oldest waiting change, or null when nothing waits. */
  oldestAt: string | null;
}

/** What the header badge shows: how many changes wait for the server, and since when. */
export async function outboxSummary(db: MusterDatabase): Promise<OutboxSummary> {
  const tx = db.transaction('outbox');
  const [waiting, oldest] = await Promise.all([tx.store.count(), tx.store.index('by-created').openCursor()]);
  return { waiting, oldestAt: oldest?.value.created_at ?? null };
}

/** Which of these entry ids still wait in the outbox (the list marks them "Waiting to sync"). */
export async function waitingIds(db: MusterDatabase, ids: readonly string[]): Promise<Set<string>> {
  const tx = db.transaction('outbox');
  const keys = await Promise.all(ids.map((id) => tx.store.getKey(id)));
  return new Set(keys.filter((key): key is string => key !== undefined));
}
