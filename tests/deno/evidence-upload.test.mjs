// @ts-check
// The evidence-upload Edge Function, run by Deno as on Supabase, against a real WebDAV server
// (the webdav-server package, under Nextcloud's /remote.php/dav/files/<user>/ path, with HTTP
// Basic auth; see webdav-server-process.mjs) and the real embedded backend (migrations, RLS,
// RPCs). The first test drives the WebDAV client alone, the second the whole handler.
//   npm run test:deno

import assert from 'node:assert/strict';
import { createEvidenceUploadHandler } from '../../supabase/functions/evidence-upload/handler.ts';
import { basicAuthorization, candidateNames, checkConnection, filesRoot, uploadEvidence } from '../../supabase/functions/evidence-upload/webdav.ts';
import { startEmbeddedBackend } from './embedded-backend.mjs';
import { startNextcloud } from './webdav-server.mjs';

const USER = 'dana@northwind.example';
const APP_PASSWORD = 'Xq7pR-2mKd9-Lw4tZ-8nVb3-Hy6sJ';
const BASIC = basicAuthorization(USER, APP_PASSWORD).slice('Basic '.length);
/** The app password of a connector whose password was revoked in Nextcloud. */
const STALE_PASSWORD = 'Stale-App01-Passw-ord99-Gone1';
const INCIDENT = 'INC-2026-007';
const WORKSPACE = '5e000000-0000-4000-8000-000000000018';

/** A port nothing listens on: Nextcloud is down. */
function closedPort() {
  const listener = Deno.listen({ hostname: '127.0.0.1', port: 0 });
  const { port } = /** @type {Deno.NetAddr} */ (listener.addr);
  listener.close();
  return port;
}

/** @param {string} site @param {string[]} path */
const davUrl = (site, path) => `${filesRoot({ site, user: USER, folder: '', appPassword: '' })}${path.map(encodeURIComponent).join('/')}`;
const auth = { Authorization: `Basic ${BASIC}` };

/** What the Nextcloud user would see: PROPFIND Depth 0 says whether a path is there and a folder. */
async function look(/** @type {string} */ site, /** @type {string[]} */ path) {
  const response = await fetch(davUrl(site, path), { method: 'PROPFIND', headers: { ...auth, Depth: '0' } });
  const text = await response.text();
  return { status: response.status, folder: /<D:collection\s*\/>/.test(text) };
}

async function download(/** @type {string} */ site, /** @type {string[]} */ path) {
  const response = await fetch(davUrl(site, path), { headers: auth });
  assert.equal(response.status, 200, `GET ${path.join('/')}`);
  return new Uint8Array(await response.arrayBuffer());
}

const text = (/** @type {string} */ value) => new TextEncoder().encode(value);

/** @param {unknown} value */
function assertNoSecret(value) {
  const serialised = typeof value === 'string' ? value : JSON.stringify(value);
  const staleBasic = basicAuthorization(USER, STALE_PASSWORD).slice('Basic '.length);
  for (const secret of [APP_PASSWORD, BASIC, STALE_PASSWORD, staleBasic]) assert.ok(!serialised.includes(secret), `the app password leaked: ${serialised}`);
}

