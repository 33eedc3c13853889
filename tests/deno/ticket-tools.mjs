// @ts-check
// Stand-in ticket tools on 127.0.0.1 for the dispatch tests: Zammad, osTicket, GLPI, Jira
// Service Management and TheHive 5. Each records every request exactly as it arrived and
// answers as the tool documents it: its routes, its authentication (a wrong key gets the
// tool's own refusal), its success bodies and its error format. A test can put answers in
// front ("the next POST /api/v1/case/~1/task answers 500"), for retries and later steps.

/**
 * @typedef {{ method: string, path: string, headers: Record<string, string>, body: string }} RecordedRequest
 * @typedef {{ status: number, body: string, headers?: Record<string, string> }} ToolAnswer
 * @typedef {{ when?: string, respond?: (request: RecordedRequest) => ToolAnswer } & Partial<ToolAnswer>} ScriptedAnswer
 *   when: the "METHOD /path" it answers (any request if left out); respond: an answer made from the request
 */

const JSON_TYPE = { 'Content-Type': 'application/json; charset=utf-8' };

/** @param {number} status @param {unknown} body @param {Record<string, string>} [headers] @returns {ToolAnswer} */
export const jsonAnswer = (status, body, headers = {}) => ({ status, body: JSON.stringify(body), headers: { ...JSON_TYPE, ...headers } });

/** @param {number} status @param {string} body @returns {ToolAnswer} */
export const textAnswer = (status, body) => ({ status, body, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

/** @param {number} seconds @returns {ToolAnswer} */
export const rateLimited = (seconds) => ({ status: 429, body: JSON.stringify({ message: 'Too many requests' }), headers: { ...JSON_TYPE, 'Retry-After': String(seconds) } });

export const serverError = { status: 500, body: '<html><body><h1>500 Internal Server Error</h1></body></html>', headers: { 'Content-Type': 'text/html' } };

/**
 * @param {(request: RecordedRequest, url: string) => ToolAnswer} route the tool's documented behaviour
 */
function startTool(route) {
  /** @type {RecordedRequest[]} */
  const requests = [];
  /** @type {ScriptedAnswer[]} */
  const script = [];
  let base = '';
  const server = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: () => {} }, async (/** @type {Request} */ request) => {
    const url = new URL(request.url);
    /** @type {Record<string, string>} */
    const headers = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const recorded = { method: request.method, path: `${url.pathname}${url.search}`, headers, body: await request.text() };
    requests.push(recorded);
    const index = script.findIndex((entry) => entry.when === undefined || entry.when === `${recorded.method} ${url.pathname}`);
    const scripted = index >= 0 ? script.splice(index, 1)[0] : undefined;
    /** @type {Partial<ToolAnswer>} */
    const answer = scripted === undefined ? route(recorded, base) : (scripted.respond?.(recorded) ?? scripted);
    return new Response(answer.body ?? '', { status: answer.status ?? 500, headers: answer.headers ?? {} });
  });
  const url = `http://127.0.0.1:${server.addr.port}`;
  base = url;
  return {
    url,
    requests,
    /** @param {...ScriptedAnswer} answers answered before the tool's own, each once, in order */
    answer(...answers) {
      script.push(...answers);
    },
    reset() {
      requests.length = 0;
      script.length = 0;
    },
    close: () => server.shutdown(),
  };
}

/** An address where nothing listens: a tool that is down. */
export async function downToolUrl() {
  const server = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: () => {} }, () => new Response(''));
  const url = `http://127.0.0.1:${server.addr.port}`;
  await server.shutdown();
  return url;
}

/** The multipart body of a recorded request, parsed as the tool would. */
export async function formDataOf(/** @type {RecordedRequest} */ request) {
  return await new Response(request.body, { headers: { 'Content-Type': request.headers['content-type'] ?? '' } }).formData();
}

/**
 * Zammad (zammad-documentation api/intro.rst, api/ticket/index.rst, api/ticket/articles.rst):
 * `Authorization: Token token=<token>`; POST /api/v1/tickets → 201 {id, number, …};
 * POST /api/v1/ticket_articles → 201; GET /api/v1/users/me → 200. Errors {error, error_human}.
 * @param {{ token: string }} account
 */
export function startZammad(account) {
  let nextTicket = 42;
  let nextArticle = 300;
  return startTool((request) => {
    if (request.headers.authorization !== `Token token=${account.token}`) {
      return jsonAnswer(401, { error: 'Invalid token!', error_human: 'Authentication failed: invalid token.' });
    }
    const route = `${request.method} ${request.path}`;
    if (route === 'GET /api/v1/users/me') return jsonAnswer(200, { id: 3, login: 'muster-bot', firstname: 'Muster', lastname: 'Bot', active: true });
    if (route === 'POST /api/v1/tickets') {
      const sent = JSON.parse(request.body);
      const id = nextTicket++;
      return jsonAnswer(201, { id, group_id: 2, priority_id: 2, state_id: 1, organization_id: null, number: String(31000 + id), title: sent.title, customer_id: 7, article_ids: [nextArticle++] });
    }
    if (route === 'POST /api/v1/ticket_articles') {
      const sent = JSON.parse(request.body);
      if (sent.ticket_id !== 42 && sent.ticket_id !== 43) return jsonAnswer(404, { error: `Couldn't find Ticket with 'id'=${sent.ticket_id}`, error_human: 'Ticket not found.' });
      return jsonAnswer(201, { id: nextArticle++, ticket_id: sent.ticket_id, subject: sent.subject, body: sent.body, type: 'note', internal: sent.internal, attachments: [] });
    }
    return jsonAnswer(404, { error: `No route matches [${request.method}] ${request.path}`, error_human: 'Not found.' });
  });
}

