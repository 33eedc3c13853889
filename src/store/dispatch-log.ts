/**
 * The log entry for each post to a chat connector or status page (PLAYBOOK: no double entry):
 * whether it went out or failed, the entry says so, with the tool's own id or link, or the error.
 */
import { CONNECTOR_LABELS, type ConnectorKind, type DispatchSource } from '../domain/connectors';
import type { CommunicationType } from '../domain/communication-types';
import type { LogEntry } from '../domain/log-entry';
import { fitLogField } from '../domain/log-field-fit';
import type { WorkspaceSettings } from '../domain/workspace';
import { logNote, type LogNote } from './incident-actions';
import type { MusterDatabase } from './open-database';

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
