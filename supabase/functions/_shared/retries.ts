/**
 * The one retry rule every outgoing call to a company's tool follows (dispatch's chat, status
 * page and ticket requests, evidence-upload's WebDAV requests):
 *   network error, 5xx   wait 0.5 s, then 1 s (3 attempts in all)
 *   429                  wait Retry-After (seconds or an HTTP date), at most 10 s
 *   any other answer     final: the caller's `read` decides what it means
 * and redact(), which takes the connector's secrets out of any text before it leaves.
 */

export const MAX_ATTEMPTS = 3;
const BACKOFF_MS = [500, 1000];
const RETRY_AFTER_CAP_MS = 10_000;
const ATTEMPT_TIMEOUT_MS = 10_000;

export interface SendOptions {
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

/** One HTTP request exactly as a tool documents it; body null for a GET, FormData for multipart. */
export interface ToolRequest {
  url: string;
  /** GET and POST for APIs; MKCOL, PROPFIND and PUT for WebDAV. */
  method: string;
  headers: Record<string, string>;
  body: string | FormData | Uint8Array<ArrayBuffer> | null;
  /** Per attempt; 10 s unless a request needs longer (a large upload). */
  timeoutMs?: number;
}

/** How a caller reads an answer: what it learnt from a confirmed one, or what the tool said. */
export type AnswerRead<T> = { ok: true; value: T } | { ok: false; toolMessage: string | null };

/** Why the last attempt did not succeed: fetch threw, or the tool answered without confirming. */
export type RequestFailure = { kind: 'network'; reason: string } | { kind: 'answer'; status: number; toolMessage: string | null };

export type RequestAttempted<T> =
  | { ok: true; attempts: number; lastStatus: number; value: T }
  | { ok: false; attempts: number; lastStatus: number | null; failure: RequestFailure };

/** Retry-After as milliseconds (RFC 9110: delay-seconds or an HTTP date), capped; null if absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null || header.trim() === '') return null;
  const value = header.trim();
  let ms: number;
  if (/^\d+$/.test(value)) ms = Number(value) * 1000;
  else {
    const at = Date.parse(value);
    if (Number.isNaN(at)) return null;
    ms = at - now;
  }
  return Math.min(Math.max(ms, 0), RETRY_AFTER_CAP_MS);
}

/**
 * Sends `request` up to `maxAttempts` times under the policy above; `read` decides whether an
 * answer confirms it. Never throws for the tool's sake: a failure is returned, unredacted (the
 * caller knows the secrets and words the message).
 */
export async function requestWithRetries<T>(
  request: ToolRequest,
  read: (status: number, bodyText: string) => AnswerRead<T>,
  options: SendOptions,
  maxAttempts = MAX_ATTEMPTS,
): Promise<RequestAttempted<T>> {
  let lastStatus: number | null = null;
  let failure: RequestFailure = { kind: 'network', reason: 'not sent' };
  let attempts = 0;

  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    attempts = attempt;
    let waitMs = BACKOFF_MS[attempt - 1] ?? 0;
    let response: Response;
    try {
      response = await options.fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(request.timeoutMs ?? ATTEMPT_TIMEOUT_MS),
      });
    } catch (cause) {
      lastStatus = null;
      failure = { kind: 'network', reason: cause instanceof Error ? cause.message : String(cause) };
      if (attempt < maxAttempts) await options.sleep(waitMs);
      continue;
    }
    const bodyText = await response.text().catch(() => '');
    lastStatus = response.status;
    const answer = read(response.status, bodyText);
    if (answer.ok) return { ok: true, attempts: attempt, lastStatus: response.status, value: answer.value };
    failure = { kind: 'answer', status: response.status, toolMessage: answer.toolMessage };
    const retryable = response.status === 429 || response.status >= 500;
    if (!retryable) break;
    if (response.status === 429) waitMs = retryAfterMs(response.headers.get('Retry-After'), options.now()) ?? waitMs;
    if (attempt < maxAttempts) await options.sleep(waitMs);
  }
  return { ok: false, attempts, lastStatus, failure };
}

/** A tool's own words, quoted for a message: ' ("…")', or '' when it said nothing. */
export function quoted(toolMessage: string | null): string {
  return toolMessage ? ` ("${toolMessage}")` : '';
}

/**
 * What the refusals every tool shares mean, in words a responder can act on: credentials
 * (401, 403), an unknown address (404), rate limiting (429), a server error (5xx). `check`
 * says which settings to check, `byHand` what to do instead ("post by hand"). Null for an
 * answer the caller words itself (a 2xx that confirms nothing, any other refusal).
 */
export function refusalAdvice(tool: string, status: number, toolMessage: string | null, check: string, byHand: string): string | null {
  const said = quoted(toolMessage);
  if (status === 401 || status === 403) return `${tool} refused the credentials (HTTP ${status})${said}: ${check}.`;
  if (status === 404) return `${tool} does not know this address (HTTP 404)${said}: ${check}.`;
  if (status === 429) return `${tool} is rate-limiting Muster (HTTP 429)${said}: try again in a minute.`;
  if (status >= 500) return `${tool} had a server error (HTTP ${status})${said}: try again later, or ${byHand}.`;
  return null;
}

/** Replaces every secret in `text` by "[secret]"; pass the longest secrets first. */
export function redact(text: string, secrets: readonly string[]): string {
  let clean = text;
  for (const secret of secrets) clean = clean.split(secret).join('[secret]');
  return clean;
}
