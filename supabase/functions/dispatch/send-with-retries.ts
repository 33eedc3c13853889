/**
 * Posts one text to a chat tool or status page, retrying what may pass on a second try:
 *   network error, 5xx   wait 0.5 s, then 1 s (3 attempts in all)
 *   429                  wait Retry-After (seconds or an HTTP date), at most 10 s
 *   401 / 403 / 404      final: the webhook URL or API key is wrong, retrying will not help
 *   other answers        final
 * The outcome's message never contains the secret: every text from the tool or from fetch
 * goes through redact() first.
 */
import { type ConnectorTarget, KIND_LABELS, chatRequest, isCachet, readAnswer, redact, secretsOf } from './chat-request.ts';
import { cachetRequest } from './status-page-request.ts';

/** What to post: chat takes the text (Zulip files it under the incident); Cachet also a name. */
export interface DispatchPost {
  incidentId: string | null;
  title: string | null;
  text: string;
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

function finalMessage(target: ConnectorTarget, status: number, toolMessage: string | null): string {
  const tool = KIND_LABELS[target.kind];
  const said = toolMessage ? ` ("${toolMessage}")` : '';
  const check =
    target.kind === 'zulip'
      ? 'check the Zulip site, bot email and API key in Settings › Integrations'
      : isCachet(target)
        ? 'check the Cachet site, version and API token in Settings › Integrations'
        : 'check the incoming webhook URL in Settings › Integrations';
  if (status === 401 || status === 403) return `${tool} refused the credentials (HTTP ${status})${said}: ${check}.`;
  if (status === 404) return `${tool} does not know this address (HTTP 404)${said}: ${check}.`;
  if (status === 429) return `${tool} is rate-limiting Muster (HTTP 429)${said}: try again in a minute.`;
  if (status >= 500) return `${tool} had a server error (HTTP ${status})${said}: try again later, or post by hand.`;
  if (status >= 200 && status < 300) return `${tool} answered but did not confirm the post${said}: check that the message arrived.`;
  return `${tool} rejected the post (HTTP ${status})${said}: ${check}.`;
}

export async function sendWithRetries(target: ConnectorTarget, post: DispatchPost, options: SendOptions): Promise<DispatchOutcome> {
  const request =
    isCachet(target)
      ? cachetRequest(target, post.title ?? post.text.slice(0, 80), post.text)
      : chatRequest(target, post.incidentId, post.text);
  const secrets = secretsOf(target);
  const origin = new URL(request.url).origin;
  let lastStatus: number | null = null;
  let error = '';
  let attempts = 0;

  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
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
      const reason = cause instanceof Error ? cause.message : String(cause);
      lastStatus = null;
      error = redact(`Could not reach ${KIND_LABELS[target.kind]} at ${origin} (${reason}).`, secrets).slice(0, 500);
      if (attempt < MAX_ATTEMPTS) await options.sleep(waitMs);
      continue;
    }
    const bodyText = await response.text().catch(() => '');
    lastStatus = response.status;
    const answer = readAnswer(target, response.status, bodyText);
    if (answer.ok) {
      return { status: 'sent', attempts: attempt, lastStatus: response.status, remoteId: answer.remoteId, remoteUrl: answer.remoteUrl };
    }
    error = redact(finalMessage(target, response.status, answer.toolMessage), secrets).slice(0, 500);
    const retryable = response.status === 429 || response.status >= 500;
    if (!retryable) break;
    if (response.status === 429) waitMs = retryAfterMs(response.headers.get('Retry-After'), options.now()) ?? waitMs;
    if (attempt < MAX_ATTEMPTS) await options.sleep(waitMs);
  }
  return { status: 'failed', attempts, lastStatus, error };
}
