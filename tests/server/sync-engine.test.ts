// The sync engine end to end: phones (fake-indexeddb, each its own database) running the
// app's own store and engine code, unmodified supabase-js in Node, the embedded backend with
// the real migrations and seed. Faults are injected in the phone's fetch, so the adapter
// meets them exactly as it would on a bad network.

import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { DEFAULT_JWT_SECRET, signJwt } from '../../server/jwt.mjs';
import { openMusterDB, type MusterDatabase } from '../../src/store/open-database';
import { outboxSummary } from '../../src/store/outbox';
import { readSyncState } from '../../src/store/pulled-log';
import { createSupabaseTransport } from '../../src/sync/supabase-transport';
import { createSyncEngine, type SyncEngine } from '../../src/sync/sync-engine';
import type { SyncTransport } from '../../src/sync/transport';
import { backends, claimsOf, startMusterUnderTest, supabaseClient, uniqueEmail, type MusterUnderTest } from './muster-under-test';
import { allPulled as allPulledOf, DEMO, dropAfterCommit, logEntries, phoneNetwork, serverError, type Fault } from './phones';

const WORKSPACE = DEMO.workspace;
const INCIDENT = DEMO.incident;

interface Phone {
  db: MusterDatabase;
  client: SupabaseClient;
  userId: string;
  accessToken: () => Promise<string>;
  engine: SyncEngine;
  /** Faults applied to the next RPC calls, one each, in order. */
  faults: (Fault | undefined)[];
  refreshes: number;
  log(count: number, summary: string): Promise<string[]>;
}

