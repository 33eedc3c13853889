// Passes one request from /functions/v1/<name> on to an Edge Function running under Deno
// (deno-function.mjs), as Supabase's gateway does: only the headers a function needs go in,
// and its status, body, Content-Type and WWW-Authenticate come back.

import { readBody, sendJson } from './json-http.mjs';

/** Request headers a function needs; nothing else (cookies, ...) is passed on. */
const FORWARDED_HEADERS = ['authorization', 'apikey', 'content-type', 'x-client-info'];

/**
 * @param {string} functionUrl where the function listens
 * @param {string} name the function's name, for the error when it does not answer
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} [target] path and query to pass on ('' for the function's root)
 */
export async function forwardToFunction(functionUrl, name, req, res, target = '') {
  /** @type {Record<string, string>} */
  const headers = {};
  for (const header of FORWARDED_HEADERS) {
    const value = req.headers[header];
    if (typeof value === 'string') headers[header] = value;
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  let response;
  try {
    response = await fetch(target ? new URL(target, functionUrl).href : functionUrl, {
      method: req.method ?? 'POST',
      headers,
      ...(hasBody ? { body: await readBody(req) } : {}),
    });
  } catch (error) {
    sendJson(res, 502, {
      code: 'function_unreachable',
      message: `The ${name} function did not answer (${error instanceof Error ? error.message : error}).`,
      details: null,
      hint: null,
    });
    return;
  }
  const body = Buffer.from(await response.arrayBuffer());
  /** @type {Record<string, string>} */
  const answerHeaders = { 'Content-Length': String(body.length) };
  const type = response.headers.get('content-type');
  if (type) answerHeaders['Content-Type'] = type;
  const challenge = response.headers.get('www-authenticate');
  if (challenge) answerHeaders['WWW-Authenticate'] = challenge;
  res.writeHead(response.status, answerHeaders);
  res.end(body);
}
