/**
 * The uptime-kuma Edge Function as a plain `(Request) => Promise<Response>`, so it runs under
 * Deno.serve on Supabase, under the local backend's Deno, and in tests.
 *
 *   POST /functions/v1/uptime-kuma?workspace=<workspace id>&secret=<webhook secret>
 *   POST /functions/v1/uptime-kuma/<workspace id>/<webhook secret>        (the same, in the path)
 *        Body: Uptime Kuma's webhook notification, JSON or form-data (see notification.ts).
 *
 * 200 {outcome, event_id, alert_id}: outcome is alerted (a monitor went down: a team alert was
 * raised, the send-alert tick delivers it), still_down (already alerted for this episode),
 * recorded (up, pending, maintenance), notice, test, or duplicate (this very notification was
 * stored before). 401 for a missing or wrong secret (nothing stored), 400 for a body that is not
 * a notification, 413 for one over 256 KB. Errors are {code, message, details, hint}.
 * The secret is never logged and never answered: only rotate_monitor_webhook_secret shows it.
 */
import { type ApiError, type RpcTarget, callRpc } from '../_shared/postgrest.ts';
import { readNotification } from './notification.ts';

export interface UptimeKumaConfig {
  supabaseUrl: string;
  /** Never leaves the server: the function checks secrets and stores events with it. */
  serviceRoleKey: string;
  fetch?: typeof fetch;
}

interface ReceiveAnswer {
  outcome: 'unauthorized' | 'alerted' | 'still_down' | 'recorded' | 'notice' | 'test' | 'duplicate';
  event_id?: string;
  alert_id?: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_BODY_BYTES = 256 * 1024;
const SETUP_HINT = 'Copy the webhook URL again from Muster (Settings, Integrations): making a new secret replaces the old one.';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=utf-8' } });
}

function failure(status: number, code: string, message: string, hint: string | null = null, details: string | null = null): Response {
  const error: ApiError = { code, message, details, hint };
  return json(status, error);
}

/** The workspace and secret from ?workspace=&secret= or from the path's last two segments. */
function credentialsOf(url: URL): { workspaceId: string; secret: string } | null {
  let workspaceId = url.searchParams.get('workspace') ?? '';
  let secret = url.searchParams.get('secret') ?? '';
  const segments = url.pathname.split('/').filter(Boolean);
  const at = segments.lastIndexOf('uptime-kuma');
  if (workspaceId === '' && secret === '' && at >= 0 && segments.length === at + 3) {
    try {
      workspaceId = decodeURIComponent(segments[at + 1]!);
      secret = decodeURIComponent(segments[at + 2]!);
    } catch {
      return null; // a broken %-escape: not a URL Muster made
    }
  }
  if (!UUID.test(workspaceId) || secret === '' || secret.length > 200) return null;
  return { workspaceId: workspaceId.toLowerCase(), secret };
}

type BodyRead = { ok: true; body: unknown } | { ok: false; response: Response };

async function readBody(request: Request): Promise<BodyRead> {
  if (Number(request.headers.get('Content-Length') ?? 0) > MAX_BODY_BYTES) {
    return { ok: false, response: failure(413, 'payload_too_large', 'A notification is at most 256 KB.') };
  }
  const type = (request.headers.get('Content-Type') ?? '').toLowerCase();
  const bad = (message: string) => ({
    ok: false as const,
    response: failure(400, 'bad_request', message, 'In Uptime Kuma choose the Webhook type with "application/json" or "form-data" as the request body.'),
  });
  let text: string;
  if (type.startsWith('multipart/form-data') || type.startsWith('application/x-www-form-urlencoded')) {
    let data: FormDataEntryValue | null;
    try {
      data = (await request.formData()).get('data');
    } catch {
      return bad('The form-data body could not be read.');
    }
    if (typeof data !== 'string') return bad('The form-data body has no "data" field.');
    text = data;
  } else {
    text = await request.text();
  }
  if (text.length > MAX_BODY_BYTES) return { ok: false, response: failure(413, 'payload_too_large', 'A notification is at most 256 KB.') };
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch {
    return bad('The notification is not JSON.');
  }
}

export function createUptimeKumaHandler(config: UptimeKumaConfig): (request: Request) => Promise<Response> {
  const asService: RpcTarget = {
    supabaseUrl: config.supabaseUrl,
    apiKey: config.serviceRoleKey,
    bearer: config.serviceRoleKey,
    fetch: config.fetch ?? fetch,
  };
  const unauthorized = () =>
    failure(401, 'unauthorized', 'This webhook URL has no valid workspace and secret: nothing was stored.', SETUP_HINT);
  const databaseFailed = (what: string, status: number, error: ApiError) => {
    // The workspace and the status say enough; the secret is never written anywhere.
    console.error(`uptime-kuma: ${what} failed (${status} ${error.code})`);
    return json(status >= 500 ? 502 : status, error);
  };

  return async function handleUptimeKuma(request: Request): Promise<Response> {
    if (request.method !== 'POST') {
      return failure(405, 'method_not_allowed', `uptime-kuma answers POST, not ${request.method}.`, 'In Uptime Kuma leave the Webhook method at POST.');
    }
    const credentials = credentialsOf(new URL(request.url));
    if (credentials === null) return unauthorized();

    // The secret first: a stranger learns nothing about what a valid body looks like.
    const known = await callRpc<boolean>(asService, 'monitor_webhook_secret_ok', {
      p_workspace_id: credentials.workspaceId,
      p_secret: credentials.secret,
    });
    if (!known.ok) return databaseFailed('monitor_webhook_secret_ok', known.status, known.error);
    if (known.data !== true) return unauthorized();

    const read = await readBody(request);
    if (!read.ok) return read.response;
    const parsed = readNotification(read.body);
    if (!parsed.ok) {
      return failure(400, 'bad_request', `Not an Uptime Kuma notification: ${parsed.problem}`, 'Send {"heartbeat", "monitor", "msg"} as Uptime Kuma\'s Webhook does.');
    }

    const received = await callRpc<ReceiveAnswer>(asService, 'receive_monitor_event', {
      p_workspace_id: credentials.workspaceId,
      p_secret: credentials.secret,
      p_event: parsed.event,
    });
    if (!received.ok) return databaseFailed('receive_monitor_event', received.status, received.error);
    // The secret was replaced between the two calls.
    if (received.data.outcome === 'unauthorized') return unauthorized();
    if (received.data.outcome === 'alerted') {
      console.log(`uptime-kuma: monitor ${parsed.event.kind === 'test' ? '' : parsed.event.monitor_id} is down in workspace ${credentials.workspaceId}: alert ${received.data.alert_id}`);
    }
    return json(200, { outcome: received.data.outcome, event_id: received.data.event_id ?? null, alert_id: received.data.alert_id ?? null });
  };
}
