// Runs in Chromium: the app's own store code against Chromium's IndexedDB, so the figures
// include WebCrypto hashing, the chain-tip check and the strict-durability commit.
import { sealEntry, type ChainTip } from '../../../src/domain/hash-chain';
import type { LogEntry } from '../../../src/domain/log-entry';
import { nextChainTip } from '../../../src/store/chain-tip';
import { benchEntryFields } from '../bench-entry';
import { appendLogEntry, countLog, listLogPage } from '../../../src/store/log-repository';
import type { ChainTipRecord } from '../../../src/store/schema';
import { openMusterDB, type MusterDatabase } from '../../../src/store/open-database';

const WORKSPACE = 'bench';
const INCIDENT = 'INC-2026-900';

let db: MusterDatabase;
let tip: ChainTip = null;
let written = 0;

/** Fills the log to `total` entries with a valid chain, 1,000 per transaction (not what is measured). */
async function seedTo(total: number): Promise<number> {
  while (written < total) {
    const batch: LogEntry[] = [];
    for (let i = 0; i < 1000 && written + batch.length < total; i += 1) {
      const entry = await sealEntry(benchEntryFields(written + batch.length, INCIDENT), {
        id: crypto.randomUUID(), workspace_id: WORKSPACE, author: 'Bench', device_recorded_at: new Date().toISOString(), corrects: null,
      }, tip);
      batch.push(entry);
      tip = { hash: entry.hash, local_seq: entry.local_seq };
    }
    const tx = db.transaction(['log', 'chain-tips'], 'readwrite');
    const stored = await tx.objectStore('chain-tips').get([WORKSPACE, INCIDENT]);
    const tipRecord = batch.reduce<ChainTipRecord | undefined>((record, entry) => nextChainTip(record, entry), stored);
    await Promise.all([...batch.map((entry) => tx.objectStore('log').add(entry)), tx.objectStore('chain-tips').put(tipRecord as ChainTipRecord), tx.done]);
    written += batch.length;
  }
  return written;
}

/** Times `count` appends through the app's write path; each resolves after a durable commit. */
async function measureAppends(count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const start = performance.now();
    const entry = await appendLogEntry(db, benchEntryFields(written, INCIDENT), { workspace_id: WORKSPACE, author: 'Bench', corrects: null });
    times.push(performance.now() - start);
    tip = { hash: entry.hash, local_seq: entry.local_seq };
    written += 1;
  }
  return times;
}

/**
 * The floor under every write: a strict-durability transaction that puts one small record
 * (this phone's settings) and nothing else. Its growth with the database size is the
 * storage engine's, not the log's.
 */
async function measureBareCommits(count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const start = performance.now();
    const tx = db.transaction('settings', 'readwrite', { durability: 'strict' });
    await Promise.all([
      tx.store.put({ workspace_id: WORKSPACE, name: `Bench ${i}`, is_demo: false, author_name: 'Bench', current_incident_id: INCIDENT, backend_url: null }, 'workspace'),
      tx.done,
    ]);
    times.push(performance.now() - start);
  }
  return times;
}

/** What opening the Log screen reads: the newest page and the entry count (all, and one filter). */
async function measureListOpen(count: number): Promise<{ firstPage: number[]; count: number[]; filteredPage: number[] }> {
  const firstPage: number[] = [];
  const counts: number[] = [];
  const filteredPage: number[] = [];
  for (let i = 0; i < count; i += 1) {
    let start = performance.now();
    await listLogPage(db, WORKSPACE, INCIDENT, {}, { limit: 40 });
    firstPage.push(performance.now() - start);
    start = performance.now();
    await countLog(db, WORKSPACE, INCIDENT, {});
    counts.push(performance.now() - start);
    start = performance.now();
    await listLogPage(db, WORKSPACE, INCIDENT, { followUpOnly: true }, { limit: 40 });
    filteredPage.push(performance.now() - start);
  }
  return { firstPage, count: counts, filteredPage };
}

declare global {
  interface Window {
    musterBench: {
      open(): Promise<void>;
      seedTo(total: number): Promise<number>;
      measureAppends(count: number): Promise<number[]>;
      measureBareCommits(count: number): Promise<number[]>;
      measureListOpen(count: number): Promise<{ firstPage: number[]; count: number[]; filteredPage: number[] }>;
    };
  }
}

window.musterBench = {
  async open() {
    db = await openMusterDB(`muster-bench-${Date.now()}`);
  },
  seedTo,
  measureAppends,
  measureBareCommits,
  measureListOpen,
};
document.title = 'ready';
