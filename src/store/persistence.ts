/** Whether the browser may evict Muster's data under storage pressure (Settings shows it). */
export type PersistenceState = 'persisted' | 'not-persisted' | 'unsupported';

export interface StorageReport {
  persistence: PersistenceState;
  usageBytes: number | null;
  quotaBytes: number | null;
}

/** Asks for persistent storage unless it is already granted, and reports the state and usage. */
export async function requestPersistentStorage(storage: StorageManager | undefined = globalThis.navigator?.storage): Promise<StorageReport> {
  if (!storage?.persist || !storage.persisted) return { persistence: 'unsupported', usageBytes: null, quotaBytes: null };
  const persisted = (await storage.persisted()) || (await storage.persist());
  const estimate = storage.estimate ? await storage.estimate() : {};
  return {
    persistence: persisted ? 'persisted' : 'not-persisted',
    usageBytes: estimate.usage ?? null,
    quotaBytes: estimate.quota ?? null,
  };
}
