// @ts-check
// A stand-in chat tool on 127.0.0.1 for the dispatch tests: it records every request exactly
// as it arrived (method, path, headers, body) and answers from a script of documented
// answers, so a test can say "answer 429 with Retry-After: 3, then 200 ok".

/**
 * @typedef {{ method: string, path: string, headers: Record<string, string>, body: string }} RecordedRequest
 * @typedef {{ status: number, body: string, headers?: Record<string, string> }} ScriptedAnswer
 */

/** @param {ScriptedAnswer} fallback what to answer when the script is empty */
export function startChatTool(fallback) {
  /** @type {RecordedRequest[]} */
  const requests = [];
  /** @type {ScriptedAnswer[]} */
  const script = [];
  const server = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: () => {} }, async (request) => {
    const url = new URL(request.url);
    /** @type {Record<string, string>} */
    const headers = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    requests.push({ method: request.method, path: `${url.pathname}${url.search}`, headers, body: await request.text() });
    const answer = script.shift() ?? fallback;
    return new Response(answer.body, { status: answer.status, headers: answer.headers ?? {} });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    requests,
    /** @param {...ScriptedAnswer} answers the next answers, in order */
    answer(...answers) {
      script.push(...answers);
    },
    /** Forgets the requests seen so far. */
    reset() {
      requests.length = 0;
      script.length = 0;
    },
    close: () => server.shutdown(),
  };
}

/** The documented answers, from ../shared/notes/push-and-integrations.md and the tools' docs. */
export const ANSWERS = {
  mattermostOk: { status: 200, body: 'ok', headers: { 'Content-Type': 'text/plain' } },
  mattermostNotFound: {
    status: 404,
    body: JSON.stringify({ id: 'web.incoming_webhook.invalid.app_error', message: 'Invalid webhook', detailed_error: '', request_id: 'r1', status_code: 404 }),
    headers: { 'Content-Type': 'application/json' },
  },
  rocketOk: { status: 200, body: JSON.stringify({ success: true }), headers: { 'Content-Type': 'application/json' } },
  rocketUnauthorized: {
    status: 401,
    body: JSON.stringify({ success: false, error: 'Invalid integration id or token provided.' }),
    headers: { 'Content-Type': 'application/json' },
  },
  /** @param {number} id */
  zulipOk: (id) => ({ status: 200, body: JSON.stringify({ result: 'success', msg: '', id }), headers: { 'Content-Type': 'application/json' } }),
  zulipUnauthorized: {
    status: 401,
    body: JSON.stringify({ result: 'error', msg: 'Invalid API key', code: 'INVALID_API_KEY' }),
    headers: { 'Content-Type': 'application/json', 'WWW-Authenticate': 'Basic realm="zulip"' },
  },
  /** @param {number} seconds */
  rateLimited: (seconds) => ({
    status: 429,
    body: JSON.stringify({ result: 'error', msg: 'API usage exceeded rate limit', code: 'RATE_LIMIT_HIT', 'retry-after': seconds }),
    headers: { 'Content-Type': 'application/json', 'Retry-After': String(seconds) },
  }),
  serverError: { status: 500, body: '<html><body>Internal Server Error</body></html>', headers: { 'Content-Type': 'text/html' } },
};
