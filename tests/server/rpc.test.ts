// supabase.rpc() against the embedded backend: who the database thinks is calling, what
// row-level security lets through, and PostgREST's answer and error shapes, as the sync engine
// will meet them on a real Supabase project.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { DEFAULT_JWT_SECRET, signJwt } from '../../server/jwt.mjs';
import { backends, claimsOf, startMusterUnderTest, uniqueEmail, type MusterUnderTest } from './muster-under-test';

const PASSWORD = 'correct horse battery';

/**
 * PostgREST's status for each SQLSTATE (shared/notes/supabase-contract.md section 3).
 * `as` is who calls: 42501 means "sign in" to anon (401) and "not allowed" to a member (403).
 */
const STATUS_BY_SQLSTATE: { sqlstate: string; as: 'anon' | 'member'; status: number; message?: string }[] = [
  { sqlstate: '42501', as: 'anon', status: 401 },
  { sqlstate: '42501', as: 'member', status: 403 },
  { sqlstate: '23505', as: 'member', status: 409 },
  { sqlstate: '23503', as: 'member', status: 409 },
  { sqlstate: 'P0001', as: 'member', status: 400 },
  { sqlstate: 'P0002', as: 'member', status: 500 },
  { sqlstate: '40001', as: 'member', status: 500 },
  { sqlstate: '40P01', as: 'member', status: 500 },
  { sqlstate: '22P02', as: 'member', status: 400 },
  { sqlstate: '42883', as: 'member', status: 404 },
  { sqlstate: '42P01', as: 'member', status: 404 },
  { sqlstate: '25006', as: 'member', status: 405 },
  { sqlstate: '28000', as: 'member', status: 403 },
  { sqlstate: '0L000', as: 'member', status: 403 },
  { sqlstate: '0P000', as: 'member', status: 403 },
  { sqlstate: '08006', as: 'member', status: 503 },
  { sqlstate: '53000', as: 'member', status: 503 },
  { sqlstate: '53400', as: 'member', status: 500 },
  { sqlstate: '57P01', as: 'member', status: 503 },
  { sqlstate: '57014', as: 'member', status: 500 },
  { sqlstate: '42P17', as: 'member', status: 500 },
  { sqlstate: '21000', as: 'member', status: 500 },
  { sqlstate: 'PT402', as: 'member', status: 402 },
  { sqlstate: '22023', as: 'member', status: 401, message: 'role "ghost" does not exist' },
  { sqlstate: '22023', as: 'member', status: 400 },
  { sqlstate: '22012', as: 'member', status: 400 },
  { sqlstate: '09000', as: 'member', status: 500 },
  { sqlstate: 'XX000', as: 'member', status: 500 },
];

