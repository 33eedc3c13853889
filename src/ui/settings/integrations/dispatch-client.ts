/**
 * Posts a text through a chat connector, or opens or updates a ticket (source 'ticket'): the
 * backend's `dispatch` function does the sending (the connector's secret never reaches the
 * phone), called as the signed-in user through the app's session (supabase-js
 * `functions.invoke`).
 */
import * as v from 'valibot';
import type { DispatchSource } from '../../../domain/connectors';
import type { TicketDispatch, TicketOutcome } from '../../../store/tickets';
import { type MusterApp, signedInToBackend } from '../../app/muster-app';

export interface DispatchRequest {
  /** Made once per post: sending the same id again returns the stored outcome and posts nothing. */
  dispatchId: string;
  connectorId: string;
  incidentId: string | null;
  source: DispatchSource;
  /** A statement's title: a status page shows it as the incident's name. */
  title?: string | undefined;
  text: string;
  /** A statement: 'statement:<its id>', so its next version can update the same status page incident. */
  subject?: string | undefined;
  /** The status page incident a statement was published as: the post becomes an update to it. */
  updateOf?: string | undefined;
}

export type DispatchOutcome =
  /** remoteLabel and warning: only when the backend gave them (tickets: the number people read; sent, but a later step failed). */
  | { status: 'sent'; remoteId: string | null; remoteUrl: string | null; attempts: number; remoteLabel?: string; warning?: string }
  /** `answered`: the backend gave a verdict; false when it was not reached (try again with the same id). */
  | { status: 'failed'; message: string; answered: boolean };

const sentSchema = v.object({
  status: v.literal('sent'),
  remote_id: v.optional(v.nullable(v.union([v.string(), v.number()]))),
  remote_url: v.optional(v.nullable(v.string())),
  remote_label: v.optional(v.nullable(v.union([v.string(), v.number()]))),
  warning: v.optional(v.nullable(v.string())),
  attempts: v.optional(v.number()),
});
const errorSchema = v.object({ code: v.optional(v.string()), message: v.optional(v.string()) });

function refusal(status: number, body: unknown): string {
  const error = v.safeParse(errorSchema, body);
  const code = error.success ? error.output.code : undefined;
  const said = error.success && error.output.message ? error.output.message : `the backend answered ${status}`;
  if (code === 'source_not_for_connector') return `Not posted: ${said}`;
  if (code === 'connector_paused') return 'Not posted: chat is marked compromised for this incident, so the connector is paused.';
  if (status === 401) return 'Not posted: sign in to the Muster backend again (Settings › Sync).';
  if (status === 403) return 'Not posted: your role in this workspace may not post to chat. Ask an owner.';
  if (code === 'connector_not_found') return 'Not posted: this connector no longer exists. Reload Settings › Integrations.';
  if (status === 404) return 'Not posted: this Muster backend cannot post to chat (its dispatch function is not running). Tell whoever runs it.';
  // The backend's own messages already say "Not posted to <connector>: …" and what to check.
  if (/^not posted/i.test(said)) return said;
  return code === 'dispatch_failed' ? `Not posted: ${said}` : `Not posted: ${said}.`;
}

/** The function's answer (HTTP status and JSON body) as an outcome; never trusts the body's shape. */
export function dispatchOutcome(status: number, body: unknown): DispatchOutcome {
  // 502 is the function's verdict after its retries; other 5xx mean it was not reached.
  if (status < 200 || status > 299) return { status: 'failed', message: refusal(status, body), answered: status < 500 || status === 502 };
  const sent = v.safeParse(sentSchema, body);
  if (!sent.success) return { status: 'failed', message: 'The backend answered in a form this app cannot read: check the chat before posting again.', answered: true };
  const { remote_id: remoteId, remote_label: remoteLabel, warning } = sent.output;
  return {
    status: 'sent',
    remoteId: remoteId === null || remoteId === undefined ? null : String(remoteId),
    remoteUrl: sent.output.remote_url ?? null,
    attempts: sent.output.attempts ?? 1,
    ...(remoteLabel === null || remoteLabel === undefined ? {} : { remoteLabel: String(remoteLabel) }),
    ...(warning ? { warning } : {}),
  };
}

/** The function's HTTP answer, or null when none came (offline, unreachable). */
async function invokeDispatch(app: MusterApp, body: Record<string, unknown>): Promise<{ status: number; body: unknown } | null> {
  try {
    const session = await app.sync.session();
    return await session.invoke('dispatch', body);
  } catch {
    return null;
  }
}

