// @ts-check
// The dispatch Edge Function, run by Deno as on Supabase, against the real embedded backend
// (migrations, RLS, RPCs) and stand-in Mattermost, Rocket.Chat and Zulip servers that check
// each documented request and answer with documented success and error bodies.
//   npm run test:deno

import assert from 'node:assert/strict';
import { createDispatchHandler } from '../../supabase/functions/dispatch/handler.ts';
import { ANSWERS, startChatTool } from './dispatch-chat-tool.mjs';
import { startEmbeddedBackend } from './embedded-backend.mjs';

const WORKSPACE = '5e000000-0000-4000-8000-000000000007';
const INCIDENT = 'INC-2026-007';
const UPDATE = 'Leadership update 09:40: finance mailbox forwarding rule removed; next update 10:30.';

Deno.test('dispatch posts to Mattermost, Rocket.Chat and Zulip exactly as documented, retries, records, and never returns a secret', async (t) => {
  const backend = await startEmbeddedBackend();
  const mattermost = startChatTool(ANSWERS.mattermostOk);
  const rocket = startChatTool(ANSWERS.rocketOk);
  const zulip = startChatTool(ANSWERS.zulipOk(1));
  /** @type {number[]} */
  const waits = [];
  const handler = createDispatchHandler({
    supabaseUrl: backend.url,
    serviceRoleKey: backend.serviceRoleKey,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });

  const secrets = {
    mattermostPath: '/hooks/mm7f3kq9secretkey',
    rocketPath: '/hooks/rcIntegration42/rcSecretToken99',
    zulipKey: 'zulipApiKey0123456789abcdef',
    deadPath: '/hooks/deadhostsecret55',
  };
  const botEmail = 'muster-bot@northwind.zulipchat.example';
  const basic = btoa(`${botEmail}:${secrets.zulipKey}`);
  /** Every answer any caller got, to check none gives a secret away. */
  /** @type {string[]} */
  const answered = [];
  const assertNoSecret = (/** @type {string} */ text) => {
    for (const secret of [...Object.values(secrets), basic]) assert.ok(!text.includes(secret), `a response gave away ${secret}: ${text}`);
  };

  /** @param {Record<string, unknown> | string} body @param {string | null} bearer */
  const dispatch = async (body, bearer) => {
    const response = await handler(
      new Request('http://functions.local/dispatch', {
        method: 'POST',
        headers: { apikey: backend.anonKey, 'Content-Type': 'application/json', ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}) },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    );
    const text = await response.text();
    answered.push(text);
    return { status: response.status, body: JSON.parse(text) };
  };
  /** @param {string} rpc @param {Record<string, unknown>} args @param {string} bearer */
  const call = async (rpc, args, bearer) => {
    const result = await backend.rpc(rpc, args, bearer);
    answered.push(JSON.stringify(result.body));
    return result;
  };

  try {
    const run = Date.now().toString(36);
    const owner = await backend.signUp(`dana.owner.${run}@northwind.example`);
    const tom = await backend.signUp(`tom.responder.${run}@northwind.example`);
    const amy = await backend.signUp(`amy.approver.${run}@northwind.example`);
    const vera = await backend.signUp(`vera.viewer.${run}@northwind.example`);
    const outsider = await backend.signUp(`outsider.${run}@southwind.example`);
    assert.equal((await call('create_workspace', { workspace_id: WORKSPACE, workspace_name: 'Northwind' }, owner.accessToken)).status, 200);
    for (const [user, role] of /** @type {const} */ ([[tom, 'responder'], [amy, 'approver'], [vera, 'viewer']])) {
      await backend.sql(`insert into public.member (workspace_id, user_id, role) values ($1, $2, $3)`, [WORKSPACE, user.id, role]);
    }
    const registered = await call('register_incidents', { incidents: [{ workspace_id: WORKSPACE, id: INCIDENT, title: 'Finance mailbox forwarding rule' }] }, owner.accessToken);
    assert.equal(registered.body[0].status, 'applied');

    /** @param {string} kind @param {string} name @param {Record<string, unknown>} config @param {Record<string, unknown>} secret */
    const saveConnector = async (kind, name, config, secret) => {
      const saved = await call('save_connector', { p_workspace_id: WORKSPACE, p_id: null, p_kind: kind, p_name: name, p_config: config, p_secret: secret }, owner.accessToken);
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      return /** @type {string} */ (saved.body);
    };
    const mmId = await saveConnector('mattermost', 'Ops (Mattermost)', {}, { webhook_url: `${mattermost.url}${secrets.mattermostPath}` });
    const rcId = await saveConnector('rocketchat', 'Ops (Rocket.Chat)', {}, { webhook_url: `${rocket.url}${secrets.rocketPath}` });
    const zulipId = await saveConnector('zulip', 'Incidents (Zulip)', { site: zulip.url, stream: 'incidents', bot_email: botEmail }, { api_key: secrets.zulipKey });
    // A port nothing listens on any more: the tool is down.
    const closed = Deno.listen({ hostname: '127.0.0.1', port: 0 });
    const deadPort = /** @type {Deno.NetAddr} */ (closed.addr).port;
    closed.close();
    const deadId = await saveConnector('mattermost', 'Unreachable', {}, { webhook_url: `http://127.0.0.1:${deadPort}${secrets.deadPath}` });

    /** @param {string} connectorId @param {Partial<Record<string, unknown>>} [extra] */
    const post = (connectorId, extra = {}) => ({
      dispatch_id: crypto.randomUUID(),
      connector_id: connectorId,
      incident_id: INCIDENT,
      source: 'leadership_update',
      text: UPDATE,
      ...extra,
    });
    /** @param {string} id */
    const stored = async (id) => (await backend.sql('select * from public.connector_dispatch where id = $1', [id]))[0];
    /** @param {string} id */
    const connectorRow = async (id) => (await backend.sql('select last_ok_at, last_error, last_error_at from public.connector where id = $1', [id]))[0];

    const first = post(mmId);
    /** @type {{ status: number, body: any } | null} */
    let firstAnswer = null;
    await t.step('Mattermost: one JSON {"text"} POST to the webhook, "ok" stored as sent', async () => {
      const body = first;
      const answer = await dispatch(body, tom.accessToken);
      firstAnswer = answer;
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.body, { dispatch_id: body.dispatch_id, status: 'sent', remote_id: null, remote_label: null, remote_url: null, attempts: 1, warning: null });
      assert.equal(mattermost.requests.length, 1);
      const [request] = mattermost.requests;
      assert.equal(request?.method, 'POST');
      assert.equal(request?.path, secrets.mattermostPath);
      assert.equal(request?.headers['content-type'], 'application/json');
      assert.equal(request?.headers.authorization, undefined);
      assert.deepEqual(JSON.parse(request?.body ?? ''), { text: UPDATE });
      assert.deepEqual(waits, []);
      const row = await stored(body.dispatch_id);
      assert.equal(row?.status, 'sent');
      assert.equal(row?.attempts, 1);
      assert.equal(row?.last_status, 200);
      assert.equal(row?.source, 'leadership_update');
      assert.equal(row?.incident_id, INCIDENT);
      assert.equal(row?.created_by, tom.id);
      assert.ok((await connectorRow(mmId))?.last_ok_at);
    });

    await t.step('the same dispatch_id again answers the stored outcome and sends nothing', async () => {
      const replay = await dispatch(first, tom.accessToken);
      assert.equal(replay.status, 200);
      assert.deepEqual(replay.body, firstAnswer?.body);
      assert.equal(mattermost.requests.length, 1);
      const reused = await dispatch({ ...first, connector_id: rcId }, tom.accessToken);
      assert.equal(reused.status, 409);
      assert.equal(reused.body.code, 'dispatch_id_reused');
      assert.equal(rocket.requests.length, 0);
    });

    await t.step('Mattermost: 500 twice is retried after 0.5 s and 1 s, the third attempt is stored', async () => {
      mattermost.reset();
      waits.length = 0;
      mattermost.answer(ANSWERS.serverError, ANSWERS.serverError, ANSWERS.mattermostOk);
      const body = post(mmId, { source: 'employee_instruction' });
      const answer = await dispatch(body, owner.accessToken);
      assert.equal(answer.status, 200);
      assert.equal(answer.body.attempts, 3);
      assert.deepEqual(waits, [500, 1000]);
      assert.equal(mattermost.requests.length, 3);
      for (const request of mattermost.requests) assert.deepEqual(JSON.parse(request.body), { text: UPDATE });
      assert.equal((await stored(body.dispatch_id))?.attempts, 3);
    });

    await t.step('Mattermost: 404 (wrong webhook) is final, stored as failed, and says to check the URL', async () => {
      mattermost.reset();
      waits.length = 0;
      mattermost.answer(ANSWERS.mattermostNotFound);
      const body = post(mmId);
      const answer = await dispatch(body, owner.accessToken);
      assert.equal(answer.status, 502);
      assert.equal(answer.body.code, 'dispatch_failed');
      assert.deepEqual(answer.body.details, { attempts: 1, last_status: 404 });
      assert.match(answer.body.message, /Not posted to Ops \(Mattermost\): Mattermost does not know this address \(HTTP 404\) \("Invalid webhook"\): check the incoming webhook URL/);
      assert.equal(mattermost.requests.length, 1);
      assert.deepEqual(waits, []);
      const row = await stored(body.dispatch_id);
      assert.equal(row?.status, 'failed');
      assert.equal(row?.last_status, 404);
      const health = await connectorRow(mmId);
      assert.match(health?.last_error ?? '', /check the incoming webhook URL/);
      assert.ok(health?.last_error_at);
      // A replay of a failure answers the same failure and does not try again.
      const replay = await dispatch(body, owner.accessToken);
      assert.equal(replay.status, 502);
      assert.deepEqual(replay.body, answer.body);
      assert.equal(mattermost.requests.length, 1);
    });

    await t.step('Rocket.Chat: 429 waits Retry-After, then {"success": true} is stored as sent', async () => {
      waits.length = 0;
      rocket.answer(ANSWERS.rateLimited(3), ANSWERS.rocketOk);
      const body = post(rcId, { source: 'alternate_channel' });
      const answer = await dispatch(body, tom.accessToken);
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.body, { dispatch_id: body.dispatch_id, status: 'sent', remote_id: null, remote_label: null, remote_url: null, attempts: 2, warning: null });
      assert.deepEqual(waits, [3000]);
      assert.equal(rocket.requests.length, 2);
      for (const request of rocket.requests) {
        assert.equal(request.method, 'POST');
        assert.equal(request.path, secrets.rocketPath);
        assert.equal(request.headers['content-type'], 'application/json');
        assert.deepEqual(JSON.parse(request.body), { text: UPDATE });
      }
    });

    await t.step('Rocket.Chat: a Retry-After over 10 s is capped at 10 s; 401 is final', async () => {
      rocket.reset();
      waits.length = 0;
      rocket.answer(ANSWERS.rateLimited(3600), ANSWERS.rocketUnauthorized);
      const answer = await dispatch(post(rcId), tom.accessToken);
      assert.equal(answer.status, 502);
      assert.deepEqual(answer.body.details, { attempts: 2, last_status: 401 });
      assert.match(answer.body.message, /Rocket\.Chat refused the credentials \(HTTP 401\) \("Invalid integration id or token provided\."\)/);
      assert.deepEqual(waits, [10_000]);
      assert.equal(rocket.requests.length, 2);
    });

    await t.step('Zulip: form-encoded stream message with Basic bot auth; the message id and link are stored', async () => {
      zulip.answer(ANSWERS.zulipOk(4711));
      const body = post(zulipId);
      const answer = await dispatch(body, owner.accessToken);
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.body, {
        dispatch_id: body.dispatch_id,
        status: 'sent',
        remote_id: '4711',
        remote_label: null,
        remote_url: `${zulip.url}/#narrow/near/4711`,
        attempts: 1,
        warning: null,
      });
      const [request] = zulip.requests;
      assert.equal(request?.method, 'POST');
      assert.equal(request?.path, '/api/v1/messages');
      assert.equal(request?.headers.authorization, `Basic ${basic}`);
      assert.equal(request?.headers['content-type'], 'application/x-www-form-urlencoded');
      assert.deepEqual(Object.fromEntries(new URLSearchParams(request?.body ?? '')), { type: 'stream', to: 'incidents', topic: INCIDENT, content: UPDATE });
      const row = await stored(body.dispatch_id);
      assert.equal(row?.remote_id, '4711');
      assert.equal(row?.remote_url, `${zulip.url}/#narrow/near/4711`);
    });

    await t.step('Zulip: a test message without an incident goes to the "Muster test" topic', async () => {
      zulip.reset();
      zulip.answer(ANSWERS.zulipOk(4712));
      const answer = await dispatch(post(zulipId, { incident_id: null, source: 'test', text: 'Muster test: this connector works.' }), owner.accessToken);
      assert.equal(answer.status, 200);
      assert.equal(answer.body.remote_id, '4712');
      assert.deepEqual(Object.fromEntries(new URLSearchParams(zulip.requests[0]?.body ?? '')), {
        type: 'stream',
        to: 'incidents',
        topic: 'Muster test',
        content: 'Muster test: this connector works.',
      });
    });

    await t.step('Zulip: "Invalid API key" (401) is final and says to check the API key', async () => {
      zulip.reset();
      waits.length = 0;
      zulip.answer(ANSWERS.zulipUnauthorized);
      const answer = await dispatch(post(zulipId), owner.accessToken);
      assert.equal(answer.status, 502);
      assert.deepEqual(answer.body.details, { attempts: 1, last_status: 401 });
      assert.match(answer.body.message, /Zulip refused the credentials \(HTTP 401\) \("Invalid API key"\): check the Zulip site, bot email and API key/);
      assert.deepEqual(waits, []);
    });

    await t.step('Zulip: 500 three times gives up after 3 attempts and says so', async () => {
      zulip.reset();
      waits.length = 0;
      zulip.answer(ANSWERS.serverError, ANSWERS.serverError, ANSWERS.serverError);
      const body = post(zulipId);
      const answer = await dispatch(body, owner.accessToken);
      assert.equal(answer.status, 502);
      assert.deepEqual(answer.body.details, { attempts: 3, last_status: 500 });
      assert.deepEqual(waits, [500, 1000]);
      assert.equal(zulip.requests.length, 3);
      assert.equal((await stored(body.dispatch_id))?.status, 'failed');
      assert.match((await connectorRow(zulipId))?.last_error ?? '', /Zulip had a server error \(HTTP 500\)/);
    });

    await t.step('an unreachable tool is retried and the error names the host, not the webhook URL', async () => {
      waits.length = 0;
      const body = post(deadId);
      const answer = await dispatch(body, owner.accessToken);
      assert.equal(answer.status, 502);
      assert.deepEqual(answer.body.details, { attempts: 3, last_status: null });
      assert.deepEqual(waits, [500, 1000]);
      assert.ok(answer.body.message.includes(`Could not reach Mattermost at http://127.0.0.1:${deadPort} (`), answer.body.message);
      const row = await stored(body.dispatch_id);
      assert.ok(!String(row?.error).includes(secrets.deadPath));
      assert.ok(!String((await connectorRow(deadId))?.last_error).includes(secrets.deadPath));
    });

    await t.step('a connector whose chat is marked compromised for the incident sends nothing', async () => {
      mattermost.reset();
      await backend.sql(
        `insert into public.channel_state (id, workspace_id, incident_id, channel, state) values ($1, $2, $3, 'chat', 'compromised')`,
        [crypto.randomUUID(), WORKSPACE, INCIDENT],
      );
      const body = post(mmId);
      const answer = await dispatch(body, tom.accessToken);
      assert.equal(answer.status, 409);
      assert.equal(answer.body.code, 'connector_paused');
      assert.match(answer.body.message, /paused for this incident: chat is marked compromised, so nothing was sent/);
      assert.equal(mattermost.requests.length, 0);
      assert.equal(await stored(body.dispatch_id), undefined);
      // Another incident, or a test message, is not paused.
      const test = await dispatch(post(mmId, { incident_id: null, source: 'test' }), tom.accessToken);
      assert.equal(test.status, 200);
      assert.equal(mattermost.requests.length, 1);
    });

    await t.step('refuses callers without the role, without a token, and bad bodies', async () => {
      mattermost.reset();
      const body = post(mmId, { incident_id: null });
      for (const member of [amy, vera]) {
        const refused = await dispatch(body, member.accessToken);
        assert.equal(refused.status, 403);
        assert.equal(refused.body.code, 'forbidden');
      }
      const hidden = await dispatch(body, outsider.accessToken);
      assert.equal(hidden.status, 404);
      assert.equal(hidden.body.code, 'connector_not_found');
      assert.equal((await dispatch(post(crypto.randomUUID()), owner.accessToken)).status, 404);
      assert.equal((await dispatch(body, null)).status, 401);
      assert.equal((await dispatch(body, 'not-a-token')).status, 401);
      assert.equal((await dispatch(body, backend.serviceRoleKey)).status, 401);
      const tooLong = await dispatch({ ...body, text: 'x'.repeat(4001) }, owner.accessToken);
      assert.equal(tooLong.status, 400);
      assert.equal(tooLong.body.code, 'bad_request');
      assert.match(tooLong.body.message, /4001 characters; chat posts are limited to 4000/);
      assert.equal((await dispatch({ ...body, source: 'gossip' }, owner.accessToken)).status, 400);
      assert.equal((await dispatch({ ...body, dispatch_id: 'one' }, owner.accessToken)).status, 400);
      assert.equal((await dispatch({ ...body, text: '   ' }, owner.accessToken)).status, 400);
      assert.equal((await dispatch('{not json', owner.accessToken)).status, 400);
      assert.equal(mattermost.requests.length, 0);
      assert.equal(await stored(body.dispatch_id), undefined);
    });

    await t.step('no response body, RPC answer or list_connectors result ever contains a secret', async () => {
      for (const member of [owner, tom, vera]) await call('list_connectors', { p_workspace_id: WORKSPACE }, member.accessToken);
      const listed = await call('list_connectors', { p_workspace_id: WORKSPACE }, owner.accessToken);
      assert.equal(listed.body.length, 4);
      assert.ok(listed.body.every((/** @type {{ has_secret: boolean }} */ c) => c.has_secret));
      const dispatches = await call('connector_dispatch_start', { p_dispatch_id: crypto.randomUUID(), p_connector_id: mmId }, owner.accessToken);
      assert.notEqual(dispatches.status, 200);
      assert.ok(answered.length > 30);
      for (const text of answered) assertNoSecret(text);
    });
  } finally {
    await mattermost.close();
    await rocket.close();
    await zulip.close();
    await backend.close();
  }
});
