/**
 * The dispatch Edge Function as a plain `(Request) => Promise<Response>`. It sends one thing
 * through one of the workspace's connectors:
 *   - chat (Mattermost, Rocket.Chat, Zulip): an approved leadership update, employee
 *     instructions, an alternate-channel notice, or a test message;
 *   - status page (Cachet 2.x, 3.x): an approved external statement (source 'statement', with
 *     its title) as a new incident, or, with update_of, as an update to the incident it made;
 *   - tickets and cases (Zammad, osTicket, GLPI, Jira SM, TheHive; source 'ticket'): opens a
 *     ticket for the incident or one log entry (subject), or with ticket.remote_id adds an
 *     update to it; TheHive also gets the tasks and the attachment. 'test' checks the connection.
 * Any other pairing is refused with 400 source_not_for_connector. Evidence storage (Nextcloud)
 * takes files through the evidence-upload function instead.
 *
 *   POST {dispatch_id, connector_id, incident_id, source, text, title?, subject?,
 *         update_of? | ticket?: {remote_id}, tasks?: string[], attachment?: {name, content_type, text}}
 *        apikey + Authorization: Bearer <the user's access token>
 *
 *   200 {dispatch_id, status: 'sent', remote_id, remote_label, remote_url, attempts, warning}
 *   400 bad_request        the body is not as above, or the text is over 4,000 characters
 *   400 source_not_for_connector  e.g. a statement to chat, or an internal text to a status page
 *   400 not_supported      the tool cannot do it (osTicket's API cannot update a ticket)
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
import { bearerOf, CORS_HEADERS, failure, json, openConnectorCall, recordConnectorCall, type StoredDispatch, UUID } from '../_shared/connector-call.ts';
import { type ConnectorKind, type ConnectorTarget, isStatusPage, KIND_LABELS, type ZulipConfig } from './chat-request.ts';
import { sendTicket, type TicketOutcome } from './send-ticket.ts';
import { type DispatchOutcome, sendWithRetries } from './send-with-retries.ts';
import { type CachetConfig, DEFAULT_CACHET_STATUS, MAX_CACHET_NAME } from './status-page-request.ts';
import { isTicketKind, TICKET_LABELS, ticketTargetOf, type TicketAttachment, type TicketKind } from './ticket-request.ts';

export interface DispatchConfig {
  supabaseUrl: string;
  /** Never leaves the server: the function reads connector secrets with it. */
  serviceRoleKey: string;
  fetch?: typeof fetch;
  /** Waits between retries; tests pass one that records instead of waiting. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export const SOURCES = ['leadership_update', 'employee_instruction', 'alternate_channel', 'statement', 'ticket', 'test'] as const;
export type DispatchSource = (typeof SOURCES)[number];
export const MAX_TEXT_LENGTH = 4000;
export const MAX_TASKS = 20;
export const MAX_TASK_LENGTH = 200;
export const MAX_ATTACHMENT_LENGTH = 1_000_000;
const MAX_REMOTE_ID_LENGTH = 200;
const TICKET_SUBJECT = /^(incident|entry:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const STATEMENT_SUBJECT = /^statement:[A-Za-z0-9_-]{1,60}:v[0-9]{1,6}$/;
const FILE_NAME = /^[^/\\\x00-\x1f]{1,100}$/;

interface DispatchRequest {
  dispatchId: string;
  connectorId: string;
  incidentId: string | null;
  source: DispatchSource;
  /** A statement's title: the status page incident's name; a ticket's subject line. */
  title: string | null;
  text: string;
  /** Tickets: what the ticket is for ('incident' or 'entry:<log entry id>'). */
  subject: string | null;
  /** A ticket to add an update to, or a status page incident to post an update on. */
  updateOf: string | null;
  tasks: string[];
  attachment: TicketAttachment | null;
}

/** The connector as the function reads it, kinds narrowed to the ones dispatch knows. */
interface Start {
  kind: ConnectorKind | TicketKind | 'nextcloud';
  name: string;
  config: Record<string, unknown>;
  secret: Record<string, unknown> | null;
}

const BODY_HINT = 'Send {"dispatch_id": "<uuid>", "connector_id": "<uuid>", "incident_id": "<id or null>", "source": "leadership_update", "text": "..."}.';

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
  const ticket = parseTicketFields(record);
  if (typeof ticket === 'string') return ticket;
  return {
    dispatchId: record.dispatch_id.toLowerCase(),
    connectorId: record.connector_id.toLowerCase(),
    incidentId: incident,
    source: record.source as DispatchSource,
    title: title === null ? null : title.trim(),
    text: record.text,
    ...ticket,
  };
}

