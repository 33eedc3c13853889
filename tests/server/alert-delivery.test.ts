// The embedded backend runs the send-alert Edge Function under Deno (`npm start` does the
// same): a phone raises an alert through sync_push, asks /functions/v1/send-alert to send it,
// and a teammate's phone, here a stand-in push service on loopback, receives a Web Push it can
// decrypt, signed with the VAPID key the app found in /muster-backend.json.

import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decryptPayload,
  encodeBase64Url,
  verifyVapidAuthorization,
} from '../../supabase/functions/_shared/web-push';
import { backends, startMusterUnderTest, uniqueEmail, type MusterUnderTest } from './muster-under-test';

const PASSWORD = 'correct horse battery';
const WORKSPACE = '5e000000-0000-4000-8000-0000000000aa';
const INCIDENT = 'INC-2026-004';

interface Delivery {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A push service on 127.0.0.1 that keeps what it is sent and answers 201 (or 410 for /gone). */
async function startReceiver(): Promise<{ url: string; deliveries: Delivery[]; server: Server }> {
  const deliveries: Delivery[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      deliveries.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(req.url?.startsWith('/gone') ? 410 : 201).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { url: `http://127.0.0.1:${address.port}`, deliveries, server };
}

async function browserSubscription(endpoint: string) {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits'])) as CryptoKeyPair;
  const publicRaw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const authRaw = crypto.getRandomValues(new Uint8Array(16));
  return { endpoint, p256dh: encodeBase64Url(publicRaw), auth: encodeBase64Url(authRaw), privateKey: pair.privateKey, publicRaw, authRaw };
}

describe.each(backends)('send-alert in the embedded backend on %s', (backend) => {
  let muster: MusterUnderTest;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver();
    muster = await startMusterUnderTest(backend, { supabaseDir: 'supabase', alerts: { tickSeconds: 0 } });
  });
  afterAll(async () => {
    await muster?.close();
    await new Promise((resolve) => receiver?.server.close(resolve));
  });

  async function signUp(name: string) {
    const client = muster.client();
    const { data, error } = await client.auth.signUp({ email: uniqueEmail(name), password: PASSWORD });
    if (error || !data.user || !data.session) throw error ?? new Error('no session');
    return { client, id: data.user.id, accessToken: data.session.access_token };
  }
  const sendAlert = (body: unknown, bearer?: string) =>
    fetch(`${muster.base}/functions/v1/send-alert`, {
      method: 'POST',
      headers: { apikey: muster.anonKey, 'Content-Type': 'application/json', ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}) },
      body: JSON.stringify(body),
    });

  it('runs the function under Deno and tells the app its VAPID key', async () => {
    expect(muster.alerts.offReason).toBeNull();
    expect(muster.alerts.enabled).toBe(true);
    const config = await (await fetch(`${muster.base}/muster-backend.json`)).json();
    expect(config).toEqual({ anon_key: muster.anonKey, vapid_public_key: muster.alerts.vapidPublicKey });
    expect(config.vapid_public_key).toMatch(/^B[A-Za-z0-9_-]{86}$/);
    const preflight = await fetch(`${muster.base}/functions/v1/send-alert`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, apikey, content-type' },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('delivers a pushed alert to a teammate as a Web Push message the phone can decrypt', async () => {
    const dana = await signUp('dana');
    const tom = await signUp('tom');
    expect((await dana.client.rpc('create_workspace', { workspace_id: WORKSPACE, workspace_name: 'Northwind' })).error).toBeNull();
    await muster.database.query(`insert into public.member (workspace_id, user_id, role, display_name) values ($1, $2, 'responder', 'Tom Becker')`, [WORKSPACE, tom.id]);
    const registered = await dana.client.rpc('register_incidents', { incidents: [{ workspace_id: WORKSPACE, id: INCIDENT, title: 'Mailbox rule' }] });
    expect(registered.data).toEqual([{ id: INCIDENT, status: 'applied' }]);

    const phone = await browserSubscription(`${receiver.url}/push/tom-phone`);
    const stale = await browserSubscription(`${receiver.url}/gone/tom-old-phone`);
    for (const subscription of [phone, stale]) {
      const saved = await tom.client.rpc('save_push_subscription', {
        p_workspace_id: WORKSPACE, p_endpoint: subscription.endpoint, p_p256dh: subscription.p256dh, p_auth: subscription.auth, p_device_label: 'Phone',
      });
      expect(saved.error).toBeNull();
    }

    const alertId = crypto.randomUUID();
    const pushed = await dana.client.rpc('sync_push', {
      changes: [{ id: alertId, table: 'alert', op: 'insert', payload: { id: alertId, workspace_id: WORKSPACE, incident_id: INCIDENT, message: 'Move to the phone bridge' } }],
    });
    expect(pushed.data).toEqual([{ id: alertId, status: 'applied' }]);

    expect((await sendAlert({ alert_id: alertId })).status).toBe(401);
    const answer = await sendAlert({ alert_id: alertId }, dana.accessToken);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(await answer.json()).toEqual({ rounds: [{ alert_id: alertId, round: 0, kind: 'send', recipients: 1, delivered: 1, gone: 1, failed: 0 }] });

    const delivery = receiver.deliveries.find((d) => d.path === '/push/tom-phone');
    expect(delivery).toBeDefined();
    expect(delivery?.headers['content-encoding']).toBe('aes128gcm');
    const vapid = await verifyVapidAuthorization(String(delivery?.headers.authorization), receiver.url, new Date());
    expect(vapid).toMatchObject({ ok: true, publicKey: muster.alerts.vapidPublicKey });
    const plaintext = await decryptPayload({
      body: new Uint8Array(delivery!.body),
      subscriptionPrivateKey: phone.privateKey,
      subscriptionPublic: phone.publicRaw,
      auth: phone.authRaw,
    });
    expect(JSON.parse(new TextDecoder().decode(plaintext))).toEqual({
      v: 1, type: 'alert', alert_id: alertId, workspace_id: WORKSPACE, incident_id: INCIDENT, title: 'Move to the phone bridge', round: 0, kind: 'send',
    });

    // The old phone's subscription (410) is gone; the alert's status shows the round.
    const { rows } = await muster.database.query('select endpoint from public.push_subscription where workspace_id = $1', [WORKSPACE]);
    expect(rows).toEqual([{ endpoint: phone.endpoint }]);
    const status = await dana.client.rpc('alert_status', { p_workspace_id: WORKSPACE, p_incident_id: INCIDENT });
    expect(status.data).toMatchObject([{ id: alertId, title: 'Move to the phone bridge', pending: [{ user_id: tom.id, name: 'Tom Becker' }], rounds: [{ round: 0, kind: 'send', delivered: 1, gone: 1 }] }]);

    // A tick finds nothing more due (the first repeat is five minutes away).
    expect(await muster.alerts.tick()).toEqual({ rounds: [] });
  });
});
