/**
 * The one HTTP request each chat tool documents for "post this text", and how to read its
 * answer. Pure: no fetch here. Facts from ../shared/notes/push-and-integrations.md (C):
 *   Mattermost  POST <incoming webhook URL>  JSON {"text"}            200 text/plain "ok"
 *   Rocket.Chat POST <incoming webhook URL>  JSON {"text"}            200 {"success": true}
 *   Zulip       POST <site>/api/v1/messages  form type=stream&to&topic&content,
 *               Authorization: Basic base64(bot_email:api_key)        200 {"result":"success","id":N}
 * Status pages (Cachet) are connectors too; their request is in status-page-request.ts. Ticket
 * tools (Zammad, osTicket, GLPI, Jira SM, TheHive) are in ticket-request.ts; secretsOf and
 * redact serve them as well.
 */
import { type CachetTarget, cachetCreated } from './status-page-request.ts';
import type { TicketTarget } from './ticket-request.ts';

export type ConnectorKind = 'mattermost' | 'rocketchat' | 'zulip' | 'cachet2' | 'cachet3';

export const KIND_LABELS: Record<ConnectorKind, string> = {
  mattermost: 'Mattermost',
  rocketchat: 'Rocket.Chat',
  zulip: 'Zulip',
  cachet2: 'Cachet',
  cachet3: 'Cachet',
};

export type ChatKind = 'mattermost' | 'rocketchat' | 'zulip';
export type StatusPageKind = CachetTarget['kind'];

export function isStatusPage(kind: ConnectorKind): kind is StatusPageKind {
  return kind === 'cachet2' || kind === 'cachet3';
}

export function isCachet(target: ConnectorTarget): target is CachetTarget {
  return isStatusPage(target.kind);
}

export interface ZulipConfig {
  site: string;
  stream: string;
  bot_email: string;
}

export type ChatTarget = { kind: 'mattermost' | 'rocketchat'; webhookUrl: string } | { kind: 'zulip'; config: ZulipConfig; apiKey: string };

export type ConnectorTarget = ChatTarget | CachetTarget;

export interface ChatRequest {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
}

/** Zulip topics are per incident; a test message goes to its own topic. */
export const TEST_TOPIC = 'Muster test';

/** HTTP Basic credentials (RFC 7617, UTF-8) as an Authorization header value. */
export function basicAuth(user: string, password: string): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

export function chatRequest(target: ChatTarget, incidentId: string | null, text: string): ChatRequest {
  if (target.kind === 'zulip') {
    const form = new URLSearchParams({ type: 'stream', to: target.config.stream, topic: incidentId ?? TEST_TOPIC, content: text });
    return {
      url: `${target.config.site.replace(/\/+$/, '')}/api/v1/messages`,
      method: 'POST',
      headers: {
        Authorization: basicAuth(target.config.bot_email, target.apiKey),
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
      },
      body: form.toString(),
    };
  }
  return {
    url: target.webhookUrl,
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ text }),
  };
}

/** Every string that would give the secret away, longest first, for redact(). */
export function secretsOf(target: ConnectorTarget | TicketTarget): string[] {
  return secretStrings(target)
    .filter((value) => value.length >= 4 && value !== '/')
    .sort((a, b) => b.length - a.length);
}

function secretStrings(target: ConnectorTarget | TicketTarget): string[] {
  switch (target.kind) {
    case 'cachet2':
    case 'cachet3':
    case 'zammad':
      return [target.token];
    case 'zulip':
      return [basicAuth(target.config.bot_email, target.apiKey).slice('Basic '.length), target.apiKey];
    case 'osticket':
    case 'thehive':
      return [target.apiKey];
    case 'glpi':
      return [target.appToken, target.userToken];
    case 'jira_sm':
      return [basicAuth(target.config.email, target.apiToken).slice('Basic '.length), target.apiToken];
    case 'mattermost':
    case 'rocketchat': {
      let path = '';
      try {
        const url = new URL(target.webhookUrl);
        path = `${url.pathname}${url.search}`;
      } catch {
        // Not a URL: the whole string is the secret.
      }
      return [target.webhookUrl, path];
    }
  }
}

/** Takes every secret out of a text meant for a user or a log (shared with evidence-upload). */
export { redact } from '../_shared/retries.ts';

export type ChatAnswer = { ok: true; remoteId: string | null; remoteUrl: string | null } | { ok: false; toolMessage: string | null };

/** Reads a 2xx answer (and the error text of any other), as each tool documents it. */
export function readAnswer(target: ConnectorTarget, status: number, bodyText: string): ChatAnswer {
  let body: Record<string, unknown> | null = null;
  try {
    const parsed: unknown = JSON.parse(bodyText);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
  } catch {
    // Mattermost answers plain "ok"; error pages are HTML.
  }
  // Cachet 2.x answers errors as {"errors": [{"title", "detail"}]}.
  const firstError = Array.isArray(body?.errors) && typeof body.errors[0] === 'object' && body.errors[0] !== null ? (body.errors[0] as Record<string, unknown>) : null;
  const said = body ? [body.msg, body.message, body.error, firstError?.detail, firstError?.title].find((value) => typeof value === 'string') : undefined;
  const toolMessage = typeof said === 'string' ? said.slice(0, 200) : null;
  const accepted = status >= 200 && status < 300;
  if (!accepted) return { ok: false, toolMessage };
  if (isCachet(target)) {
    const created = cachetCreated(target, body);
    return created ? { ok: true, ...created } : { ok: false, toolMessage };
  }
  if (target.kind === 'zulip') {
    if (body?.result !== 'success' || (typeof body.id !== 'number' && typeof body.id !== 'string')) return { ok: false, toolMessage };
    const id = String(body.id);
    return { ok: true, remoteId: id, remoteUrl: `${target.config.site.replace(/\/+$/, '')}/#narrow/near/${encodeURIComponent(id)}` };
  }
  if (target.kind === 'rocketchat' && body?.success === false) return { ok: false, toolMessage };
  return { ok: true, remoteId: null, remoteUrl: null };
}
