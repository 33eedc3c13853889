import { openMusterDB, type MusterDatabase } from '../../src/store/open-database';

/** A fresh, empty Muster store under a name no other test uses (fake-indexeddb, real semantics). */
export function openTestDatabase(): Promise<MusterDatabase> {
  return openMusterDB(`t-${crypto.randomUUID()}`);
}
