import { openDB, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { nextChainTip } from './chain-tip';
import type { ChainTipRecord, MusterDB, MusterDBv1 } from './schema';

export const DB_NAME = 'muster';
export const DB_VERSION = 8;

export type MusterDatabase = IDBPDatabase<MusterDB>;

type UpgradeTx = IDBPTransaction<MusterDB, StoreNames<MusterDB>[], 'versionchange'>;

/** Version 1: every store, with the indexes the first prototype had. */
function createVersion1(db: IDBPDatabase<MusterDBv1>): void {
  db.createObjectStore('settings');
  db.createObjectStore('incidents', { keyPath: ['workspace_id', 'id'] }).createIndex('by-workspace', 'workspace_id');
  db.createObjectStore('contacts', { keyPath: 'id' }).createIndex('by-workspace', 'workspace_id');
  db.createObjectStore('templates', { keyPath: 'id' }).createIndex('by-workspace', 'workspace_id');
  db.createObjectStore('log', { keyPath: 'id' }).createIndex('by-incident', ['workspace_id', 'incident_id', 'local_seq'], {
    unique: true,
  });
  const outbox = db.createObjectStore('outbox', { keyPath: 'id' });
  outbox.createIndex('by-created', 'created_at');
  outbox.createIndex('by-workspace', 'workspace_id');
}

/** Version 2: filter indexes for type, follow-up and corrections; backfills the `follow_up` flag. */
async function upgradeToVersion2(tx: UpgradeTx): Promise<void> {
  const log = tx.objectStore('log');
  log.createIndex('by-type', ['workspace_id', 'incident_id', 'communication_type', 'local_seq']);
  log.createIndex('by-follow-up', ['workspace_id', 'incident_id', 'follow_up', 'local_seq']);
  log.createIndex('by-corrects', 'corrects');
  for (let cursor = await log.openCursor(); cursor; cursor = await cursor.continue()) {
    const entry = cursor.value;
    if (entry.follow_up === undefined) await cursor.update({ ...entry, follow_up: entry.follow_up_required.trim() === '' ? 0 : 1 });
  }
}

/**
 * Version 3: a chain-tips store, one record per incident chain, so an append reads its
 * predecessor by key, the Log screen reads its counts by key (counting an index range walks
 * it), and Verify can tell when the newest entries were removed. Also a store for changes
 * the server refused, kept apart so they never block the outbox, and the two stores sync
 * pulls into: the team's entries as the server has them, and the pull cursor per workspace.
 */
async function upgradeToVersion3(db: MusterDatabase, tx: UpgradeTx): Promise<void> {
  db.createObjectStore('chain-tips', { keyPath: ['workspace_id', 'incident_id'] }).createIndex('by-workspace', 'workspace_id');
  db.createObjectStore('rejected', { keyPath: 'id' }).createIndex('by-workspace', 'workspace_id');
  db.createObjectStore('pulled', { keyPath: 'id' }).createIndex('by-incident-seq', ['workspace_id', 'incident_id', 'seq']);
  db.createObjectStore('sync-state', { keyPath: 'workspace_id' });
  // created_at has millisecond resolution: entries saved in the same millisecond must still
  // reach the server in the order they were logged (a correction after what it corrects).
  tx.objectStore('outbox').createIndex('in-log-order', ['created_at', 'payload.workspace_id', 'payload.incident_id', 'payload.local_seq']);
  const tips = new Map<string, ChainTipRecord>();
  const byIncident = tx.objectStore('log').index('by-incident');
  for (let cursor = await byIncident.openCursor(); cursor; cursor = await cursor.continue()) {
    const key = JSON.stringify([cursor.value.workspace_id, cursor.value.incident_id]);
    tips.set(key, nextChainTip(tips.get(key), cursor.value));
  }
  for (const tip of tips.values()) await tx.objectStore('chain-tips').put(tip);
}

/** Version 4: the playbook workflows' records of each incident (obligations, vendor requests, statements). */
function upgradeToVersion4(db: MusterDatabase): void {
  db.createObjectStore('records', { keyPath: 'id' }).createIndex('by-incident', ['workspace_id', 'incident_id', 'kind']);
}

/**
 * Version 5: call trees, their runs and checkoffs (issue 5). New stores only: nothing older
 * to migrate. Checkoffs are listed per run (run ids are unique across workspaces).
 */
function upgradeToVersion5(db: MusterDatabase): void {
  db.createObjectStore('call-trees', { keyPath: 'id' }).createIndex('by-workspace', 'workspace_id');
  db.createObjectStore('call-runs', { keyPath: 'id' }).createIndex('by-incident', ['workspace_id', 'incident_id']);
  db.createObjectStore('checkoffs', { keyPath: 'id' }).createIndex('by-run', 'run_id');
}

/** Version 6: team alerts (issue 5), listed per incident. New store only. */
function upgradeToVersion6(db: MusterDatabase): void {
  db.createObjectStore('alerts', { keyPath: 'id' }).createIndex('by-incident', ['workspace_id', 'incident_id']);
}

/** Version 7: contact imports (issue 6), kept so each can be undone after a reload. New store only. */
function upgradeToVersion7(db: MusterDatabase): void {
  db.createObjectStore('contact-imports', { keyPath: 'id' }).createIndex('by-workspace', 'workspace_id');
}

/**
 * Version 8: tickets and cases opened from an incident (issue 7), read per incident (the
 * cockpit, team sync) and per subject (a follow-up's card). New store only.
 */
function upgradeToVersion8(db: MusterDatabase): void {
  const tickets = db.createObjectStore('tickets', { keyPath: 'id' });
  tickets.createIndex('by-incident', ['workspace_id', 'incident_id']);
  tickets.createIndex('by-subject', ['workspace_id', 'incident_id', 'subject']);
}

/**
 * Opens (and if needed creates or upgrades) the local store. Upgrade steps are cumulative,
 * so a fresh install runs them all. `version` is lower only in the upgrade tests, which
 * build a phone as an earlier release left it. Rejects if another tab holds an older
 * version open and refuses to close it.
 */
export function openMusterDB(name: string = DB_NAME, version: number = DB_VERSION): Promise<MusterDatabase> {
  return openDB<MusterDB>(name, version, {
    async upgrade(db, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) createVersion1(db as unknown as IDBPDatabase<MusterDBv1>);
      if (oldVersion < 2 && version >= 2) await upgradeToVersion2(tx);
      if (oldVersion < 3 && version >= 3) await upgradeToVersion3(db, tx);
      if (oldVersion < 4 && version >= 4) upgradeToVersion4(db);
      if (oldVersion < 5 && version >= 5) upgradeToVersion5(db);
      if (oldVersion < 6 && version >= 6) upgradeToVersion6(db);
      if (oldVersion < 7 && version >= 7) upgradeToVersion7(db);
      if (oldVersion < 8 && version >= 8) upgradeToVersion8(db);
    },
    blocking(_current, _blocked, event) {
      // A newer Muster in another tab needs to upgrade the store: step aside. This tab's
      // next write fails with a clear "reload" message instead of blocking the other tab.
      (event.target as IDBDatabase).close();
    },
  });
}

export { createVersion1 };
