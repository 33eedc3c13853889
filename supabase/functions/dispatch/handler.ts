/**
 * The dispatch Edge Function as a plain `(Request) => Promise<Response>`: posts an approved
 * leadership update, employee instructions, an alternate-channel notice or a test message
 * to one of the workspace's chat connectors (Mattermost, Rocket.Chat, Zulip), or publishes
 * an approved external statement (source 'statement', with its title) as an incident on a
 * status page (Cachet 2.x, 3.x). Chat gets internal texts only, a status page public ones
 * only: any other pairing is refused with 400 source_not_for_connector.
 *
 *   POST {dispatch_id, connector_id, incident_id, source, text, title?}
 *        apikey + Authorization: Bearer <the user's access token>
 *
 *   200 {dispatch_id, status: 'sent', remote_id, remote_url, attempts}
 *   400 bad_request        the body is not as above, or the text is over 4,000 characters
 *   400 source_not_for_connector  a statement to chat, or an internal text to a status page
 *   401                    no valid user token
 *   403 forbidden          the caller is not an owner, comm_owner or responder of the workspace
 *   404 connector_not_found
 *   409 connector_paused   the incident marks chat (or the identity provider) compromised: nothing is sent
 *   409 connector_not_set_up / dispatch_id_reused
 *   502 dispatch_failed    {message, details: {attempts, last_status}} after the retries
 *
 * The phone makes dispatch_id: the same id again answers the stored outcome and sends nothing.
 * Errors are {code, message, details, hint}. The connector's secret is read with the service
 * key and never put in any answer (tests check every one).
 */
import { type ApiError, type RpcTarget, callRpc } from '../_shared/postgrest.ts';
import { type ConnectorKind, type ConnectorTarget, isStatusPage, KIND_LABELS, type ZulipConfig } from './chat-request.ts';
import { type DispatchOutcome, sendWithRetries } from './send-with-retries.ts';
import { type CachetConfig, DEFAULT_CACHET_STATUS, MAX_CACHET_NAME } from './status-page-request.ts';

export interface DispatchConfig {
  supabaseUrl: string;
  /** Never leaves the server: the function reads connector secrets with it. */
  serviceRoleKey: string;
  fetch?: typeof fetch;
  /** Waits between retries; tests pass one that records instead of waiting. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export const SOURCES = ['leadership_update', 'employee_instruction', 'alternate_channel', 'statement', 'test'] as const;
export type DispatchSource = (typeof SOURCES)[number];
export const MAX_TEXT_LENGTH = 4000;

interface DispatchRequest {
  dispatchId: string;
  connectorId: string;
  incidentId: string | null;
  source: DispatchSource;
  /** A statement's title: the status page incident's name. */
  title: string | null;
  text: string;
}

/** connector_dispatch as to_jsonb gives it. */
interface StoredDispatch {
  id: string;
  connector_id: string | null;
  status: 'sent' | 'failed';
  remote_id: string | null;
  remote_url: string | null;
  attempts: number;
  last_status: number | null;
  error: string | null;
}

interface Access {
  user_id: string | null;
  workspace_id: string;
  allowed: boolean;
  paused: boolean;
}

interface Start {
  previous: StoredDispatch | null;
  kind: ConnectorKind;
  name: string;
  config: Record<string, unknown>;
  secret: Record<string, unknown> | null;
}

const CORS_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'authorization, x-client-info, apikey, content-type',
  'Access-Control-Allow-Methods': 'POST, OPTIONS',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BODY_HINT = 'Send {"dispatch_id": "<uuid>", "connector_id": "<uuid>", "incident_id": "<id or null>", "source": "leadership_update", "text": "..."}.';

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...CORS_HEADERS, ...headers, 'Content-Type': 'application/json; charset=utf-8' },
  });
}

function failure(status: number, code: string, message: string, hint: string | null = null): Response {
  const error: ApiError = { code, message, details: null, hint };
  return json(status, error, status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {});
}

function bearerOf(request: Request): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('Authorization') ?? '');
  return match?.[1] ?? null;
}

