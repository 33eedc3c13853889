// @ts-check
// Filing tickets and cases from an incident: sendTicket against stand-in Zammad, osTicket,
// GLPI, Jira Service Management and TheHive servers on 127.0.0.1 (tests/deno/ticket-tools.mjs)
// that check each documented request and answer with the tools' documented bodies. What a
// responder would notice: the ticket's number and link, retries that recover, a refusal that
// says what to check, a ticket that exists even when a task or the file did not arrive, and
// never a key in any message.
//   npm run test:deno

import assert from 'node:assert/strict';
import { sendTicket } from '../../supabase/functions/dispatch/send-ticket.ts';
import { TEST_TICKET_TITLE, TICKET_KINDS, glpiHtml, isTicketKind, ticketTargetOf } from '../../supabase/functions/dispatch/ticket-request.ts';
import { downToolUrl, formDataOf, jsonAnswer, rateLimited, serverError, startGlpi, startJira, startOsTicket, startTheHive, startZammad } from './ticket-tools.mjs';

const INCIDENT = 'INC-2026-021';
const TITLE = 'Phishing: finance mailbox forwarding rule';
const TEXT = 'A forwarding rule sent finance mail to an outside address since 08:10. Removed at 09:40.';
const TASKS = ['Reset the mailbox password', 'Check other mailboxes for the rule'];
/** Non-ASCII on purpose: the file must arrive as UTF-8. */
const ATTACHMENT = { name: 'timeline.txt', contentType: 'text/plain', text: '08:10 Regel angelegt – Weiterleitung an extern\n09:40 entfernt ✔\n' };

/** @param {Partial<import('../../supabase/functions/dispatch/ticket-request.ts').TicketPost>} [extra] */
const ticket = (extra = {}) => ({ incidentId: INCIDENT, title: TITLE, text: TEXT, tasks: [], attachment: null, updateOf: null, probe: false, ...extra });
const BODY_WITH_TASKS = `${TEXT}\n\nTasks:\n- ${TASKS[0]}\n- ${TASKS[1]}`;

/** The bytes of a base64 string read back as UTF-8. */
const utf8OfBase64 = (/** @type {string} */ data) => new TextDecoder().decode(Uint8Array.from(atob(data), (char) => char.charCodeAt(0)));

/**
 * A sender whose waits are recorded instead of slept, and which keeps every outcome so the
 * last step of each test can check that none gives a secret away.
 */
