// Runs in Chromium: the app's own store code against Chromium's IndexedDB, so the figures
// include WebCrypto hashing, the chain-tip check and the strict-durability commit.
import { sealEntry, type ChainTip } from '../../../src/domain/hash-chain';
import type { LogEntry, LogEntryFields } from '../../../src/domain/log-entry';
import { appendLogEntry } from '../../../src/store/log-repository';
import { openMusterDB, type MusterDatabase } from '../../../src/store/open-database';

const WORKSPACE = 'bench';
const INCIDENT = 'INC-2026-900';

function fields(n: number): LogEntryFields {
  return {
    incident_id: INCIDENT,
    occurred_at: new Date(Date.UTC(2026, 11, 4, 8, 0, n)).toISOString(),
    communication_type: n % 3 === 0 ? 'vendor_request' : 'internal_update',
    contacted: `Contact ${n % 40}`,
    contact_method: 'Phone',
    message_summary: `Entry ${n}: asked the MSP for sign-in logs of the finance mailbox and the admin changes since Monday.`,
    decision_made: '',
    action_requested: n % 5 === 0 ? 'Send the sign-in logs' : '',
    owner: 'Bench responder',
    deadline: null,
    response_received: '',
    follow_up_required: n % 7 === 0 ? 'Call back at 14:00' : '',
    evidence_location: '',
  };
}

let db: MusterDatabase;
let tip: ChainTip = null;
let written = 0;

/** Fills the log to `total` entries with a valid chain, 1,000 per transaction (not what is measured). */
async function seedTo(total: number): Promise<number> {
  while (written < total) {
    const batch: LogEntry[] = [];
    for (let i = 0; i < 1000 && written + batch.length < total; i += 1) {
      const entry = await sealEntry(fields(written + batch.length), {
        id: crypto.randomUUID(), workspace_id: WORKSPACE, author: 'Bench', device_recorded_at: new Date().toISOString(), corrects: null,
      }, tip);
      batch.push(entry);
      tip = { hash: entry.hash, local_seq: entry.local_seq };
    }
    const tx = db.transaction(['log', 'chain-tips'], 'readwrite');
    const last = batch.at(-1) as LogEntry;
    await Promise.all([
      ...batch.map((entry) => tx.objectStore('log').add(entry)),
      tx.objectStore('chain-tips').put({ workspace_id: WORKSPACE, incident_id: INCIDENT, hash: last.hash, local_seq: last.local_seq }),
      tx.done,
    ]);
    written += batch.length;
  }
  return written;
}

/** Times `count` appends through the app's write path; each resolves after a durable commit. */
async function measureAppends(count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const start = performance.now();
    const entry = await appendLogEntry(db, fields(written), { workspace_id: WORKSPACE, author: 'Bench', corrects: null });
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

declare global {
  interface Window {
    musterBench: {
      open(): Promise<void>;
      seedTo(total: number): Promise<number>;
      measureAppends(count: number): Promise<number[]>;
      measureBareCommits(count: number): Promise<number[]>;
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
};
document.title = 'ready';