function parseBody(body: unknown): DispatchRequest | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'The body must be a JSON object.';
  const record = body as Record<string, unknown>;
  if (typeof record.dispatch_id !== 'string' || !UUID.test(record.dispatch_id)) return 'dispatch_id must be a UUID made by the phone.';
  if (typeof record.connector_id !== 'string' || !UUID.test(record.connector_id)) return 'connector_id must be a connector\'s UUID.';
  const incident = record.incident_id ?? null;
  if (incident !== null && (typeof incident !== 'string' || incident.length < 1 || incident.length > 40)) {
    return 'incident_id must be the incident\'s id (1 to 40 characters) or null.';
  }
  if (typeof record.source !== 'string' || !(SOURCES as readonly string[]).includes(record.source)) {
    return `source must be one of ${SOURCES.join(', ')}.`;
  }
  if (typeof record.text !== 'string' || record.text.trim() === '') return 'text must be the message to post.';
  if (record.text.length > MAX_TEXT_LENGTH) {
    return `The text is ${record.text.length} characters; chat posts are limited to ${MAX_TEXT_LENGTH}. Shorten it or post it in parts.`;
  }
  const title = record.title ?? null;
  if (title !== null && (typeof title !== 'string' || title.trim() === '' || title.length > MAX_CACHET_NAME)) {
    return `title must be the statement's title, 1 to ${MAX_CACHET_NAME} characters, or left out.`;
  }
  if (record.source === 'statement' && title === null) return 'A statement needs its title: the status page shows it as the incident\'s name.';
  return {
    dispatchId: record.dispatch_id.toLowerCase(),
    connectorId: record.connector_id.toLowerCase(),
    incidentId: incident,
    source: record.source as DispatchSource,
    title: title === null ? null : title.trim(),
    text: record.text,
  };
}

function targetOf(start: Start): ConnectorTarget | null {
  const secret = start.secret ?? {};
  if (start.kind === 'cachet2' || start.kind === 'cachet3') {
    const config = start.config as Partial<CachetConfig>;
    if (typeof secret.token !== 'string' || typeof config.site !== 'string' || config.site === '') return null;
    return { kind: start.kind, config: { site: config.site, status: typeof config.status === 'number' ? config.status : DEFAULT_CACHET_STATUS }, token: secret.token };
  }
  if (start.kind === 'zulip') {
    const config = start.config as Partial<ZulipConfig>;
    if (typeof secret.api_key !== 'string' || !config.site || !config.stream || !config.bot_email) return null;
    return { kind: 'zulip', config: { site: config.site, stream: config.stream, bot_email: config.bot_email }, apiKey: secret.api_key };
  }
  if (typeof secret.webhook_url !== 'string') return null;
  return { kind: start.kind, webhookUrl: secret.webhook_url };
}

/** The answer for a stored dispatch: the same whether it was just sent or is a replay. */
function answerFor(stored: StoredDispatch, connectorName: string): Response {
  if (stored.status === 'sent') {
    return json(200, { dispatch_id: stored.id, status: 'sent', remote_id: stored.remote_id, remote_url: stored.remote_url, attempts: stored.attempts });
  }
  return json(502, {
    code: 'dispatch_failed',
    message: `Not posted to ${connectorName}: ${stored.error ?? 'the tool did not accept it'}`,
    details: { attempts: stored.attempts, last_status: stored.last_status },
    hint: 'Nothing was dropped: the log shows this failure. Fix the connector and send again, or post by hand.',
  });
}