/**
 * osTicket (osTicket/docs Developer Documentation/API/Tickets.rst): `X-API-Key`; POST
 * /api/tickets.json → 201 with the ticket number as the body; errors as plain text.
 * @param {{ apiKey: string }} account
 */
export function startOsTicket(account) {
  let nextNumber = 123456;
  return startTool((request) => {
    if (request.method !== 'POST' || request.path !== '/api/tickets.json') return textAnswer(404, 'Unknown API endpoint');
    if (request.headers['x-api-key'] !== account.apiKey) return textAnswer(401, 'API key not authorized');
    return { status: 201, body: String(nextNumber++), headers: { 'Content-Type': 'text/plain' } };
  });
}

/**
 * GLPI legacy REST API (glpi src/Api/APIRest.php): App-Token on every call; initSession with
 * `Authorization: user_token <t>` → 200 {session_token}; POST Ticket / ITILFollowup with
 * Session-Token → 201 {id, message} + Location; killSession. Errors ["ERROR_…", "text"].
 * openSessions shows which session tokens were never killed.
 * @param {{ appToken: string, userToken: string }} account
 */
export function startGlpi(account) {
  let nextSession = 1;
  let nextTicket = 15;
  let nextFollowup = 80;
  /** @type {Set<string>} */
  const openSessions = new Set();
  const tool = startTool((request, url) => {
    if (!request.path.startsWith('/apirest.php/')) return { status: 404, body: '<html><body>Not Found</body></html>', headers: { 'Content-Type': 'text/html' } };
    if (request.headers['app-token'] !== account.appToken) return jsonAnswer(400, ['ERROR_WRONG_APP_TOKEN_PARAMETER', 'parameter app_token seems wrong']);
    const route = `${request.method} ${request.path}`;
    if (route === 'GET /apirest.php/initSession') {
      if (request.headers.authorization !== `user_token ${account.userToken}`) return jsonAnswer(401, ['ERROR_GLPI_LOGIN_USER_TOKEN', 'parameter user_token seems invalid']);
      const token = `glpisession${String(nextSession++).padStart(8, '0')}f00d`;
      openSessions.add(token);
      return jsonAnswer(200, { session_token: token });
    }
    if (!openSessions.has(request.headers['session-token'] ?? '')) return jsonAnswer(401, ['ERROR_SESSION_TOKEN_INVALID', 'session_token seems invalid']);
    if (route === 'GET /apirest.php/killSession') {
      openSessions.delete(request.headers['session-token'] ?? '');
      return jsonAnswer(200, true);
    }
    if (route === 'POST /apirest.php/Ticket') {
      const id = nextTicket++;
      return jsonAnswer(201, { id, message: '' }, { Location: `${url}/apirest.php/Ticket/${id}` });
    }
    if (route === 'POST /apirest.php/ITILFollowup') {
      const id = nextFollowup++;
      return jsonAnswer(201, { id, message: '' }, { Location: `${url}/apirest.php/ITILFollowup/${id}` });
    }
    return jsonAnswer(400, ['ERROR_RESOURCE_NOT_FOUND_NOR_COMMONDBTM', 'resource not found or not an instance of CommonDBTM']);
  });
  return { ...tool, openSessions };
}

/**
 * Jira Service Management Cloud (servicedeskapi): Basic email:api_token; POST
 * /rest/servicedeskapi/request → 201 {issueId, issueKey, _links: {web, …}}; POST
 * …/request/<key>/comment → 201; GET …/servicedesk/<id> → 200. Errors {errorMessage}.
 * @param {{ email: string, apiToken: string, serviceDeskId: string }} account
 */
