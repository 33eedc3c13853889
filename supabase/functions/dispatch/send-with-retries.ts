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
import { type AnswerRead, quoted, refusalAdvice, requestWithRetries, type SendOptions } from '../_shared/retries.ts';
import { type ConnectorTarget, KIND_LABELS, chatRequest, isCachet, readAnswer, redact, secretsOf } from './chat-request.ts';

export {
  type AnswerRead,
  MAX_ATTEMPTS,
  type RequestAttempted,
  type RequestFailure,
  requestWithRetries,
  retryAfterMs,
  type SendOptions,
  type ToolRequest,
} from '../_shared/retries.ts';
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

export type DispatchOutcome =
  | { status: 'sent'; attempts: number; lastStatus: number; remoteId: string | null; remoteUrl: string | null }
  | { status: 'failed'; attempts: number; lastStatus: number | null; error: string };

function finalMessage(target: ConnectorTarget, status: number, toolMessage: string | null, updating: boolean): string {
  const tool = KIND_LABELS[target.kind];
  const said = quoted(toolMessage);
  const check =
    target.kind === 'zulip'
      ? 'check the Zulip site, bot email and API key in Settings › Integrations'
      : isCachet(target)
        ? 'check the Cachet site, version and API token in Settings › Integrations'
        : 'check the incoming webhook URL in Settings › Integrations';
  if (status === 404 && updating) {
    return `${tool} does not know this address or incident (HTTP 404)${said}: the incident may have been deleted on the status page; ${check}, or publish a new statement.`;
  }
  const shared = refusalAdvice(tool, status, toolMessage, check, 'post by hand');
  if (shared) return shared;
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
