// @ts-check
// The dispatch Edge Function publishing an approved statement to Cachet 2.x and 3.x, run by
// Deno against the real embedded backend and a stand-in Cachet on 127.0.0.1 that records each
// request and answers with Cachet's documented success and error bodies. Chat connectors
// refuse a statement; Cachet refuses anything but one.
//   npm run test:deno

import assert from 'node:assert/strict';
import { createDispatchHandler } from '../../supabase/functions/dispatch/handler.ts';
import { sendWithRetries } from '../../supabase/functions/dispatch/send-with-retries.ts';
import { ANSWERS, startChatTool } from './dispatch-chat-tool.mjs';
import { startEmbeddedBackend } from './embedded-backend.mjs';

const WORKSPACE = '5e000000-0000-4000-8000-000000000017';
const INCIDENT = 'INC-2026-017';
const TITLE = 'Email delivery delayed';
const STATEMENT = 'Some customers receive email late. We are working on it and will update this page by 11:00.';

/** Cachet's documented answers: the created incident in {data}, errors as 2.x and 3.x send them. */
const CACHET = {
  /** @param {number} id */
  created: (id) => ({ status: 200, body: JSON.stringify({ data: { id, name: TITLE, status: 2, visible: 1 } }), headers: { 'Content-Type': 'application/json' } }),
  unauthorized2: {
    status: 401,
    body: JSON.stringify({ errors: [{ id: 'x', status: 401, title: 'Unauthorized', detail: 'Authentication is required to continue.' }] }),
    headers: { 'Content-Type': 'application/json' },
  },
  notFound3: { status: 404, body: JSON.stringify({ message: 'Not Found' }), headers: { 'Content-Type': 'application/json' } },
};

