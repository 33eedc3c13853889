// @ts-check
// `npm start`'s backend runs the evidence-upload function under Deno beside dispatch and
// answers /functions/v1/evidence-upload with it, passing the file's bytes on unchanged.
//   npm run test:deno

import assert from 'node:assert/strict';
import { startNextcloud } from './webdav-server.mjs';
import { startNodeProcess } from './node-process.mjs';

const WORKSPACE = '5e000000-0000-4000-8000-000000000019';
const INCIDENT = 'INC-2026-019';
const USER = 'dana';
const APP_PASSWORD = 'Kb3rT-9wLq2-Zp8mN-4vXc7-Hj5sD';

Deno.test('the local backend serves /functions/v1/evidence-upload from the real function, bytes intact', async () => {
  const backend = await startNodeProcess('./dispatch-backend-process.mjs');
  const started = backend.started;
  const base = started.url.replace(/\/$/, '');
  const nextcloud = await startNextcloud(USER, APP_PASSWORD);

  /** @param {Response} response */
  const read = async (response) => {
    const text = await response.text();
    assert.ok(!text.includes(APP_PASSWORD), `a response gave the app password away: ${text}`);
    return { status: response.status, body: text === '' ? null : JSON.parse(text) };
  };
  /** @param {string} path @param {unknown} body @param {string | null} bearer */
  const post = async (path, body, bearer) =>
    read(
      await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { apikey: started.anonKey, 'Content-Type': 'application/json', ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}) },
        body: JSON.stringify(body),
      }),
    );
  /** @param {Record<string, string>} query @param {Uint8Array<ArrayBuffer>} bytes @param {string | null} bearer */
  const upload = async (query, bytes, bearer) =>
    read(
      await fetch(`${base}/functions/v1/evidence-upload?${new URLSearchParams(query)}`, {
        method: 'POST',
        headers: { apikey: started.anonKey, 'Content-Type': 'image/png', ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}) },
        body: bytes,
      }),
    );

  try {
    const signUp = await post('/auth/v1/signup', { email: `dana.${Date.now().toString(36)}@northwind.example`, password: 'correct horse battery' }, null);
    const token = signUp.body.access_token;
    assert.equal((await post('/rest/v1/rpc/create_workspace', { workspace_id: WORKSPACE, workspace_name: 'Northwind' }, token)).status, 200);
    const registered = await post('/rest/v1/rpc/register_incidents', { incidents: [{ workspace_id: WORKSPACE, id: INCIDENT, title: 'Lost laptop' }] }, token);
    assert.equal(registered.body[0].status, 'applied');
    const saved = await post(
      '/rest/v1/rpc/save_connector',
      { p_workspace_id: WORKSPACE, p_id: null, p_kind: 'nextcloud', p_name: 'Evidence', p_config: { site: nextcloud.site, user: USER, folder: 'Muster' }, p_secret: { app_password: APP_PASSWORD } },
      token,
    );
    assert.equal(saved.status, 200, JSON.stringify(saved.body));

    // Every byte value, so a text conversion anywhere on the way would show.
    const photo = new Uint8Array(3 * 256).map((_, index) => index % 256);
    const query = { upload_id: crypto.randomUUID(), connector_id: saved.body, incident_id: INCIDENT, name: 'laptop sticker.png' };
    assert.equal((await upload(query, photo, null)).status, 401);

    const sent = await upload(query, photo, token);
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    assert.equal(sent.body.remote_id, '/Muster/INC-2026-019/laptop sticker.png');
    const stored = await fetch(`${nextcloud.site}/remote.php/dav/files/${USER}/Muster/${INCIDENT}/laptop%20sticker.png`, {
      headers: { Authorization: `Basic ${btoa(`${USER}:${APP_PASSWORD}`)}` },
    });
    assert.deepEqual(new Uint8Array(await stored.arrayBuffer()), photo);

    const tooLarge = await upload({ ...query, upload_id: crypto.randomUUID() }, new Uint8Array(25 * 1024 * 1024 + 1), token);
    assert.equal(tooLarge.status, 413);
    assert.equal(tooLarge.body.code, 'payload_too_large');
    assert.match(tooLarge.body.message, /Muster uploads at most 25 MB to Nextcloud/);
    assert.equal((await nextcloud.requests()).filter((request) => request.method === 'PUT').length, 1);
  } finally {
    await nextcloud.close();
    await backend.close();
  }
});
