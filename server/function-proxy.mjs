// Passes one request from /functions/v1/<name> on to an Edge Function running under Deno
// (deno-function.mjs), as Supabase's gateway does: only the headers a function needs go in,
// the body as the very bytes sent (evidence-upload takes files), and its status, body,
// Content-Type and WWW-Authenticate come back.

import { BODY_LIMIT_BYTES, sendJson } from './json-http.mjs';

/** Request headers a function needs; nothing else (cookies, ...) is passed on. */
const FORWARDED_HEADERS = ['authorization', 'apikey', 'content-type', 'x-client-info'];

/**
 * The request body's bytes, or null once it passes `limit` (the rest is then discarded).
 * @param {import('node:http').IncomingMessage} req
 * @param {number} limit
 * @returns {Promise<Buffer | null>}
 */
function readBytes(req, limit) {
  return new Promise((resolveBody, rejectBody) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolveBody(size > limit ? null : Buffer.concat(chunks)));
    req.on('error', rejectBody);
  });
}

/**
 * @param {string} functionUrl where the function listens
 * @param {string} name the function's name, for the error when it does not answer
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} [target] path and query to pass on ('' for the function's root)
 * @param {number} [bodyLimitBytes] larger bodies are answered 413 here (default json-http's limit)
 */
export async function forwardToFunction(functionUrl, name, req, res, target = '', bodyLimitBytes = BODY_LIMIT_BYTES) {
  /** @type {Record<string, string>} */
  const headers = {};
  for (const header of FORWARDED_HEADERS) {
    const value = req.headers[header];
    if (typeof value === 'string') headers[header] = value;
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const tooLarge = () =>
    sendJson(res, 413, {
      code: 'payload_too_large',
      message: `The request body is larger than the ${name} function takes (${bodyLimitBytes} bytes).`,
      details: null,
      hint: null,
    });
  if (hasBody && Number(req.headers['content-length'] ?? 0) > bodyLimitBytes) {
    // Answered before the body is read; Node discards the rest of it.
    tooLarge();
    return;
  }
  const requestBody = hasBody ? await readBytes(req, bodyLimitBytes) : null;
  if (hasBody && requestBody === null) {
    tooLarge();
    return;
  }
  let response;
  try {
    response = await fetch(target ? new URL(target, functionUrl).href : functionUrl, {
      method: req.method ?? 'POST',
      headers,
      ...(requestBody ? { body: requestBody } : {}),
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