describe.each(backends)('Syncing phones with the Muster backend on %s', (backend) => {
  let muster: MusterUnderTest;
  let responder: Phone;
  let owner: Phone;

  async function phone(email: string, author: string): Promise<Phone> {
    const network = phoneNetwork();
    const client = supabaseClient(muster.url, muster.anonKey, { fetch: network.fetch });
    const { data, error } = await client.auth.signUp({ email, password: DEMO.password });
    if (error || !data.user || !data.session) throw error ?? new Error('no session');
    const db = await openMusterDB(`phone-${crypto.randomUUID()}`);
    const adapter = createSupabaseTransport(client);
    const result: Phone = {
      db,
      client,
      userId: data.user.id,
      accessToken: async () => (await client.auth.getSession()).data.session?.access_token ?? '',
      faults: network.faults,
      refreshes: 0,
      engine: undefined as unknown as SyncEngine,
      log: (count, summary) => logEntries(db, { workspace: WORKSPACE, incident: INCIDENT, author }, count, summary),
    };
    const transport: SyncTransport = {
      push: (changes) => adapter.push(changes),
      pull: (cursor, pageSize) => adapter.pull(cursor, pageSize),
      refreshSession: () => {
        result.refreshes += 1;
        return adapter.refreshSession();
      },
    };
    result.engine = createSyncEngine({ db, transport, workspaceId: WORKSPACE, now: () => new Date(), random: () => 0.5, sleep: async () => undefined, locks: null, pageSize: 7 });
    return result;
  }

  /** What the server's chain check says, asked as the owner. */
  async function serverChain(): Promise<{ intact: boolean; checked: number }> {
    const { data, error } = await owner.client.rpc('verify_incident_chain', { workspace: WORKSPACE, incident: INCIDENT });
    if (error) throw error;
    return data;
  }

  const allPulled = (db: MusterDatabase) => allPulledOf(db, WORKSPACE, INCIDENT);

  beforeAll(async () => {
    muster = await startMusterUnderTest(backend, { supabaseDir: 'supabase', seed: true });
    responder = await phone(DEMO.responder.email, DEMO.responder.name);
    owner = await phone(DEMO.owner.email, DEMO.owner.name);
  });
  afterAll(async () => {
    for (const each of [responder, owner]) each?.db.close();
    await muster?.close();
  });

  let logged: string[] = [];

  it('sends the 20 entries a responder logged offline; the server holds them in an intact chain', async () => {
    logged = await responder.log(20, 'Called the MSP');

    const report = await responder.engine.runOnce();

    expect(report).toEqual({ reason: 'ok', pushed: 20, duplicates: 0, parked: 0, pulled: 20 });
    expect(await outboxSummary(responder.db)).toEqual({ waiting: 0, oldestAt: null, rejected: 0 });
    expect(await serverChain()).toEqual({ intact: true, checked: 20 });
    const state = await readSyncState(responder.db, WORKSPACE);
    expect(state).toMatchObject({ last_error: null });
    expect(state.cursor).toBeGreaterThan(0);
    expect(state.last_push_at).not.toBeNull();
  });

  it('sends nothing and changes nothing when run again', async () => {
    const before = await readSyncState(responder.db, WORKSPACE);

    const report = await responder.engine.runOnce();

    expect(report).toEqual({ reason: 'ok', pushed: 0, duplicates: 0, parked: 0, pulled: 0 });
    expect(await serverChain()).toEqual({ intact: true, checked: 20 });
    expect((await readSyncState(responder.db, WORKSPACE)).cursor).toBe(before.cursor);
  });

  it("shows the owner's phone exactly those 20 entries, in the order they were logged, with the server's order and recorder", async () => {
    const report = await owner.engine.runOnce();

    expect(report).toEqual({ reason: 'ok', pushed: 0, duplicates: 0, parked: 0, pulled: 20 });
    const pulled = await allPulled(owner.db);
    expect(pulled.map((entry) => entry.id)).toEqual(logged);
    expect(pulled.map((entry) => entry.message_summary)).toEqual(logged.map((_, n) => `Called the MSP ${n + 1}`));
    expect(pulled.every((entry) => entry.recorded_by === responder.userId && /^[0-9a-f]{64}$/.test(entry.chain_hash))).toBe(true);
    const seqs = pulled.map((entry) => entry.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('keeps entries whose answer was lost after the server stored them, and the next run finds them stored once', async () => {
    const ids = await responder.log(3, 'Insurer notified');
    responder.faults.push(dropAfterCommit);

    const lost = await responder.engine.runOnce();

    expect(lost).toMatchObject({ reason: 'network', pushed: 0, duplicates: 0, parked: 0, pulled: 0 });
    expect(lost.reason === 'network' && lost.nextRetryInMs).toBeGreaterThanOrEqual(0);
    expect(await outboxSummary(responder.db)).toMatchObject({ waiting: 3, rejected: 0 });
    expect(await responder.db.get('outbox', ids[0] as string)).toMatchObject({ attempts: 1 });
    expect((await readSyncState(responder.db, WORKSPACE)).last_error).toMatch(/No answer from the Muster backend/);

    const retried = await responder.engine.runOnce();

    expect(retried).toEqual({ reason: 'ok', pushed: 0, duplicates: 3, parked: 0, pulled: 3 });
    expect(await outboxSummary(responder.db)).toMatchObject({ waiting: 0, rejected: 0 });
    expect(await serverChain()).toEqual({ intact: true, checked: 23 });
    expect(await owner.engine.runOnce()).toMatchObject({ reason: 'ok', pulled: 3 });
  });

  it('keeps the batch queued when the server answers 500, and sends it on the next run', async () => {
    const ids = await responder.log(2, 'Leadership updated');
    responder.faults.push(serverError);

    const failed = await responder.engine.runOnce();

    expect(failed).toMatchObject({ reason: 'server', message: 'internal error', pushed: 0 });
    expect(await outboxSummary(responder.db)).toMatchObject({ waiting: 2, rejected: 0 });

    expect(await responder.engine.runOnce()).toEqual({ reason: 'ok', pushed: 2, duplicates: 0, parked: 0, pulled: 2 });
    expect((await allPulled(responder.db)).slice(-2).map((entry) => entry.id)).toEqual(ids);
    expect(await serverChain()).toEqual({ intact: true, checked: 25 });
  });

  it('parks an entry altered on the phone after it was saved, with the server reason, without holding back the others', async () => {
    const [first, altered, third] = (await responder.log(3, 'Bridge call')) as [string, string, string];
    const row = await responder.db.get('outbox', altered);
    if (row?.table !== 'log_entry') throw new Error('not queued');
    await responder.db.put('outbox', { ...row, payload: { ...row.payload, message_summary: 'Nothing happened' } });

    const report = await responder.engine.runOnce();

    expect(report).toEqual({ reason: 'ok', pushed: 2, duplicates: 0, parked: 1, pulled: 2 });
    const rejected = await responder.db.get('rejected', altered);
    expect(rejected?.reason).toBe('content hash does not match the fields');
    expect(rejected?.table === 'log_entry' && rejected.payload.message_summary).toBe('Nothing happened');
    expect(await outboxSummary(responder.db)).toMatchObject({ waiting: 0, rejected: 1 });
    expect((await allPulled(responder.db)).slice(-2).map((entry) => entry.id)).toEqual([first, third]);
    expect(await serverChain()).toEqual({ intact: true, checked: 27 });
  });

  it('renews an expired sign-in and then sends, without losing the entry', async () => {
    const [id] = await responder.log(1, 'Legal counsel briefed');
    const claims = claimsOf(await responder.accessToken());
    const past = Math.floor(Date.now() / 1000) - 120;
    const expired = signJwt({ ...claims, iat: past - 3600, exp: past }, DEFAULT_JWT_SECRET);
    let refusedWith = 0;
    responder.faults.push(async (input, init, realFetch) => {
      const headers = new Headers(init?.headers);
      headers.set('Authorization', `Bearer ${expired}`);
      const answer = await realFetch(input, { ...init, headers });
      refusedWith = answer.status;
      return answer;
    });

    const report = await responder.engine.runOnce();

    expect(refusedWith).toBe(401);
    expect(responder.refreshes).toBe(1);
    expect(report).toEqual({ reason: 'ok', pushed: 1, duplicates: 0, parked: 0, pulled: 1 });
    expect((await allPulled(responder.db)).at(-1)?.id).toBe(id);
  });

  it('parks every entry of someone outside the workspace with a reason they can read, and shows them nothing', async () => {
    const outsider = await phone(uniqueEmail('outsider'), 'Eve Outsider');
    try {
      const ids = await outsider.log(2, 'Posted on social media');

      const report = await outsider.engine.runOnce();

      expect(report).toEqual({ reason: 'ok', pushed: 0, duplicates: 0, parked: 2, pulled: 0 });
      for (const id of ids) expect((await outsider.db.get('rejected', id))?.reason).toBe('not a member of this workspace');
      expect(await outboxSummary(outsider.db)).toMatchObject({ waiting: 0, rejected: 2 });
      expect(await allPulled(outsider.db)).toEqual([]);
      expect(await serverChain()).toEqual({ intact: true, checked: 28 });
    } finally {
      outsider.db.close();
    }
  });

  it("ends with the owner's phone holding every entry the responder's phone sent, each once, in server order", async () => {
    await owner.engine.runOnce();
    const onOwner = await allPulled(owner.db);
    const onResponder = await allPulled(responder.db);

    expect(onOwner.map((entry) => entry.id)).toEqual(onResponder.map((entry) => entry.id));
    expect(new Set(onOwner.map((entry) => entry.id)).size).toBe(28);
  });
});