export async function dispatchToConnector(app: MusterApp, request: DispatchRequest): Promise<DispatchOutcome> {
  if (!signedInToBackend(app.settings())) return { status: 'failed', message: 'Not posted: sign in to the Muster backend first (Settings › Sync).', answered: true };
  const answer = await invokeDispatch(app, {
    dispatch_id: request.dispatchId,
    connector_id: request.connectorId,
    incident_id: request.incidentId,
    source: request.source,
    ...(request.title === undefined ? {} : { title: request.title }),
    ...(request.subject === undefined ? {} : { subject: request.subject }),
    ...(request.updateOf === undefined ? {} : { update_of: request.updateOf }),
    text: request.text,
  });
  if (answer === null) return { status: 'failed', message: 'Not posted: no answer from the Muster backend (offline or unreachable). Try again.', answered: false };
  return dispatchOutcome(answer.status, answer.body);
}

// ---------------------------------------------------------------- tickets

function ticketRefusal(status: number, body: unknown): string {
  const error = v.safeParse(errorSchema, body);
  const code = error.success ? error.output.code : undefined;
  const said = error.success && error.output.message ? error.output.message.replace(/\.$/, '') : `the backend answered ${status}`;
  if (code === 'source_not_for_connector' || code === 'not_supported') return `Not sent: ${said}.`;
  if (status === 401) return 'Not sent: sign in to the Muster backend again (Settings › Sync).';
  if (status === 403) return 'Not sent: your role in this workspace may not open tickets. Ask an owner.';
  if (code === 'connector_not_found') return 'Not sent: this connector no longer exists. Ask an owner to check Settings › Integrations.';
  if (status === 404) return 'Not sent: this Muster backend cannot open tickets (its dispatch function is not running). Tell whoever runs it.';
  // After its retries the function says what the tool answered ("Not posted to Helpdesk: …").
  return `Not sent: ${said.replace(/^not (posted|sent|opened)( to [^:]+)?: /i, '')}.`;
}

/** The function's answer to a ticket request as an outcome; never trusts the body's shape. */
export function ticketOutcome(status: number, body: unknown): TicketOutcome {
  if (status < 200 || status > 299) {
    const error = v.safeParse(errorSchema, body);
    const code = error.success ? error.output.code : undefined;
    // 502 is the function's stored verdict after its retries; other 5xx mean it was not reached.
    const answered = status < 500 || status === 502;
    return { status: 'failed', message: ticketRefusal(status, body), answered, recorded: status === 502 && code === 'dispatch_failed', notSupported: code === 'not_supported' };
  }
  const sent = v.safeParse(sentSchema, body);
  if (!sent.success) {
    return { status: 'failed', message: 'The backend answered in a form this app cannot read: check the ticket tool before trying again.', answered: true, recorded: false, notSupported: false };
  }
  const text = (value: string | number | null | undefined) => (value === null || value === undefined || value === '' ? null : String(value));
  return {
    status: 'sent',
    remoteId: text(sent.output.remote_id),
    remoteLabel: text(sent.output.remote_label),
    remoteUrl: sent.output.remote_url ?? null,
    warning: sent.output.warning || null,
    attempts: sent.output.attempts ?? 1,
  };
}

/** Opens a ticket (or, with `remoteId`, adds an update to one) through the dispatch function. */
export async function dispatchTicket(app: MusterApp, request: TicketDispatch): Promise<TicketOutcome> {
  if (!signedInToBackend(app.settings())) return { status: 'failed', message: 'Not sent: sign in to the Muster backend first (Settings › Sync).', answered: true, recorded: false, notSupported: false };
  const answer = await invokeDispatch(app, {
    dispatch_id: request.dispatchId,
    connector_id: request.connectorId,
    incident_id: request.incidentId,
    source: 'ticket',
    subject: request.subject,
    title: request.title,
    text: request.text,
    ...(request.remoteId === undefined ? {} : { ticket: { remote_id: request.remoteId } }),
    ...(request.tasks && request.tasks.length > 0 ? { tasks: request.tasks } : {}),
    ...(request.attachment ? { attachment: { name: request.attachment.name, content_type: request.attachment.contentType, text: request.attachment.text } } : {}),
  });
  if (answer === null) {
    return { status: 'failed', message: 'Not sent: no answer from the Muster backend (offline or unreachable).', answered: false, recorded: false, notSupported: false };
  }
  return ticketOutcome(answer.status, answer.body);
}
