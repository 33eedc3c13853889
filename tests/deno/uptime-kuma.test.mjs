// @ts-check
// The uptime-kuma Edge Function, run by Deno as on Supabase, against the real embedded backend
// (migrations, RLS, RPCs), fed what Uptime Kuma's Webhook notification sends
// (louislam/uptime-kuma server/notification-providers/webhook.js).
//   npm run test:deno

import assert from 'node:assert/strict';
import { createUptimeKumaHandler } from '../../supabase/functions/uptime-kuma/handler.ts';
import { startEmbeddedBackend } from './embedded-backend.mjs';

const WORKSPACE = '5e000000-0000-4000-8000-000000000016';
const OTHER_WORKSPACE = '5e000000-0000-4000-8000-000000000017';

/**
 * What Uptime Kuma posts when monitor 4 ("Mail gateway") changes status.
 * @param {0 | 1} status @param {string} time @param {string} [msg]
 */
function notification(status, time, msg = status === 0 ? 'timeout of 48000ms exceeded' : '200 - OK') {
  return {
    heartbeat: { monitorID: 4, status, time, msg, ping: status === 1 ? 38 : null, important: true, duration: 60 },
    monitor: { id: 4, name: 'Mail gateway', type: 'http', url: 'https://mail.northwind.example', active: true },
    msg: `[Mail gateway] [${status === 0 ? '🔴 Down' : '✅ Up'}] ${msg}`,
  };
}