function sender() {
  /** @type {number[]} */
  const waits = [];
  /** @type {unknown[]} */
  const outcomes = [];
  const options = {
    fetch: globalThis.fetch,
    sleep: (/** @type {number} */ ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
    now: () => Date.now(),
  };
  return {
    waits,
    outcomes,
    /**
     * Files, updates or tests; fails the test if the tool refused the request as not supported.
     * @param {import('../../supabase/functions/dispatch/ticket-request.ts').TicketTarget} target @param {ReturnType<typeof ticket>} post
     * @returns {Promise<import('../../supabase/functions/dispatch/send-ticket.ts').TicketOutcome>}
     */
    async send(target, post) {
      const outcome = await sendTicket(target, post, options);
      outcomes.push(outcome);
      assert.notEqual(outcome.status, 'not_supported', JSON.stringify(outcome));
      return /** @type {import('../../supabase/functions/dispatch/send-ticket.ts').TicketOutcome} */ (outcome);
    },
    /** @param {import('../../supabase/functions/dispatch/ticket-request.ts').TicketTarget} target @param {ReturnType<typeof ticket>} post */
    async sendExpectingRefusal(target, post) {
      const outcome = await sendTicket(target, post, options);
      outcomes.push(outcome);
      return outcome;
    },
    /** @param {string[]} secrets */
    assertNoSecret(secrets) {
      assert.ok(outcomes.length >= 8, `only ${outcomes.length} outcomes were checked`);
      for (const outcome of outcomes) {
        const text = JSON.stringify(outcome);
        for (const secret of secrets) assert.ok(!text.includes(secret), `an outcome gave away ${secret}: ${text}`);
      }
    },
  };
}

/** @param {unknown} value @returns {import('../../supabase/functions/dispatch/ticket-request.ts').TicketTarget} */
function setUp(value) {
  assert.ok(value !== null, 'the connector should count as set up');
  return /** @type {import('../../supabase/functions/dispatch/ticket-request.ts').TicketTarget} */ (value);
}

Deno.test('a ticket connector counts as set up only with its site, fields and secret', () => {
  assert.deepEqual([...TICKET_KINDS], ['zammad', 'osticket', 'glpi', 'jira_sm', 'thehive']);
  assert.ok(isTicketKind('thehive'));
  assert.ok(!isTicketKind('mattermost'));
  assert.ok(!isTicketKind('nextcloud'));
  const zammad = { site: 'https://tickets.northwind.example/', group: 'IT Security', customer: 'it@northwind.example' };
  assert.deepEqual(ticketTargetOf('zammad', zammad, { token: 'zt-1' }), {
    kind: 'zammad',
    config: { site: 'https://tickets.northwind.example', group: 'IT Security', customer: 'it@northwind.example' },
    token: 'zt-1',
  });
  assert.equal(ticketTargetOf('zammad', zammad, null), null);
  assert.equal(ticketTargetOf('zammad', { ...zammad, group: '' }, { token: 'zt-1' }), null);
  assert.equal(ticketTargetOf('zammad', { ...zammad, site: 'http://tickets.northwind.example' }, { token: 'zt-1' }), null);
  assert.equal(ticketTargetOf('zammad', { ...zammad, site: 'https://tickets.northwind.example/?x=1' }, { token: 'zt-1' }), null);
  assert.equal(ticketTargetOf('mattermost', {}, { webhook_url: 'https://chat.example/hooks/x' }), null);
  assert.equal(ticketTargetOf('glpi', { site: 'https://glpi.example' }, { app_token: 'a-1' }), null);
  assert.deepEqual(ticketTargetOf('jira_sm', { site: 'https://northwind.atlassian.net', email: 'bot@northwind.example', service_desk_id: '10', request_type_id: 25 }, { api_token: 'jt' }), {
    kind: 'jira_sm',
    config: { site: 'https://northwind.atlassian.net', email: 'bot@northwind.example', service_desk_id: '10', request_type_id: '25' },
    apiToken: 'jt',
  });
  assert.equal(ticketTargetOf('jira_sm', { site: 'https://northwind.atlassian.net', email: 'bot@northwind.example', service_desk_id: 'HELP', request_type_id: '25' }, { api_token: 'jt' }), null);
  assert.deepEqual(ticketTargetOf('thehive', { site: 'http://127.0.0.1:9000', organisation: '' }, { api_key: 'hk' }), {
    kind: 'thehive',
    config: { site: 'http://127.0.0.1:9000', organisation: '' },
    apiKey: 'hk',
  });
});

Deno.test('Zammad: a ticket with the tasks as lines and the file as a base64 attachment; updates are internal notes', async (t) => {
  const token = 'zammadToken-7f3kq9s3cr3t';
  const zammad = startZammad({ token });
  const { send, waits, assertNoSecret } = sender();
  const config = { site: zammad.url, group: 'IT Security', customer: 'it-security@northwind.example' };
  const target = setUp(ticketTargetOf('zammad', config, { token }));
  try {
    await t.step('create: POST /api/v1/tickets with Token auth and the documented article; number and link come back', async () => {
      const outcome = await send(target, ticket({ tasks: TASKS, attachment: ATTACHMENT }));
      assert.deepEqual(outcome, { status: 'sent', attempts: 1, lastStatus: 201, remoteId: '42', remoteLabel: '31042', remoteUrl: `${zammad.url}/#ticket/zoom/42`, warning: null });
      assert.equal(zammad.requests.length, 1);
      const [request] = zammad.requests;
      assert.equal(request?.method, 'POST');
      assert.equal(request?.path, '/api/v1/tickets');
      assert.equal(request?.headers.authorization, `Token token=${token}`);
      assert.equal(request?.headers['content-type'], 'application/json');
      const body = JSON.parse(request?.body ?? '');
      const data = body.article.attachments[0].data;
      assert.deepEqual(body, {
        title: TITLE,
        group: 'IT Security',
        customer_id: 'guess:it-security@northwind.example',
        article: {
          subject: TITLE,
          body: BODY_WITH_TASKS,
          type: 'note',
          internal: false,
          content_type: 'text/plain',
          attachments: [{ filename: 'timeline.txt', data, 'mime-type': 'text/plain' }],
        },
      });
      assert.equal(utf8OfBase64(data), ATTACHMENT.text);
    });

    await t.step('update: POST /api/v1/ticket_articles as an internal note on the same ticket', async () => {
      zammad.reset();
      const outcome = await send(target, ticket({ updateOf: '42', title: 'Update 10:30', text: 'All forwarding rules checked.' }));
      assert.deepEqual(outcome, { status: 'sent', attempts: 1, lastStatus: 201, remoteId: '42', remoteLabel: null, remoteUrl: `${zammad.url}/#ticket/zoom/42`, warning: null });
      const [request] = zammad.requests;
      assert.equal(request?.path, '/api/v1/ticket_articles');
      assert.equal(request?.headers.authorization, `Token token=${token}`);
      assert.deepEqual(JSON.parse(request?.body ?? ''), {
        ticket_id: 42,
        subject: 'Update 10:30',
        body: 'All forwarding rules checked.',
        type: 'note',
        internal: true,
        content_type: 'text/plain',
      });
    });

    await t.step('an update of a ticket Zammad no longer has says it may have been deleted or merged', async () => {
      const outcome = await send(target, ticket({ updateOf: '99' }));
      assert.equal(outcome.status, 'failed');
      assert.equal(outcome.attempts, 1);
      assert.match(/** @type {{ error: string }} */ (outcome).error, /^Zammad does not know this address or ticket \(HTTP 404\) \("Ticket not found\."\): the ticket may have been deleted or merged/);
    });

    await t.step('Send test reads GET /api/v1/users/me and opens nothing', async () => {
      zammad.reset();
      const outcome = await send(target, ticket({ probe: true, incidentId: null, title: 'Muster test', text: 'Test from Muster' }));
      assert.deepEqual(outcome, { status: 'sent', attempts: 1, lastStatus: 200, remoteId: null, remoteLabel: null, remoteUrl: null, warning: null });
      assert.deepEqual(zammad.requests.map((request) => `${request.method} ${request.path} ${request.body}`), ['GET /api/v1/users/me ']);
    });

    await t.step('a wrong token (401) is final and says which settings to check', async () => {
      zammad.reset();
      const wrong = setUp(ticketTargetOf('zammad', config, { token: 'zammadToken-wrong0000' }));
      const outcome = await send(wrong, ticket());
      assert.deepEqual(outcome, {
        status: 'failed',
        attempts: 1,
        lastStatus: 401,
        error: 'Zammad refused the credentials (HTTP 401) ("Authentication failed: invalid token."): check the Zammad site, API token, group and customer in Settings › Integrations.',
      });
      assert.equal(zammad.requests.length, 1);
    });

    await t.step('a wrong site (404) is final', async () => {
      zammad.reset();
      const outcome = await send(setUp(ticketTargetOf('zammad', { ...config, site: `${zammad.url}/zammad` }, { token })), ticket());
      assert.equal(outcome.status, 'failed');
      assert.equal(outcome.lastStatus, 404);
      assert.match(/** @type {{ error: string }} */ (outcome).error, /^Zammad does not know this address \(HTTP 404\)/);
      assert.equal(zammad.requests.length, 1);
    });

    await t.step('429 waits Retry-After, then 500 waits 1 s; the third attempt files the ticket', async () => {
      zammad.reset();
      waits.length = 0;
      zammad.answer(rateLimited(3), serverError);
      const outcome = await send(target, ticket());
      assert.equal(outcome.status, 'sent');
      assert.equal(outcome.attempts, 3);
      assert.equal(/** @type {{ remoteLabel: string }} */ (outcome).remoteLabel, '31043');
      assert.deepEqual(waits, [3000, 1000]);
      assert.equal(zammad.requests.length, 3);
    });

    await t.step('500 three times gives up and says to file it by hand', async () => {
      zammad.reset();
      zammad.answer(serverError, serverError, serverError);
      const outcome = await send(target, ticket());
      assert.deepEqual(outcome, { status: 'failed', attempts: 3, lastStatus: 500, error: 'Zammad had a server error (HTTP 500): try again later, or file the ticket by hand.' });
    });

    await t.step('a Zammad that is down is tried three times; the error names the host only', async () => {
      waits.length = 0;
      const down = await downToolUrl();
      const outcome = await send(setUp(ticketTargetOf('zammad', { ...config, site: down }, { token })), ticket());
      assert.equal(outcome.status, 'failed');
      assert.equal(outcome.attempts, 3);
      assert.equal(outcome.lastStatus, null);
      assert.match(/** @type {{ error: string }} */ (outcome).error, new RegExp(`^Could not reach Zammad at ${down.replaceAll('.', '\\.')} \\(`));
      assert.deepEqual(waits, [500, 1000]);
    });

    await t.step('a refusal that repeats the token gives it away nowhere', async () => {
      zammad.reset();
      zammad.answer(jsonAnswer(403, { error: `Token ${token} has no ticket.agent permission`, error_human: `Token ${token} is not permitted.` }));
      const outcome = await send(target, ticket());
      assert.equal(outcome.status, 'failed');
      assert.match(/** @type {{ error: string }} */ (outcome).error, /Token \[secret\] is not permitted/);
      assertNoSecret([token]);
    });
  } finally {
    await zammad.close();
  }
});

Deno.test('osTicket: create only, the message and file as data URLs; an update is refused; Send test opens a ticket to close', async (t) => {
  const apiKey = 'D4E5F60718293A4B5C6D7E8F90A1B2C3';
  const osticket = startOsTicket({ apiKey });
  const { send, sendExpectingRefusal, waits, assertNoSecret } = sender();
  const config = { site: osticket.url, name: 'Muster (Northwind incident team)', email: 'incident@northwind.example' };
  const target = setUp(ticketTargetOf('osticket', config, { api_key: apiKey }));
  try {
    await t.step('create: POST /api/tickets.json with X-API-Key; the plain-text number is the ticket', async () => {
      const outcome = await send(target, ticket({ tasks: TASKS, attachment: ATTACHMENT }));
      assert.deepEqual(outcome, {
        status: 'sent',
        attempts: 1,
        lastStatus: 201,
        remoteId: '123456',
        remoteLabel: '123456',
        remoteUrl: `${osticket.url}/scp/tickets.php?number=123456`,
        warning: null,
      });
      const [request] = osticket.requests;
      assert.equal(request?.method, 'POST');
      assert.equal(request?.path, '/api/tickets.json');
      assert.equal(request?.headers['x-api-key'], apiKey);
      assert.equal(request?.headers['content-type'], 'application/json');
      const body = JSON.parse(request?.body ?? '');
      const file = body.attachments[0]['timeline.txt'];
      assert.deepEqual(body, {
        alert: true,
        autorespond: false,
        source: 'API',
        name: 'Muster (Northwind incident team)',
        email: 'incident@northwind.example',
        subject: TITLE,
        message: `data:text/plain;charset=utf-8,${encodeURIComponent(BODY_WITH_TASKS)}`,
        attachments: [{ 'timeline.txt': file }],
      });
      assert.match(file, /^data:text\/plain;charset=utf-8;base64,/);
      assert.equal(utf8OfBase64(file.slice(file.indexOf(',') + 1)), ATTACHMENT.text);
      assert.equal(decodeURIComponent(body.message.slice(body.message.indexOf(',') + 1)), BODY_WITH_TASKS);
    });

    await t.step('an update is refused as not supported and nothing is sent', async () => {
      osticket.reset();
      const outcome = await sendExpectingRefusal(target, ticket({ updateOf: '123456' }));
      assert.deepEqual(outcome, {
        status: 'not_supported',
        message: 'osTicket cannot add to a ticket from Muster: its API only creates tickets.',
        hint: 'Add the update to the ticket in osTicket by hand, or open a new ticket.',
      });
      assert.equal(osticket.requests.length, 0);
    });

    await t.step('Send test opens a real ticket titled so anyone may close it', async () => {
      const outcome = await send(target, ticket({ probe: true, incidentId: null, title: 'Muster test', text: 'Test from Muster', tasks: TASKS, attachment: ATTACHMENT }));
      assert.equal(outcome.status, 'sent');
      assert.equal(/** @type {{ remoteLabel: string }} */ (outcome).remoteLabel, '123457');
      const body = JSON.parse(osticket.requests[0]?.body ?? '');
      assert.equal(body.subject, TEST_TICKET_TITLE);
      assert.equal(body.subject, 'Muster test (you can close this)');
      assert.equal(body.message, 'data:text/plain;charset=utf-8,Test%20from%20Muster');
      assert.equal(body.attachments, undefined);
    });

    await t.step('a key osTicket does not accept (401) is final and mentions the IP binding', async () => {
      osticket.reset();
      const outcome = await send(setUp(ticketTargetOf('osticket', config, { api_key: 'WRONGKEY0000' })), ticket());
      assert.deepEqual(outcome, {
        status: 'failed',
        attempts: 1,
        lastStatus: 401,
        error: 'osTicket refused the credentials (HTTP 401) ("API key not authorized"): check the osTicket site and API key in Settings › Integrations (osTicket accepts a key only from the IP address it was made for).',
      });
    });

    await t.step('404, 429 then 500 then success, and a tool that is down', async () => {
      const wrongSite = await send(setUp(ticketTargetOf('osticket', { ...config, site: `${osticket.url}/support` }, { api_key: apiKey })), ticket());
      assert.equal(wrongSite.lastStatus, 404);
      assert.match(/** @type {{ error: string }} */ (wrongSite).error, /^osTicket does not know this address \(HTTP 404\) \("Unknown API endpoint"\)/);

      osticket.reset();
      waits.length = 0;
      osticket.answer(rateLimited(2), serverError);
      const retried = await send(target, ticket());
      assert.equal(retried.status, 'sent');
      assert.equal(retried.attempts, 3);
      assert.deepEqual(waits, [2000, 1000]);

      const down = await send(setUp(ticketTargetOf('osticket', { ...config, site: await downToolUrl() }, { api_key: apiKey })), ticket());
      assert.equal(down.status, 'failed');
      assert.equal(down.attempts, 3);
      assert.match(/** @type {{ error: string }} */ (down).error, /^Could not reach osTicket at http:\/\/127\.0\.0\.1:\d+ \(/);
    });

    await t.step('an answer that is not a ticket number is not taken for one', async () => {
      osticket.answer({ status: 201, body: '<html>Welcome</html>', headers: { 'Content-Type': 'text/html' } });
      const outcome = await send(target, ticket());
      assert.equal(outcome.status, 'failed');
      assert.match(/** @type {{ error: string }} */ (outcome).error, /^osTicket answered but did not confirm the ticket: check in osTicket whether it was created\.$/);
    });

    await t.step('no outcome gives the API key away, even when osTicket repeats it', async () => {
      osticket.answer({ status: 401, body: `API key ${apiKey} not authorized from 10.0.0.8`, headers: { 'Content-Type': 'text/plain' } });
      const outcome = await send(target, ticket());
      assert.match(/** @type {{ error: string }} */ (outcome).error, /API key \[secret\] not authorized/);
      assertNoSecret([apiKey]);
    });
  } finally {
    await osticket.close();
  }
});

Deno.test('GLPI gets hostile text as escaped HTML, never as markup', () => {
  assert.equal(glpiHtml('<script>alert(1)</script> & "x"\nnext line\n\n<b>b</b>'), '<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;<br>next line</p><p>&lt;b&gt;b&lt;/b&gt;</p>');
});

Deno.test('GLPI: initSession, the ticket or a followup, and killSession every time; the attachment is not sent and the outcome says so', async (t) => {
  const account = { appToken: 'glpiAppToken-1b2c3d4e5f', userToken: 'glpiUserToken-9z8y7x6w5v' };
  const glpi = startGlpi(account);
  const { send, waits, assertNoSecret } = sender();
  const config = { site: glpi.url };
  const target = setUp(ticketTargetOf('glpi', config, { app_token: account.appToken, user_token: account.userToken }));
  const routes = () => glpi.requests.map((request) => `${request.method} ${request.path}`);
  try {
    await t.step('create: the three documented calls with App-Token, user_token and Session-Token', async () => {
      const outcome = await send(target, ticket({ tasks: TASKS }));
      assert.deepEqual(outcome, { status: 'sent', attempts: 1, lastStatus: 201, remoteId: '15', remoteLabel: '#15', remoteUrl: `${glpi.url}/front/ticket.form.php?id=15`, warning: null });
      assert.deepEqual(routes(), ['GET /apirest.php/initSession', 'POST /apirest.php/Ticket', 'GET /apirest.php/killSession']);
      const [init, create, kill] = glpi.requests;
      assert.equal(init?.headers['app-token'], account.appToken);
      assert.equal(init?.headers.authorization, `user_token ${account.userToken}`);
      assert.equal(init?.body, '');
      assert.equal(create?.headers['app-token'], account.appToken);
      assert.equal(create?.headers['session-token'], 'glpisession00000001f00d');
      assert.equal(create?.headers.authorization, undefined);
      assert.equal(create?.headers['content-type'], 'application/json');
      assert.deepEqual(JSON.parse(create?.body ?? ''), {
        input: {
          name: TITLE,
          // GLPI's content is HTML: the text escaped, its line breaks kept.
          content: '<p>A forwarding rule sent finance mail to an outside address since 08:10. Removed at 09:40.</p><p>Tasks:<br>- Reset the mailbox password<br>- Check other mailboxes for the rule</p>',
        },
      });
      assert.equal(kill?.headers['session-token'], 'glpisession00000001f00d');
      assert.equal(kill?.headers['app-token'], account.appToken);
      assert.equal(glpi.openSessions.size, 0);
    });

    await t.step('update: an ITILFollowup on the ticket; the attachment is left out with a one-sentence warning', async () => {
      glpi.reset();
      const outcome = await send(target, ticket({ updateOf: '15', text: 'Mailbox password reset.', attachment: ATTACHMENT }));
      assert.deepEqual(outcome, {
        status: 'sent',
        attempts: 1,
        lastStatus: 201,
        remoteId: '15',
        remoteLabel: '#15',
        remoteUrl: `${glpi.url}/front/ticket.form.php?id=15`,
        warning: 'GLPI: the attachment was not sent (Muster does not upload documents to GLPI); add it to the ticket by hand.',
      });
      assert.deepEqual(routes(), ['GET /apirest.php/initSession', 'POST /apirest.php/ITILFollowup', 'GET /apirest.php/killSession']);
      assert.deepEqual(JSON.parse(glpi.requests[1]?.body ?? ''), { input: { itemtype: 'Ticket', items_id: 15, content: '<p>Mailbox password reset.</p>' } });
      assert.ok(!glpi.requests.some((request) => request.body.includes('Regel angelegt')), 'the attachment was sent somewhere');
      assert.equal(glpi.openSessions.size, 0);
    });

    await t.step('Send test opens and closes a session, and files nothing', async () => {
      glpi.reset();
      const outcome = await send(target, ticket({ probe: true, incidentId: null }));
      assert.deepEqual(outcome, { status: 'sent', attempts: 1, lastStatus: 200, remoteId: null, remoteLabel: null, remoteUrl: null, warning: null });
      assert.deepEqual(routes(), ['GET /apirest.php/initSession', 'GET /apirest.php/killSession']);
      assert.equal(glpi.openSessions.size, 0);
    });

    await t.step('a wrong user token (401) is final; no session, nothing to kill', async () => {
      glpi.reset();
      const wrong = setUp(ticketTargetOf('glpi', config, { app_token: account.appToken, user_token: 'wrongUserToken' }));
      const outcome = await send(wrong, ticket());
      assert.deepEqual(outcome, {
        status: 'failed',
        attempts: 1,
        lastStatus: 401,
        error: 'GLPI refused the credentials (HTTP 401) ("ERROR_GLPI_LOGIN_USER_TOKEN: parameter user_token seems invalid"): check the GLPI site, app token and user token in Settings › Integrations, and that GLPI\'s REST API is enabled.',
      });
      assert.deepEqual(routes(), ['GET /apirest.php/initSession']);
    });

    await t.step('the ticket failing still kills the session; a followup on a ticket GLPI lost says so', async () => {
      glpi.reset();
      waits.length = 0;
      glpi.answer({ ...serverError, when: 'POST /apirest.php/Ticket' }, { ...serverError, when: 'POST /apirest.php/Ticket' }, { ...serverError, when: 'POST /apirest.php/Ticket' });
      const outcome = await send(target, ticket());
      assert.deepEqual(outcome, { status: 'failed', attempts: 3, lastStatus: 500, error: 'GLPI had a server error (HTTP 500): try again later, or file the ticket by hand.' });
      assert.deepEqual(routes(), ['GET /apirest.php/initSession', 'POST /apirest.php/Ticket', 'POST /apirest.php/Ticket', 'POST /apirest.php/Ticket', 'GET /apirest.php/killSession']);
      assert.deepEqual(waits, [500, 1000]);
      assert.equal(glpi.openSessions.size, 0);

      glpi.reset();
      glpi.answer({ ...jsonAnswer(404, ['ERROR_ITEM_NOT_FOUND', 'Item not found']), when: 'POST /apirest.php/ITILFollowup' });
      const lost = await send(target, ticket({ updateOf: '999' }));
      assert.equal(lost.status, 'failed');
      assert.match(/** @type {{ error: string }} */ (lost).error, /^GLPI does not know this address or ticket \(HTTP 404\) \("ERROR_ITEM_NOT_FOUND: Item not found"\): the ticket may have been deleted or merged/);
      assert.equal(routes().at(-1), 'GET /apirest.php/killSession');
      assert.equal(glpi.openSessions.size, 0);
    });

    await t.step('a killSession that fails is tried once and changes nothing', async () => {
      glpi.reset();
      waits.length = 0;
      glpi.answer({ ...serverError, when: 'GET /apirest.php/killSession' });
      const outcome = await send(target, ticket());
      assert.equal(outcome.status, 'sent');
      assert.equal(/** @type {{ warning: string | null }} */ (outcome).warning, null);
      assert.deepEqual(routes(), ['GET /apirest.php/initSession', 'POST /apirest.php/Ticket', 'GET /apirest.php/killSession']);
      assert.deepEqual(waits, []);
    });

    await t.step('429 then 500 on initSession are retried; a wrong site (404) and a GLPI that is down fail', async () => {
      glpi.reset();
      waits.length = 0;
      glpi.answer({ ...rateLimited(4), when: 'GET /apirest.php/initSession' }, { ...serverError, when: 'GET /apirest.php/initSession' });
      const retried = await send(target, ticket());
      assert.equal(retried.status, 'sent');
      assert.equal(retried.attempts, 1, 'attempts are the ticket step\'s');
      assert.deepEqual(waits, [4000, 1000]);
      assert.equal(glpi.requests.filter((request) => request.path === '/apirest.php/initSession').length, 3);

      const wrongSite = await send(setUp(ticketTargetOf('glpi', { site: `${glpi.url}/glpi` }, { app_token: account.appToken, user_token: account.userToken })), ticket());
      assert.equal(wrongSite.status, 'failed');
      assert.equal(wrongSite.lastStatus, 404);
      assert.match(/** @type {{ error: string }} */ (wrongSite).error, /^GLPI does not know this address \(HTTP 404\): check the GLPI site/);

      const down = await send(setUp(ticketTargetOf('glpi', { site: await downToolUrl() }, { app_token: account.appToken, user_token: account.userToken })), ticket());
      assert.equal(down.status, 'failed');
      assert.equal(down.attempts, 3);
      assert.match(/** @type {{ error: string }} */ (down).error, /^Could not reach GLPI at http:\/\/127\.0\.0\.1:\d+ \(/);
    });

    await t.step('no outcome gives a token away, not even the session token GLPI repeats', async () => {
      glpi.reset();
      glpi.answer({
        when: 'POST /apirest.php/Ticket',
        respond: (request) => jsonAnswer(400, ['ERROR_GLPI_ADD', `session ${request.headers['session-token']} cannot add tickets`]),
      });
      const outcome = await send(target, ticket());
      assert.equal(outcome.status, 'failed');
      assert.match(/** @type {{ error: string }} */ (outcome).error, /session \[secret\] cannot add tickets/);
      glpi.answer(jsonAnswer(400, ['ERROR_WRONG_APP_TOKEN_PARAMETER', `app_token ${account.appToken} / user_token ${account.userToken} seem wrong`]));
      const echoed = await send(target, ticket());
      assert.match(/** @type {{ error: string }} */ (echoed).error, /app_token \[secret\] \/ user_token \[secret\] seem wrong/);
      const sessionTokens = glpi.requests.map((request) => request.headers['session-token']).filter((token) => token !== undefined);
      assert.ok(sessionTokens.length > 0);
      assertNoSecret([account.appToken, account.userToken, ...sessionTokens]);
    });
  } finally {
    await glpi.close();
  }
});

Deno.test('Jira Service Management: a request with Basic auth, updates as internal comments; the attachment is not sent', async (t) => {
  const account = { email: 'muster-bot@northwind.example', apiToken: 'ATATT3xFfGF0jiraToken55', serviceDeskId: '10' };
  const jira = startJira(account);
  const { send, waits, assertNoSecret } = sender();
  const config = { site: jira.url, email: account.email, service_desk_id: '10', request_type_id: '25' };
  const target = setUp(ticketTargetOf('jira_sm', config, { api_token: account.apiToken }));
  const basic = btoa(`${account.email}:${account.apiToken}`);
  try {
    await t.step('create: POST /rest/servicedeskapi/request; the issue key is the label and Jira\'s web link the link', async () => {
      const outcome = await send(target, ticket({ tasks: TASKS, attachment: ATTACHMENT }));
      assert.deepEqual(outcome, {
        status: 'sent',
        attempts: 1,
        lastStatus: 201,
        remoteId: 'HELP-11',
        remoteLabel: 'HELP-11',
        remoteUrl: `${jira.url}/servicedesk/customer/portal/10/HELP-11`,
        warning: 'Jira Service Management: the attachment was not sent (its API needs a separate upload Muster does not make); attach it to the request by hand.',
      });
      const [request] = jira.requests;
      assert.equal(jira.requests.length, 1);
      assert.equal(request?.method, 'POST');
      assert.equal(request?.path, '/rest/servicedeskapi/request');
      assert.equal(request?.headers.authorization, `Basic ${basic}`);
      assert.equal(request?.headers['content-type'], 'application/json');
      assert.deepEqual(JSON.parse(request?.body ?? ''), {
        serviceDeskId: '10',
        requestTypeId: '25',
        requestFieldValues: { summary: TITLE, description: BODY_WITH_TASKS },
      });
    });

    await t.step('update: an internal comment (public: false) on the request', async () => {
      jira.reset();
      const outcome = await send(target, ticket({ updateOf: 'HELP-11', text: 'Vendor confirmed the fix.' }));
      assert.deepEqual(outcome, { status: 'sent', attempts: 1, lastStatus: 201, remoteId: 'HELP-11', remoteLabel: 'HELP-11', remoteUrl: `${jira.url}/browse/HELP-11`, warning: null });
      const [request] = jira.requests;
      assert.equal(request?.path, '/rest/servicedeskapi/request/HELP-11/comment');
      assert.equal(request?.headers.authorization, `Basic ${basic}`);
      assert.deepEqual(JSON.parse(request?.body ?? ''), { body: 'Vendor confirmed the fix.', public: false });
    });

    await t.step('Send test reads the service desk and files nothing; a wrong service desk id is a 404', async () => {
      jira.reset();
      const outcome = await send(target, ticket({ probe: true, incidentId: null }));
      assert.deepEqual(outcome, { status: 'sent', attempts: 1, lastStatus: 200, remoteId: null, remoteLabel: null, remoteUrl: null, warning: null });
      assert.deepEqual(jira.requests.map((request) => `${request.method} ${request.path}`), ['GET /rest/servicedeskapi/servicedesk/10']);
      const wrongDesk = await send(setUp(ticketTargetOf('jira_sm', { ...config, service_desk_id: '11' }, { api_token: account.apiToken })), ticket({ probe: true }));
      assert.equal(wrongDesk.status, 'failed');
      assert.match(/** @type {{ error: string }} */ (wrongDesk).error, /^Jira Service Management does not know this address \(HTTP 404\)/);
    });

    await t.step('a wrong API token (401) is final; a comment on a request Jira does not have says so', async () => {
      jira.reset();
      const refused = await send(setUp(ticketTargetOf('jira_sm', config, { api_token: 'wrong-token' })), ticket());
      assert.deepEqual(refused, {
        status: 'failed',
        attempts: 1,
        lastStatus: 401,
        error: 'Jira Service Management refused the credentials (HTTP 401) ("Client must be authenticated to access this resource."): check the Jira site, account email, API token, service desk id and request type id in Settings › Integrations.',
      });
      const lost = await send(target, ticket({ updateOf: 'HELP-404' }));
      assert.match(/** @type {{ error: string }} */ (lost).error, /^Jira Service Management does not know this address or request \(HTTP 404\) \("Request does not exist or you do not have permission to see it\."\)/);
    });

    await t.step('429 then 500 then the request; 500 three times; a Jira that is down', async () => {
      jira.reset();
      waits.length = 0;
      jira.answer(rateLimited(1), serverError);
      const retried = await send(target, ticket());
      assert.equal(retried.status, 'sent');
      assert.equal(retried.attempts, 3);
      assert.equal(/** @type {{ remoteId: string }} */ (retried).remoteId, 'HELP-12');
      assert.deepEqual(waits, [1000, 1000]);

      jira.answer(serverError, serverError, serverError);
      const failed = await send(target, ticket());
      assert.deepEqual(failed, { status: 'failed', attempts: 3, lastStatus: 500, error: 'Jira Service Management had a server error (HTTP 500): try again later, or file the request by hand.' });

      const down = await send(setUp(ticketTargetOf('jira_sm', { ...config, site: await downToolUrl() }, { api_token: account.apiToken })), ticket());
      assert.equal(down.status, 'failed');
      assert.equal(down.lastStatus, null);
    });

    await t.step('a web link to another site is not trusted: the browse page is used', async () => {
      jira.answer(jsonAnswer(201, { issueId: '1', issueKey: 'HELP-77', _links: { web: 'https://phish.example/HELP-77' } }));
      const outcome = await send(target, ticket());
      assert.equal(/** @type {{ remoteUrl: string }} */ (outcome).remoteUrl, `${jira.url}/browse/HELP-77`);
    });

    await t.step('no outcome gives the token or the Basic credentials away', async () => {
      jira.answer(jsonAnswer(403, { errorMessage: `Token ${account.apiToken} (Basic ${basic}) may not create requests` }));
      const outcome = await send(target, ticket());
      assert.match(/** @type {{ error: string }} */ (outcome).error, /Token \[secret\] \(Basic \[secret\]\) may not create requests/);
      assertNoSecret([account.apiToken, basic]);
    });
  } finally {
    await jira.close();
  }
});

Deno.test('TheHive 5: a case, then real tasks, then the file as an observable; updates are comments; a later step failing keeps the case', async (t) => {
  const apiKey = 'theHiveApiKey+AbCdEf012345';
  const hive = startTheHive({ apiKey });
  const { send, waits, assertNoSecret } = sender();
  const config = { site: hive.url, organisation: 'Northwind' };
  const target = setUp(ticketTargetOf('thehive', config, { api_key: apiKey }));
  const routes = () => hive.requests.map((request) => `${request.method} ${request.path}`);
  try {
    await t.step('create: POST /api/v1/case, one POST …/task per task, then the multipart observable', async () => {
      const outcome = await send(target, ticket({ tasks: TASKS, attachment: ATTACHMENT }));
      assert.deepEqual(outcome, { status: 'sent', attempts: 1, lastStatus: 201, remoteId: '~40977', remoteLabel: '#17', remoteUrl: `${hive.url}/cases/~40977/details`, warning: null });
      assert.deepEqual(routes(), ['POST /api/v1/case', 'POST /api/v1/case/~40977/task', 'POST /api/v1/case/~40977/task', 'POST /api/v1/case/~40977/observable']);
      for (const request of hive.requests) {
        assert.equal(request.headers.authorization, `Bearer ${apiKey}`);
        assert.equal(request.headers['x-organisation'], 'Northwind');
      }
      const [create, first, second, observable] = hive.requests;
      assert.equal(create?.headers['content-type'], 'application/json');
      assert.deepEqual(JSON.parse(create?.body ?? ''), { title: TITLE, description: TEXT, severity: 2, tlp: 2, pap: 2, tags: ['muster', INCIDENT] });
      assert.deepEqual(JSON.parse(first?.body ?? ''), { title: TASKS[0] });
      assert.deepEqual(JSON.parse(second?.body ?? ''), { title: TASKS[1] });
      assert.match(observable?.headers['content-type'] ?? '', /^multipart\/form-data; boundary=/);
      const form = await formDataOf(/** @type {import('./ticket-tools.mjs').RecordedRequest} */ (observable));
      assert.deepEqual([...form.keys()], ['_json', 'attachment']);
      assert.deepEqual(JSON.parse(String(form.get('_json'))), { dataType: 'file', message: `From Muster, incident ${INCIDENT}: timeline.txt`, tlp: 2 });
      const file = /** @type {File} */ (form.get('attachment'));
      assert.equal(file.name, 'timeline.txt');
      assert.equal(file.type, 'text/plain');
      assert.equal(await file.text(), ATTACHMENT.text);
    });

    await t.step('without an organisation no X-Organisation header is sent', async () => {
      hive.reset();
      const outcome = await send(setUp(ticketTargetOf('thehive', { ...config, organisation: '' }, { api_key: apiKey })), ticket());
      assert.equal(outcome.status, 'sent');
      assert.equal(hive.requests[0]?.headers['x-organisation'], undefined);
    });

    await t.step('update: a comment on the case, and its tasks as real tasks', async () => {
      hive.reset();
      const outcome = await send(target, ticket({ updateOf: '~40977', text: 'Containment done.', tasks: ['Write the lessons learned'] }));
      assert.deepEqual(outcome, { status: 'sent', attempts: 1, lastStatus: 201, remoteId: '~40977', remoteLabel: null, remoteUrl: `${hive.url}/cases/~40977/details`, warning: null });
      assert.deepEqual(routes(), ['POST /api/v1/case/~40977/comment', 'POST /api/v1/case/~40977/task']);
      assert.deepEqual(JSON.parse(hive.requests[0]?.body ?? ''), { message: 'Containment done.' });
      assert.deepEqual(JSON.parse(hive.requests[1]?.body ?? ''), { title: 'Write the lessons learned' });
    });

    await t.step('a task failing after its retries: the case is sent, with a warning naming what is missing; the rest is not tried', async () => {
      hive.reset();
      waits.length = 0;
      const tasks = ['Task one', 'Task two', 'Task three'];
      const taskRoute = 'POST /api/v1/case/~40979/task';
      hive.answer(
        { ...jsonAnswer(201, { _id: '~5000', _type: 'Task', title: 'Task one', status: 'Waiting' }), when: taskRoute },
        { ...serverError, when: taskRoute },
        { ...serverError, when: taskRoute },
        { ...serverError, when: taskRoute },
      );
      const outcome = await send(target, ticket({ tasks, attachment: ATTACHMENT }));
      assert.equal(outcome.status, 'sent');
      assert.equal(/** @type {{ remoteLabel: string }} */ (outcome).remoteLabel, '#19');
      assert.equal(
        /** @type {{ warning: string }} */ (outcome).warning,
        'The case was created, but 2 of 3 tasks and the attachment were not added (TheHive answered HTTP 500): add them in TheHive by hand.',
      );
      assert.deepEqual(routes(), ['POST /api/v1/case', taskRoute, taskRoute, taskRoute, taskRoute]);
      assert.deepEqual(hive.requests.slice(1).map((request) => JSON.parse(request.body).title), ['Task one', 'Task two', 'Task two', 'Task two']);
      assert.deepEqual(waits, [500, 1000]);
    });

    await t.step('only the attachment failing: the tasks are there and the warning names the attachment', async () => {
      hive.reset();
      hive.answer({ ...jsonAnswer(413, { type: 'BadRequest', message: 'Request entity too large' }), when: 'POST /api/v1/case/~40980/observable' });
      const outcome = await send(target, ticket({ tasks: TASKS, attachment: ATTACHMENT }));
      assert.equal(outcome.status, 'sent');
      assert.equal(
        /** @type {{ warning: string }} */ (outcome).warning,
        'The case was created, but the attachment was not added (TheHive answered HTTP 413 ("Request entity too large")): add it in TheHive by hand.',
      );
      assert.equal(routes().filter((route) => route.endsWith('/task')).length, 2);
    });

    await t.step('an update whose task fails says the case was updated and what to add', async () => {
      hive.reset();
      hive.answer({ ...jsonAnswer(400, { type: 'BadRequest', message: 'Invalid title' }), when: 'POST /api/v1/case/~40977/task' });
      const outcome = await send(target, ticket({ updateOf: '~40977', tasks: ['Call the bank'] }));
      assert.equal(outcome.status, 'sent');
      assert.equal(
        /** @type {{ warning: string }} */ (outcome).warning,
        'The case was updated, but 1 of 1 task was not added (TheHive answered HTTP 400 ("Invalid title")): add it in TheHive by hand.',
      );
    });

    await t.step('Send test reads GET /api/v1/user/current', async () => {
      hive.reset();
      const outcome = await send(target, ticket({ probe: true, incidentId: null }));
      assert.deepEqual(outcome, { status: 'sent', attempts: 1, lastStatus: 200, remoteId: null, remoteLabel: null, remoteUrl: null, warning: null });
      assert.deepEqual(routes(), ['GET /api/v1/user/current']);
    });

    await t.step('a wrong key (401) is final; a comment on a case TheHive does not have says so', async () => {
      hive.reset();
      const refused = await send(setUp(ticketTargetOf('thehive', config, { api_key: 'wrong-key' })), ticket({ tasks: TASKS }));
      assert.deepEqual(refused, {
        status: 'failed',
        attempts: 1,
        lastStatus: 401,
        error: 'TheHive refused the credentials (HTTP 401) ("Authentication failure"): check the TheHive site, organisation and API key in Settings › Integrations.',
      });
      assert.deepEqual(routes(), ['POST /api/v1/case']);
      const lost = await send(target, ticket({ updateOf: '~1' }));
      assert.match(/** @type {{ error: string }} */ (lost).error, /^TheHive does not know this address or case \(HTTP 404\) \("Case ~1 not found"\): the case may have been deleted or merged/);
    });

    await t.step('429 then 500 on the case, then the case; a TheHive that is down', async () => {
      hive.reset();
      waits.length = 0;
      hive.answer({ ...rateLimited(5), when: 'POST /api/v1/case' }, { ...serverError, when: 'POST /api/v1/case' });
      const retried = await send(target, ticket({ tasks: TASKS }));
      assert.equal(retried.status, 'sent');
      assert.equal(retried.attempts, 3);
      assert.deepEqual(waits, [5000, 1000]);
      assert.equal(routes().filter((route) => route.endsWith('/task')).length, 2);

      const down = await send(setUp(ticketTargetOf('thehive', { ...config, site: await downToolUrl() }, { api_key: apiKey })), ticket());
      assert.equal(down.status, 'failed');
      assert.equal(down.attempts, 3);
      assert.match(/** @type {{ error: string }} */ (down).error, /^Could not reach TheHive at http:\/\/127\.0\.0\.1:\d+ \(/);
    });

    await t.step('no outcome gives the API key away, in an error or in a warning', async () => {
      hive.reset();
      hive.answer({ ...jsonAnswer(403, { type: 'AuthorizationError', message: `Key ${apiKey} may not add tasks` }), when: 'POST /api/v1/case/~40982/task' });
      const outcome = await send(target, ticket({ tasks: ['One'] }));
      assert.equal(outcome.status, 'sent');
      assert.match(/** @type {{ warning: string }} */ (outcome).warning, /Key \[secret\] may not add tasks/);
      hive.answer(jsonAnswer(401, { type: 'AuthenticationError', message: `Bearer ${apiKey} is unknown` }));
      const refused = await send(target, ticket());
      assert.match(/** @type {{ error: string }} */ (refused).error, /Bearer \[secret\] is unknown/);
      assertNoSecret([apiKey]);
    });
  } finally {
    await hive.close();
  }
});
