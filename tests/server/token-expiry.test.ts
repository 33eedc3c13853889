// Access tokens that run out: what the sync engine sees when a phone comes back after its token
// expired. The server here issues 1-second tokens and allows no clock skew, so expiry happens
// within the test instead of after an hour.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthApiError, type Session, type SupabaseClient } from '@supabase/supabase-js';
import { backends, claimsOf, startMusterUnderTest, uniqueEmail, type MusterUnderTest } from './muster-under-test';

const PASSWORD = 'correct horse battery';
const LIFETIME_SECONDS = 1;

describe.each(backends)('Expired access tokens on %s', (backend) => {
  let muster: MusterUnderTest;
  let phone: SupabaseClient;
  let expiredSession: Session;

  beforeAll(async () => {
    muster = await startMusterUnderTest(backend, { accessTokenLifetimeSeconds: LIFETIME_SECONDS, jwtClockSkewSeconds: 0 });
    phone = muster.client();
    const { data, error } = await phone.auth.signUp({ email: uniqueEmail('offline'), password: PASSWORD });
    if (error || !data.session) throw error ?? new Error('no session');
    expiredSession = data.session;
    // Wait until the server's clock (whole seconds) is past exp.
    const exp = Number(claimsOf(expiredSession.access_token).exp);
    await new Promise((resolveWait) => setTimeout(resolveWait, (exp + 1) * 1000 - Date.now() + 50));
  });
  afterAll(() => muster?.close());

  it('issues access tokens that live as long as configured', () => {
    expect(expiredSession.expires_in).toBe(LIFETIME_SECONDS);
    const claims = claimsOf(expiredSession.access_token);
    expect(Number(claims.exp) - Number(claims.iat)).toBe(LIFETIME_SECONDS);
  });

  it('refuses an expired token on rpc with 401 PGRST303 "JWT expired"', async () => {
    const stale = muster.client({ accessToken: async () => expiredSession.access_token });

    const { status, error, data } = await stale.rpc('whoami');

    expect(status).toBe(401);
    expect(data).toBeNull();
    expect(error).toEqual({ code: 'PGRST303', message: 'JWT expired', details: null, hint: null });
    const raw = await fetch(`${muster.base}/rest/v1/rpc/whoami`, {
      method: 'POST',
      headers: { apikey: muster.anonKey, Authorization: `Bearer ${expiredSession.access_token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(raw.headers.get('www-authenticate')).toBe('Bearer error="invalid_token", error_description="JWT expired"');
  });

  it('refuses an expired token on /auth/v1/user with 403 bad_jwt, as GoTrue does', async () => {
    const { error } = await muster.client().auth.getUser(expiredSession.access_token);
    expect(error).toBeInstanceOf(AuthApiError);
    expect(error).toMatchObject({ status: 403, code: 'bad_jwt' });
    expect(error?.message).toContain('token is expired');
  });

  it('lets supabase-js refresh the expired session before its next call, which then succeeds as the same user', async () => {
    const { data, error, status } = await phone.rpc('whoami');

    expect(error).toBeNull();
    expect(status).toBe(200);
    expect(data.uid).toBe(claimsOf(expiredSession.access_token).sub);
    const refreshed = (await phone.auth.getSession()).data.session;
    expect(refreshed?.access_token).not.toBe(expiredSession.access_token);
    expect(refreshed?.refresh_token).not.toBe(expiredSession.refresh_token);
  });
});
