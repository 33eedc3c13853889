// @ts-check
// The dispatch Edge Function publishing an approved statement to Cachet 2.x and 3.x, run by
// Deno against the real embedded backend and a stand-in Cachet on 127.0.0.1 that records each
// request and answers with Cachet's documented success and error bodies. Chat connectors
// refuse a statement; Cachet refuses anything but one.
//   npm run test:deno

import assert from 'node:assert/strict';
import { createDispatchHandler } from '../../supabase/functions/dispatch/handler.ts';
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
      assert.deepEqual(answer.body, { dispatch_id: body.dispatch_id, status: 'sent', remote_id: '41', remote_url: `${cachet2.url}/incidents/41`, attempts: 1 });
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
