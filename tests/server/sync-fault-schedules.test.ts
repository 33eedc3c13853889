// Generated fault schedules against the real backend (issue 3: "Property-based fault
// schedules, at least 200 per run"). Each schedule is a fresh team: one or two phones
// (fake-indexeddb, the app's own store, engine and supabase-js transport), each with one or
// two tabs, logging and syncing while the network drops before or after the server commits,
// the server answers 500 mid-batch, the token expires while offline, the responder is
// removed from the workspace, two tabs sync at once and the app is killed right after
// "Saved" or mid-sync. Then the network comes back and the phones sync until quiet.
//
// What must hold afterwards: the server holds every entry made on a phone except those the
// server refused, each once, in an intact chain; every refused one is kept on its phone
// with the reason; nothing waits in an outbox; every phone that may still read the
// workspace pulled exactly the server's entries.
//
// Replay a failure with FC_SEED=<seed> (and FC_PATH=<path> to skip the shrinking), both
// printed by fast-check; FC_NUM_RUNS changes how many schedules run.

import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { DEFAULT_JWT_SECRET, signJwt } from '../../server/jwt.mjs';
import { openMusterDB, type MusterDatabase } from '../../src/store/open-database';
import { outboxSummary } from '../../src/store/outbox';
import { createSupabaseTransport } from '../../src/sync/supabase-transport';
import { createSyncEngine, type SyncEngine, type SyncLocks, type SyncReport } from '../../src/sync/sync-engine';
import { backends, claimsOf, startMusterUnderTest, supabaseClient, type MusterUnderTest } from './muster-under-test';
import { allPulled, DEMO, dropAfterCommit, dropBeforeServer, logEntries, phoneNetwork, serverError, type Fault, type PhoneNetwork } from './phones';

/** Schedules per run, the hand-written scenarios included. */
const NUM_RUNS = Number(process.env.FC_NUM_RUNS ?? 250);
const FC_SEED = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
const FC_PATH = process.env.FC_PATH;
/** Runs of every phone and tab after the faults stop; a run that converges needs two or three. */
const RECOVERY_ROUNDS = 12;

// ------------------------------------------------------------------ what a schedule is

type Member = 'owner' | 'responder';

const FAULT_KINDS = [
  'drop-before-server',
  'drop-after-commit',
  'server-500',
  'server-500-after-commit',
  'jwt-expired-401',
  'killed-after-commit',
] as const;
type FaultKind = (typeof FAULT_KINDS)[number];

type RenewalFault = 'drop-before-server' | 'drop-after-commit';

/** A fault on the `call`-th RPC call (0-based) of a sync step; the calls before it go through. */
interface FaultAt {
  call: number;
  kind: FaultKind;
}

interface PhoneSpec {
  member: Member;
  tabs: 1 | 2;
  /** true: the tabs share Web Locks (one syncs, the other is busy); false: `locks: null`, both run. */
  webLocks: boolean;
}

/** Phone and tab numbers are taken modulo what the schedule has, so shrinking never breaks them. */
type Step =
  | { kind: 'log'; phone: number; tab: number; count: number; killedAfterSaved: boolean }
  | { kind: 'sync'; phone: number; tab: number; faults: FaultAt[]; loggedMeanwhile: number }
  | { kind: 'sync-tabs-at-once'; phone: number; faults: FaultAt[] }
  | { kind: 'sync-phones-at-once'; faults: FaultAt[][] }
  | { kind: 'offline' | 'online' | 'token-expires'; phone: number }
  /** The phone's next session renewal fails once on the network; supabase-js retries it after 200 ms. */
  | { kind: 'renewal-fails-once'; phone: number; how: RenewalFault }
  | { kind: 'revoke-responder' };

interface Schedule {
  /** The first phone is always the responder's; the second the owner's or the responder's own second phone. */
  phones: PhoneSpec[];
  batchSize: number;
  pageSize: number;
  steps: Step[];
}