describe.each(backends)('REST rpc on %s', (backend) => {
  let muster: MusterUnderTest;
  let ada: { client: SupabaseClient; id: string; email: string; accessToken: string };
  let anon: SupabaseClient;

  async function signUp(name: string) {
    const client = muster.client();
    const email = uniqueEmail(name);
    const { data, error } = await client.auth.signUp({ email, password: PASSWORD });
    if (error || !data.user || !data.session) throw error ?? new Error('no session');
    return { client, id: data.user.id, email, accessToken: data.session.access_token };
  }

  /** A raw call, for what supabase-js does not show (headers) or never sends. */
  function post(fn: string, body: unknown, headers: Record<string, string> = {}) {
    return fetch(`${muster.base}/rest/v1/rpc/${fn}`, {
      method: 'POST',
      headers: { apikey: muster.anonKey, 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  }

  beforeAll(async () => {
    muster = await startMusterUnderTest(backend);
    ada = await signUp('ada');
    anon = muster.client();
  });
  afterAll(() => muster?.close());

  it("runs a member's call as authenticated, with their claims: auth.uid() is their id", async () => {
    const { data, error, status } = await ada.client.rpc('whoami');

    expect(error).toBeNull();
    expect(status).toBe(200);
    expect(data).toMatchObject({
      uid: ada.id,
      role: 'authenticated',
      current_user: 'authenticated',
      method: 'POST',
      path: '/rpc/whoami',
      search_path: '"public", "extensions"',
    });
    expect(data.claims).toEqual(claimsOf(ada.accessToken));
    expect(data.headers).toMatchObject({ authorization: `Bearer ${ada.accessToken}`, 'x-client-info': expect.any(String) });
  });

  it('runs a call with the anon key as anon, and a call without Authorization as anon with claims {"role":"anon"}', async () => {
    const withKey = await anon.rpc('whoami');
    expect(withKey.data).toMatchObject({ uid: null, role: 'anon', current_user: 'anon' });
    expect(withKey.data.claims).toEqual({ iss: 'supabase-demo', role: 'anon', exp: 1983812996 });

    const withoutBearer = await post('whoami', {});
    expect(withoutBearer.status).toBe(200);
    expect(await withoutBearer.json()).toMatchObject({ uid: null, role: 'anon', claims: { role: 'anon' } });
  });

  it('runs a call with the service_role key as service_role', async () => {
    const response = await post('whoami', {}, { apikey: muster.serviceRoleKey, Authorization: `Bearer ${muster.serviceRoleKey}` });
    expect(await response.json()).toMatchObject({ role: 'service_role', current_user: 'service_role' });
  });

  it('applies row-level security: each member sees only their own notes', async () => {
    const grace = await signUp('grace');
    expect((await ada.client.rpc('add_note', { body: `ada's note ${backend}` })).data).toMatchObject({ owner: ada.id });
    expect((await grace.client.rpc('add_note', { body: `grace's note ${backend}` })).data).toMatchObject({ owner: grace.id });

    const adas = await ada.client.rpc('my_notes');
    const graces = await grace.client.rpc('my_notes');

    expect(adas.data.map((note: { owner: string }) => note.owner)).toEqual([ada.id]);
    expect(graces.data.map((note: { owner: string }) => note.owner)).toEqual([grace.id]);
  });

  it("answers with PostgREST's shapes: scalars, objects, arrays, 204 for void, the body for an unnamed jsonb parameter", async () => {
    expect(await anon.rpc('add', { a: 2, b: 3 })).toMatchObject({ data: 5, status: 200 });
    expect(await anon.rpc('greet', { name: 'Ann' })).toMatchObject({ data: 'Hello, Ann', status: 200 });
    expect(await anon.rpc('nothing')).toMatchObject({ data: null, error: null, status: 204 });
    expect(await anon.rpc('raw_body', { any: ['thing', 1] })).toMatchObject({ data: { any: ['thing', 1] } });
    const note = await ada.client.rpc('add_note', { body: `shape ${backend}` });
    expect(note.data).toEqual({ id: expect.any(Number), owner: ada.id, body: `shape ${backend}` });
    expect(Array.isArray((await ada.client.rpc('my_notes')).data)).toBe(true);
  });

  it("converts each argument by its parameter's type, defaults included, as PostgREST does", async () => {
    const full = await anon.rpc('echo', { payload: { nested: [1, { a: null }] }, tags: ['x', 'y'], n: '9007199254740993', code: 'long' });
    expect(full.error).toBeNull();
    expect(full.data).toEqual({ payload: { nested: [1, { a: null }] }, tags: ['x', 'y'], n: 9007199254740993, code: 'long' });

    const defaults = await anon.rpc('echo', { payload: null });
    expect(defaults.data).toEqual({ payload: null, tags: [], n: 0, code: 'xx' });

    const notANumber = await anon.rpc('add', { a: 'one', b: 2 });
    expect(notANumber).toMatchObject({ status: 400, error: { code: '22P02' } });
  });

  it('calls with GET too, read-only, with the arguments in the query string', async () => {
    expect(await anon.rpc('add', { a: 20, b: 22 }, { get: true })).toMatchObject({ data: 42, status: 200 });
    const raw = await fetch(`${muster.base}/rest/v1/rpc/whoami`, { headers: { apikey: muster.anonKey } });
    expect(await raw.json()).toMatchObject({ method: 'GET', read_only: 'on' });
  });

  it('answers 404 PGRST202 for a function that does not exist or arguments it does not take', async () => {
    const missing = await anon.rpc('no_such_function');
    expect(missing.status).toBe(404);
    expect(missing.error).toMatchObject({
      code: 'PGRST202',
      message: 'Could not find the function public.no_such_function without parameters in the schema cache',
    });

    const wrongNames = await anon.rpc('add', { a: 1, c: 2 });
    expect(wrongNames.status).toBe(404);
    expect(wrongNames.error).toMatchObject({
      code: 'PGRST202',
      message: 'Could not find the function public.add(a, c) in the schema cache',
      details:
        'Searched for the function public.add with parameters a, c or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
    });
  });

  it('refuses a function not granted to anon: 401 for an anonymous caller, allowed for a member', async () => {
    const refused = await anon.rpc('members_only');
    expect(refused.status).toBe(401);
    expect(refused.error).toMatchObject({ code: '42501', message: 'permission denied for function members_only' });

    expect(await ada.client.rpc('members_only')).toMatchObject({ data: 'welcome', status: 200 });
  });

  it.each(STATUS_BY_SQLSTATE)('answers SQLSTATE $sqlstate raised for $as with HTTP $status', async ({ sqlstate, as, status, message }) => {
    const client = as === 'anon' ? anon : ada.client;
    const text = message ?? `raised ${sqlstate}`;

    const { error, status: answered, data } = await client.rpc('fail_with', { code: sqlstate, message: text, detail: 'why', hint: 'what to do' });

    expect(answered).toBe(status);
    expect(data).toBeNull();
    expect(error).toEqual({ code: sqlstate, message: text, details: 'why', hint: 'what to do' });
  });

  it('reports null details and hint when the database gave none, and a 401 says so in WWW-Authenticate', async () => {
    const response = await post('fail_with', { code: '42501' });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(response.headers.get('proxy-status')).toBe('PostgREST; error=42501');
    expect(await response.json()).toEqual({ code: '42501', details: null, hint: null, message: 'fail_with was asked to fail' });
  });

  it('runs each call in one transaction: a call that fails leaves nothing behind', async () => {
    const before = (await ada.client.rpc('count_all_notes')).data;

    const failed = await ada.client.rpc('add_note_then_fail', { body: `rolled back ${backend}` });
    const duplicate = await ada.client.rpc('add_note', { body: `shape ${backend}` });

    expect(failed).toMatchObject({ status: 400, error: { code: 'P0001', message: 'refused after the insert' } });
    // Postgres leaves the key out of `details` when row-level security is on, as on Supabase.
    expect(duplicate).toMatchObject({
      status: 409,
      error: { code: '23505', message: 'duplicate key value violates unique constraint "notes_body_key"', details: null },
    });
    expect((await ada.client.rpc('count_all_notes')).data).toBe(before);
  });

  it('runs STABLE functions read-only, so one that writes is refused with 405', async () => {
    const { status, error } = await ada.client.rpc('stable_but_writes', { body: `sneaky ${backend}` });
    expect(status).toBe(405);
    expect(error).toMatchObject({ code: '25006', message: 'cannot execute INSERT in a read-only transaction' });
  });

  it("lets a function choose PostgREST's whole answer with RAISE SQLSTATE 'PGRST'", async () => {
    const response = await post('payment_required', {});
    expect(response.status).toBe(402);
    expect(response.headers.get('x-powered-by')).toBe('Nerd Rage');
    expect(await response.json()).toEqual({ code: '123', message: 'Payment Required', details: 'Quota exceeded', hint: 'Upgrade your plan' });
  });

  it('refuses a JWT signed with another secret: 401 PGRST301, and supabase-js shows the error', async () => {
    const forged = signJwt({ ...claimsOf(ada.accessToken) }, 'not-the-project-secret-not-the-project-secret');
    const supabase = muster.client({ accessToken: async () => forged });

    const { status, error } = await supabase.rpc('whoami');

    expect(status).toBe(401);
    expect(error).toEqual({
      code: 'PGRST301',
      message: 'No suitable key or wrong key type',
      details: 'None of the keys was able to decode the JWT',
      hint: null,
    });
    const raw = await post('whoami', {}, { Authorization: `Bearer ${forged}` });
    expect(raw.headers.get('www-authenticate')).toBe('Bearer error="invalid_token", error_description="No suitable key or wrong key type"');
  });

  it('refuses malformed bearer tokens with PGRST301', async () => {
    const twoParts = await post('whoami', {}, { Authorization: 'Bearer abc.def' });
    expect(twoParts.status).toBe(401);
    expect(await twoParts.json()).toMatchObject({ code: 'PGRST301', message: 'Expected 3 parts in JWT; got 2' });
  });

  it("allows PostgREST's 30 s of clock skew on exp, and refuses a token expired longer ago with 401 PGRST303", async () => {
    const now = Math.floor(Date.now() / 1000);
    const tokenExpiredAgo = (seconds: number) =>
      signJwt({ ...claimsOf(ada.accessToken), iat: now - 3600, exp: now - seconds }, DEFAULT_JWT_SECRET);

    const withinSkew = await muster.client({ accessToken: async () => tokenExpiredAgo(10) }).rpc('whoami');
    expect(withinSkew).toMatchObject({ status: 200, data: { uid: ada.id } });

    const expired = await muster.client({ accessToken: async () => tokenExpiredAgo(60) }).rpc('whoami');
    expect(expired.status).toBe(401);
    expect(expired.error).toEqual({ code: 'PGRST303', message: 'JWT expired', details: null, hint: null });
  });

  it('refuses a validly signed JWT whose role the API may not switch to', async () => {
    const superuser = signJwt({ sub: ada.id, role: 'postgres' }, DEFAULT_JWT_SECRET);
    const { status, error } = await muster.client({ accessToken: async () => superuser }).rpc('whoami');
    expect(status).toBe(403);
    expect(error).toMatchObject({ code: '42501', message: 'permission denied to set role "postgres"' });
  });

  it('requires an apikey on /rest/v1 too', async () => {
    const response = await fetch(`${muster.base}/rest/v1/rpc/whoami`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ada.accessToken}` },
      body: '{}',
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ message: 'No API key found in request' });
  });

  it('refuses a body that is not JSON with 400 PGRST102', async () => {
    const response = await fetch(`${muster.base}/rest/v1/rpc/whoami`, {
      method: 'POST',
      headers: { apikey: muster.anonKey, 'Content-Type': 'application/json' },
      body: '{"unfinished":',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'PGRST102', message: 'Empty or invalid json' });
  });

  it('answers CORS preflights for rpc calls from another origin', async () => {
    const preflight = await fetch(`${muster.base}/rest/v1/rpc/sync_push`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://muster.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'apikey, authorization, content-profile, content-type, x-client-info',
      },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('content-profile');
  });
});
