// Phones for the server tests: the app's own store (fake-indexeddb, one database per phone)
// and the network between a phone and the backend, where a test decides what each RPC call
// meets. sync-engine.test.ts scripts the faults by hand; sync-fault-schedules.test.ts
// generates them.

import 'fake-indexeddb/auto';
import { appendLogEntry } from '../../src/store/log-repository';
import type { MusterDatabase } from '../../src/store/open-database';
import { listPulledPage } from '../../src/store/pulled-log';
import type { PulledLogEntry } from '../../src/store/schema';
import { quickFields } from '../unit/log-entry-fixtures';

/** What supabase/seed.sql creates; signing up with one of these emails makes you that member. */
export const DEMO = {
  workspace: '00000000-0000-4000-8000-0000000000aa',
  incident: 'INC-2026-004',
  password: 'correct horse battery',
  owner: { email: 'owner@demo.muster.test', userId: '00000000-0000-4000-8000-000000000001', name: 'Dana Owner' },
  responder: { email: 'responder@demo.muster.test', userId: '00000000-0000-4000-8000-000000000002', name: 'Tom Becker' },
} as const;

/** What one REST call meets on the way: it gets the real fetch and decides what the phone sees. */
export type Fault = (input: RequestInfo | URL, init: RequestInit | undefined, realFetch: typeof fetch) => Promise<Response>;

/** The request never leaves the phone (no signal, airplane mode). */
export const dropBeforeServer: Fault = async () => {
  throw new TypeError('fetch failed: network is unreachable');
};

/** The server got the request and committed; the answer is lost on the way back. */
export const dropAfterCommit: Fault = async (input, init, realFetch) => {
  await (await realFetch(input, init)).arrayBuffer();
  throw new TypeError('fetch failed: connection reset');
};

/** A 500 from the server (or a proxy in front of it) before the database saw anything. */
export const serverError: Fault = async () =>
  Response.json({ code: 'XX000', message: 'internal error', details: null, hint: null }, { status: 500 });

export interface PhoneNetwork {
  /** What the phone's supabase-js client uses as fetch. */
  fetch: typeof fetch;
  /** Faults for the next RPC calls, one each, in order; `undefined` lets that call through. */
  faults: (Fault | undefined)[];
  /** false: every request, sign-in renewal included, fails before it leaves the phone. */
  online: boolean;
}

export function phoneNetwork(realFetch: typeof fetch = fetch): PhoneNetwork {
  const network: PhoneNetwork = {
    faults: [],
    online: true,
    async fetch(input, init) {
      if (!network.online) throw new TypeError('fetch failed: offline');
      const fault = String(input).includes('/rest/v1/rpc/') ? network.faults.shift() : undefined;
      return fault ? fault(input, init, realFetch) : realFetch(input, init);
    },
  };
  return network;
}

export interface Logbook {
  workspace: string;
  incident: string;
  author: string;
}

/**
 * Logs `count` quick entries as the Log screen does, one after the other, and resolves with
 * their ids. Each id goes into `saved` the moment its entry is "Saved", so a caller whose
 * app is killed halfway still knows which ones were.
 */
export async function logEntries(db: MusterDatabase, logbook: Logbook, count: number, summary: string, saved: string[] = []): Promise<string[]> {
  for (let n = 1; n <= count; n += 1) {
    const occurred_at = new Date(Date.UTC(2026, 2, 2, 9, n)).toISOString();
    const fields = quickFields({ incident_id: logbook.incident, message_summary: `${summary} ${n}`, occurred_at });
    saved.push((await appendLogEntry(db, fields, { workspace_id: logbook.workspace, author: logbook.author, corrects: null })).id);
  }
  return saved;
}

/** Every entry of the incident this phone pulled from the server, in server order. */
export async function allPulled(db: MusterDatabase, workspace: string, incident: string): Promise<PulledLogEntry[]> {
  return (await listPulledPage(db, workspace, incident, { limit: 100_000 })).entries.reverse();
}
