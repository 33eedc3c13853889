// @ts-check
// `npm start`'s backend runs the dispatch function under Deno beside send-alert and answers
// /functions/v1/dispatch with it, as Supabase's gateway does.
//   npm run test:deno

import assert from 'node:assert/strict';
import { ANSWERS, startChatTool } from './dispatch-chat-tool.mjs';
import { startNodeProcess } from './node-process.mjs';

const WORKSPACE = '5e000000-0000-4000-8000-000000000017';

Deno.test('the local backend serves /functions/v1/dispatch from the real function', async () => {
  const backend = await startNodeProcess('./dispatch-backend-process.mjs');
  const started = backend.started;
  const base = started.url.replace(/\/$/, '');
  const mattermost = startChatTool(ANSWERS.mattermostOk);
  const hookPath = '/hooks/backendsecret8k2';

  /** @param {string} path @param {unknown} body @param {string | null} bearer */
  const post = async (path, body, bearer) => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { apikey: started.anonKey, 'Content-Type': 'application/json', ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}) },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    assert.ok(!text.includes(hookPath), `a response gave the webhook away: ${text}`);
    return { status: response.status, body: text === '' ? null : JSON.parse(text) };
  };

  try {
    assert.equal(started.dispatch, 'on');
    const signUp = await post('/auth/v1/signup', { email: `dana.${Date.now().toString(36)}@northwind.example`, password: 'correct horse battery' }, null);
    const token = signUp.body.access_token;
    assert.equal((await post('/rest/v1/rpc/create_workspace', { workspace_id: WORKSPACE, workspace_name: 'Northwind' }, token)).status, 200);
    const saved = await post(
      '/rest/v1/rpc/save_connector',
      { p_workspace_id: WORKSPACE, p_id: null, p_kind: 'mattermost', p_name: 'Ops', p_config: {}, p_secret: { webhook_url: `${mattermost.url}${hookPath}` } },
      token,
    );
    assert.equal(saved.status, 200, JSON.stringify(saved.body));

    const body = { dispatch_id: crypto.randomUUID(), connector_id: saved.body, incident_id: null, source: 'test', text: 'Muster test: this connector works.' };
    assert.equal((await post('/functions/v1/dispatch', body, null)).status, 401);
    const sent = await post('/functions/v1/dispatch', body, token);
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    assert.deepEqual(sent.body, { dispatch_id: body.dispatch_id, status: 'sent', remote_id: null, remote_label: null, remote_url: null, attempts: 1, warning: null });
    assert.equal(mattermost.requests.length, 1);
    assert.equal(mattermost.requests[0]?.path, hookPath);
    assert.deepEqual(JSON.parse(mattermost.requests[0]?.body ?? ''), { text: 'Muster test: this connector works.' });

    const listed = await post('/rest/v1/rpc/list_connectors', { p_workspace_id: WORKSPACE }, token);
    assert.equal(listed.body[0].has_secret, true);
    assert.match(listed.body[0].last_ok_at, /^\d{4}-\d\d-\d\dT/);
  } finally {
    await mattermost.close();
    await backend.close();
  }
});
