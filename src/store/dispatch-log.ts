/**
 * The log entry for each post to a chat connector or status page, and for each ticket opened
 * or updated (PLAYBOOK: no double entry): whether it went out or failed, the entry says so,
 * with the tool's own id or link, or the error.
 */
import { CONNECTOR_LABELS, type ConnectorKind, type DispatchSource } from '../domain/connectors';
import type { CommunicationType } from '../domain/communication-types';
import type { LogEntry } from '../domain/log-entry';
import { fitLogField } from '../domain/log-field-fit';
import { webLink } from '../domain/web-link';
import type { WorkspaceSettings } from '../domain/workspace';
import { logNote, type LogNote } from './incident-actions';
import type { MusterDatabase } from './open-database';
import { ticketName, ticketTool, type TicketOutcome } from './tickets';

/** Incident posts only: a "Send test" belongs to no incident and is not logged. */
export type IncidentDispatchSource = Exclude<DispatchSource, 'test'>;

const LOG_TYPE: Record<IncidentDispatchSource, CommunicationType> = {
  leadership_update: 'leadership_update',
  employee_instruction: 'employee_instruction',
  alternate_channel: 'internal_update',
  // Step 8's category for what the public reads.
  statement: 'public_statement',
  // A ticket's own entry says which tool and number; the entry it was opened for keeps its type.
  ticket: 'internal_update',
  evidence: 'internal_update',
};

export interface DispatchRecord {
  source: IncidentDispatchSource;
  connector: { kind: ConnectorKind; name: string };
  text: string;
  outcome: { status: 'sent'; remoteId: string | null; remoteUrl: string | null } | { status: 'failed'; message: string };
}

export function dispatchLogNote(record: DispatchRecord): LogNote {
  const tool = CONNECTOR_LABELS[record.connector.kind];
  const sent = record.outcome.status === 'sent';
  const response =
    record.outcome.status === 'sent'
      ? `Posted${record.outcome.remoteUrl ? `: ${record.outcome.remoteUrl}` : record.outcome.remoteId ? `, message id ${record.outcome.remoteId}` : '.'}`
      : `Failed: ${record.outcome.message.replace(/^Not posted: /, '')}`;
  return {
    type: LOG_TYPE[record.source],
    contacted: record.connector.name,
    method: tool,
    summary: fitLogField('message_summary', `${sent ? 'Posted to' : 'Not posted to'} ${tool} (${record.connector.name}):\n\n${record.text}`),
    response: fitLogField('response_received', response),
  };
}

export function logDispatch(db: MusterDatabase, settings: WorkspaceSettings, incidentId: string, record: DispatchRecord): Promise<LogEntry> {
  return logNote(db, settings, incidentId, dispatchLogNote(record));
}

/** A ticket opened, or an update added to one, and how it went. */
export interface TicketLogRecord {
  action: 'open' | 'update';
  /** The ticket as the phone has it: before opening, without a number. */
  ticket: { kind: string; connector_name: string; remote_label: string | null; remote_url: string | null };
  /** What it is for, as the entry says it: "the incident", "follow-up #12: …". */
  about: string;
  title: string;
  text: string;
  outcome: TicketOutcome;
}

/**
 * Step 8's record of a ticket: whom (the connector), how (the tool), what was shared, what
 * came back (the number and link, or the error), the link as the evidence location, and a
 * warning (sent, but a later step failed) as the follow-up it asks for.
 */
export function ticketLogNote(record: TicketLogRecord): LogNote {
  const sent = record.outcome.status === 'sent' ? record.outcome : null;
  const ticket = sent && record.action === 'open' ? { ...record.ticket, remote_label: sent.remoteLabel, remote_url: sent.remoteUrl } : record.ticket;
  const name = ticketName(ticket);
  const via = `${name} (${record.ticket.connector_name})`;
  const link = webLink(ticket.remote_url) ?? '';
  const what = record.action === 'open' ? `${record.title}\n\n${record.text}` : record.text;
  const heading =
    record.action === 'open'
      ? `${sent ? 'Opened' : 'Not opened:'} ${via} for ${record.about}`
      : `${sent ? 'Added an update to' : 'Update not added to'} ${via} for ${record.about}`;
  const warning = sent?.warning ? `\nWarning: ${sent.warning}` : '';
  const response =
    record.outcome.status === 'sent'
      ? `${record.action === 'open' ? 'Opened' : 'Added'} ${name}${link ? `: ${link}` : '.'}${warning}`
      : `Failed: ${record.outcome.message.replace(/^Not sent: /, '')}`;
  return {
    type: LOG_TYPE.ticket,
    contacted: fitLogField('contacted', record.ticket.connector_name),
    method: ticketTool(record.ticket),
    summary: fitLogField('message_summary', `${heading}:\n\n${what}`),
    response: fitLogField('response_received', response),
    evidence: sent ? fitLogField('evidence_location', link) : '',
    followUp: sent?.warning ? fitLogField('follow_up_required', sent.warning) : '',
  };
}

export function logTicket(db: MusterDatabase, settings: WorkspaceSettings, incidentId: string, record: TicketLogRecord): Promise<LogEntry> {
  return logNote(db, settings, incidentId, ticketLogNote(record));
}
