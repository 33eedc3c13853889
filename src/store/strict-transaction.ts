import type { IDBPTransaction, StoreNames } from 'idb';
import type { MusterDatabase } from './open-database';
import type { MusterDB } from './schema';
import { toStoreError } from './store-error';

export type WriteTransaction<Names extends StoreNames<MusterDB>[]> = IDBPTransaction<MusterDB, Names, 'readwrite'>;

/** Thrown inside `work` to roll the transaction back and resolve with `value` instead. */
export class Rollback<T> {
  constructor(readonly value: T) {}
}

/**
 * Runs `work` in one readwrite transaction with strict durability and resolves only once it
 * has committed to disk (DESIGN principle 1). `work` may await IndexedDB requests only.
 * If anything fails, the transaction is aborted, nothing is written, and the promise rejects
 * with a StoreError whose message a responder can act on.
 */
export async function commitStrict<Names extends StoreNames<MusterDB>[], T>(
  db: MusterDatabase,
  names: Names,
  work: (tx: WriteTransaction<Names>) => Promise<T>,
): Promise<T> {
  let tx: WriteTransaction<Names>;
  try {
    tx = db.transaction(names, 'readwrite', { durability: 'strict' });
  } catch (error) {
    throw toStoreError(error);
  }
  // Observed at once: on the failure path tx.done rejects while nothing else awaits it.
  const committed = tx.done;
  committed.catch(() => undefined);
  try {
    const result = await work(tx);
    await committed;
    return result;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted: nothing was committed either way.
    }
    if (error instanceof Rollback) return error.value as T;
    throw toStoreError(error);
  }
}
