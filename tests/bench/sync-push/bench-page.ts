// Runs in Chromium, served by the embedded backend itself (same origin: no CORS): the app's
// own write path (appendLogEntry into IndexedDB and the outbox), its sync engine and its
// Supabase transport, through supabase-js, against /auth/v1 and /rest/v1.
// Driven by tests/bench/sync-push.mjs; every method returns plain JSON for page.evaluate.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { benchEntryFields } from '../bench-entry';
import { appendLogEntry } from '../../../src/store/log-repository';
import { openMusterDB, type MusterDatabase } from '../../../src/store/open-database';
import { oldestWaiting, outboxSummary } from '../../../src/store/outbox';
import { DEFAULT_BATCH } from '../../../src/sync/protocol';
import { createSupabaseTransport } from '../../../src/sync/supabase-transport';
import { createSyncEngine, type SyncReport } from '../../../src/sync/sync-engine';
import type { OutboxChange, SyncTransport } from '../../../src/sync/transport';

const WORKSPACE = '00000000-0000-4000-8000-0000000000aa';
const INCIDENT = 'INC-2026-004';
const PASSWORD = 'bench-password-1';

const anonKey = new URLSearchParams(location.search).get('anonKey') ?? '';
const clients: Record<'responder' | 'owner', SupabaseClient | null> = { responder: null, owner: null };
const phones = new Map<string, MusterDatabase>();

function client(who: 'responder' | 'owner'): SupabaseClient {
  const found = clients[who];
  if (!found) throw new Error(`${who} is not signed in: call signIn() first`);
  return found;
}

function phone(label: string): MusterDatabase {
  const db = phones.get(label);
  if (!db) throw new Error(`no phone "${label}": call queue() first`);
  return db;
}

/** Records when each call started and how long it took, without changing what it does. */
interface CallLog {
  push: { at: number; ms: number; changes: number }[];
  pull: { at: number; ms: number; changes: number }[];
}

function timedTransport(inner: SyncTransport, log: CallLog): SyncTransport {
  return {
    async push(changes) {
      const at = performance.now();
      const results = await inner.push(changes);
      log.push.push({ at, ms: performance.now() - at, changes: changes.length });
      return results;
    },
    async pull(cursor, pageSize) {
      const at = performance.now();
      const page = await inner.pull(cursor, pageSize);
      log.pull.push({ at, ms: performance.now() - at, changes: page.changes.length });
      return page;
    },
    refreshSession: () => inner.refreshSession(),
  };
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

function engineFor(db: MusterDatabase, who: 'responder' | 'owner', log: CallLog, options: { maxChanges?: number; pageSize?: number }) {
  return createSyncEngine({
    db,
    transport: timedTransport(createSupabaseTransport(client(who)), log),
    workspaceId: WORKSPACE,
    now: () => new Date(),
    random: Math.random,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    batch: { ...DEFAULT_BATCH, ...(options.maxChanges ? { maxChanges: options.maxChanges } : {}) },
    ...(options.pageSize ? { pageSize: options.pageSize } : {}),
  });
}

async function signUp(who: 'responder' | 'owner'): Promise<string> {
  // Separate storage keys: two signed-in users in one page must not share a session.
  const supabase = createClient(location.origin, anonKey, { auth: { persistSession: false, autoRefreshToken: false, storageKey: `bench-${who}` } });
  const { data, error } = await supabase.auth.signUp({ email: `${who}@demo.muster.test`, password: PASSWORD });
  if (error || !data.session) throw new Error(`sign-up as ${who} failed: ${error?.message ?? 'no session'}`);
  clients[who] = supabase;
  return data.session.user.id;
}

export interface PushResult {
  ms: number;
  /** From runOnce's start to its first pull call: reading the outbox, the pushes, settling. */
  pushPhaseMs: number;
  pushCallMs: number;
  pushCalls: number;
  /** The same run pulling the feed back (this phone never synced, so it reads the feed from 0). */
  pullBackMs: number;
  pullCalls: number;
  report: SyncReport;
  outboxWaiting: number;
  rejected: number;
}

export interface PerRowResult {
  ms: number;
  calls: number;
  applied: number;
  other: string[];
}

export interface PullResult {
  ms: number;
  pullCallMs: number;
  pages: number;
  report: SyncReport;
  stored: number;
}

declare global {
  interface Window {
    syncPushBench: {
      signIn(): Promise<{ responder: string; owner: string }>;
      queue(label: string, count: number): Promise<{ ms: number; waiting: number }>;
      pushWithEngine(label: string, maxChanges: number): Promise<PushResult>;
      pushPerRow(label: string): Promise<PerRowResult>;
      pullAsOwner(label: string, pageSize: number): Promise<PullResult>;
    };
  }
}

window.syncPushBench = {
  async signIn() {
    return { responder: await signUp('responder'), owner: await signUp('owner') };
  },

  /** A fresh phone (its own IndexedDB) with `count` entries logged through the app's write path. Not what is measured. */
  async queue(label, count) {
    const db = await openMusterDB(`muster-sync-push-${label}-${Date.now()}`);
    phones.set(label, db);
    const start = performance.now();
    for (let n = 1; n <= count; n += 1) {
      await appendLogEntry(db, benchEntryFields(n, INCIDENT, label), { workspace_id: WORKSPACE, author: 'Bench responder', corrects: null });
    }
    const ms = performance.now() - start;
    return { ms, waiting: (await outboxSummary(db)).waiting };
  },

  /** Times one runOnce of the app's engine on that phone: it pushes the whole outbox in batches of `maxChanges`, then pulls. */
  async pushWithEngine(label, maxChanges) {
    const db = phone(label);
    const log: CallLog = { push: [], pull: [] };
    const engine = engineFor(db, 'responder', log, { maxChanges });
    const start = performance.now();
    const report = await engine.runOnce();
    const ms = performance.now() - start;
    const firstPull = log.pull[0]?.at ?? start + ms;
    const summary = await outboxSummary(db);
    return {
      ms,
      pushPhaseMs: firstPull - start,
      pushCallMs: sum(log.push.map((call) => call.ms)),
      pushCalls: log.push.length,
      pullBackMs: start + ms - firstPull,
      pullCalls: log.pull.length,
      report,
      outboxWaiting: summary.waiting,
      rejected: summary.rejected,
    };
  },

  /** The same kind of entries, one `sync_push` request per row, one after the other (the outbox is only read). */
  async pushPerRow(label) {
    const db = phone(label);
    const rows = await oldestWaiting(db, 1_000_000);
    const transport = createSupabaseTransport(client('responder'));
    const other: string[] = [];
    let applied = 0;
    const start = performance.now();
    for (const row of rows) {
      const [result] = await transport.push([{ id: row.id, table: row.table, op: row.op, payload: row.payload } as OutboxChange]);
      if (result?.status === 'applied') applied += 1;
      else other.push(JSON.stringify(result ?? null));
    }
    const ms = performance.now() - start;
    return { ms, calls: rows.length, applied, other: other.slice(0, 5) };
  },

  /** A second phone (the owner's, never synced) reads the whole feed with runOnce. */
  async pullAsOwner(label, pageSize) {
    const db = await openMusterDB(`muster-sync-pull-${label}-${Date.now()}`);
    const log: CallLog = { push: [], pull: [] };
    const engine = engineFor(db, 'owner', log, { pageSize });
    const start = performance.now();
    const report = await engine.runOnce();
    const ms = performance.now() - start;
    const stored = await db.count('pulled');
    db.close();
    return { ms, pullCallMs: sum(log.pull.map((call) => call.ms)), pages: log.pull.length, report, stored };
  },
};
document.title = 'ready';