Deno.test('dispatch publishes an approved statement to Cachet 2.x and 3.x as documented, and keeps statements and chat apart', async (t) => {
  const backend = await startEmbeddedBackend();
  const cachet2 = startChatTool(CACHET.created(41));
  const cachet3 = startChatTool(CACHET.created(7));
  const mattermost = startChatTool(ANSWERS.mattermostOk);
  /** @type {number[]} */
  const waits = [];
  const handler = createDispatchHandler({
    supabaseUrl: backend.url,
    serviceRoleKey: backend.serviceRoleKey,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
  const tokens = { v2: 'cachet2-token-s3cr3t', v3: 'cachet3-api-key-s3cr3t' };
  /** @type {string[]} */
  const answered = [];

  /** @param {Record<string, unknown>} body @param {string} bearer */
  const dispatch = async (body, bearer) => {
    const response = await handler(
      new Request('http://functions.local/dispatch', {
        method: 'POST',
        headers: { apikey: backend.anonKey, 'Content-Type': 'application/json', Authorization: `Bearer ${bearer}` },
        body: JSON.stringify(body),
      }),
    );
    const text = await response.text();
    answered.push(text);
    return { status: response.status, body: JSON.parse(text) };
  };

  try {
    const run = Date.now().toString(36);
    const owner = await backend.signUp(`dana.owner.${run}@northwind.example`);
    assert.equal((await backend.rpc('create_workspace', { workspace_id: WORKSPACE, workspace_name: 'Northwind' }, owner.accessToken)).status, 200);
    await backend.rpc('register_incidents', { incidents: [{ workspace_id: WORKSPACE, id: INCIDENT, title: 'Mail delays' }] }, owner.accessToken);
    /** @param {string} kind @param {string} name @param {Record<string, unknown>} config @param {Record<string, unknown>} secret */
    const saveConnector = async (kind, name, config, secret) => {
      const saved = await backend.rpc('save_connector', { p_workspace_id: WORKSPACE, p_id: null, p_kind: kind, p_name: name, p_config: config, p_secret: secret }, owner.accessToken);
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      return /** @type {string} */ (saved.body);
    };
    const v2Id = await saveConnector('cachet2', 'Status page', { site: `${cachet2.url}/` }, { token: tokens.v2 });
    const v3Id = await saveConnector('cachet3', 'Status page (v3)', { site: cachet3.url, status: 1 }, { token: tokens.v3 });
    const mmId = await saveConnector('mattermost', 'Ops chat', {}, { webhook_url: `${mattermost.url}/hooks/mmsecret77` });
    /** @param {string} connectorId @param {Record<string, unknown>} [extra] */
    const publish = (connectorId, extra = {}) => ({
      dispatch_id: crypto.randomUUID(),
      connector_id: connectorId,
      incident_id: INCIDENT,
      source: 'statement',
      title: TITLE,
      text: STATEMENT,
      ...extra,
    });
    /** @param {string} id */
    const stored = async (id) => (await backend.sql('select * from public.connector_dispatch where id = $1', [id]))[0];

    await t.step('Cachet 2.x: POST /api/v1/incidents with X-Cachet-Token and {name, message, status 2, visible 1}; the id and link are stored', async () => {
      const body = publish(v2Id);
      const answer = await dispatch(body, owner.accessToken);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.deepEqual(answer.body, { dispatch_id: body.dispatch_id, status: 'sent', remote_id: '41', remote_label: null, remote_url: `${cachet2.url}/incidents/41`, attempts: 1, warning: null });
      const [request] = cachet2.requests;
      assert.equal(cachet2.requests.length, 1);
      assert.equal(request?.method, 'POST');
      assert.equal(request?.path, '/api/v1/incidents');
      assert.equal(request?.headers['x-cachet-token'], tokens.v2);
      assert.equal(request?.headers.authorization, undefined);
      assert.equal(request?.headers['content-type'], 'application/json');
      assert.match(request?.headers.accept ?? '', /application\/json/);
      assert.deepEqual(JSON.parse(request?.body ?? ''), { name: TITLE, message: STATEMENT, status: 2, visible: 1 });
      const row = await stored(body.dispatch_id);
      assert.equal(row?.source, 'statement');
      assert.equal(row?.remote_id, '41');
    });

    await t.step('Cachet 3.x: POST /api/incidents with a Bearer key and {name, message, status, visible: true}', async () => {
      const body = publish(v3Id);
      const answer = await dispatch(body, owner.accessToken);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.remote_id, '7');
      assert.equal(answer.body.remote_url, `${cachet3.url}/incidents/7`);
      const [request] = cachet3.requests;
      assert.equal(request?.method, 'POST');
      assert.equal(request?.path, '/api/incidents');
      assert.equal(request?.headers.authorization, `Bearer ${tokens.v3}`);
      assert.equal(request?.headers['x-cachet-token'], undefined);
      assert.deepEqual(JSON.parse(request?.body ?? ''), { name: TITLE, message: STATEMENT, status: 1, visible: true });
    });

    await t.step('401 and 404 are final and say to check the Cachet settings; 429 waits Retry-After; 500 is retried', async () => {
      cachet2.reset();
      waits.length = 0;
      cachet2.answer(CACHET.unauthorized2);
      const refused = await dispatch(publish(v2Id), owner.accessToken);
      assert.equal(refused.status, 502);
      assert.match(refused.body.message, /Not posted to Status page: Cachet refused the credentials \(HTTP 401\) \("Authentication is required to continue\."\): check the Cachet site, version and API token/);
      assert.equal(cachet2.requests.length, 1);

      cachet3.reset();
      cachet3.answer(CACHET.notFound3);
      const missing = await dispatch(publish(v3Id), owner.accessToken);
      assert.equal(missing.status, 502);
      assert.match(missing.body.message, /Cachet does not know this address \(HTTP 404\) \("Not Found"\)/);
      assert.equal(cachet3.requests.length, 1);

      cachet2.reset();
      cachet2.answer(ANSWERS.rateLimited(2), ANSWERS.serverError, CACHET.created(42));
      const body = publish(v2Id);
      const retried = await dispatch(body, owner.accessToken);
      assert.equal(retried.status, 200);
      assert.equal(retried.body.attempts, 3);
      assert.equal(retried.body.remote_id, '42');
      assert.deepEqual(waits, [2000, 1000]);
      assert.equal(cachet2.requests.length, 3);

      cachet2.reset();
      cachet2.answer(ANSWERS.serverError, ANSWERS.serverError, ANSWERS.serverError);
      const down = await dispatch(publish(v2Id), owner.accessToken);
      assert.equal(down.status, 502);
      assert.deepEqual(down.body.details, { attempts: 3, last_status: 500 });
      assert.match(down.body.message, /Cachet had a server error \(HTTP 500\)/);
    });

    await t.step('a chat connector refuses a statement, Cachet refuses anything else, and a statement needs its title', async () => {
      const toChat = await dispatch(publish(mmId), owner.accessToken);
      assert.equal(toChat.status, 400);
      assert.equal(toChat.body.code, 'source_not_for_connector');
      assert.match(toChat.body.message, /Ops chat is a chat connector: it gets internal texts, never an external statement/);
      assert.equal(mattermost.requests.length, 0);

      cachet2.reset();
      for (const source of ['leadership_update', 'employee_instruction', 'alternate_channel', 'test']) {
        const refused = await dispatch(publish(v2Id, { source }), owner.accessToken);
        assert.equal(refused.status, 400, source);
        assert.equal(refused.body.code, 'source_not_for_connector');
      }
      const untitled = await dispatch(publish(v2Id, { title: undefined }), owner.accessToken);
      assert.equal(untitled.status, 400);
      assert.match(untitled.body.message, /A statement needs its title/);
      assert.equal(cachet2.requests.length, 0);
    });

    await t.step('no answer ever contains a Cachet token', () => {
      assert.ok(answered.length > 8);
      for (const text of answered) for (const token of Object.values(tokens)) assert.ok(!text.includes(token), `an answer gave away ${token}: ${text}`);
    });
  } finally {
    await cachet2.close();
    await cachet3.close();
    await mattermost.close();
    await backend.close();
  }
});

Deno.test('a later statement is added to the Cachet incident published earlier, as 2.x and 3.x document updates', async (t) => {
  const UPDATE = 'Email delivery is back to normal. We keep watching it.';
  const tokens = { v2: 'cachet2-update-token-s3cr3t', v3: 'cachet3-update-key-s3cr3t' };
  // 2.x answers the update in {data}; 3.x as a JSON:API resource.
  const cachet2 = startChatTool({ status: 200, body: JSON.stringify({ data: { id: 9, incident_id: 41, status: 3, message: UPDATE } }), headers: { 'Content-Type': 'application/json' } });
  const cachet3 = startChatTool({ status: 201, body: JSON.stringify({ data: { id: '12', type: 'updates', attributes: { id: 12, updateable_id: 7, message: UPDATE } } }), headers: { 'Content-Type': 'application/json' } });
  const mattermost = startChatTool(ANSWERS.mattermostOk);
  /** @type {number[]} */
  const waits = [];
  const options = {
    fetch: globalThis.fetch,
    sleep: (/** @type {number} */ ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
    now: () => Date.now(),
  };
  /** @type {unknown[]} */
  const outcomes = [];
  /** @param {Parameters<typeof sendWithRetries>[0]} target @param {Parameters<typeof sendWithRetries>[1]} post */
  const send = async (target, post) => {
    const outcome = await sendWithRetries(target, post, options);
    outcomes.push(outcome);
    return outcome;
  };
  const v2 = /** @type {const} */ ({ kind: 'cachet2', config: { site: `${cachet2.url}/`, status: 3 }, token: tokens.v2 });
  const v3 = /** @type {const} */ ({ kind: 'cachet3', config: { site: cachet3.url, status: 1 }, token: tokens.v3 });
  try {
    await t.step('2.x: POST /api/v1/incidents/<id>/updates with X-Cachet-Token and {status, message}; the incident stays the remote id', async () => {
      const outcome = await send(v2, { incidentId: INCIDENT, title: TITLE, text: UPDATE, updateOf: '41' });
      assert.deepEqual(outcome, { status: 'sent', attempts: 1, lastStatus: 200, remoteId: '41', remoteUrl: `${cachet2.url}/incidents/41` });
      const [request] = cachet2.requests;
      assert.equal(cachet2.requests.length, 1);
      assert.equal(request?.method, 'POST');
      assert.equal(request?.path, '/api/v1/incidents/41/updates');
      assert.equal(request?.headers['x-cachet-token'], tokens.v2);
      assert.equal(request?.headers['content-type'], 'application/json');
      assert.match(request?.headers.accept ?? '', /application\/json/);
      assert.deepEqual(JSON.parse(request?.body ?? ''), { status: 3, message: UPDATE });
    });

    await t.step('3.x: POST /api/incidents/<id>/updates with a Bearer key and {message, status}', async () => {
      const outcome = await send(v3, { incidentId: INCIDENT, title: TITLE, text: UPDATE, updateOf: '7' });
      assert.deepEqual(outcome, { status: 'sent', attempts: 1, lastStatus: 201, remoteId: '7', remoteUrl: `${cachet3.url}/incidents/7` });
      const [request] = cachet3.requests;
      assert.equal(request?.path, '/api/incidents/7/updates');
      assert.equal(request?.headers.authorization, `Bearer ${tokens.v3}`);
      assert.equal(request?.headers['x-cachet-token'], undefined);
      assert.deepEqual(JSON.parse(request?.body ?? ''), { message: UPDATE, status: 1 });
    });

    await t.step('an incident deleted on the status page (404) is final and says to publish a new statement', async () => {
      cachet3.reset();
      cachet3.answer(CACHET.notFound3);
      const outcome = await send(v3, { incidentId: INCIDENT, title: TITLE, text: UPDATE, updateOf: '8' });
      assert.deepEqual(outcome, {
        status: 'failed',
        attempts: 1,
        lastStatus: 404,
        error: 'Cachet does not know this address or incident (HTTP 404) ("Not Found"): the incident may have been deleted on the status page; check the Cachet site, version and API token in Settings › Integrations, or publish a new statement.',
      });
    });

    await t.step('429 and 500 are retried as for a new incident; an update of nothing is a new incident', async () => {
      cachet2.reset();
      waits.length = 0;
      cachet2.answer(ANSWERS.rateLimited(2), ANSWERS.serverError);
      const retried = await send(v2, { incidentId: INCIDENT, title: TITLE, text: UPDATE, updateOf: '41' });
      assert.equal(retried.status, 'sent');
      assert.equal(retried.attempts, 3);
      assert.deepEqual(waits, [2000, 1000]);
      assert.deepEqual(cachet2.requests.map((request) => request.path), ['/api/v1/incidents/41/updates', '/api/v1/incidents/41/updates', '/api/v1/incidents/41/updates']);

      cachet2.reset();
      cachet2.answer(CACHET.created(43));
      const created = await send(v2, { incidentId: INCIDENT, title: TITLE, text: STATEMENT, updateOf: null });
      assert.equal(/** @type {{ remoteId: string }} */ (created).remoteId, '43');
      assert.equal(cachet2.requests[0]?.path, '/api/v1/incidents');
    });

    await t.step('chat has no updates: a chat post with updateOf is an ordinary post', async () => {
      const outcome = await send({ kind: 'mattermost', webhookUrl: `${mattermost.url}/hooks/mmupdate42secret` }, { incidentId: INCIDENT, title: null, text: 'Update', updateOf: '41' });
      assert.equal(outcome.status, 'sent');
      assert.equal(mattermost.requests[0]?.path, '/hooks/mmupdate42secret');
    });

    await t.step('no outcome contains a Cachet token, even when Cachet repeats it', async () => {
      cachet2.answer({ status: 401, body: JSON.stringify({ errors: [{ status: 401, title: 'Unauthorized', detail: `Token ${tokens.v2} is not valid.` }] }), headers: { 'Content-Type': 'application/json' } });
      const refused = await send(v2, { incidentId: INCIDENT, title: TITLE, text: UPDATE, updateOf: '41' });
      assert.match(/** @type {{ error: string }} */ (refused).error, /Token \[secret\] is not valid/);
      for (const outcome of outcomes) {
        const text = JSON.stringify(outcome);
        for (const token of Object.values(tokens)) assert.ok(!text.includes(token), `an outcome gave away ${token}: ${text}`);
      }
    });
  } finally {
    await cachet2.close();
    await cachet3.close();
    await mattermost.close();
  }
});
