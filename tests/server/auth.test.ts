// Sign-up, sign-in, refresh and sign-out against the embedded backend, through unmodified
// supabase-js: what the app's Settings screen and sync engine will see.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthApiError, AuthSessionMissingError, AuthWeakPasswordError, type Session } from '@supabase/supabase-js';
import { backends, claimsOf, startMusterUnderTest, uniqueEmail, type MusterUnderTest } from './muster-under-test';

const PASSWORD = 'correct horse battery';

describe.each(backends)('Auth on %s', (backend) => {
  let muster: MusterUnderTest;

  beforeAll(async () => {
    // Reuse interval 0: presenting an old refresh token is refused at once, not after 10 s.
    muster = await startMusterUnderTest(backend, { seed: true, refreshTokenReuseIntervalSeconds: 0 });
  });
  afterAll(() => muster?.close());

  async function signedInSession(email: string): Promise<Session> {
    const { data, error } = await muster.client().auth.signInWithPassword({ email, password: PASSWORD });
    expect(error).toBeNull();
    if (!data.session) throw new Error('no session');
    return data.session;
  }

  it("signs up with email and password and is signed in at once, with Supabase's claims in the access token", async () => {
    const supabase = muster.client();
    const email = uniqueEmail('ada');
    const before = Math.floor(Date.now() / 1000);

    const { data, error } = await supabase.auth.signUp({ email, password: PASSWORD, options: { data: { name: 'Ada' } } });

    expect(error).toBeNull();
    expect(data.user).toMatchObject({ email, aud: 'authenticated', role: 'authenticated', is_anonymous: false });
    expect(data.user?.app_metadata).toEqual({ provider: 'email', providers: ['email'] });
    expect(data.user?.user_metadata).toMatchObject({ name: 'Ada', email, email_verified: true });
    expect(data.session).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    expect(data.session?.refresh_token).toEqual(expect.any(String));
    const claims = claimsOf(data.session?.access_token ?? '');
    expect(claims).toMatchObject({
      sub: data.user?.id,
      role: 'authenticated',
      aud: 'authenticated',
      email,
      phone: '',
      aal: 'aal1',
      is_anonymous: false,
      session_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      iss: `${muster.base}/auth/v1`,
    });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600);
    expect(Number(claims.iat)).toBeGreaterThanOrEqual(before);
    expect(data.session?.expires_at).toBe(claims.exp);
    expect((await supabase.auth.getSession()).data.session?.user.email).toBe(email);
  });

  it('refuses a second sign-up with the same address, in any letter case, as user_already_exists', async () => {
    const email = uniqueEmail('twice');
    expect((await muster.client().auth.signUp({ email, password: PASSWORD })).error).toBeNull();

    const { data, error } = await muster.client().auth.signUp({ email: email.toUpperCase(), password: PASSWORD });

    expect(error).toBeInstanceOf(AuthApiError);
    expect(error).toMatchObject({ status: 422, code: 'user_already_exists', message: 'User already registered' });
    expect(data.session).toBeNull();
  });

  it('refuses a password shorter than six characters as a weak password, and a malformed address', async () => {
    const weak = await muster.client().auth.signUp({ email: uniqueEmail('weak'), password: '12345' });
    expect(weak.error).toBeInstanceOf(AuthWeakPasswordError);
    expect(weak.error).toMatchObject({ status: 422, code: 'weak_password', reasons: ['length'] });

    const malformed = await muster.client().auth.signUp({ email: 'not-an-address', password: PASSWORD });
    expect(malformed.error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      message: 'Unable to validate email address: invalid format',
    });
  });

  it('refuses a wrong password and an unknown address alike, as invalid_credentials', async () => {
    const email = uniqueEmail('grace');
    await muster.client().auth.signUp({ email, password: PASSWORD });

    const wrong = await muster.client().auth.signInWithPassword({ email, password: 'not the password' });
    const unknown = await muster.client().auth.signInWithPassword({ email: uniqueEmail('nobody'), password: PASSWORD });

    for (const attempt of [wrong, unknown]) {
      expect(attempt.error).toBeInstanceOf(AuthApiError);
      expect(attempt.error).toMatchObject({ status: 400, code: 'invalid_credentials', message: 'Invalid login credentials' });
      expect(attempt.data.session).toBeNull();
    }
  });

  it('signs in with the password, in a new session, and reads the user back with getUser', async () => {
    const email = uniqueEmail('hopper');
    const signUp = await muster.client().auth.signUp({ email, password: PASSWORD });
    const supabase = muster.client();

    const { data, error } = await supabase.auth.signInWithPassword({ email: email.toUpperCase(), password: PASSWORD });

    expect(error).toBeNull();
    expect(data.user?.id).toBe(signUp.data.user?.id);
    expect(claimsOf(data.session?.access_token ?? '').session_id).not.toBe(
      claimsOf(signUp.data.session?.access_token ?? '').session_id,
    );
    const read = await supabase.auth.getUser();
    expect(read.error).toBeNull();
    expect(read.data.user).toMatchObject({ id: signUp.data.user?.id, email, last_sign_in_at: expect.any(String) });
  });

  it('rotates refresh tokens: a lost answer may be replayed, a token two rotations old revokes the session', async () => {
    const email = uniqueEmail('rotate');
    await muster.client().auth.signUp({ email, password: PASSWORD });
    const first = await signedInSession(email);
    const auth = muster.client().auth;

    const second = await auth.refreshSession({ refresh_token: first.refresh_token });
    expect(second.error).toBeNull();
    expect(second.data.session?.refresh_token).not.toBe(first.refresh_token);
    expect(claimsOf(second.data.session?.access_token ?? '').session_id).toBe(claimsOf(first.access_token).session_id);

    // The phone never stored the answer and presents the first token again: same child back.
    const replay = await auth.refreshSession({ refresh_token: first.refresh_token });
    expect(replay.error).toBeNull();
    expect(replay.data.session?.refresh_token).toBe(second.data.session?.refresh_token);

    const third = await auth.refreshSession({ refresh_token: second.data.session?.refresh_token ?? '' });
    expect(third.error).toBeNull();

    const reused = await auth.refreshSession({ refresh_token: first.refresh_token });
    expect(reused.error).toBeInstanceOf(AuthApiError);
    expect(reused.error).toMatchObject({ status: 400, code: 'refresh_token_already_used' });
    expect(reused.data.session).toBeNull();

    // Reuse looks like theft, so the whole session is revoked, newest token included.
    const newest = await auth.refreshSession({ refresh_token: third.data.session?.refresh_token ?? '' });
    expect(newest.error).toMatchObject({ status: 400, code: 'refresh_token_already_used' });
  });

  it('refuses a refresh token it never issued as refresh_token_not_found', async () => {
    const { error } = await muster.client().auth.refreshSession({ refresh_token: 'never-issued-token' });
    expect(error).toBeInstanceOf(AuthApiError);
    expect(error).toMatchObject({ status: 400, code: 'refresh_token_not_found' });
  });

  it('signs out everywhere: refresh tokens die and getUser reports the session missing', async () => {
    const email = uniqueEmail('leaving');
    await muster.client().auth.signUp({ email, password: PASSWORD });
    const supabase = muster.client();
    const { data } = await supabase.auth.signInWithPassword({ email, password: PASSWORD });
    const otherDevice = await signedInSession(email);
    const session = data.session as Session;

    expect((await supabase.auth.signOut()).error).toBeNull();

    expect((await supabase.auth.getSession()).data.session).toBeNull();
    for (const refreshToken of [session.refresh_token, otherDevice.refresh_token]) {
      const refresh = await muster.client().auth.refreshSession({ refresh_token: refreshToken });
      expect(refresh.error).toMatchObject({ status: 400, code: 'refresh_token_not_found' });
    }
    const user = await muster.client().auth.getUser(session.access_token);
    expect(user.error).toBeInstanceOf(AuthSessionMissingError);
    const raw = await fetch(`${muster.base}/auth/v1/user`, {
      headers: { apikey: muster.anonKey, Authorization: `Bearer ${session.access_token}` },
    });
    expect(raw.status).toBe(403);
    expect(await raw.json()).toMatchObject({ error_code: 'session_not_found' });
  });

  it('signs out this device only with scope local, leaving the other device signed in', async () => {
    const email = uniqueEmail('local');
    await muster.client().auth.signUp({ email, password: PASSWORD });
    const supabase = muster.client();
    const { data } = await supabase.auth.signInWithPassword({ email, password: PASSWORD });
    const otherDevice = await signedInSession(email);

    expect((await supabase.auth.signOut({ scope: 'local' })).error).toBeNull();

    const mine = await muster.client().auth.refreshSession({ refresh_token: data.session?.refresh_token ?? '' });
    expect(mine.error).toMatchObject({ code: 'refresh_token_not_found' });
    const theirs = await muster.client().auth.refreshSession({ refresh_token: otherDevice.refresh_token });
    expect(theirs.error).toBeNull();
  });

  it('answers getUser with 401 no_authorization without a token and 403 bad_jwt for the anon key', async () => {
    const noToken = await fetch(`${muster.base}/auth/v1/user`, { headers: { apikey: muster.anonKey } });
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toMatchObject({ error_code: 'no_authorization' });

    const anon = await muster.client().auth.getUser(muster.anonKey);
    expect(anon.error).toBeInstanceOf(AuthApiError);
    expect(anon.error).toMatchObject({ status: 403, code: 'bad_jwt', message: 'invalid claim: missing sub claim' });
  });

  it('signs in a user that seed.sql created the Supabase way, with a bcrypt password', async () => {
    const { data, error } = await muster.client().auth.signInWithPassword({
      email: 'seeded@example.test',
      password: 'seeded-password',
    });
    expect(error).toBeNull();
    expect(data.user?.id).toBe('00000000-0000-4000-8000-000000000001');

    const wrong = await muster.client().auth.signInWithPassword({ email: 'seeded@example.test', password: PASSWORD });
    expect(wrong.error).toMatchObject({ code: 'invalid_credentials' });
  });

  it('lets the first sign-up claim a member that seed.sql created without a password, keeping its id', async () => {
    const { data, error } = await muster.client().auth.signUp({ email: 'unclaimed@example.test', password: PASSWORD });
    expect(error).toBeNull();
    expect(data.user?.id).toBe('00000000-0000-4000-8000-000000000002');
    expect(claimsOf(data.session?.access_token ?? '').sub).toBe('00000000-0000-4000-8000-000000000002');

    const again = await muster.client().auth.signUp({ email: 'unclaimed@example.test', password: 'another password' });
    expect(again.error).toMatchObject({ status: 422, code: 'user_already_exists' });
    const seededWithPassword = await muster.client().auth.signUp({ email: 'seeded@example.test', password: PASSWORD });
    expect(seededWithPassword.error).toMatchObject({ status: 422, code: 'user_already_exists' });
  });

  it("refuses requests without an apikey, or with a key that is not this project's, with 401 as Supabase's gateway does", async () => {
    const body = JSON.stringify({ email: uniqueEmail('keyless'), password: PASSWORD });
    const headers = { 'Content-Type': 'application/json' };

    const missing = await fetch(`${muster.base}/auth/v1/token?grant_type=password`, { method: 'POST', headers, body });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ message: 'No API key found in request' });

    const foreign = await fetch(`${muster.base}/auth/v1/token?grant_type=password`, {
      method: 'POST',
      headers: { ...headers, apikey: 'sb_publishable_not_this_project' },
      body,
    });
    expect(foreign.status).toBe(401);
    expect(await foreign.json()).toMatchObject({ message: 'Invalid API key' });
  });

  it("writes GoTrue's legacy error shape for clients without X-Supabase-Api-Version, the dated one otherwise", async () => {
    const request = (headers: Record<string, string>, body: string) =>
      fetch(`${muster.base}/auth/v1/token?grant_type=password`, {
        method: 'POST',
        headers: { apikey: muster.anonKey, 'Content-Type': 'application/json', ...headers },
        body,
      });
    const credentials = JSON.stringify({ email: uniqueEmail('legacy'), password: PASSWORD });

    const legacy = await request({}, credentials);
    expect(legacy.status).toBe(400);
    expect(legacy.headers.get('x-supabase-api-version')).toBeNull();
    expect(await legacy.json()).toEqual({ code: 400, error_code: 'invalid_credentials', msg: 'Invalid login credentials' });

    const dated = await request({ 'X-Supabase-Api-Version': '2024-01-01' }, credentials);
    expect(dated.headers.get('x-supabase-api-version')).toBe('2024-01-01');
    expect(dated.headers.get('x-sb-error-code')).toBe('invalid_credentials');
    expect(await dated.json()).toEqual({ code: 'invalid_credentials', message: 'Invalid login credentials' });

    const notJson = await request({}, '{"email":');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error_code: 'bad_json' });

    const emptyRefresh = await fetch(`${muster.base}/auth/v1/token?grant_type=refresh_token`, {
      method: 'POST',
      headers: { apikey: muster.anonKey, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(emptyRefresh.status).toBe(400);
    expect(await emptyRefresh.json()).toEqual({ error: 'invalid_request', error_description: 'refresh_token required' });
  });

  it('answers CORS preflights from another origin and lets the browser read X-Supabase-Api-Version', async () => {
    const preflight = await fetch(`${muster.base}/auth/v1/token?grant_type=password`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:5173',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'apikey, authorization, content-type, x-client-info, x-supabase-api-version',
      },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-supabase-api-version');

    const answer = await fetch(`${muster.base}/auth/v1/user`, { headers: { Origin: 'http://localhost:5173', apikey: muster.anonKey } });
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(answer.headers.get('access-control-expose-headers')).toContain('X-Supabase-Api-Version');
  });
});
