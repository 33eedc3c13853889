// SyncSession.upload: a file's bytes go to an Edge Function as the body, with the request's
// fields as URL parameters, under the same key and session as every other call; a session
// that ran out is renewed once.

import { createClient } from '@supabase/supabase-js';
import { describe, expect, it, vi } from 'vitest';
import { createSyncSession } from '../../src/sync/sync-session';
import { SyncTransportError } from '../../src/sync/transport';

interface SeenRequest {
  url: URL;
  method: string;
  headers: Headers;
  body: Uint8Array;
}

type Answer = { status: number; body: unknown } | Error;

class NoRealtime {
  constructor() {
    throw new Error('realtime is not used by uploads');
  }
}

/** A backend stand-in behind supabase-js's fetch: answers in order, keeps what it was sent. */
function backendAnswering(answers: Answer[], renewal: boolean | Error = true) {
  const seen: SeenRequest[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    seen.push({ url: new URL(request.url), method: request.method, headers: request.headers, body: new Uint8Array(await request.arrayBuffer()) });
    const answer = answers.shift() ?? new Error('no more answers');
    if (answer instanceof Error) throw answer;
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'Content-Type': 'application/json' } });
  });
  const client = createClient('http://backend.test', 'anon-key', {
    auth: { persistSession: false, autoRefreshToken: false },
    global: { fetch },
    // Never opened here; Node 20 has no WebSocket for supabase-js to find.
    realtime: { transport: NoRealtime as never },
  });
  const refresh = vi.spyOn(client.auth, 'refreshSession').mockImplementation(async () => {
    if (renewal instanceof Error) throw renewal;
    return (renewal ? { data: { session: {}, user: {} }, error: null } : { data: { session: null, user: null }, error: { message: 'Invalid Refresh Token', status: 400 } }) as never;
  });
  return { session: createSyncSession(client), seen, refresh };
}

const BYTES = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0x10]);
const QUERY = { upload_id: 'u-1', connector_id: 'c-1', incident_id: 'INC 7&x=1#y', name: 'muster-INC-7 (final).zip' };

describe('uploading a file to an Edge Function', () => {
  it('sends the bytes unchanged as the body, the fields as URL parameters, with the anon key', async () => {
    const { session, seen } = backendAnswering([{ status: 200, body: { status: 'sent', remote_label: 'muster-INC-7 (final).zip' } }]);

    const answer = await session.upload('evidence-upload', QUERY, BYTES, 'application/zip');

    expect(answer).toEqual({ status: 200, body: { status: 'sent', remote_label: 'muster-INC-7 (final).zip' } });
    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request?.method).toBe('POST');
    expect(request?.url.pathname).toBe('/functions/v1/evidence-upload');
    expect(Object.fromEntries(request?.url.searchParams ?? [])).toEqual(QUERY);
    expect(request?.headers.get('content-type')).toBe('application/zip');
    expect(request?.headers.get('apikey')).toBe('anon-key');
    expect(request?.headers.get('authorization')).toMatch(/^Bearer /);
    expect([...(request?.body ?? [])]).toEqual([...BYTES]);
  });

  it('answers a refusal with its status and JSON body, for the caller to word', async () => {
    const { session } = backendAnswering([{ status: 413, body: { code: 'payload_too_large', message: 'At most 25 MB.' } }]);
    expect(await session.upload('evidence-upload', QUERY, BYTES, 'application/zip')).toEqual({ status: 413, body: { code: 'payload_too_large', message: 'At most 25 MB.' } });
  });

  it('renews a session that ran out (401) once and sends the same bytes again', async () => {
    const { session, seen, refresh } = backendAnswering([
      { status: 401, body: { code: 'unauthorized', message: 'JWT expired' } },
      { status: 200, body: { status: 'sent' } },
    ]);

    expect(await session.upload('evidence-upload', QUERY, BYTES, 'application/zip')).toEqual({ status: 200, body: { status: 'sent' } });
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(seen.map((request) => [...request.body])).toEqual([[...BYTES], [...BYTES]]);
    expect(seen.map((request) => request.url.searchParams.get('upload_id'))).toEqual(['u-1', 'u-1']);
  });

  it('answers the 401 when the session cannot be renewed, so the user is asked to sign in', async () => {
    for (const renewal of [false, new Error('offline')]) {
      const { session, seen } = backendAnswering([{ status: 401, body: { message: 'JWT expired' } }], renewal);
      expect(await session.upload('evidence-upload', QUERY, BYTES, 'application/zip')).toEqual({ status: 401, body: { message: 'JWT expired' } });
      expect(seen).toHaveLength(1);
    }
  });

  it('rejects with a network failure when no answer came', async () => {
    const { session } = backendAnswering([new TypeError('fetch failed')]);
    const failure = await session.upload('evidence-upload', QUERY, BYTES, 'application/zip').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SyncTransportError);
    expect((failure as SyncTransportError).failure).toEqual({ status: null });
  });

  it('renews the session for a JSON call (invoke) the same way', async () => {
    const { session, seen } = backendAnswering([{ status: 401, body: null }, { status: 200, body: { status: 'sent' } }]);
    expect(await session.invoke('dispatch', { dispatch_id: 'd-1' })).toEqual({ status: 200, body: { status: 'sent' } });
    expect(seen.map((request) => new TextDecoder().decode(request.body))).toEqual(['{"dispatch_id":"d-1"}', '{"dispatch_id":"d-1"}']);
  });
});
