// @ts-check
// The send-alert Edge Function, run by Deno as on Supabase, against the real embedded backend
// (migrations, RLS, RPCs) and a stand-in push service that decrypts what it receives.
//   npm run test:deno

import assert from 'node:assert/strict';
import { generateVapidKeys } from '../../supabase/functions/_shared/web-push.ts';
import { createSendAlertHandler } from '../../supabase/functions/send-alert/handler.ts';
import { startEmbeddedBackend } from './embedded-backend.mjs';
import { startPushService } from './push-service.mjs';

const WORKSPACE = '5e000000-0000-4000-8000-000000000001';
const INCIDENT = 'INC-2026-004';
const APP_URL = 'https://muster.example/app/';

Deno.test('send-alert delivers encrypted, VAPID-signed alerts and ntfy / Gotify posts, and drops expired subscriptions', async (t) => {
  const backend = await startEmbeddedBackend();
  const vapid = await generateVapidKeys();
  const push = startPushService({ applicationServerKey: vapid.publicKey });
  const handler = createSendAlertHandler({
    supabaseUrl: backend.url,
    serviceRoleKey: backend.serviceRoleKey,
    vapid: { publicKey: vapid.publicKey, privateKey: vapid.privateKeyJwk, subject: 'mailto:incident-lead@example.com' },
    appUrl: APP_URL,
  });
  /** @param {unknown} body @param {string | null} bearer */
  const send = async (body, bearer) => {
    const response = await handler(
      new Request('http://functions.local/send-alert', {
        method: 'POST',
        headers: { apikey: backend.anonKey, 'Content-Type': 'application/json', ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}) },
        body: JSON.stringify(body),
      }),
    );
    return { status: response.status, body: await response.json() };
  };

  try {
    const run = Date.now().toString(36);
    const owner = await backend.signUp(`dana.owner.${run}@northwind.example`);
    const tom = await backend.signUp(`tom.responder.${run}@northwind.example`);
    const gone = await backend.signUp(`gone.${run}@northwind.example`);
    const expired = await backend.signUp(`expired.${run}@northwind.example`);
    const outsider = await backend.signUp(`outsider.${run}@southwind.example`);

    assert.equal((await backend.rpc('create_workspace', { workspace_id: WORKSPACE, workspace_name: 'Northwind' }, owner.accessToken)).status, 200);
    await backend.sql(`update public.member set display_name = 'Dana Whitfield' where user_id = $1`, [owner.id]);
    for (const { user, name } of [{ user: tom, name: 'Tom Becker' }, { user: gone, name: 'Gina Old' }, { user: expired, name: 'Ed Expired' }]) {
      await backend.sql(`insert into public.member (workspace_id, user_id, role, display_name) values ($1, $2, 'responder', $3)`, [WORKSPACE, user.id, name]);
    }
    const registered = await backend.rpc('register_incidents', { incidents: [{ workspace_id: WORKSPACE, id: INCIDENT, title: 'Finance mailbox forwarding rule' }] }, owner.accessToken);
    assert.equal(registered.body[0].status, 'applied');

    // Each member's phone subscribes; the owner's too (the raiser is never alerted).
    const phones = {
      owner: await push.subscribe('owner-phone'),
      tom: await push.subscribe('tom-phone'),
      gone: await push.subscribe('gone-phone'),
      expired: await push.subscribe('expired-phone'),
    };
    const holders = [{ user: owner, phone: phones.owner }, { user: tom, phone: phones.tom }, { user: gone, phone: phones.gone }, { user: expired, phone: phones.expired }];
    for (const { user, phone } of holders) {
      const saved = await backend.rpc(
        'save_push_subscription',
        { p_workspace_id: WORKSPACE, p_endpoint: phone.endpoint, p_p256dh: phone.p256dh, p_auth: phone.auth, p_device_label: 'Work phone' },
        user.accessToken,
      );
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
    }
    push.expire('gone-phone', 410);
    push.expire('expired-phone', 404);

    const ntfy = await backend.rpc(
      'save_alert_relay',
      { p_workspace_id: WORKSPACE, p_kind: 'ntfy', p_server_url: `${push.url}/ntfy`, p_topic: 'northwind-alerts-7f3k', p_token: 'tk_ntfy_secret' },
      owner.accessToken,
    );
    assert.equal(ntfy.status, 200, JSON.stringify(ntfy.body));
    const gotify = await backend.rpc(
      'save_alert_relay',
      { p_workspace_id: WORKSPACE, p_kind: 'gotify', p_server_url: `${push.url}/gotify`, p_token: 'AGotifyAppToken' },
      owner.accessToken,
    );
    assert.equal(gotify.status, 200, JSON.stringify(gotify.body));

    const alertId = crypto.randomUUID();
    const pushed = await backend.rpc(
      'sync_push',
      {
        changes: [{
          id: alertId,
          table: 'alert',
          op: 'insert',
          payload: { id: alertId, workspace_id: WORKSPACE, incident_id: INCIDENT, message: 'Move to the phone bridge', repeat_every_seconds: 300, max_repeats: 2 },
        }],
      },
      owner.accessToken,
    );
    assert.equal(pushed.body[0].status, 'applied', JSON.stringify(pushed.body));

    await t.step('refuses a caller without a token (401) and one who cannot see the alert (404)', async () => {
      const anonymous = await send({ alert_id: alertId }, null);
      assert.equal(anonymous.status, 401);
      assert.equal(anonymous.body.code, 'no_authorization');
      const stranger = await send({ alert_id: alertId }, outsider.accessToken);
      assert.equal(stranger.status, 404);
      assert.deepEqual(Object.keys(stranger.body).sort(), ['code', 'details', 'hint', 'message']);
      assert.equal(stranger.body.code, 'alert_not_found');
      const forged = await send({ alert_id: alertId }, `${tom.accessToken.slice(0, -4)}AAAA`);
      assert.equal(forged.status, 401);
      const tick = await send({ tick: true }, owner.accessToken);
      assert.equal(tick.status, 403);
      assert.equal(push.received.length, 0, 'nothing was sent for a refused request');
    });

    await t.step('sends round 0 to every member but the raiser, and the phone can decrypt it', async () => {
      const answer = await send({ alert_id: alertId }, owner.accessToken);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.deepEqual(answer.body.rounds, [
        // 1 push accepted + ntfy + Gotify; 2 subscriptions expired.
        { alert_id: alertId, round: 0, kind: 'send', recipients: 3, delivered: 3, gone: 2, failed: 0 },
      ]);
      assert.deepEqual(push.rejected, []);
      assert.equal(push.received.length, 1);
      const [message] = push.received;
      assert.ok(message);
      assert.equal(message.name, 'tom-phone');
      assert.deepEqual(message.payload, {
        v: 1,
        type: 'alert',
        alert_id: alertId,
        workspace_id: WORKSPACE,
        incident_id: INCIDENT,
        title: 'Move to the phone bridge',
        round: 0,
        kind: 'send',
      });
      assert.equal(message.claims.aud, push.url);
      assert.equal(message.claims.sub, 'mailto:incident-lead@example.com');
      assert.equal(message.headers['ttl'], '3600');
      assert.equal(message.headers['urgency'], 'high');
      assert.equal(message.headers['topic'], alertId.replaceAll('-', ''));
      for (const personal of ['Dana', 'Whitfield', 'Tom', 'Becker', '@', 'northwind.example', 'Finance mailbox']) {
        assert.ok(!message.payloadText.includes(personal), `the push payload holds "${personal}"`);
      }
    });

    await t.step('deletes the subscriptions the push service answered 404 and 410', async () => {
      const rows = await backend.sql(`select endpoint from public.push_subscription where workspace_id = $1 order by endpoint`, [WORKSPACE]);
      assert.deepEqual(rows.map((row) => row.endpoint), [phones.owner.endpoint, phones.tom.endpoint]);
      const round = await backend.sql(`select recipients, delivered, gone, failed, reported_at is not null as reported from public.alert_round where alert_id = $1`, [alertId]);
      assert.deepEqual(round, [{ recipients: 3, delivered: 3, gone: 2, failed: 0, reported: true }]);
    });

    await t.step('posts to ntfy and Gotify in their documented shapes, title and incident ID only', () => {
      const ntfyRequest = push.relayRequests.find((request) => request.path.startsWith('/ntfy/'));
      assert.ok(ntfyRequest);
      assert.equal(ntfyRequest.path, '/ntfy/northwind-alerts-7f3k');
      assert.equal(ntfyRequest.body, `Incident ${INCIDENT}: Move to the phone bridge`);
      assert.equal(ntfyRequest.headers['title'], 'Muster alert');
      assert.equal(ntfyRequest.headers['priority'], '5');
      assert.equal(ntfyRequest.headers['tags'], 'rotating_light');
      assert.equal(ntfyRequest.headers['click'], 'https://muster.example/app/#incident');
      assert.equal(ntfyRequest.headers['authorization'], 'Bearer tk_ntfy_secret');

      const gotifyRequest = push.relayRequests.find((request) => request.path.startsWith('/gotify/'));
      assert.ok(gotifyRequest);
      assert.equal(gotifyRequest.path, '/gotify/message');
      assert.equal(gotifyRequest.headers['x-gotify-key'], 'AGotifyAppToken');
      assert.match(gotifyRequest.headers['content-type'] ?? '', /^application\/json/);
      assert.deepEqual(JSON.parse(gotifyRequest.body), { title: 'Muster alert', message: `Incident ${INCIDENT}: Move to the phone bridge`, priority: 8 });
    });

    await t.step('sends round 0 only once, however often it is asked', async () => {
      const again = await send({ alert_id: alertId }, tom.accessToken);
      assert.equal(again.status, 200);
      assert.deepEqual(again.body.rounds, []);
      const tick = await send({ tick: true }, backend.serviceRoleKey);
      assert.deepEqual(tick.body.rounds, []);
      assert.equal(push.received.length, 1);
    });

    await t.step('repeats only to members who have not acknowledged', async () => {
      const third = await backend.signUp(`lee.${run}@northwind.example`);
      await backend.sql(`insert into public.member (workspace_id, user_id, role, display_name) values ($1, $2, 'approver', 'Lee')`, [WORKSPACE, third.id]);
      const leePhone = await push.subscribe('lee-phone');
      await backend.rpc('save_push_subscription', { p_workspace_id: WORKSPACE, p_endpoint: leePhone.endpoint, p_p256dh: leePhone.p256dh, p_auth: leePhone.auth }, third.accessToken);
      const ack = crypto.randomUUID();
      const acked = await backend.rpc('sync_push', { changes: [{ id: ack, table: 'alert_ack', op: 'insert', payload: { id: ack, workspace_id: WORKSPACE, alert_id: alertId } }] }, tom.accessToken);
      assert.equal(acked.body[0].status, 'applied');
      // Five minutes pass.
      await backend.sql(`update public.alert set raised_at = raised_at - interval '301 seconds' where id = $1`, [alertId]);
      await backend.sql(`update public.alert_round set claimed_at = claimed_at - interval '301 seconds' where alert_id = $1`, [alertId]);
      const tick = await send({ tick: true }, backend.serviceRoleKey);
      assert.equal(tick.status, 200);
      assert.deepEqual(tick.body.rounds.map((/** @type {any} */ round) => [round.round, round.kind]), [[1, 'repeat']]);
      assert.deepEqual(push.received.slice(1).map((message) => [message.name, message.payload.round, message.payload.kind]), [['lee-phone', 1, 'repeat']]);
    });
  } finally {
    await push.close();
    await backend.close();
  }
});
