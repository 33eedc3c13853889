/**
 * What the dispatch and evidence-upload functions share around one use of a connector:
 *   1. the caller's access, asked with the caller's own token (RLS hides other workspaces'
 *      connectors: 404; a viewer or approver: 403; no user: 401);
 *   2. the stored outcome of this id (a replay answers it and sends nothing), or the
 *      connector with its secret, read with the service key;
 *   3. the outcome recorded (connector_dispatch_record), and answered even when recording fails.
 * The answers are JSON with Supabase's error shape {code, message, details, hint} and CORS
 * for the app's origin. No secret is ever put in an answer or a log line here.
 */
import { type ApiError, type RpcTarget, callRpc } from './postgrest.ts';

export const CORS_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'authorization, x-client-info, apikey, content-type',
  'Access-Control-Allow-Methods': 'POST, OPTIONS',
};

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...CORS_HEADERS, ...headers, 'Content-Type': 'application/json; charset=utf-8' },
  });
}

export function failure(status: number, code: string, message: string, hint: string | null = null): Response {
  const error: ApiError = { code, message, details: null, hint };
  return json(status, error, status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {});
}

export function bearerOf(request: Request): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('Authorization') ?? '');
  return match?.[1] ?? null;
}

/** connector_dispatch as to_jsonb gives it (migration 18 added remote_label and warning). */
export interface StoredDispatch {
  id: string;
  connector_id: string | null;
  status: 'sent' | 'failed';
  remote_id: string | null;
  remote_url: string | null;
  attempts: number;
  last_status: number | null;
  error: string | null;
  remote_label?: string | null;
  warning?: string | null;
}

/** The connector as connector_dispatch_start gives it to the service key: secret included. */
export interface ConnectorStart {
  kind: string;
  name: string;
  config: Record<string, unknown>;
  secret: Record<string, unknown> | null;
}

export interface ConnectorCallOptions {
  supabaseUrl: string;
  serviceRoleKey: string;
  fetch: typeof fetch;
  /** 'dispatch' or 'evidence-upload': names the function in log lines. */
  fn: string;
  request: Request;
  bearer: string;
  /** The phone's id for this use (dispatch_id, upload_id). */
  id: string;
  connectorId: string;
  incidentId: string | null;
  /** What the caller may not do without the role, e.g. "upload evidence". */
  doing: string;
  /** 'dispatch_id' or 'upload_id', for the refusal of an id used for another connector. */
  idName: string;
  /** The answer for a stored outcome: the function's own, as for a fresh one. */
  replay: (stored: StoredDispatch, connectorName: string) => Response;
}

export interface ConnectorCall {
  userId: string;
  /** The incident marks chat (or the identity provider) compromised; only chat kinds are ever paused. */
  paused: boolean;
  start: ConnectorStart;
}

interface Access {
  user_id: string | null;
  allowed: boolean;
  paused?: boolean;
}

/** Steps 1 and 2; a Response when the function should answer it and stop. */
export async function openConnectorCall(options: ConnectorCallOptions): Promise<ConnectorCall | Response> {
  const access = await callRpc<Access | null>(
    { supabaseUrl: options.supabaseUrl, apiKey: options.request.headers.get('apikey') ?? options.serviceRoleKey, bearer: options.bearer, fetch: options.fetch },
    'connector_dispatch_access',
    { p_connector_id: options.connectorId, p_incident_id: options.incidentId },
  );
  if (!access.ok) {
    if (access.status === 401 || access.status === 403) return json(401, access.error, { 'WWW-Authenticate': 'Bearer' });
    return json(access.status >= 500 ? 502 : access.status, access.error);
  }
  if (access.data === null) {
    return failure(404, 'connector_not_found', 'No connector with this id in your workspaces.', 'It may have been removed: reload Settings › Integrations.');
  }
  if (access.data.user_id === null) return failure(401, 'no_authorization', 'Sign in first: the token names no user.');
  if (!access.data.allowed) return failure(403, 'forbidden', `Only owners, communication owners and responders can ${options.doing} from Muster.`);

  const started = await callRpc<(ConnectorStart & { previous: StoredDispatch | null }) | null>(asService(options), 'connector_dispatch_start', {
    p_dispatch_id: options.id,
    p_connector_id: options.connectorId,
  });
  if (!started.ok) {
    console.error(`${options.fn}: connector_dispatch_start failed (${started.status} ${started.error.code})`);
    return json(502, started.error);
  }
  if (started.data === null) return failure(404, 'connector_not_found', 'No connector with this id in your workspaces.');
  const { previous, ...start } = started.data;
  if (previous) {
    if (previous.connector_id !== options.connectorId) {
      return failure(409, `${options.idName}_reused`, `This ${options.idName.replace('_', ' ')} was already used for another connector.`, 'Make a new id for each use.');
    }
    return options.replay(previous, start.name);
  }
  return { userId: access.data.user_id, paused: access.data.paused === true, start };
}

function asService(options: Pick<ConnectorCallOptions, 'supabaseUrl' | 'serviceRoleKey' | 'fetch'>): RpcTarget {
  return { supabaseUrl: options.supabaseUrl, apiKey: options.serviceRoleKey, bearer: options.serviceRoleKey, fetch: options.fetch };
}

/** One outcome as connector_dispatch_record takes it. */
export interface DispatchRecord {
  id: string;
  connectorId: string;
  incidentId: string | null;
  source: string;
  subject: string | null;
  status: 'sent' | 'failed';
  remoteId: string | null;
  remoteLabel: string | null;
  remoteUrl: string | null;
  warning: string | null;
  attempts: number;
  lastStatus: number | null;
  error: string | null;
  createdBy: string;
}

/**
 * Step 3: stores the outcome and the connector's last success or error, and gives back the
 * stored row (the first recorder wins a race). If the database cannot record it, the outcome
 * is still given back as it happened: the phone logs it either way.
 */
export async function recordConnectorCall(options: Pick<ConnectorCallOptions, 'supabaseUrl' | 'serviceRoleKey' | 'fetch' | 'fn'>, record: DispatchRecord): Promise<StoredDispatch> {
  const recorded = await callRpc<StoredDispatch>(asService(options), 'connector_dispatch_record', {
    p_dispatch_id: record.id,
    p_connector_id: record.connectorId,
    p_incident_id: record.incidentId,
    p_source: record.source,
    p_status: record.status,
    p_remote_id: record.remoteId,
    p_remote_url: record.remoteUrl,
    p_attempts: record.attempts,
    p_last_status: record.lastStatus,
    p_error: record.error,
    p_created_by: record.createdBy,
    p_remote_label: record.remoteLabel,
    p_subject: record.subject,
    p_warning: record.warning,
  });
  if (recorded.ok) return recorded.data;
  console.error(`${options.fn}: connector_dispatch_record failed (${recorded.status} ${recorded.error.code})`);
  return {
    id: record.id,
    connector_id: record.connectorId,
    status: record.status,
    remote_id: record.remoteId,
    remote_label: record.remoteLabel,
    remote_url: record.remoteUrl,
    attempts: record.attempts,
    last_status: record.lastStatus,
    error: record.error,
    warning: record.warning,
  };
}