Deno.test('evidence goes to Nextcloud over WebDAV: folders made level by level, an existing file never replaced, the app password never shown', async (t) => {
  const nextcloud = await startNextcloud(USER, APP_PASSWORD);
  /** @type {number[]} */
  const waits = [];
  const options = { fetch, now: () => Date.now(), sleep: async (/** @type {number} */ ms) => void waits.push(ms) };
  const target = { site: nextcloud.site, user: USER, folder: 'Muster', appPassword: APP_PASSWORD };
  /** Requests since the last call, as "METHOD path-under-the-user's-files status". */
  let seen = 0;
  const newRequests = async () => {
    const all = await nextcloud.requests();
    const fresh = all.slice(seen);
    seen = all.length;
    const root = new URL(filesRoot(target)).pathname;
    return fresh.map((request) => `${request.method} ${decodeURIComponent(request.path.slice(root.length - 1))} ${request.status}`);
  };

  try {
    await t.step('the first upload of an incident makes /Muster and /Muster/INC-2026-007, then stores the file there', async () => {
      const outcome = await uploadEvidence(
        target,
        { incidentId: INCIDENT, name: 'firewall export.csv', bytes: text('time,rule\n09:12,deny any\n'), contentType: 'text/csv' },
        options,
      );
      assert.deepEqual(outcome, {
        status: 'sent',
        attempts: 1,
        lastStatus: 201,
        remoteId: '/Muster/INC-2026-007/firewall export.csv',
        remoteLabel: 'firewall export.csv',
        remoteUrl: `${nextcloud.site}/apps/files/?dir=%2FMuster%2FINC-2026-007`,
      });
      assert.deepEqual(await newRequests(), [
        'MKCOL /Muster 201',
        'MKCOL /Muster/INC-2026-007 201',
        'PROPFIND /Muster/INC-2026-007/firewall export.csv 404',
        'PUT /Muster/INC-2026-007/firewall export.csv 201',
      ]);
      assert.deepEqual(await look(nextcloud.site, ['Muster']), { status: 207, folder: true });
      assert.deepEqual(await look(nextcloud.site, ['Muster', INCIDENT]), { status: 207, folder: true });
      assert.equal(new TextDecoder().decode(await download(nextcloud.site, ['Muster', INCIDENT, 'firewall export.csv'])), 'time,rule\n09:12,deny any\n');
      seen = (await nextcloud.requests()).length;
      assert.deepEqual(waits, []);
    });

    await t.step('a second upload to the same incident finds both folders there (405) and stores its file beside the first', async () => {
      const outcome = await uploadEvidence(
        target,
        { incidentId: INCIDENT, name: 'mailbox-rules.json', bytes: text('{"rules":[]}'), contentType: 'application/json' },
        options,
      );
      assert.equal(outcome.status, 'sent');
      assert.deepEqual(await newRequests(), [
        'MKCOL /Muster 405',
        'MKCOL /Muster/INC-2026-007 405',
        'PROPFIND /Muster/INC-2026-007/mailbox-rules.json 404',
        'PUT /Muster/INC-2026-007/mailbox-rules.json 201',
      ]);
      assert.equal(new TextDecoder().decode(await download(nextcloud.site, ['Muster', INCIDENT, 'mailbox-rules.json'])), '{"rules":[]}');
    });

    await t.step('a file already there is kept: the new one is stored as "firewall export (2).csv", then "(3)"', async () => {
      const second = await uploadEvidence(
        target,
        { incidentId: INCIDENT, name: 'firewall export.csv', bytes: text('second export'), contentType: 'text/csv' },
        options,
      );
      assert.equal(second.status, 'sent');
      assert.equal(second.status === 'sent' && second.remoteLabel, 'firewall export (2).csv');
      assert.equal(second.status === 'sent' && second.remoteId, '/Muster/INC-2026-007/firewall export (2).csv');
      const third = await uploadEvidence(
        target,
        { incidentId: INCIDENT, name: 'firewall export.csv', bytes: text('third export'), contentType: 'text/csv' },
        options,
      );
      assert.equal(third.status === 'sent' && third.remoteLabel, 'firewall export (3).csv');
      const requests = await newRequests();
      assert.equal(requests.filter((request) => request.startsWith('PUT ')).length, 2);
      assert.ok(!requests.includes('PUT /Muster/INC-2026-007/firewall export.csv 201'), 'the first file was written over');

      const folder = ['Muster', INCIDENT];
      assert.equal(new TextDecoder().decode(await download(nextcloud.site, [...folder, 'firewall export.csv'])), 'time,rule\n09:12,deny any\n');
      assert.equal(new TextDecoder().decode(await download(nextcloud.site, [...folder, 'firewall export (2).csv'])), 'second export');
      assert.equal(new TextDecoder().decode(await download(nextcloud.site, [...folder, 'firewall export (3).csv'])), 'third export');
      seen = (await nextcloud.requests()).length;
    });

    await t.step('a photo arrives byte for byte', async () => {
      const bytes = new Uint8Array(4096).map((_, index) => (index * 37 + 11) % 256);
      const outcome = await uploadEvidence(target, { incidentId: INCIDENT, name: 'screen.png', bytes, contentType: 'image/png' }, options);
      assert.equal(outcome.status, 'sent');
      assert.deepEqual(await download(nextcloud.site, ['Muster', INCIDENT, 'screen.png']), bytes);
      seen = (await nextcloud.requests()).length;
    });

    await t.step('a base folder of two levels is made level by level', async () => {
      const nested = { ...target, folder: 'Security/Evidence' };
      const outcome = await uploadEvidence(nested, { incidentId: INCIDENT, name: 'notes', bytes: text('n'), contentType: 'text/plain' }, options);
      assert.equal(outcome.status === 'sent' && outcome.remoteUrl, `${nextcloud.site}/apps/files/?dir=%2FSecurity%2FEvidence%2FINC-2026-007`);
      assert.deepEqual((await newRequests()).filter((request) => request.startsWith('MKCOL')), [
        'MKCOL /Security 201',
        'MKCOL /Security/Evidence 201',
        'MKCOL /Security/Evidence/INC-2026-007 201',
      ]);
    });

    await t.step('a folder removed between two steps (409 from Nextcloud) fails and names the missing folder', async () => {
      // Someone deletes /Vanishing just after Muster made it: the real server then answers 409.
      /** @type {typeof fetch} */
      const racingFetch = async (input, init) => {
        if (init?.method === 'MKCOL' && String(input).endsWith('/Vanishing/INC-2026-007')) {
          await fetch(davUrl(nextcloud.site, ['Vanishing']), { method: 'DELETE', headers: auth }).then((response) => response.body?.cancel());
        }
        return fetch(input, init);
      };
      const outcome = await uploadEvidence(
        { ...target, folder: 'Vanishing' },
        { incidentId: INCIDENT, name: 'a.txt', bytes: text('a'), contentType: 'text/plain' },
        { ...options, fetch: racingFetch },
      );
      assert.equal(outcome.status, 'failed');
      assert.equal(outcome.lastStatus, 409);
      assert.equal(outcome.attempts, 1);
      assert.equal(
        outcome.status === 'failed' && outcome.error,
        'Nextcloud could not make the folder /Vanishing/INC-2026-007: the folder /Vanishing is missing (HTTP 409). Check the Nextcloud user and folder in Settings › Integrations.',
      );
      seen = (await nextcloud.requests()).length;
    });

    await t.step('a 503 and a 429 are tried again (0.5 s; Retry-After), and attempts counts the tries of the PUT', async () => {
      waits.length = 0;
      let puts = 0;
      /** @type {typeof fetch} */
      const flakyFetch = async (input, init) => {
        if (init?.method === 'PUT' && ++puts <= 2) {
          return puts === 1 ? new Response('busy', { status: 503 }) : new Response('slow down', { status: 429, headers: { 'Retry-After': '3' } });
        }
        return fetch(input, init);
      };
      const outcome = await uploadEvidence(
        target,
        { incidentId: INCIDENT, name: 'retry.txt', bytes: text('third time lucky'), contentType: 'text/plain' },
        { ...options, fetch: flakyFetch },
      );
      assert.equal(outcome.status, 'sent');
      assert.equal(outcome.attempts, 3);
      assert.deepEqual(waits, [500, 3000]);
      assert.equal(new TextDecoder().decode(await download(nextcloud.site, ['Muster', INCIDENT, 'retry.txt'])), 'third time lucky');
      seen = (await nextcloud.requests()).length;
    });

    await t.step('a wrong app password is refused at once (401, no retry) and the message does not contain it', async () => {
      waits.length = 0;
      const wrong = { ...target, appPassword: STALE_PASSWORD };
      const outcome = await uploadEvidence(wrong, { incidentId: INCIDENT, name: 'x.txt', bytes: text('x'), contentType: 'text/plain' }, options);
      assert.equal(outcome.status, 'failed');
      assert.equal(outcome.attempts, 1);
      assert.equal(outcome.lastStatus, 401);
      assert.deepEqual(waits, []);
      assert.match(outcome.status === 'failed' ? outcome.error : '', /^Nextcloud refused the user and app password \(HTTP 401\) when asked to make the folder \/Muster: check the Nextcloud site, user and app password in Settings › Integrations\.$/);
      assertNoSecret(outcome);
      const checked = await checkConnection(wrong, options);
      assert.equal(checked.status, 'failed');
      assert.equal(checked.lastStatus, 401);
      seen = (await nextcloud.requests()).length;
    });

    await t.step('a Nextcloud that does not answer fails after 3 attempts, waiting 0.5 s then 1 s', async () => {
      waits.length = 0;
      const down = { ...target, site: `http://127.0.0.1:${closedPort()}` };
      const outcome = await uploadEvidence(down, { incidentId: INCIDENT, name: 'x.txt', bytes: text('x'), contentType: 'text/plain' }, options);
      assert.equal(outcome.status, 'failed');
      assert.equal(outcome.attempts, 3);
      assert.equal(outcome.lastStatus, null);
      assert.deepEqual(waits, [500, 1000]);
      assert.match(outcome.status === 'failed' ? outcome.error : '', /^Could not reach Nextcloud at http:\/\/127\.0\.0\.1:\d+ to make the folder \/Muster \(/);
      assertNoSecret(outcome);
    });

    await t.step('the connection test reads the user\'s root (PROPFIND Depth 0 -> 207)', async () => {
      assert.deepEqual(await checkConnection(target, options), { status: 'sent', attempts: 1, lastStatus: 207 });
      assert.deepEqual(await newRequests(), ['PROPFIND / 207']);
    });

    await t.step('names to try keep the extension: "report (2).pdf" ... "report (50).pdf"', () => {
      const names = candidateNames('report.pdf');
      assert.equal(names.length, 50);
      assert.deepEqual(names.slice(0, 3), ['report.pdf', 'report (2).pdf', 'report (3).pdf']);
      assert.equal(names[49], 'report (50).pdf');
      assert.equal(candidateNames('notes')[1], 'notes (2)');
      assert.equal(candidateNames('logs.tar.gz')[1], 'logs.tar (2).gz');
      const longest = `${'e'.repeat(96)}.pdf`;
      assert.equal(candidateNames(longest)[49], `${'e'.repeat(91)} (50).pdf`);
      assert.ok(candidateNames(longest).every((candidate) => candidate.length <= 100));
      // Shortening never splits an emoji into half a character (encodeURIComponent would throw).
      const emoji = `${'e'.repeat(90)}📷📷.jpg`;
      assert.ok(candidateNames(emoji).every((candidate) => encodeURIComponent(candidate).length > 0 && candidate.length <= 100));
      assert.equal(filesRoot(target), `${nextcloud.site}/remote.php/dav/files/dana%40northwind.example/`);
    });
  } finally {
    await nextcloud.close();
  }
});

Deno.test('evidence-upload checks the caller, stores the file once per upload id, records where it went, and never answers the app password', async (t) => {
  const backend = await startEmbeddedBackend();
  const nextcloud = await startNextcloud(USER, APP_PASSWORD);
  const handler = createEvidenceUploadHandler({ supabaseUrl: backend.url, serviceRoleKey: backend.serviceRoleKey, sleep: async () => {} });

  /**
   * @param {Record<string, string>} query
   * @param {Uint8Array<ArrayBuffer> | string | null} body
   * @param {string | null} bearer
   */
  const upload = async (query, body, bearer, contentType = 'text/plain') => {
    const response = await handler(
      new Request(`http://functions.local/evidence-upload?${new URLSearchParams(query)}`, {
        method: 'POST',
        headers: { apikey: backend.anonKey, 'Content-Type': contentType, ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}) },
        body,
      }),
    );
    const answer = await response.text();
    assertNoSecret(answer);
    return { status: response.status, body: JSON.parse(answer), headers: response.headers };
  };
  /** @param {string} rpc @param {Record<string, unknown>} args @param {string} bearer */
  const call = async (rpc, args, bearer) => {
    const result = await backend.rpc(rpc, args, bearer);
    assertNoSecret(result.body);
    return result;
  };
  const puts = async () => (await nextcloud.requests()).filter((request) => request.method === 'PUT').length;

  try {
    const run = Date.now().toString(36);
    const owner = await backend.signUp(`dana.owner.${run}@northwind.example`);
    const tom = await backend.signUp(`tom.responder.${run}@northwind.example`);
    const vera = await backend.signUp(`vera.viewer.${run}@northwind.example`);
    const outsider = await backend.signUp(`olga.outsider.${run}@southwind.example`);
    assert.equal((await call('create_workspace', { workspace_id: WORKSPACE, workspace_name: 'Northwind' }, owner.accessToken)).status, 200);
    for (const [user, role] of /** @type {const} */ ([[tom, 'responder'], [vera, 'viewer']])) {
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
    const evidence = await saveConnector('nextcloud', 'Evidence share', { site: nextcloud.site, user: USER, folder: 'Muster' }, { app_password: APP_PASSWORD });
    const wrongPassword = await saveConnector('nextcloud', 'Old share', { site: nextcloud.site, user: USER, folder: 'Muster' }, { app_password: STALE_PASSWORD });
    const chat = await saveConnector('mattermost', 'Ops chat', {}, { webhook_url: 'http://127.0.0.1:9/hooks/unused' });

    const file = text('Forwarding rule "x" created 08:55 by finance-02, removed 09:31.');
    const query = (/** @type {Record<string, string>} */ extra = {}) => ({
      upload_id: crypto.randomUUID(),
      connector_id: evidence,
      incident_id: INCIDENT,
      name: 'mailbox audit.txt',
      ...extra,
    });

    await t.step('without a user token: 401 and nothing uploaded', async () => {
      const answer = await upload(query(), file, null);
      assert.equal(answer.status, 401);
      assert.equal(answer.body.code, 'no_authorization');
      assert.equal(answer.headers.get('WWW-Authenticate'), 'Bearer');
      assert.equal((await upload(query(), file, backend.serviceRoleKey)).status, 401);
    });

    await t.step('a name that is a path, a missing upload id or an empty file: 400', async () => {
      /** @type {Record<string, string>[]} */
      const bad = [{ name: '../secrets.txt' }, { name: 'a\\b.txt' }, { name: '.htaccess' }, { name: 'x'.repeat(101) }, { incident_id: '' }, { upload_id: 'one' }];
      for (const wrong of bad) {
        const answer = await upload(query(wrong), file, tom.accessToken);
        assert.equal(answer.status, 400, JSON.stringify(wrong));
        assert.equal(answer.body.code, 'bad_request');
      }
      const empty = await upload(query(), null, tom.accessToken);
      assert.equal(empty.status, 400);
      assert.match(empty.body.message, /The file is empty/);
    });

    await t.step('a viewer may not upload (403); another workspace does not see the connector (404)', async () => {
      const viewer = await upload(query(), file, vera.accessToken);
      assert.equal(viewer.status, 403);
      assert.equal(viewer.body.code, 'forbidden');
      const stranger = await upload(query(), file, outsider.accessToken);
      assert.equal(stranger.status, 404);
      assert.equal(stranger.body.code, 'connector_not_found');
    });

    await t.step('a chat connector takes no files: 400 source_not_for_connector', async () => {
      const answer = await upload(query({ connector_id: chat }), file, tom.accessToken);
      assert.equal(answer.status, 400);
      assert.equal(answer.body.code, 'source_not_for_connector');
      assert.match(answer.body.message, /^Ops chat is not a Nextcloud connector/);
    });

    await t.step('a file over 25 MB: 413 payload_too_large, nothing uploaded', async () => {
      const before = await puts();
      const answer = await upload(query(), new Uint8Array(25 * 1024 * 1024 + 1), tom.accessToken, 'application/octet-stream');
      assert.equal(answer.status, 413);
      assert.equal(answer.body.code, 'payload_too_large');
      assert.equal(await puts(), before);
    });

    const first = query();
    await t.step('a responder uploads: 200 with where it is, recorded as evidence for the incident', async () => {
      const answer = await upload(first, file, tom.accessToken);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.deepEqual(answer.body, {
        upload_id: first.upload_id,
        status: 'sent',
        remote_id: '/Muster/INC-2026-007/mailbox audit.txt',
        remote_label: 'mailbox audit.txt',
        remote_url: `${nextcloud.site}/apps/files/?dir=%2FMuster%2FINC-2026-007`,
        attempts: 1,
      });
      assert.equal(answer.headers.get('Access-Control-Allow-Origin'), '*');
      assert.deepEqual(await download(nextcloud.site, ['Muster', INCIDENT, 'mailbox audit.txt']), file);
      const [row] = await backend.sql(
        `select source, subject, status, incident_id, remote_id, remote_label, created_by from public.connector_dispatch where id = $1`,
        [first.upload_id],
      );
      assert.deepEqual(row, {
        source: 'evidence',
        subject: 'incident',
        status: 'sent',
        incident_id: INCIDENT,
        remote_id: '/Muster/INC-2026-007/mailbox audit.txt',
        remote_label: 'mailbox audit.txt',
        created_by: tom.id,
      });
    });

    await t.step('the same upload id again answers the stored outcome and uploads nothing', async () => {
      const before = await puts();
      const again = await upload(first, text('a different body sent by a retrying phone'), tom.accessToken);
      assert.equal(again.status, 200);
      assert.equal(again.body.remote_label, 'mailbox audit.txt');
      assert.equal(await puts(), before);
      const reused = await upload({ ...first, connector_id: wrongPassword }, file, tom.accessToken);
      assert.equal(reused.status, 409);
      assert.equal(reused.body.code, 'upload_id_reused');
    });

    await t.step('the same file name in a new upload is stored beside it as "mailbox audit (2).txt"', async () => {
      const answer = await upload(query(), text('second audit'), owner.accessToken);
      assert.equal(answer.status, 200);
      assert.equal(answer.body.remote_label, 'mailbox audit (2).txt');
      assert.deepEqual(await download(nextcloud.site, ['Muster', INCIDENT, 'mailbox audit.txt']), file);
    });

    await t.step('the incident lists its evidence uploads for members', async () => {
      const listed = await call('incident_tickets', { p_incident_id: INCIDENT }, vera.accessToken);
      assert.equal(listed.status, 200, JSON.stringify(listed.body));
      const labels = listed.body.filter((/** @type {any} */ item) => item.source === 'evidence').map((/** @type {any} */ item) => item.remote_label).sort();
      assert.deepEqual(labels, ['mailbox audit (2).txt', 'mailbox audit.txt']);
    });

    await t.step('a wrong app password: 502 upload_failed after one try, recorded on the connector, the password nowhere', async () => {
      const failedQuery = query({ connector_id: wrongPassword });
      const answer = await upload(failedQuery, file, tom.accessToken);
      assert.equal(answer.status, 502);
      assert.equal(answer.body.code, 'upload_failed');
      assert.deepEqual(answer.body.details, { attempts: 1, last_status: 401 });
      assert.match(answer.body.message, /^Not uploaded to Old share: Nextcloud refused the user and app password \(HTTP 401\)/);
      const replay = await upload(failedQuery, file, tom.accessToken);
      assert.deepEqual(replay.body, answer.body);
      const listed = await call('list_connectors', { p_workspace_id: WORKSPACE }, owner.accessToken);
      const old = listed.body.find((/** @type {any} */ connector) => connector.id === wrongPassword);
      assert.match(old.last_error, /HTTP 401/);
    });

    await t.step('?test=1 checks the connection and records it as a test', async () => {
      const testQuery = { upload_id: crypto.randomUUID(), connector_id: evidence, test: '1' };
      const answer = await upload(testQuery, null, owner.accessToken);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.deepEqual(answer.body, { upload_id: testQuery.upload_id, status: 'sent', remote_id: null, remote_label: null, remote_url: null, attempts: 1 });
      const [row] = await backend.sql(`select source, subject, incident_id from public.connector_dispatch where id = $1`, [testQuery.upload_id]);
      assert.deepEqual(row, { source: 'test', subject: null, incident_id: null });
      const listed = await call('list_connectors', { p_workspace_id: WORKSPACE }, owner.accessToken);
      assert.match(listed.body.find((/** @type {any} */ connector) => connector.id === evidence).last_ok_at, /^\d{4}-\d\d-\d\dT/);
    });

    await t.step('a preflight is answered with the headers the app sends', async () => {
      const response = await handler(new Request('http://functions.local/evidence-upload', { method: 'OPTIONS' }));
      assert.equal(response.status, 204);
      assert.equal(response.headers.get('Access-Control-Allow-Headers'), 'authorization, x-client-info, apikey, content-type');
    });
  } finally {
    await nextcloud.close();
    await backend.close();
  }
});
