// @ts-check
// The dispatch function opening and updating tickets and cases, run by Deno as on Supabase,
// against the real embedded backend (migration 18, RLS, RPCs) and the stand-in ticket tools
// of ticket-tools.mjs: what a phone sends, what the tool gets, what is stored and listed by
// incident_tickets, which callers are refused, and that no answer ever holds a secret.
//   npm run test:deno

import assert from 'node:assert/strict';
import { createDispatchHandler } from '../../supabase/functions/dispatch/handler.ts';
import { startEmbeddedBackend } from './embedded-backend.mjs';
import { formDataOf, serverError, startOsTicket, startTheHive, startZammad } from './ticket-tools.mjs';

const WORKSPACE = '5e000000-0000-4000-8000-000000000018';
const INCIDENT = 'INC-2026-018';
const secrets = { zammad: 'zammad-token-Hq83kd', osticket: 'OSTKEY-71ac55', thehive: 'hive-key-Zp21x' };

Deno.test('dispatch opens and updates tickets and cases, stores their numbers per subject, and keeps secrets and roles', async (t) => {
  const backend = await startEmbeddedBackend();
  const zammad = startZammad({ token: secrets.zammad });
  const osticket = startOsTicket({ apiKey: secrets.osticket });
  const thehive = startTheHive({ apiKey: secrets.thehive });
  /** @type {number[]} */
  const waits = [];
  const handler = createDispatchHandler({ supabaseUrl: backend.url, serviceRoleKey: backend.serviceRoleKey, sleep: async (ms) => void waits.push(ms) });
  /** @type {string[]} */
  const answered = [];

  /** @param {Record<string, unknown>} body @param {string | null} bearer */
  const dispatch = async (body, bearer) => {
    const response = await handler(
      new Request('http://functions.local/dispatch', {
        method: 'POST',
        headers: { apikey: backend.anonKey, 'Content-Type': 'application/json', ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}) },
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
    const tom = await backend.signUp(`tom.responder.${run}@northwind.example`);
    const vera = await backend.signUp(`vera.viewer.${run}@northwind.example`);
    assert.equal((await backend.rpc('create_workspace', { workspace_id: WORKSPACE, workspace_name: 'Northwind' }, owner.accessToken)).status, 200);
    await backend.sql('insert into public.member (workspace_id, user_id, role) values ($1, $2, $3), ($1, $4, $5)', [WORKSPACE, tom.id, 'responder', vera.id, 'viewer']);
    await backend.rpc('register_incidents', { incidents: [{ workspace_id: WORKSPACE, id: INCIDENT, title: 'Ransomware on the file server' }] }, owner.accessToken);

    /** @param {string} kind @param {Record<string, unknown>} config @param {Record<string, unknown>} secret */
    const saveConnector = async (kind, config, secret) => {
      const saved = await backend.rpc('save_connector', { p_workspace_id: WORKSPACE, p_id: null, p_kind: kind, p_name: `${kind} desk`, p_config: config, p_secret: secret }, owner.accessToken);
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      return /** @type {string} */ (saved.body);
    };
    const zammadId = await saveConnector('zammad', { site: zammad.url, group: 'IT Security', customer: 'it@northwind.example' }, { token: secrets.zammad });
    const osticketId = await saveConnector('osticket', { site: osticket.url, name: 'Muster', email: 'muster@northwind.example' }, { api_key: secrets.osticket });
    const thehiveId = await saveConnector('thehive', { site: thehive.url, organisation: '' }, { api_key: secrets.thehive });
    const chatId = await saveConnector('mattermost', {}, { webhook_url: `${zammad.url}/hooks/not-a-real-hook` });
    const followUp = crypto.randomUUID();

    /** @param {string} connectorId @param {Record<string, unknown>} [extra] */
    const ticket = (connectorId, extra = {}) => ({
      dispatch_id: crypto.randomUUID(),
      connector_id: connectorId,
      incident_id: INCIDENT,
      source: 'ticket',
      title: 'Follow-up: confirm the backup restore point',
      text: 'Confirm the newest clean restore point of the file server.\nOwner: Tom Becker\nDeadline: 2026-12-05 10:00',
      subject: `entry:${followUp}`,
      ...extra,
    });
    const listed = async () => (await backend.rpc('incident_tickets', { p_incident_id: INCIDENT }, tom.accessToken)).body;

    await t.step('a responder opens a Zammad ticket for a follow-up: the number and link come back and are stored for the team', async () => {
      const body = ticket(zammadId);
      const answer = await dispatch(body, tom.accessToken);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.deepEqual(answer.body, {
        dispatch_id: body.dispatch_id,
        status: 'sent',
        remote_id: '42',
        remote_label: '31042',
        remote_url: `${zammad.url}/#ticket/zoom/42`,
        attempts: 1,
        warning: null,
      });
      const [request] = zammad.requests;
      assert.equal(request?.path, '/api/v1/tickets');
      assert.equal(request?.headers.authorization, `Token token=${secrets.zammad}`);
      const sent = JSON.parse(request?.body ?? '{}');
      assert.equal(sent.title, body.title);
      assert.equal(sent.group, 'IT Security');
      assert.equal(sent.customer_id, 'guess:it@northwind.example');
      assert.match(sent.article.body, /newest clean restore point/);
      const tickets = await listed();
      assert.deepEqual(
        tickets.map((/** @type {Record<string, unknown>} */ row) => [row.kind, row.subject, row.remote_label, row.created_at !== null]),
        [['zammad', `entry:${followUp}`, '31042', true]],
      );
      // The same id again answers the stored ticket and opens no second one.
      const replay = await dispatch(body, tom.accessToken);
      assert.deepEqual(replay.body, answer.body);
      assert.equal(zammad.requests.length, 1);
    });

    await t.step('an update goes to the same ticket as an internal note', async () => {
      zammad.reset();
      const answer = await dispatch(ticket(zammadId, { text: 'Restore point of 03:00 confirmed clean by the MSP.', ticket: { remote_id: '42' } }), tom.accessToken);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.remote_id, '42');
      const [request] = zammad.requests;
      assert.equal(request?.path, '/api/v1/ticket_articles');
      const sent = JSON.parse(request?.body ?? '{}');
      assert.equal(sent.ticket_id, 42);
      assert.equal(sent.internal, true);
      assert.equal(sent.body, 'Restore point of 03:00 confirmed clean by the MSP.');
    });

    await t.step('osTicket cannot update: 400 not_supported, nothing sent or stored', async () => {
      const body = ticket(osticketId, { ticket: { remote_id: '123456' } });
      const answer = await dispatch(body, tom.accessToken);
      assert.equal(answer.status, 400);
      assert.equal(answer.body.code, 'not_supported');
      assert.equal(osticket.requests.length, 0);
      assert.equal((await backend.sql('select count(*)::int as n from public.connector_dispatch where id = $1', [body.dispatch_id]))[0]?.n, 0);
    });

    await t.step('a TheHive case for the incident gets its tasks and the log as a file; a failing task is a warning, not a failure', async () => {
      thehive.answer({ when: 'POST /api/v1/case/~40977/task', ...serverError }, { when: 'POST /api/v1/case/~40977/task', ...serverError }, { when: 'POST /api/v1/case/~40977/task', ...serverError });
      const body = ticket(thehiveId, {
        title: `${INCIDENT}: Ransomware on the file server`,
        text: 'Type: ransomware. Severity: high.',
        subject: 'incident',
        tasks: ['Confirm the restore point', 'Notify the insurer'],
        attachment: { name: `${INCIDENT}-log.csv`, content_type: 'text/csv', text: 'occurred_at,contacted\n2026-12-04T09:00:00Z,MSP\n' },
      });
      const answer = await dispatch(body, owner.accessToken);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.remote_id, '~40977');
      assert.equal(answer.body.remote_label, '#17');
      assert.match(answer.body.warning, /task/);
      const row = (await backend.sql('select source, subject, remote_label, warning from public.connector_dispatch where id = $1', [body.dispatch_id]))[0];
      assert.equal(row?.subject, 'incident');
      assert.equal(row?.remote_label, '#17');
      assert.match(String(row?.warning), /task/);
      const create = thehive.requests.find((request) => request.path === '/api/v1/case');
      assert.equal(JSON.parse(create?.body ?? '{}').title, body.title);
    });

    await t.step('a case without failures stores no warning and sends the file observable', async () => {
      thehive.reset();
      const body = ticket(thehiveId, { subject: 'incident', tasks: ['Collect firewall logs'], attachment: { name: 'log.csv', content_type: 'text/csv', text: 'a,b\n1,2\n' } });
      const answer = await dispatch(body, owner.accessToken);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.warning, null);
      const observable = thehive.requests.find((request) => request.path.endsWith('/observable'));
      assert.ok(observable, 'no observable was sent');
      const form = await formDataOf(observable);
      const file = /** @type {File} */ (form.get('attachment'));
      assert.equal(await file.text(), 'a,b\n1,2\n');
    });

    await t.step('a viewer is refused, and nothing reaches the tool', async () => {
      zammad.reset();
      const answer = await dispatch(ticket(zammadId), vera.accessToken);
      assert.equal(answer.status, 403);
      assert.equal(zammad.requests.length, 0);
    });

    await t.step('tickets go to ticket tools only, and a ticket names its incident and subject', async () => {
      assert.equal((await dispatch(ticket(chatId), tom.accessToken)).body.code, 'source_not_for_connector');
      const chatText = await dispatch({ dispatch_id: crypto.randomUUID(), connector_id: zammadId, incident_id: INCIDENT, source: 'leadership_update', text: 'x' }, tom.accessToken);
      assert.equal(chatText.status, 400);
      assert.equal(chatText.body.code, 'source_not_for_connector');
      const noIncident = await dispatch(ticket(zammadId, { incident_id: null }), tom.accessToken);
      assert.equal(noIncident.status, 400);
      const badSubject = await dispatch(ticket(zammadId, { subject: 'entry:../../etc' }), tom.accessToken);
      assert.equal(badSubject.status, 400);
      const tooManyTasks = await dispatch(ticket(thehiveId, { tasks: Array.from({ length: 21 }, (_, i) => `Task ${i}`) }), tom.accessToken);
      assert.equal(tooManyTasks.status, 400);
      assert.equal(zammad.requests.length, 0);
    });

    await t.step('"Send test" on a ticket tool checks the connection without opening a ticket', async () => {
      zammad.reset();
      const answer = await dispatch({ dispatch_id: crypto.randomUUID(), connector_id: zammadId, incident_id: null, source: 'test', text: 'Muster test' }, owner.accessToken);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.deepEqual(zammad.requests.map((request) => `${request.method} ${request.path}`), ['GET /api/v1/users/me']);
      assert.ok((await backend.sql('select last_ok_at from public.connector where id = $1', [zammadId]))[0]?.last_ok_at);
    });

    await t.step('no answer, and no row members can read, holds a secret', async () => {
      const rows = await backend.rpc('incident_tickets', { p_incident_id: INCIDENT }, vera.accessToken);
      answered.push(JSON.stringify(rows.body));
      answered.push(JSON.stringify((await backend.rpc('list_connectors', { p_workspace_id: WORKSPACE }, vera.accessToken)).body));
      for (const text of answered) for (const secret of Object.values(secrets)) assert.ok(!text.includes(secret), `an answer gave away ${secret}: ${text}`);
    });
  } finally {
    await Promise.all([zammad.close(), osticket.close(), thehive.close()]);
    await backend.close();
  }
});