/** subject, update_of, tasks and attachment: tickets use all four, a statement update only update_of. */
function parseTicketFields(record: Record<string, unknown>): Pick<DispatchRequest, 'subject' | 'updateOf' | 'tasks' | 'attachment'> | string {
  const isTicket = record.source === 'ticket';
  const subject = record.subject ?? null;
  if (isTicket) {
    if (record.incident_id === null || record.incident_id === undefined) return 'A ticket belongs to an incident: send its incident_id.';
    if (typeof record.title !== 'string') return 'A ticket needs a title: the tool shows it as the ticket\'s subject.';
    if (typeof subject !== 'string' || !TICKET_SUBJECT.test(subject)) return 'subject must be "incident" or "entry:<the log entry\'s id>".';
  } else if (record.source === 'statement') {
    if (subject !== null && (typeof subject !== 'string' || !STATEMENT_SUBJECT.test(subject))) return 'A statement\'s subject must be "statement:<the statement\'s id>:v<its version>".';
  } else if (subject !== null) return 'subject is for tickets and statements only.';

  let updateOf: string | null = null;
  const update = record.ticket ?? record.update_of ?? null;
  if (update !== null) {
    const remoteId = typeof update === 'object' && !Array.isArray(update) ? (update as Record<string, unknown>).remote_id : update;
    if ((typeof remoteId !== 'string' && typeof remoteId !== 'number') || String(remoteId).trim() === '' || String(remoteId).length > MAX_REMOTE_ID_LENGTH) {
      return isTicket ? 'ticket.remote_id must be the id the tool gave the ticket.' : 'update_of must be the id the status page gave the incident.';
    }
    if (!isTicket && record.source !== 'statement') return 'Only tickets and statements can be updated.';
    updateOf = String(remoteId).trim();
  }

  const tasks = record.tasks ?? [];
  if (!Array.isArray(tasks) || tasks.length > MAX_TASKS || tasks.some((task) => typeof task !== 'string' || task.trim() === '' || task.length > MAX_TASK_LENGTH)) {
    return `tasks must be a list of at most ${MAX_TASKS} texts of 1 to ${MAX_TASK_LENGTH} characters.`;
  }
  if (!isTicket && tasks.length > 0) return 'tasks are for tickets only.';

  const given = record.attachment ?? null;
  let attachment: TicketAttachment | null = null;
  if (given !== null) {
    if (!isTicket) return 'attachment is for tickets only.';
    const file = typeof given === 'object' && !Array.isArray(given) ? (given as Record<string, unknown>) : {};
    if (typeof file.name !== 'string' || !FILE_NAME.test(file.name) || file.name.startsWith('.')) return 'attachment.name must be a file name of 1 to 100 characters, without slashes.';
    if (typeof file.text !== 'string' || file.text.length > MAX_ATTACHMENT_LENGTH) return `attachment.text must be the file's text, at most ${MAX_ATTACHMENT_LENGTH} characters.`;
    const contentType = typeof file.content_type === 'string' && /^[\w.+-]+\/[\w.+-]+$/.test(file.content_type) ? file.content_type : 'text/plain';
    attachment = { name: file.name, contentType, text: file.text };
  }
  return { subject: typeof subject === 'string' ? subject : null, updateOf, tasks: (tasks as string[]).map((task) => task.trim()), attachment };
}

function targetOf(start: Start & { kind: ConnectorKind }): ConnectorTarget | null {
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
    return json(200, {
      dispatch_id: stored.id,
      status: 'sent',
      remote_id: stored.remote_id,
      remote_label: stored.remote_label ?? null,
      remote_url: stored.remote_url,
      attempts: stored.attempts,
      warning: stored.warning ?? null,
    });
  }
  return json(502, {
    code: 'dispatch_failed',
    message: `Not posted to ${connectorName}: ${stored.error ?? 'the tool did not accept it'}`,
    details: { attempts: stored.attempts, last_status: stored.last_status },
    hint: 'Nothing was dropped: the log shows this failure. Fix the connector and send again, or post by hand.',
  });
}

/** A chat post, status page incident or ticket as sent: tickets add their number and a warning. */
type Outcome = TicketOutcome | DispatchOutcome;

/**
 * Which texts go where (Steps 2, 3, 6, 7 and issue 7): chat gets internal texts, a status page
 * only approved public statements, a ticket tool tickets; "Send test" is for chat and ticket
 * tools (a test on a public page would be published). Evidence storage takes files, through
 * the evidence-upload function.
 */