const phoneIndex = fc.nat({ max: 1 });
// Calls past the pushes are pulls: a fault there stops the feed between two pages.
const faultPlan = fc.array(fc.record({ call: fc.nat({ max: 7 }), kind: fc.constantFrom(...FAULT_KINDS) }), { maxLength: 2 });

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('log' as const), phone: phoneIndex, tab: phoneIndex, count: fc.integer({ min: 1, max: 3 }), killedAfterSaved: fc.boolean() }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('sync' as const), phone: phoneIndex, tab: phoneIndex, faults: faultPlan, loggedMeanwhile: fc.nat({ max: 2 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('sync-tabs-at-once' as const), phone: phoneIndex, faults: faultPlan }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sync-phones-at-once' as const), faults: fc.tuple(faultPlan, faultPlan) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('offline' as const, 'online' as const, 'token-expires' as const), phone: phoneIndex }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('revoke-responder' as const) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('renewal-fails-once' as const), phone: phoneIndex, how: fc.constantFrom<RenewalFault>('drop-before-server', 'drop-after-commit') }),
  },
);

const phoneSpec = (member: fc.Arbitrary<Member>) =>
  fc.record({ member, tabs: fc.constantFrom(1 as const, 2 as const), webLocks: fc.boolean() });

const scheduleArbitrary: fc.Arbitrary<Schedule> = fc.record({
  phones: fc.oneof(
    fc.tuple(phoneSpec(fc.constant('responder'))),
    fc.tuple(phoneSpec(fc.constant('responder')), phoneSpec(fc.constantFrom('owner', 'responder'))),
  ),
  batchSize: fc.integer({ min: 1, max: 5 }),
  pageSize: fc.integer({ min: 2, max: 8 }),
  steps: fc.array(stepArbitrary, { minLength: 1, maxLength: 10 }),
});

// ------------------------------------------------------------------ the scenarios, always run first

const responderPhone: PhoneSpec = { member: 'responder', tabs: 1, webLocks: true };
const ownerPhone: PhoneSpec = { member: 'owner', tabs: 1, webLocks: true };
const logged = (count: number, killedAfterSaved = false): Step => ({ kind: 'log', phone: 0, tab: 0, count, killedAfterSaved });
const synced = (faults: FaultAt[] = [], phone = 0): Step => ({ kind: 'sync', phone, tab: 0, faults, loggedMeanwhile: 0 });

const SCENARIOS: Schedule[] = [
  // The network drops before the request reaches the server.
  { phones: [responderPhone], batchSize: 5, pageSize: 4, steps: [logged(3), synced([{ call: 0, kind: 'drop-before-server' }])] },
  // The network drops after the server committed.
  { phones: [responderPhone, ownerPhone], batchSize: 5, pageSize: 4, steps: [logged(3), synced([{ call: 0, kind: 'drop-after-commit' }])] },
  // The server answers 500 on the second batch of three.
  { phones: [responderPhone], batchSize: 2, pageSize: 4, steps: [logged(3), logged(3), synced([{ call: 1, kind: 'server-500' }])] },
  // The network drops between two pages of the pull (push, page 1, then page 2 is lost).
  { phones: [responderPhone], batchSize: 5, pageSize: 2, steps: [logged(3), synced([{ call: 2, kind: 'drop-before-server' }])] },
  // The token expires while the phone is offline.
  {
    phones: [responderPhone],
    batchSize: 5,
    pageSize: 4,
    steps: [logged(1), { kind: 'offline', phone: 0 }, { kind: 'token-expires', phone: 0 }, logged(2), synced(), { kind: 'online', phone: 0 }, synced()],
  },
  // The token expired while offline; back online, the renewal's answer is lost once.
  {
    phones: [responderPhone],
    batchSize: 5,
    pageSize: 4,
    steps: [
      { kind: 'offline', phone: 0 },
      { kind: 'token-expires', phone: 0 },
      logged(2),
      { kind: 'online', phone: 0 },
      { kind: 'renewal-fails-once', phone: 0, how: 'drop-after-commit' },
      synced(),
    ],
  },
  // The responder is removed from the workspace while the phone is offline.
  {
    phones: [responderPhone, ownerPhone],
    batchSize: 5,
    pageSize: 4,
    steps: [logged(2), synced(), { kind: 'offline', phone: 0 }, { kind: 'revoke-responder' }, logged(2), { kind: 'online', phone: 0 }, synced()],
  },
  // Two tabs sync at once, with Web Locks and without.
  { phones: [{ member: 'responder', tabs: 2, webLocks: true }], batchSize: 2, pageSize: 3, steps: [logged(4), { kind: 'sync-tabs-at-once', phone: 0, faults: [] }] },
  { phones: [{ member: 'responder', tabs: 2, webLocks: false }], batchSize: 2, pageSize: 3, steps: [logged(4), { kind: 'sync-tabs-at-once', phone: 0, faults: [] }] },
  // The app is killed right after "Saved", and again while a push is answered.
  { phones: [responderPhone], batchSize: 5, pageSize: 4, steps: [logged(2, true), synced([{ call: 0, kind: 'killed-after-commit' }])] },
];

