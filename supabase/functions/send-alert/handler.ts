/**
 * The send-alert Edge Function as a plain `(Request) => Promise<Response>`, so it runs under
 * Deno.serve on Supabase, under the local backend's Deno, and in tests.
 *
 *   POST {"alert_id": "<uuid>"}  Authorization: Bearer <the user's access token>
 *        Sends whatever rounds of that alert are due now (round 0 right after the phone synced it).
 *        401 without a valid user token, 404 when the caller cannot see the alert.
 *   POST {"tick": true}          Authorization: Bearer <service_role key>
 *        Sends every due round of every running alert (cron each minute; the local backend every 15 s).
 *
 * 200 {rounds: [{alert_id, round, kind, recipients, delivered, gone, failed}]}; errors are
 * {code, message, details, hint}, PostgREST's shape, and PostgREST's own errors pass through.
 */
import { type ClaimedRound, type VapidKeys, deliverRound } from './deliver-round.ts';
import { type ApiError, type RpcTarget, callRpc } from '../_shared/postgrest.ts';

export interface SendAlertConfig {
  supabaseUrl: string;
  /** Never leaves the server: the function reads subscriptions and relay tokens with it. */
  serviceRoleKey: string;
  vapid: VapidKeys;
  /** The app's address, for the ntfy notification's Click; null leaves it out. */
  appUrl: string | null;
  fetch?: typeof fetch;
  now?: () => Date;
  pushTtlSeconds?: number;
}

export interface RoundReport {
  alert_id: string;
  round: number;
  kind: ClaimedRound['kind'];
  recipients: number;
  delivered: number;
  gone: number;
  failed: number;
}

const CORS_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'authorization, x-client-info, apikey, content-type',
  'Access-Control-Allow-Methods': 'POST, OPTIONS',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...CORS_HEADERS, ...headers, 'Content-Type': 'application/json; charset=utf-8' },
  });
}

function failure(status: number, code: string, message: string, hint: string | null = null, details: string | null = null): Response {
  const error: ApiError = { code, message, details, hint };
  return json(status, error, status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {});
}

function bearerOf(request: Request): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('Authorization') ?? '');
  return match?.[1] ?? null;
}

type SendRequest = { kind: 'tick' } | { kind: 'alert'; alertId: string };

function parseBody(body: unknown): SendRequest | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const record = body as Record<string, unknown>;
  if (record.tick === true && !('alert_id' in record)) return { kind: 'tick' };
  if (typeof record.alert_id === 'string' && UUID.test(record.alert_id) && !('tick' in record)) {
    return { kind: 'alert', alertId: record.alert_id.toLowerCase() };
  }
  return null;
}

export function createSendAlertHandler(config: SendAlertConfig): (request: Request) => Promise<Response> {
  const fetchImpl = config.fetch ?? fetch;
  const now = config.now ?? (() => new Date());
  const asService: RpcTarget = {
    supabaseUrl: config.supabaseUrl,
    apiKey: config.serviceRoleKey,
    bearer: config.serviceRoleKey,
    fetch: fetchImpl,
  };

  async function sendDue(alertId: string | null): Promise<Response> {
    const claimed = await callRpc<ClaimedRound[]>(asService, 'alert_claim_rounds', alertId ? { p_alert_id: alertId } : {});
    if (!claimed.ok) {
      console.error(`send-alert: alert_claim_rounds failed (${claimed.status} ${claimed.error.code})`);
      return json(claimed.status >= 500 ? 502 : claimed.status, claimed.error);
    }
    const rounds: RoundReport[] = [];
    for (const round of claimed.data ?? []) {
      const outcome = await deliverRound(round, {
        vapid: config.vapid,
        fetch: fetchImpl,
        now,
        appUrl: config.appUrl,
        ttlSeconds: config.pushTtlSeconds ?? 3600,
      });
      const report = await callRpc<null>(asService, 'alert_round_report', {
        p_alert_id: round.alert_id,
        p_round: round.round,
        p_delivered: outcome.delivered,
        p_failed: outcome.failed,
        p_gone_subscription_ids: outcome.goneSubscriptionIds,
      });
      if (!report.ok) console.error(`send-alert: alert_round_report failed (${report.status} ${report.error.code})`);
      rounds.push({
        alert_id: round.alert_id,
        round: round.round,
        kind: round.kind,
        recipients: round.recipients,
        delivered: outcome.delivered,
        gone: outcome.goneSubscriptionIds.length,
        failed: outcome.failed,
      });
    }
    return json(200, { rounds });
  }

  return async function handleSendAlert(request: Request): Promise<Response> {
    if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: CORS_HEADERS });
    if (request.method !== 'POST') return failure(405, 'method_not_allowed', `send-alert answers POST, not ${request.method}.`);

    const bearer = bearerOf(request);
    if (bearer === null) {
      return failure(401, 'no_authorization', 'Sign in to send alerts: the request has no bearer token.');
    }
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      return failure(400, 'bad_json', 'The request body is not JSON.', 'Send {"alert_id": "<uuid>"} or {"tick": true}.');
    }
    const wanted = parseBody(body);
    if (wanted === null) {
      return failure(400, 'bad_request', 'Send {"alert_id": "<uuid>"} or {"tick": true}.');
    }
    const isService = bearer === config.serviceRoleKey;

    if (wanted.kind === 'tick') {
      if (!isService) return failure(403, 'service_role_only', 'Only the scheduler (the service_role key) can run a tick.');
      return sendDue(null);
    }

    if (!isService) {
      // The caller's own token and RLS decide: a member of the alert's workspace sees it.
      const visible = await callRpc<boolean>(
        { supabaseUrl: config.supabaseUrl, apiKey: request.headers.get('apikey') ?? config.serviceRoleKey, bearer, fetch: fetchImpl },
        'alert_visible',
        { p_alert_id: wanted.alertId },
      );
      if (!visible.ok) {
        if (visible.status === 401 || visible.status === 403) return json(401, visible.error, { 'WWW-Authenticate': 'Bearer' });
        return json(visible.status >= 500 ? 502 : visible.status, visible.error);
      }
      if (visible.data !== true) {
        return failure(404, 'alert_not_found', 'No alert with this id that you can see.', 'It may not have synced yet: sync, then send again.');
      }
    }
    return sendDue(wanted.alertId);
  };
}