export function startJira(account) {
  let nextIssue = 11;
  return startTool((request, url) => {
    if (request.headers.authorization !== `Basic ${btoa(`${account.email}:${account.apiToken}`)}`) {
      return textAnswer(401, 'Client must be authenticated to access this resource.');
    }
    const route = `${request.method} ${request.path}`;
    if (route === `GET /rest/servicedeskapi/servicedesk/${account.serviceDeskId}`) {
      return jsonAnswer(200, { id: account.serviceDeskId, projectId: '11001', projectName: 'IT Help', projectKey: 'HELP', _links: { self: `${url}/rest/servicedeskapi/servicedesk/${account.serviceDeskId}` } });
    }
    if (route === 'POST /rest/servicedeskapi/request') {
      const sent = JSON.parse(request.body);
      if (sent.serviceDeskId !== account.serviceDeskId) return jsonAnswer(404, { errorMessage: 'The service desk does not exist.', i18nErrorMessage: { i18nKey: 'sd.servicedesk.error.not.found', parameters: [] } });
      const issue = nextIssue++;
      return jsonAnswer(201, {
        issueId: String(107000 + issue),
        issueKey: `HELP-${issue}`,
        requestTypeId: sent.requestTypeId,
        serviceDeskId: sent.serviceDeskId,
        createdDate: { iso8601: '2026-03-02T09:41:00+0000', epochMillis: 1772444460000 },
        reporter: { accountId: 'abc', displayName: 'Muster Bot' },
        requestFieldValues: [{ fieldId: 'summary', label: 'Summary', value: sent.requestFieldValues.summary }],
        currentStatus: { status: 'Waiting for support', statusCategory: 'NEW' },
        _links: {
          jiraRest: `${url}/rest/api/2/issue/${107000 + issue}`,
          web: `${url}/servicedesk/customer/portal/10/HELP-${issue}`,
          self: `${url}/rest/servicedeskapi/request/${107000 + issue}`,
        },
      });
    }
    const comment = /^POST \/rest\/servicedeskapi\/request\/(HELP-\d+)\/comment$/.exec(route);
    if (comment) {
      const sent = JSON.parse(request.body);
      if (comment[1] !== 'HELP-11') return jsonAnswer(404, { errorMessage: 'Request does not exist or you do not have permission to see it.' });
      return jsonAnswer(201, { id: '1000', body: sent.body, public: sent.public, author: { displayName: 'Muster Bot' }, created: { iso8601: '2026-03-02T09:45:00+0000' } });
    }
    return jsonAnswer(404, { errorMessage: 'null for uri: ' + request.path });
  });
}

/**
 * TheHive 5 (TheHive4py endpoints): `Authorization: Bearer <key>`, optional X-Organisation;
 * POST /api/v1/case → 201 {_id, number, …}; …/task → 201; …/observable (multipart _json +
 * attachment) → 201 [observable]; …/comment → 201; GET /api/v1/user/current → 200.
 * Errors {type, message}.
 * @param {{ apiKey: string }} account
 */
export function startTheHive(account) {
  let nextCase = 17;
  let nextId = 4100;
  /** @type {Set<string>} */
  const cases = new Set(['~40960']);
  return startTool((request) => {
    if (request.headers.authorization !== `Bearer ${account.apiKey}`) return jsonAnswer(401, { type: 'AuthenticationError', message: 'Authentication failure' });
    const route = `${request.method} ${request.path}`;
    if (route === 'GET /api/v1/user/current') return jsonAnswer(200, { _id: '~8', login: 'muster@northwind.example', name: 'Muster', organisation: 'Northwind', permissions: [] });
    if (route === 'POST /api/v1/case') {
      const sent = JSON.parse(request.body);
      const number = nextCase++;
      const id = `~${40960 + number}`;
      cases.add(id);
      return jsonAnswer(201, { _id: id, _type: 'Case', _createdBy: 'muster@northwind.example', _createdAt: 1772444460000, number, title: sent.title, description: sent.description, severity: 2, severityLabel: 'MEDIUM', tlp: 2, tlpLabel: 'AMBER', pap: 2, papLabel: 'AMBER', status: 'New', stage: 'New', tags: sent.tags, flag: false, startDate: 1772444460000, access: {}, extraData: {}, newDate: 1772444460000, timeToDetect: 0 });
    }
    const match = /^POST \/api\/v1\/case\/([^/]+)\/(task|observable|comment)$/.exec(route);
    if (match) {
      const caseId = decodeURIComponent(match[1] ?? '');
      if (!cases.has(caseId)) return jsonAnswer(404, { type: 'NotFoundError', message: `Case ${caseId} not found` });
      const id = `~${nextId++}`;
      if (match[2] === 'task') return jsonAnswer(201, { _id: id, _type: 'Task', title: JSON.parse(request.body).title, status: 'Waiting', flag: false, order: 0, group: 'default' });
      if (match[2] === 'comment') return jsonAnswer(201, { _id: id, _type: 'Comment', createdBy: 'muster@northwind.example', createdAt: 1772444460000, message: JSON.parse(request.body).message, isEdited: false, extraData: {} });
      if (!(request.headers['content-type'] ?? '').startsWith('multipart/form-data')) return jsonAnswer(400, { type: 'BadRequest', message: 'Invalid observable' });
      return jsonAnswer(201, [{ _id: id, _type: 'Observable', dataType: 'file', tlp: 2, pap: 2, ioc: false, sighted: false, reports: {}, extraData: {}, ignoreSimilarity: false, startDate: 1772444460000 }]);
    }
    return jsonAnswer(404, { type: 'NotFoundError', message: `${request.path} not found` });
  });
}
