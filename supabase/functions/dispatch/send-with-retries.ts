/**
 * Sends one documented request to a chat tool, status page or ticket tool, retrying what may
 * pass on a second try:
 *   network error, 5xx   wait 0.5 s, then 1 s (3 attempts in all)
 *   429                  wait Retry-After (seconds or an HTTP date), at most 10 s
 *   401 / 403 / 404      final: the webhook URL or API key is wrong, retrying will not help
 *   other answers        final
 * requestWithRetries is that loop for any request; sendWithRetries posts one chat text or
 * Cachet incident (or Cachet incident update) with it, and send-ticket.ts runs each of a
 * ticket's steps through it. The outcome's message never contains the secret: every text
 * from the tool or from fetch goes through redact() first.
 */
import { type ConnectorTarget, KIND_LABELS, chatRequest, isCachet, readAnswer, redact, secretsOf } from './chat-request.ts';
import { cachetIncidentLink, cachetRequest, cachetUpdateRequest } from './status-page-request.ts';

/**
 * What to post: chat takes the text (Zulip files it under the incident); Cachet also a name.
 * updateOf (Cachet only) is the id of the Cachet incident published earlier: the text is
 * then added to it as an update instead of opening a new incident. Left out, it is null.
 */
export interface DispatchPost {
  incidentId: string | null;
  title: string | null;
  text: string;
  updateOf?: string | null;
}

export const MAX_ATTEMPTS = 3;
const BACKOFF_MS = [500, 1000];
const RETRY_AFTER_CAP_MS = 10_000;
const ATTEMPT_TIMEOUT_MS = 10_000;

export type DispatchOutcome =
  | { status: 'sent'; attempts: number; lastStatus: number; remoteId: string | null; remoteUrl: string | null }
  | { status: 'failed'; attempts: number; lastStatus: number | null; error: string };

export interface SendOptions {
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

/** One HTTP request exactly as a tool documents it; body null for a GET, FormData for multipart. */
export interface ToolRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body: string | FormData | null;
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
        signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
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

function finalMessage(target: ConnectorTarget, status: number, toolMessage: string | null, updating: boolean): string {
  const tool = KIND_LABELS[target.kind];
  const said = toolMessage ? ` ("${toolMessage}")` : '';
  const check =
    target.kind === 'zulip'
      ? 'check the Zulip site, bot email and API key in Settings › Integrations'
      : isCachet(target)
        ? 'check the Cachet site, version and API token in Settings › Integrations'
        : 'check the incoming webhook URL in Settings › Integrations';
  if (status === 401 || status === 403) return `${tool} refused the credentials (HTTP ${status})${said}: ${check}.`;
  if (status === 404 && updating) {
    return `${tool} does not know this address or incident (HTTP 404)${said}: the incident may have been deleted on the status page; ${check}, or publish a new statement.`;
  }
  if (status === 404) return `${tool} does not know this address (HTTP 404)${said}: ${check}.`;
  if (status === 429) return `${tool} is rate-limiting Muster (HTTP 429)${said}: try again in a minute.`;
  if (status >= 500) return `${tool} had a server error (HTTP ${status})${said}: try again later, or post by hand.`;
  if (status >= 200 && status < 300) return `${tool} answered but did not confirm the post${said}: check that the message arrived.`;
  return `${tool} rejected the post (HTTP ${status})${said}: ${check}.`;
}

export async function sendWithRetries(target: ConnectorTarget, post: DispatchPost, options: SendOptions): Promise<DispatchOutcome> {
  // Only a status page has updates; a chat post is always a new message.
  const updateOf = isCachet(target) ? (post.updateOf ?? null) : null;
  const request = isCachet(target)
    ? updateOf === null
      ? cachetRequest(target, post.title ?? post.text.slice(0, 80), post.text)
      : cachetUpdateRequest(target, updateOf, post.text)
    : chatRequest(target, post.incidentId, post.text);

  const attempted = await requestWithRetries(
    request,
    (status, bodyText): AnswerRead<{ remoteId: string | null; remoteUrl: string | null }> => {
      const answer = readAnswer(target, status, bodyText);
      if (!answer.ok) return answer;
      // An update's answer names the update; the dispatch keeps naming the incident it updated.
      if (isCachet(target) && updateOf !== null) return { ok: true, value: cachetIncidentLink(target, updateOf) };
      return { ok: true, value: { remoteId: answer.remoteId, remoteUrl: answer.remoteUrl } };
    },
    options,
  );
  if (attempted.ok) {
    return { status: 'sent', attempts: attempted.attempts, lastStatus: attempted.lastStatus, remoteId: attempted.value.remoteId, remoteUrl: attempted.value.remoteUrl };
  }
  const message =
    attempted.failure.kind === 'network'
      ? `Could not reach ${KIND_LABELS[target.kind]} at ${new URL(request.url).origin} (${attempted.failure.reason}).`
      : finalMessage(target, attempted.failure.status, attempted.failure.toolMessage, updateOf !== null);
  return { status: 'failed', attempts: attempted.attempts, lastStatus: attempted.lastStatus, error: redact(message, secretsOf(target)).slice(0, 500) };
}