function sourceRefusal(kind: Start['kind'], source: DispatchSource, name: string): Response | null {
  const refuse = (message: string, hint: string) => failure(400, 'source_not_for_connector', message, hint);
  if (kind === 'nextcloud') return refuse(`${name} is evidence storage: it takes files, not texts.`, 'Upload an export from the export screen.');
  if (isTicketKind(kind)) {
    if (source === 'ticket' || source === 'test') return null;
    return refuse(`${name} is a ${TICKET_LABELS[kind]} connector: it opens and updates tickets, it does not post messages.`, 'Open a ticket from the incident, a vendor request or a follow-up.');
  }
  if (source === 'ticket') return refuse(`${name} does not take tickets.`, 'Pick a ticket or case connector.');
  if (isStatusPage(kind) !== (source === 'statement')) {
    return isStatusPage(kind)
      ? refuse(`${name} is a public status page: only an approved external statement is published there.`, 'Publish an approved website or public statement from its statement screen.')
      : refuse(`${name} is a chat connector: it gets internal texts, never an external statement.`, 'Publish the statement on the status page, or send it as approved.');
  }
  return null;
}

export function createDispatchHandler(config: DispatchConfig): (request: Request) => Promise<Response> {
  const fetchImpl = config.fetch ?? fetch;
  const sleep = config.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = config.now ?? (() => Date.now());

  return async function handleDispatch(request: Request): Promise<Response> {
    if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: CORS_HEADERS });
    if (request.method !== 'POST') return failure(405, 'method_not_allowed', `dispatch answers POST, not ${request.method}.`);

    const bearer = bearerOf(request);
    if (bearer === null || bearer === config.serviceRoleKey) {
      return failure(401, 'no_authorization', 'Sign in first: the request has no user token.');
    }
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      return failure(400, 'bad_request', 'The request body is not JSON.', BODY_HINT);
    }
    const wanted = parseBody(body);
    if (typeof wanted === 'string') return failure(400, 'bad_request', wanted, BODY_HINT);

    const call = await openConnectorCall({
      supabaseUrl: config.supabaseUrl,
      serviceRoleKey: config.serviceRoleKey,
      fetch: fetchImpl,
      fn: 'dispatch',
      request,
      bearer,
      id: wanted.dispatchId,
      connectorId: wanted.connectorId,
      incidentId: wanted.incidentId,
      doing: 'post, publish or open tickets',
      idName: 'dispatch_id',
      replay: answerFor,
    });
    if (call instanceof Response) return call;
    const start = call.start as Start;
    const refused = sourceRefusal(start.kind, wanted.source, start.name);
    if (refused) return refused;
    if (call.paused && !isTicketKind(start.kind) && start.kind !== 'nextcloud') {
      return failure(
        409,
        'connector_paused',
        `${KIND_LABELS[start.kind]} is paused for this incident: chat is marked compromised, so nothing was sent.`,
        'Use the alternate channel; mark chat safe again once it is, and the connector resumes.',
      );
    }

    const options = { fetch: fetchImpl, sleep, now };
    let outcome: Outcome;
    if (isTicketKind(start.kind)) {
      const target = ticketTargetOf(start.kind, start.config, start.secret);
      if (target === null) {
        return failure(409, 'connector_not_set_up', `${start.name} has no site address or API key yet.`, 'An owner can add it in Settings › Integrations.');
      }
      const post = {
        incidentId: wanted.incidentId,
        title: wanted.title ?? wanted.text.split('\n')[0]!.slice(0, 80),
        text: wanted.text,
        tasks: wanted.tasks,
        attachment: wanted.attachment,
        updateOf: wanted.updateOf,
        probe: wanted.source === 'test',
      };
      const sent = await sendTicket(target, post, options);
      if (sent.status === 'not_supported') return failure(400, 'not_supported', sent.message, sent.hint);
      outcome = sent;
    } else {
      const target = targetOf(start as Start & { kind: ConnectorKind });
      if (target === null) {
        return failure(409, 'connector_not_set_up', `${start.name} has no webhook URL or API key yet.`, 'An owner can add it in Settings › Integrations.');
      }
      outcome = await sendWithRetries(target, { incidentId: wanted.incidentId, title: wanted.title, text: wanted.text, updateOf: wanted.updateOf }, options);
    }
    const sent = outcome.status === 'sent' ? { remoteLabel: null, warning: null, ...outcome } : null;
    const stored = await recordConnectorCall(
      { supabaseUrl: config.supabaseUrl, serviceRoleKey: config.serviceRoleKey, fetch: fetchImpl, fn: 'dispatch' },
      {
        id: wanted.dispatchId,
        connectorId: wanted.connectorId,
        incidentId: wanted.incidentId,
        source: wanted.source,
        subject: wanted.subject,
        status: outcome.status,
        remoteId: sent?.remoteId ?? null,
        remoteLabel: sent?.remoteLabel ?? null,
        remoteUrl: sent?.remoteUrl ?? null,
        warning: sent?.warning ?? null,
        attempts: outcome.attempts,
        lastStatus: outcome.lastStatus,
        error: outcome.status === 'failed' ? outcome.error : null,
        createdBy: call.userId,
      },
    );
    return answerFor(stored, start.name);
  };
}