/** The answer is lost after the server stored the entry, then the responder is removed before the phone retries. */
const LOST_ANSWER_THEN_REMOVED: Schedule = {
  phones: [responderPhone],
  batchSize: 1,
  pageSize: 2,
  steps: [logged(1), synced([{ call: 0, kind: 'drop-after-commit' }]), { kind: 'revoke-responder' }, synced()],
};
SCENARIOS.push(LOST_ANSWER_THEN_REMOVED);

// ------------------------------------------------------------------ phones

/** Web Locks' `ifAvailable` for the tabs of one phone: Node has no navigator.locks. */
function webLocksOfOnePhone(): SyncLocks {
  const held = new Set<string>();
  return {
    async request(name, _options, callback) {
      if (held.has(name)) return callback(null);
      held.add(name);
      try {
        return await callback({ name });
      } finally {
        held.delete(name);
      }
    },
  };
}

/**
 * A signed-in supabase-js client. Signing in costs a scrypt hash (about 50 ms), so a few
 * sessions are kept and lent to one phone at a time; the phone routes it through its network.
 */
interface Session {
  member: Member;
  client: SupabaseClient;
  route: typeof fetch;
}

interface Tab {
  db: MusterDatabase;
  engine: SyncEngine;
}

interface Phone {
  name: string;
  spec: PhoneSpec;
  session: Session;
  network: PhoneNetwork;
  /** A token the server sees instead of the phone's: it expired while the phone was offline. */
  expiredToken: string | null;
  renewalFault: RenewalFault | null;
  locks: SyncLocks | null;
  tabs: Tab[];
  /** Ids of the entries this phone saved ("Saved" was shown). */
  saved: string[];
  /** The app was killed: every tab's connection is closed until it restarts. */
  killed: boolean;
}

/** What happened during one schedule that the invariant depends on. */
interface Run {
  workspace: string;
  schedule: Schedule;
  phones: Phone[];
  revoked: boolean;
  /** runOnce rejections on a phone that was not killed: the engine must never throw otherwise. */
  unexpectedErrors: unknown[];
  tabsAtOnce: { webLocks: boolean; reports: (SyncReport | 'killed')[] }[];
  /** What the schedule really exercised: faults that fired, not only those armed. */
  seen: Set<string>;
}

const AUTHOR: Record<Member, string> = { owner: DEMO.owner.name, responder: DEMO.responder.name };