Deno.test('uptime-kuma stores Uptime Kuma notifications and raises one alert per down episode', async (t) => {
  const backend = await startEmbeddedBackend();
  const handler = createUptimeKumaHandler({ supabaseUrl: backend.url, serviceRoleKey: backend.serviceRoleKey });
  /** Everything the function wrote to the console, to prove the secret is never in it. */
  /** @type {string[]} */
  const logged = [];
  const original = { log: console.log, error: console.error, warn: console.warn };
  for (const level of /** @type {const} */ (['log', 'error', 'warn'])) console[level] = (...args) => logged.push(args.join(' '));
  /** Every answer, to prove the secret is never in one. */
  /** @type {string[]} */
  const answers = [];

  /** @param {string} query @param {BodyInit} body @param {Record<string, string>} headers */
  const post = async (query, body, headers = { 'Content-Type': 'application/json' }) => {
    const response = await handler(new Request(`http://functions.local/uptime-kuma${query}`, { method: 'POST', headers, body }));
    const text = await response.text();
    answers.push(text);
    return { status: response.status, body: JSON.parse(text) };
  };
  /** @param {string} table @returns {Promise<number>} */
  const count = async (table) => (await backend.sql(`select count(*)::int as n from public.${table} where workspace_id = $1`, [WORKSPACE]))[0].n;
  const monitorAlerts = () =>
    backend.sql(`select message, raised_by, incident_id from public.alert where workspace_id = $1 and message like 'Monitor down:%' order by raised_at`, [WORKSPACE]);

  try {
    const run = Date.now().toString(36);
    const owner = await backend.signUp(`dana.owner.${run}@northwind.example`);
    const tom = await backend.signUp(`tom.responder.${run}@northwind.example`);
    const outsider = await backend.signUp(`olga.${run}@southwind.example`);
    assert.equal((await backend.rpc('create_workspace', { workspace_id: WORKSPACE, workspace_name: 'Northwind' }, owner.accessToken)).status, 200);
    assert.equal((await backend.rpc('create_workspace', { workspace_id: OTHER_WORKSPACE, workspace_name: 'Southwind' }, outsider.accessToken)).status, 200);
    await backend.sql(`insert into public.member (workspace_id, user_id, role, display_name) values ($1, $2, 'responder', 'Tom Becker')`, [WORKSPACE, tom.id]);

    const refused = await backend.rpc('rotate_monitor_webhook_secret', { p_workspace_id: WORKSPACE }, tom.accessToken);
    assert.equal(refused.status, 403, JSON.stringify(refused.body));
    const rotated = await backend.rpc('rotate_monitor_webhook_secret', { p_workspace_id: WORKSPACE }, owner.accessToken);
    assert.equal(rotated.status, 200, JSON.stringify(rotated.body));
    const secret = rotated.body;
    assert.match(secret, /^[0-9a-f]{64}$/);
    const url = `?workspace=${WORKSPACE}&secret=${secret}`;

    await t.step('refuses a wrong, missing or other workspace\'s secret with 401 and stores nothing', async () => {
      for (const query of [`?workspace=${WORKSPACE}&secret=${'0'.repeat(64)}`, `?workspace=${WORKSPACE}`, `?secret=${secret}`, `?workspace=${OTHER_WORKSPACE}&secret=${secret}`, '']) {
        const answer = await post(query, JSON.stringify(notification(0, '2026-03-02 09:00:00.000')));
        assert.equal(answer.status, 401, query);
        assert.deepEqual(Object.keys(answer.body).sort(), ['code', 'details', 'hint', 'message']);
        assert.equal(answer.body.code, 'unauthorized');
      }
      // A wrong secret with a broken body is still a 401: strangers learn nothing about the body.
      assert.equal((await post(`?workspace=${WORKSPACE}&secret=nope`, '{not json')).status, 401);
      const brokenPath = await handler(new Request(`http://functions.local/uptime-kuma/${WORKSPACE}/%E0%A4%A`, { method: 'POST', body: '{}' }));
      assert.equal(brokenPath.status, 401);
      assert.equal(await count('monitor_event'), 0);
      assert.deepEqual(await monitorAlerts(), []);
    });

    await t.step('answers a malformed body with 400 and stores nothing', async () => {
      const bodies = [
        '{not json',
        '[1, 2]',
        JSON.stringify({ hello: 'world' }),
        JSON.stringify({ heartbeat: 'down', monitor: null, msg: 'x' }),
        JSON.stringify({ ...notification(0, '2026-03-02 09:00:00.000'), heartbeat: { monitorID: 4, status: 7 } }),
        JSON.stringify({ heartbeat: { status: 0 }, monitor: null, msg: 'no monitor id' }),
      ];
      for (const body of bodies) {
        const answer = await post(url, body);
        assert.equal(answer.status, 400, body);
        assert.equal(answer.body.code, 'bad_request');
        assert.deepEqual(Object.keys(answer.body).sort(), ['code', 'details', 'hint', 'message']);
      }
      const form = new FormData();
      form.append('payload', JSON.stringify(notification(0, '2026-03-02 09:00:00.000')));
      assert.equal((await post(url, form, {})).status, 400, 'form-data without a data field');
      assert.equal((await handler(new Request(`http://functions.local/uptime-kuma${url}`, { method: 'GET' }))).status, 405);
      assert.equal(await count('monitor_event'), 0);
    });

    await t.step('raises one team alert when a monitor goes down, none for the same DOWN again', async () => {
      const first = await post(url, JSON.stringify(notification(0, '2026-03-02 09:00:00.000')));
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.equal(first.body.outcome, 'alerted');
      assert.match(first.body.alert_id, /^[0-9a-f-]{36}$/);
      // Uptime Kuma retrying the same notification, then "resend every N beats" while down.
      const again = await post(url, JSON.stringify(notification(0, '2026-03-02 09:00:00.000')));
      assert.deepEqual(again.body, { outcome: 'duplicate', event_id: first.body.event_id, alert_id: first.body.alert_id });
      const resent = await post(url, JSON.stringify(notification(0, '2026-03-02 09:10:00.000')));
      assert.deepEqual([resent.status, resent.body.outcome, resent.body.alert_id], [200, 'still_down', null]);
      assert.deepEqual(await monitorAlerts(), [{ message: 'Monitor down: Mail gateway', raised_by: null, incident_id: null }]);
      assert.equal(await count('monitor_event'), 2);

      // send-alert's tick picks it up and sends it to every member (no one raised it).
      const claimed = await backend.rpc('alert_claim_rounds', { p_alert_id: first.body.alert_id }, backend.serviceRoleKey);
      assert.equal(claimed.status, 200, JSON.stringify(claimed.body));
      assert.deepEqual(claimed.body.map((/** @type {any} */ round) => [round.title, round.kind, round.recipients]), [['Monitor down: Mail gateway', 'send', 2]]);
    });

    await t.step('an UP ends the episode, so the next DOWN alerts again', async () => {
      const up = await post(url, JSON.stringify(notification(1, '2026-03-02 09:20:00.000')));
      assert.deepEqual([up.status, up.body.outcome, up.body.alert_id], [200, 'recorded', null]);
      const down = await post(url, JSON.stringify(notification(0, '2026-03-02 10:00:00.000')));
      assert.equal(down.body.outcome, 'alerted');
      assert.equal((await monitorAlerts()).length, 2);
    });

    await t.step('reads the form-data variant (field "data") and the secret in the path', async () => {
      const form = new FormData();
      form.append('data', JSON.stringify({ ...notification(0, '2026-03-02 11:00:00.000'), monitor: { id: 9, name: 'VPN gateway' }, heartbeat: { monitorID: 9, status: 0, time: '2026-03-02 11:00:00.000', msg: 'down' } }));
      const answer = await post(url, form, {});
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.outcome, 'alerted');
      const inPath = await handler(new Request(`http://functions.local/functions/v1/uptime-kuma/${WORKSPACE}/${secret}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ heartbeat: { monitorID: 9, status: 1, time: '2026-03-02 11:05:00.000', msg: 'OK' }, monitor: { id: 9, name: 'VPN gateway' }, msg: 'up' }),
      }));
      const inPathBody = await inPath.text();
      answers.push(inPathBody);
      assert.equal(inPath.status, 200, inPathBody);
      assert.equal(JSON.parse(inPathBody).outcome, 'recorded');
      assert.deepEqual((await monitorAlerts()).map((alert) => alert.message), ['Monitor down: Mail gateway', 'Monitor down: Mail gateway', 'Monitor down: VPN gateway']);
    });

    await t.step('stores a test notification and raises no alert', async () => {
      const alertsBefore = await count('alert');
      const test = await post(url, JSON.stringify({ heartbeat: null, monitor: null, msg: 'Uptime Kuma: this is a test notification' }));
      assert.deepEqual([test.status, test.body.outcome, test.body.alert_id], [200, 'test', null]);
      assert.equal(await count('alert'), alertsBefore);
      const stored = await backend.sql(`select kind, msg from public.monitor_event where id = $1`, [test.body.event_id]);
      assert.deepEqual(stored, [{ kind: 'test', msg: 'Uptime Kuma: this is a test notification' }]);
    });

    await t.step('shows the events to members only, and a new secret shuts out the old one', async () => {
      const listed = await backend.rpc('list_monitor_events', { p_workspace_id: WORKSPACE }, tom.accessToken);
      assert.equal(listed.status, 200);
      assert.equal(listed.body.length, await count('monitor_event'));
      assert.equal(listed.body[0].kind, 'test');
      const stranger = await backend.rpc('list_monitor_events', { p_workspace_id: WORKSPACE }, outsider.accessToken);
      assert.deepEqual(stranger.body, []);

      const renewed = await backend.rpc('rotate_monitor_webhook_secret', { p_workspace_id: WORKSPACE }, owner.accessToken);
      assert.equal(renewed.status, 200);
      const before = await count('monitor_event');
      assert.equal((await post(url, JSON.stringify(notification(1, '2026-03-02 12:00:00.000')))).status, 401);
      assert.equal(await count('monitor_event'), before);
      const fresh = await post(`?workspace=${WORKSPACE}&secret=${renewed.body}`, JSON.stringify(notification(1, '2026-03-02 12:00:00.000')));
      assert.equal(fresh.status, 200);
      for (const text of [...answers, ...logged]) {
        assert.ok(!text.includes(secret) && !text.includes(renewed.body), `a secret leaked: ${text}`);
      }
      const status = await backend.rpc('monitor_webhook_status', { p_workspace_id: WORKSPACE }, tom.accessToken);
      assert.equal(status.body.configured, true);
      assert.ok(!JSON.stringify(status.body).includes(renewed.body));
    });
  } finally {
    Object.assign(console, original);
    await backend.close();
  }
});
