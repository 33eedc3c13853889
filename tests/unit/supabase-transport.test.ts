// The Supabase adapter's edge: what the server (or something pretending to be it) answers is
// checked here, so the engine never sees a shape outside the contract.

import type { SupabaseClient } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import { classifyFailure } from '../../src/sync/protocol';
import { createSupabaseTransport } from '../../src/sync/supabase-transport';
import { SyncTransportError } from '../../src/sync/transport';

type RpcAnswer = { data: unknown; error: { message: string; code?: string } | null; status: number };

function clientAnswering(answer: RpcAnswer, refresh: { data: { session: unknown }; error: unknown } = { data: { session: {} }, error: null }) {
  const calls: [string, unknown][] = [];
  const client = {
    rpc: async (fn: string, args: unknown) => (calls.push([fn, args]), answer),
    auth: { refreshSession: async () => refresh },
  } as unknown as SupabaseClient;
  return { transport: createSupabaseTransport(client), calls };
}

const row = {
  id: 'e1', workspace_id: 'ws', incident_id: 'INC-2026-004', occurred_at: '2026-03-02T09:00:00.000Z', communication_type: 'vendor_request',
  contacted: 'MSP', contact_method: '', message_summary: 'Asked for logs', decision_made: '', action_requested: '', owner: '', deadline: null,
  response_received: '', follow_up_required: '', evidence_location: '', corrects: null, author: 'Tom', device_recorded_at: '2026-03-02T09:00:00.000Z',
  content_hash: 'a'.repeat(64), local_seq: 1, prev_hash: '0'.repeat(64), hash: 'b'.repeat(64), recorded_by: 'u1',
  recorded_at: '2026-03-02T09:00:01.123456Z', seq: 7, chain_hash: 'c'.repeat(64),
};

async function failureOf(promise: Promise<unknown>): Promise<SyncTransportError> {
  const error = await promise.then(() => null, (reason: unknown) => reason);
  if (!(error instanceof SyncTransportError)) throw new Error(`expected a SyncTransportError, got ${String(error)}`);
  return error;
}

describe('pushing through supabase-js', () => {
  it('sends the changes to sync_push and reads the per-change answer', async () => {
    const { transport, calls } = clientAnswering({ data: [{ id: 'a', status: 'applied' }, { id: 'b', status: 'rejected', reason: 'not a member of this workspace', extra: 1 }], error: null, status: 200 });

    const results = await transport.push([]);

    expect(calls).toEqual([['sync_push', { changes: [] }]]);
    expect(results).toEqual([{ id: 'a', status: 'applied' }, { id: 'b', status: 'rejected', reason: 'not a member of this workspace' }]);
  });

  it('leaves out a change whose status this version does not know, so it stays queued', async () => {
    const { transport } = clientAnswering({ data: [{ id: 'a', status: 'conflict' }, { id: 'b', status: 'duplicate' }], error: null, status: 200 });
    expect(await transport.push([])).toEqual([{ id: 'b', status: 'duplicate' }]);
  });

  it('turns an unreadable answer into a retryable failure, never a crash', async () => {
    for (const data of [null, { results: [] }, [{ status: 'applied' }], 'ok']) {
      const error = await failureOf(clientAnswering({ data, error: null, status: 200 }).transport.push([]));
      expect(error.message).toMatch(/cannot read/);
      expect(classifyFailure(error.failure)).toBe('retry');
    }
  });

  it('reports no answer (supabase-js status 0) as a network failure and keeps the status and code of an HTTP error', async () => {
    const offline = await failureOf(clientAnswering({ data: null, error: { message: 'TypeError: fetch failed', code: '' }, status: 0 }).transport.push([]));
    expect(offline.failure).toEqual({ status: null });
    const expired = await failureOf(clientAnswering({ data: null, error: { message: 'JWT expired', code: 'PGRST303' }, status: 401 }).transport.push([]));
    expect(expired.failure).toEqual({ status: 401, code: 'PGRST303' });
    expect(expired.message).toBe('JWT expired');
  });
});

describe('pulling through supabase-js', () => {
  it('reads a page, ignoring fields a newer server adds and passing on tables it cannot read', async () => {
    const { transport, calls } = clientAnswering({
      data: { changes: [{ table: 'log_entry', cursor: 5, row: { ...row, mood: 'calm' } }, { table: 'statement_v2', cursor: 6, row: {} }], next_cursor: 6, has_more: false, server_time: 'now' },
      error: null,
      status: 200,
    });

    const page = await transport.pull(4, 100);

    expect(calls).toEqual([['sync_pull', { cursor: 4, page_size: 100 }]]);
    expect(page).toEqual({ changes: [{ table: 'log_entry', cursor: 5, row }, { table: 'unreadable', serverTable: 'statement_v2', cursor: 6 }], next_cursor: 6, has_more: false });
  });

  it('refuses a page with a log entry missing its server order', async () => {
    const { seq: _dropped, ...withoutSeq } = row;
    const error = await failureOf(clientAnswering({ data: { changes: [{ table: 'log_entry', cursor: 5, row: withoutSeq }], next_cursor: 5, has_more: false }, error: null, status: 200 }).transport.pull(0, 10));
    expect(error.message).toMatch(/pulled log entry in a form this app cannot read \(seq/);
  });
});

describe('renewing the sign-in', () => {
  it('says whether a new session was obtained, and treats no answer as "try later", not as signed out', async () => {
    expect(await clientAnswering({ data: null, error: null, status: 200 }).transport.refreshSession()).toBe(true);
    const revoked = { data: { session: null }, error: { name: 'AuthApiError', status: 400, message: 'Invalid Refresh Token' } };
    expect(await clientAnswering({ data: null, error: null, status: 200 }, revoked).transport.refreshSession()).toBe(false);
    const unreachable = { data: { session: null }, error: { name: 'AuthRetryableFetchError', status: 0, message: 'fetch failed' } };
    const error = await failureOf(clientAnswering({ data: null, error: null, status: 200 }, unreachable).transport.refreshSession());
    expect(error.failure).toEqual({ status: null });
  });
});
