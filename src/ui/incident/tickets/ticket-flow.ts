/**
 * Opening a ticket, trying again, and adding an update, each logged (Step 8). The send is
 * injected (the dispatch function in the app, a stand-in in tests). Opening writes the
 * 'pending' record before anything is sent, so nothing is lost to a dead network or a
 * closed tab; the log entry follows the outcome.
 */
import type { LogEntry } from '../../../domain/log-entry';
import type { WorkspaceSettings } from '../../../domain/workspace';
import { logTicket } from '../../../store/dispatch-log';
import type { MusterDatabase } from '../../../store/open-database';
import { prepareRetry, settledTicket, settleTicket, startTicket, type TicketConnector, type TicketContent, type TicketDispatch, type TicketOutcome, type TicketRecord } from '../../../store/tickets';

export type SendTicket = (request: TicketDispatch) => Promise<TicketOutcome>;

/** What a ticket is for: the subject it is filed under, and how the log entry names it. */
export interface TicketTarget {
  incidentId: string;
  subject: string;
  /** "the incident", "follow-up #12", "the vendor request to Contoso IT". */
  about: string;
}

export interface TicketResult {
  ticket: TicketRecord;
  outcome: TicketOutcome;
  entry: LogEntry | null;
  /** Set when the outcome or its log entry could not be stored on this phone. */
  logError: string | null;
}

export interface TicketContext {
  db: MusterDatabase;
  settings: WorkspaceSettings;
  send: SendTicket;
  now?: () => Date;
}

async function logged(context: TicketContext, incidentId: string, record: Parameters<typeof logTicket>[3]): Promise<{ entry: LogEntry | null; logError: string | null }> {
  try {
    return { entry: await logTicket(context.db, context.settings, incidentId, record), logError: null };
  } catch (error) {
    return { entry: null, logError: `The log entry was not saved: ${error instanceof Error ? error.message : String(error)}` };
  }
}

async function deliver(context: TicketContext, ticket: TicketRecord, about: string, content: TicketContent): Promise<TicketResult> {
  const outcome = await context.send({ dispatchId: ticket.id, connectorId: ticket.connector_id, incidentId: ticket.incident_id, subject: ticket.subject, ...content });
  const now = context.now?.() ?? new Date();
  let settled = settledTicket(ticket, outcome, now);
  let storeError: string | null = null;
  try {
    settled = await settleTicket(context.db, ticket, outcome, now);
  } catch (error) {
    // Still logged below: the log is the record that counts (Step 8).
    storeError = `This phone could not store the answer: ${error instanceof Error ? error.message : String(error)}`;
  }
  const log = await logged(context, ticket.incident_id, { action: 'open', ticket, about, title: content.title, text: content.text, outcome });
  return { ticket: settled, outcome, entry: log.entry, logError: [storeError, log.logError].filter(Boolean).join(' ') || null };
}

/** Records the ticket as pending, asks for it, stores and logs the outcome. Rejects (nothing sent) when the phone cannot store the pending record. */
export async function openTicket(context: TicketContext, target: TicketTarget, connector: TicketConnector, content: TicketContent): Promise<TicketResult> {
  const ticket = await startTicket(context.db, context.settings.workspace_id, target, connector, context.now?.() ?? new Date());
  return deliver(context, ticket, target.about, content);
}

/**
 * Asks again for a pending or failed ticket: under the same dispatch id unless the backend
 * stored the failure (prepareRetry). Resolves null when there is nothing left to try (it was
 * opened meanwhile, or is gone).
 */
export async function retryTicket(context: TicketContext, ticketId: string, about: string, content: TicketContent): Promise<TicketResult | null> {
  const ticket = await prepareRetry(context.db, ticketId, context.now?.() ?? new Date());
  return ticket ? deliver(context, ticket, about, content) : null;
}

/**
 * Adds `text` to an opened ticket as an update; logged like the opening. `dispatchId`: new
 * for each update, the same again after no answer (the caller keeps it). Nothing is stored
 * but the log entry.
 */
export async function addTicketUpdate(
  context: TicketContext,
  ticket: TicketRecord,
  about: string,
  content: { dispatchId: string; title: string; text: string },
): Promise<Omit<TicketResult, 'ticket'>> {
  const outcome = await context.send({
    dispatchId: content.dispatchId,
    connectorId: ticket.connector_id,
    incidentId: ticket.incident_id,
    subject: ticket.subject,
    title: content.title,
    text: content.text,
    remoteId: ticket.remote_id ?? '',
  });
  const log = await logged(context, ticket.incident_id, { action: 'update', ticket, about, title: content.title, text: content.text, outcome });
  return { outcome, ...log };
}