export function createDispatchHandler(config: DispatchConfig): (request: Request) => Promise<Response> {
  const fetchImpl = config.fetch ?? fetch;
  const sleep = config.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = config.now ?? (() => Date.now());
  const asService: RpcTarget = { supabaseUrl: config.supabaseUrl, apiKey: config.serviceRoleKey, bearer: config.serviceRoleKey, fetch: fetchImpl };

  return async function handleDispatch(request: Request): Promise<Response> {
    if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: CORS_HEADERS });
    if (request.method !== 'POST') return failure(405, 'method_not_allowed', `dispatch answers POST, not ${request.method}.`);

    const bearer = bearerOf(request);
    if (bearer === null || bearer === config.serviceRoleKey) {
      return failure(401, 'no_authorization', 'Sign in to post to chat: the request has no user token.');
    }
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      return failure(400, 'bad_request', 'The request body is not JSON.', BODY_HINT);
    }
    const wanted = parseBody(body);
    if (typeof wanted === 'string') return failure(400, 'bad_request', wanted, BODY_HINT);

    // The caller's own token and RLS decide whether they see the connector and may post.
    const access = await callRpc<Access | null>(
      { supabaseUrl: config.supabaseUrl, apiKey: request.headers.get('apikey') ?? config.serviceRoleKey, bearer, fetch: fetchImpl },
      'connector_dispatch_access',
      { p_connector_id: wanted.connectorId, p_incident_id: wanted.incidentId },
    );
    if (!access.ok) {
      if (access.status === 401 || access.status === 403) return json(401, access.error, { 'WWW-Authenticate': 'Bearer' });
      return json(access.status >= 500 ? 502 : access.status, access.error);
    }
    if (access.data === null) {
      return failure(404, 'connector_not_found', 'No connector with this id in your workspaces.', 'It may have been removed: reload Settings › Integrations.');
    }
    if (access.data.user_id === null) return failure(401, 'no_authorization', 'Sign in to post to chat: the token names no user.');
    if (!access.data.allowed) {
      return failure(403, 'forbidden', 'Only owners, communication owners and responders can post to chat from Muster.');
    }

    const started = await callRpc<Start | null>(asService, 'connector_dispatch_start', { p_dispatch_id: wanted.dispatchId, p_connector_id: wanted.connectorId });
    if (!started.ok) {
      console.error(`dispatch: connector_dispatch_start failed (${started.status} ${started.error.code})`);
      return json(502, started.error);
    }
    if (started.data === null) return failure(404, 'connector_not_found', 'No connector with this id in your workspaces.');
    const start = started.data;
    if (start.previous) {
      if (start.previous.connector_id !== wanted.connectorId) {
        return failure(409, 'dispatch_id_reused', 'This dispatch id was already used for another connector.', 'Make a new id for each post.');
      }
      return answerFor(start.previous, start.name);
    }
    // Step 6 and issue 7: only approved public statements go to a status page, and chat
    // never gets one (it is for internal texts). 'test' has no meaning on a public page.
    if (isStatusPage(start.kind) !== (wanted.source === 'statement')) {
      return failure(
        400,
        'source_not_for_connector',
        isStatusPage(start.kind)
          ? `${start.name} is a public status page: only an approved external statement is published there.`
          : `${start.name} is a chat connector: it gets internal texts, never an external statement.`,
        isStatusPage(start.kind) ? 'Publish an approved website or public statement from its statement screen.' : 'Publish the statement on the status page, or send it as approved.',
      );
    }
    if (access.data.paused) {
      return failure(
        409,
        'connector_paused',
        `${KIND_LABELS[start.kind]} is paused for this incident: chat is marked compromised, so nothing was sent.`,
        'Use the alternate channel; mark chat safe again once it is, and the connector resumes.',
      );
    }
    const target = targetOf(start);
    if (target === null) {
      return failure(409, 'connector_not_set_up', `${start.name} has no webhook URL or API key yet.`, 'An owner can add it in Settings › Integrations.');
    }

    const outcome: DispatchOutcome = await sendWithRetries(
      target,
      { incidentId: wanted.incidentId, title: wanted.title, text: wanted.text },
      { fetch: fetchImpl, sleep, now },
    );
    const recorded = await callRpc<StoredDispatch>(asService, 'connector_dispatch_record', {
      p_dispatch_id: wanted.dispatchId,
      p_connector_id: wanted.connectorId,
      p_incident_id: wanted.incidentId,
      p_source: wanted.source,
      p_status: outcome.status,
      p_remote_id: outcome.status === 'sent' ? outcome.remoteId : null,
      p_remote_url: outcome.status === 'sent' ? outcome.remoteUrl : null,
      p_attempts: outcome.attempts,
      p_last_status: outcome.lastStatus,
      p_error: outcome.status === 'failed' ? outcome.error : null,
      p_created_by: access.data.user_id,
    });
    if (recorded.ok) return answerFor(recorded.data, start.name);
    // Sent (or not) but not stored: say what happened all the same; the phone keeps its log entry.
    console.error(`dispatch: connector_dispatch_record failed (${recorded.status} ${recorded.error.code})`);
    return answerFor(
      {
        id: wanted.dispatchId,
        connector_id: wanted.connectorId,
        status: outcome.status,
        remote_id: outcome.status === 'sent' ? outcome.remoteId : null,
        remote_url: outcome.status === 'sent' ? outcome.remoteUrl : null,
        attempts: outcome.attempts,
        last_status: outcome.lastStatus,
        error: outcome.status === 'failed' ? outcome.error : null,
      },
      start.name,
    );
  };
}