describe.each(backends)('Fault schedules against the Muster backend on %s', (backend) => {
  let muster: MusterUnderTest;
  const idleSessions: Session[] = [];

  async function borrowSession(member: Member): Promise<Session> {
    const index = idleSessions.findIndex((session) => session.member === member);
    if (index >= 0) return idleSessions.splice(index, 1)[0] as Session;
    const session: Session = { member, route: fetch, client: undefined as unknown as SupabaseClient };
    session.client = supabaseClient(muster.url, muster.anonKey, { fetch: (input, init) => session.route(input, init) });
    const { error } = await session.client.auth.signInWithPassword({ email: DEMO[member].email, password: DEMO.password });
    if (error) throw error;
    return session;
  }

  /** A fresh workspace per schedule, shaped like the seed's: its own members, incident and feed. */
  async function openWorkspace(): Promise<string> {
    const workspace = crypto.randomUUID();
    await muster.database.transaction(async (tx) => {
      await tx.query(`insert into public.workspace (id, name) values ($1, 'Fault schedule')`, [workspace]);
      await tx.query(
        `insert into public.member (workspace_id, user_id, role, display_name)
         values ($1, $2, 'owner', $3), ($1, $4, 'responder', $5)`,
        [workspace, DEMO.owner.userId, DEMO.owner.name, DEMO.responder.userId, DEMO.responder.name],
      );
      await tx.query(
        `insert into public.incident (workspace_id, id, title, severity, detected_at, comm_owner_id)
         values ($1, $2, 'Suspicious forwarding rule on the finance mailbox', 'high', '2026-03-02T08:40:00.000Z', $3)`,
        [workspace, DEMO.incident, DEMO.owner.userId],
      );
    });
    return workspace;
  }

  /** Both members leave, so the next schedules' feeds do not carry this one's entries. */
  async function closeWorkspace(workspace: string): Promise<void> {
    await muster.database.query('delete from public.member where workspace_id = $1', [workspace]);
  }

  async function openTabs(phone: Phone, run: Run): Promise<Tab[]> {
    const tabs: Tab[] = [];
    for (let n = 0; n < phone.spec.tabs; n += 1) {
      const db = await openMusterDB(phone.name);
      const engine = createSyncEngine({
        db,
        transport: createSupabaseTransport(phone.session.client),
        workspaceId: run.workspace,
        now: () => new Date(),
        random: () => 0.5,
        sleep: async () => undefined,
        locks: phone.locks,
        batch: { maxChanges: run.schedule.batchSize, maxBytes: 512 * 1024 },
        pageSize: run.schedule.pageSize,
      });
      tabs.push({ db, engine });
    }
    return tabs;
  }

  async function startPhone(spec: PhoneSpec, n: number, run: Run): Promise<Phone> {
    const session = await borrowSession(spec.member);
    const phone: Phone = {
      name: `phone-${n}-${crypto.randomUUID()}`,
      spec,
      session,
      network: undefined as unknown as PhoneNetwork,
      expiredToken: null,
      renewalFault: null,
      locks: spec.webLocks ? webLocksOfOnePhone() : null,
      tabs: [],
      saved: [],
      killed: false,
    };
    // Below the RPC faults: the server sees the expired token until the phone renews its
    // session, and a renewal may fail once on the way.
    const throughExpiry: typeof fetch = async (input, init) => {
      const url = String(input);
      if (phone.expiredToken && url.includes('/rest/v1/')) {
        const headers = new Headers(init?.headers);
        headers.set('Authorization', `Bearer ${phone.expiredToken}`);
        return fetch(input, { ...init, headers });
      }
      const renewalFault = url.includes('grant_type=refresh_token') ? phone.renewalFault : null;
      if (renewalFault) {
        phone.renewalFault = null;
        run.seen.add(`renewal ${renewalFault}`);
        return (renewalFault === 'drop-before-server' ? dropBeforeServer : dropAfterCommit)(input, init, fetch);
      }
      const answer = await fetch(input, init);
      if (url.includes('grant_type=refresh_token') && answer.ok && phone.expiredToken) {
        phone.expiredToken = null;
        run.seen.add('expired token renewed');
      }
      return answer;
    };
    phone.network = phoneNetwork(throughExpiry);
    session.route = phone.network.fetch;
    phone.tabs = await openTabs(phone, run);
    return phone;
  }

  /** The app dies: every tab's connection closes; what was committed stays on disk. */
  function kill(phone: Phone): void {
    phone.killed = true;
    for (const tab of phone.tabs) tab.db.close();
  }

  async function restartIfKilled(phone: Phone, run: Run): Promise<void> {
    if (!phone.killed) return;
    phone.tabs = await openTabs(phone, run);
    phone.killed = false;
  }

  /** The ids a sync_push request carries; none for a pull. */
  /** The fault, noted as seen when it fires. */
  function observed(kind: FaultKind, phone: Phone, run: Run): Fault {
    const fault = faultOf(kind, phone);
    return (input, init, realFetch) => {
      run.seen.add(kind);
      return fault(input, init, realFetch);
    };
  }

  function faultOf(kind: FaultKind, phone: Phone): Fault {
    switch (kind) {
      case 'drop-before-server':
        return dropBeforeServer;
      case 'drop-after-commit':
        return dropAfterCommit;
      case 'server-500':
        return serverError;
      case 'server-500-after-commit':
        return async (input, init, realFetch) => {
          await (await realFetch(input, init)).arrayBuffer();
          return serverError(input, init, realFetch);
        };
      case 'jwt-expired-401':
        return async () => Response.json({ code: 'PGRST303', message: 'JWT expired', details: null, hint: null }, { status: 401 });
      case 'killed-after-commit':
        return async (input, init, realFetch) => {
          const answer = await realFetch(input, init);
          kill(phone);
          return answer;
        };
    }
  }

  function armFaults(phone: Phone, plan: readonly FaultAt[], run: Run): void {
    const calls: (Fault | undefined)[] = [];
    for (const { call, kind } of plan) calls[call] = observed(kind, phone, run);
    phone.network.faults.splice(0, phone.network.faults.length, ...Array.from(calls));
  }

  /** One runOnce; a rejection is only allowed when the app was killed under it. */
  async function sync(phone: Phone, tab: Tab, run: Run): Promise<SyncReport | 'killed'> {
    try {
      return await tab.engine.runOnce();
    } catch (error) {
      if (!phone.killed) run.unexpectedErrors.push(error);
      return 'killed';
    }
  }

  async function log(phone: Phone, tab: Tab, count: number, summary: string, run: Run): Promise<void> {
    const logbook = { workspace: run.workspace, incident: DEMO.incident, author: AUTHOR[phone.spec.member] };
    await logEntries(tab.db, logbook, count, summary, phone.saved);
  }

  async function runStep(step: Step, n: number, run: Run): Promise<void> {
    const phoneOf = (index: number) => run.phones[index % run.phones.length] as Phone;
    const tabOf = (phone: Phone, index: number) => phone.tabs[index % phone.tabs.length] as Tab;
    switch (step.kind) {
      case 'log': {
        const phone = phoneOf(step.phone);
        await log(phone, tabOf(phone, step.tab), step.count, `Step ${n}`, run);
        if (step.killedAfterSaved) {
          kill(phone);
          run.seen.add('killed right after Saved');
        }
        break;
      }
      case 'sync': {
        const phone = phoneOf(step.phone);
        armFaults(phone, step.faults, run);
        if (!phone.network.online) run.seen.add('synced while offline');
        if (step.loggedMeanwhile > 0) run.seen.add('logged while syncing');
        const logging = step.loggedMeanwhile > 0 ? log(phone, tabOf(phone, step.tab + 1), step.loggedMeanwhile, `Step ${n} meanwhile`, run) : Promise.resolve();
        const settled = await Promise.allSettled([sync(phone, tabOf(phone, step.tab), run), logging]);
        // Saving while the app is being killed may fail with "Not saved"; the user still has the text.
        if (settled[1].status === 'rejected' && !phone.killed) run.unexpectedErrors.push(settled[1].reason);
        break;
      }
      case 'sync-tabs-at-once': {
        const phone = phoneOf(step.phone);
        if (phone.tabs.length < 2) break;
        armFaults(phone, step.faults, run);
        const reports = await Promise.all(phone.tabs.map((tab) => sync(phone, tab, run)));
        run.tabsAtOnce.push({ webLocks: phone.spec.webLocks, reports });
        run.seen.add(phone.spec.webLocks ? 'two tabs at once, Web Locks' : 'two tabs at once, no locks');
        break;
      }
      case 'sync-phones-at-once':
        run.phones.forEach((phone, index) => armFaults(phone, step.faults[index] ?? [], run));
        await Promise.all(run.phones.map((phone) => sync(phone, phone.tabs[0] as Tab, run)));
        if (run.phones.length > 1) run.seen.add('two phones at once');
        break;
      case 'offline':
        phoneOf(step.phone).network.online = false;
        break;
      case 'online':
        phoneOf(step.phone).network.online = true;
        break;
      case 'token-expires': {
        const phone = phoneOf(step.phone);
        const { data } = await phone.session.client.auth.getSession();
        const past = Math.floor(Date.now() / 1000) - 120;
        phone.expiredToken = signJwt({ ...claimsOf(data.session?.access_token ?? ''), iat: past - 3600, exp: past }, DEFAULT_JWT_SECRET);
        break;
      }
      case 'renewal-fails-once':
        phoneOf(step.phone).renewalFault = step.how;
        break;
      case 'revoke-responder':
        await muster.database.query('delete from public.member where workspace_id = $1 and user_id = $2', [run.workspace, DEMO.responder.userId]);
        run.revoked = true;
        run.seen.add('responder removed');
        break;
    }
    for (const phone of run.phones) phone.network.faults.length = 0;
    for (const phone of run.phones) await restartIfKilled(phone, run);
  }

  // ---------------------------------------------------------------- recovery and the invariant

  /** The server's entries of the incident, read as the database owner (no RLS). */
  async function serverEntries(workspace: string): Promise<{ id: string; seq: string }[]> {
    const { rows } = await muster.database.query(
      'select e.id::text as id, e.seq::text as seq from public.log_entry e where e.workspace_id = $1 and e.incident_id = $2 order by e.seq',
      [workspace, DEMO.incident],
    );
    return rows as { id: string; seq: string }[];
  }

  async function serverChain(workspace: string): Promise<{ intact: boolean; checked: number }> {
    const { rows } = await muster.database.query('select public.verify_incident_chain($1, $2) as verdict', [workspace, DEMO.incident]);
    return rows[0]?.verdict;
  }

  /** A phone still in the workspace reads all of it; the removed responder keeps what it had. */
  const readsWorkspace = (phone: Phone, run: Run) => !(run.revoked && phone.spec.member === 'responder');

  async function pulledIds(phone: Phone, run: Run): Promise<string[]> {
    return (await allPulled(phone.tabs[0]?.db as MusterDatabase, run.workspace, DEMO.incident)).map((entry) => entry.id);
  }

  async function pulledEverything(run: Run): Promise<boolean> {
    const onServer = (await serverEntries(run.workspace)).map((entry) => entry.id).sort();
    for (const phone of run.phones) {
      if (readsWorkspace(phone, run) && JSON.stringify((await pulledIds(phone, run)).sort()) !== JSON.stringify(onServer)) return false;
    }
    return true;
  }

  /**
   * The network is back and the faults stop; every tab of every phone syncs in turn until a
   * whole round sends and pulls nothing. On PostgreSQL a transaction elsewhere in the cluster
   * can hold the feed's horizon back for a moment, hence the short waits.
   */
  async function recover(run: Run): Promise<boolean> {
    for (const phone of run.phones) {
      phone.network.online = true;
      phone.network.faults.length = 0;
      await restartIfKilled(phone, run);
    }
    for (let round = 0; round < RECOVERY_ROUNDS; round += 1) {
      let quiet = true;
      for (const phone of run.phones) {
        for (const tab of phone.tabs) {
          const report = await sync(phone, tab, run);
          if (report === 'killed' || report.reason !== 'ok' || report.pushed + report.duplicates + report.parked + report.pulled > 0) quiet = false;
        }
      }
      if (quiet && (await pulledEverything(run))) return true;
      if (quiet) await new Promise((resolveWait) => setTimeout(resolveWait, 25));
    }
    return false;
  }

  async function expectInvariant(run: Run): Promise<void> {
    expect(run.unexpectedErrors).toEqual([]);
    for (const { webLocks, reports } of run.tabsAtOnce) {
      const busy = reports.filter((report) => report !== 'killed' && report.reason === 'busy').length;
      // Both tabs asked at the same moment: with Web Locks exactly one syncs; without, neither waits.
      if (!reports.includes('killed')) expect(busy).toBe(webLocks ? 1 : 0);
    }

    const created = new Set<string>();
    const parked = new Map<string, string>();
    for (const phone of run.phones) {
      const db = phone.tabs[0]?.db as MusterDatabase;
      // Killed right after "Saved": every saved entry is still on the phone, and nothing else is.
      expect((await db.getAllKeys('log')).sort()).toEqual([...phone.saved].sort());
      expect(await outboxSummary(db)).toMatchObject({ waiting: 0 });
      for (const rejected of await db.getAll('rejected')) {
        expect(phone.saved).toContain(rejected.id);
        expect(rejected.payload).toEqual(await db.get('log', rejected.id));
        // The only refusal a schedule can cause: the responder was removed from the workspace.
        expect(rejected.reason).toBe('not a member of this workspace');
        expect(phone.spec.member).toBe('responder');
        parked.set(rejected.id, rejected.reason);
      }
      for (const id of phone.saved) created.add(id);
    }
    if (!run.revoked) expect(parked.size).toBe(0);
    if (parked.size > 0) run.seen.add('refused and kept on the phone');

    const onServer = await serverEntries(run.workspace);
    const serverIds = onServer.map((entry) => entry.id);
    expect(new Set(serverIds).size).toBe(serverIds.length);
    expect([...serverIds].sort()).toEqual([...created].filter((id) => !parked.has(id)).sort());
    expect(await serverChain(run.workspace)).toEqual({ intact: true, checked: serverIds.length });

    const seqOnServer = new Map(onServer.map((entry) => [entry.id, entry.seq]));
    for (const phone of run.phones) {
      const pulled = await allPulled(phone.tabs[0]?.db as MusterDatabase, run.workspace, DEMO.incident);
      const copy = pulled.map((entry) => [entry.id, String(entry.seq)]);
      if (readsWorkspace(phone, run)) expect(copy).toEqual(onServer.map((entry) => [entry.id, entry.seq]));
      else for (const [id, seq] of copy) expect(seqOnServer.get(id as string)).toBe(seq);
    }
  }

  /** Plays a schedule on a fresh workspace and fresh phones, recovers, checks the invariant. */
  async function play(schedule: Schedule): Promise<Set<string>> {
    const run: Run = {
      workspace: await openWorkspace(),
      schedule,
      phones: [],
      revoked: false,
      unexpectedErrors: [],
      tabsAtOnce: [],
      seen: new Set(),
    };
    try {
      for (const [n, spec] of schedule.phones.entries()) run.phones.push(await startPhone(spec, n, run));
      for (const [n, step] of schedule.steps.entries()) await runStep(step, n + 1, run);
      const quiet = await recover(run);
      // The invariant first: when the phones never settle, its differences say why.
      await expectInvariant(run);
      expect(quiet, 'the phones synced until a whole round sent and pulled nothing').toBe(true);
      return run.seen;
    } finally {
      for (const phone of run.phones) {
        for (const tab of phone.tabs) tab.db.close();
        phone.session.route = fetch;
        idleSessions.push(phone.session);
        await new Promise((resolveDelete) => {
          const request = indexedDB.deleteDatabase(phone.name);
          request.onsuccess = request.onerror = resolveDelete;
        });
      }
      await closeWorkspace(run.workspace);
    }
  }

  beforeAll(async () => {
    // auth-js logs every failed fetch with console.error; the ones injected here are expected.
    const logError = console.error.bind(console);
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      if (!(args[0] instanceof TypeError && args[0].message.startsWith('fetch failed'))) logError(...args);
    });
    muster = await startMusterUnderTest(backend, { supabaseDir: 'supabase', seed: true });
    // Signing up with a seeded address makes that account the seeded member.
    for (const member of ['owner', 'responder'] as const) {
      const { error } = await muster.client().auth.signUp({ email: DEMO[member].email, password: DEMO.password });
      if (error) throw error;
    }
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await muster?.close();
  });

  it(`keeps every entry made on a phone through ${NUM_RUNS} generated fault schedules: stored once, or refused and kept with the reason`, async () => {
    const tally = new Map<string, number>();
    let schedules = 0;
    await fc.assert(
      fc.asyncProperty(scheduleArbitrary, async (schedule) => {
        schedules += 1;
        for (const event of await play(schedule)) tally.set(event, (tally.get(event) ?? 0) + 1);
      }),
      {
        numRuns: NUM_RUNS,
        ...(FC_SEED === undefined ? {} : { seed: FC_SEED }),
        ...(FC_PATH === undefined ? {} : { path: FC_PATH }),
        examples: SCENARIOS.map((scenario) => [scenario] as [Schedule]),
      },
    );
    console.info(`${schedules} fault schedules on ${backend}; schedules per event:`, Object.fromEntries([...tally].sort()));
    expect(schedules).toBeGreaterThanOrEqual(NUM_RUNS);
    // Every fault the issue names fired in at least one schedule (the scenarios see to it).
    for (const event of [...FAULT_KINDS, 'expired token renewed', 'renewal drop-after-commit', 'killed right after Saved', 'two tabs at once, Web Locks', 'two tabs at once, no locks', 'refused and kept on the phone'])
      expect(tally.get(event) ?? 0, event).toBeGreaterThan(0);
  }, 600_000);

  // Found by the property (shrunk to this): an entry stored by a push whose answer was lost,
  // sent again after the responder was removed, used to be refused ("not a member") though
  // the server held it. sync_push now answers `duplicate` for an entry the caller recorded.
  it('tells a removed responder that an entry stored before the removal, whose answer was lost, is stored, not refused', async () => {
    const seen = await play(LOST_ANSWER_THEN_REMOVED);
    expect(seen).toContain('drop-after-commit');
  });
});

