// The embedded backend serves Uptime Kuma's webhook the way a Supabase project does with the
// uptime-kuma function deployed --no-verify-jwt: no apikey, the workspace's secret in the URL.
// A monitor going down raises one team alert, which the next send-alert tick sends.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, startMusterUnderTest, uniqueEmail, type MusterUnderTest } from './muster-under-test';

const WORKSPACE = '5e000000-0000-4000-8000-0000000000bb';

const down = {
  heartbeat: { monitorID: 4, status: 0, time: '2026-03-02 09:00:00.000', msg: 'connect ETIMEDOUT', important: true, duration: 60 },
  monitor: { id: 4, name: 'Mail gateway', url: 'https://mail.northwind.example', type: 'http' },
  msg: '[Mail gateway] [🔴 Down] connect ETIMEDOUT',
};

describe.each(backends)('the Uptime Kuma webhook in the embedded backend on %s', (backend) => {
  let muster: MusterUnderTest;
  beforeAll(async () => {
    muster = await startMusterUnderTest(backend, { supabaseDir: 'supabase', alerts: { tickSeconds: 0 } });
  });
  afterAll(async () => {
    await muster?.close();
  });

  const webhook = (query: string, body: unknown) =>
    fetch(`${muster.base}/functions/v1/uptime-kuma?${query}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const alerts = async () => (await muster.database.query('select message from public.alert where workspace_id = $1', [WORKSPACE])).rows;

  it('takes a down notification with the secret and no apikey, raises one alert, and refuses a wrong secret', async () => {
    const client = muster.client();
    const { data, error } = await client.auth.signUp({ email: uniqueEmail('owner'), password: 'correct horse battery' });
    if (error || !data.session) throw error ?? new Error('no session');
    expect((await client.rpc('create_workspace', { workspace_id: WORKSPACE, workspace_name: 'Northwind' })).error).toBeNull();
    const rotated = await client.rpc('rotate_monitor_webhook_secret', { p_workspace_id: WORKSPACE });
    expect(rotated.error).toBeNull();
    const secret = String(rotated.data);

    const refused = await webhook(`workspace=${WORKSPACE}&secret=wrong`, down);
    expect(refused.status).toBe(401);
    expect(await alerts()).toEqual([]);

    const first = await webhook(`workspace=${WORKSPACE}&secret=${secret}`, down);
    expect(first.status).toBe(200);
    const answer = await first.text();
    expect(answer).not.toContain(secret);
    const again = await webhook(`workspace=${WORKSPACE}&secret=${secret}`, { ...down, heartbeat: { ...down.heartbeat, time: '2026-03-02 09:01:00.000' } });
    expect(again.status).toBe(200);
    expect(await alerts()).toEqual([{ message: 'Monitor down: Mail gateway' }]);
  });
});
