/**
 * The log entry for each upload of an export to Nextcloud (Step 7's controlled storage;
 * Step 8 records it): which file, its size and SHA-256 (to match it with the export's
 * manifest later), and where it went, or why it did not. Failures are logged too.
 */
import type { LogEntry } from '../domain/log-entry';
import { fitLogField } from '../domain/log-field-fit';
import type { WorkspaceSettings } from '../domain/workspace';
import { logNote, type LogNote } from './incident-actions';
import type { MusterDatabase } from './open-database';

export interface UploadedFile {
  name: string;
  size: number;
  /** Hex SHA-256 of the bytes sent. */
  sha256: string;
}

export interface EvidenceUploadRecord {
  connector: { name: string };
  file: UploadedFile;
  outcome: { status: 'sent'; remoteId: string | null; remoteLabel: string | null; remoteUrl: string | null } | { status: 'failed'; message: string };
}

/** "34 KB", "3.2 MB": a file's size as the export screen and the log say it. */
export function fileSizeText(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Enough of the hash to tell files apart by eye; the export's manifest has it whole. */
export function shortHash(sha256: string): string {
  return sha256.slice(0, 16);
}

/** The summary already says "Not uploaded"; the backend's own text starts "Not uploaded to <connector>: …". */
function withoutPrefix(message: string, connectorName: string): string {
  for (const prefix of [`Not uploaded to ${connectorName}: `, 'Not uploaded: ']) if (message.startsWith(prefix)) return message.slice(prefix.length);
  return message;
}

export function evidenceUploadNote(record: EvidenceUploadRecord): LogNote {
  const { file, outcome } = record;
  const described = `${file.name} (${fileSizeText(file.size)}, SHA-256 ${shortHash(file.sha256)})`;
  if (outcome.status === 'failed')
    return {
      type: 'internal_update',
      contacted: record.connector.name,
      method: 'Nextcloud',
      summary: fitLogField('message_summary', `Not uploaded to Nextcloud: ${described}`),
      response: fitLogField('response_received', `Failed: ${withoutPrefix(outcome.message, record.connector.name)}`),
    };
  // Nextcloud never overwrites: a name already taken is stored as "<name> (2)".
  const renamed = outcome.remoteLabel && outcome.remoteLabel !== file.name ? ` as "${outcome.remoteLabel}"` : '';
  const where = outcome.remoteUrl ?? (outcome.remoteId ? `Stored as ${outcome.remoteId}` : 'Stored.');
  return {
    type: 'internal_update',
    contacted: record.connector.name,
    method: 'Nextcloud',
    summary: fitLogField('message_summary', `Uploaded ${described} to Nextcloud${renamed}`),
    response: fitLogField('response_received', where),
    evidence: outcome.remoteUrl ? fitLogField('evidence_location', outcome.remoteUrl) : '',
  };
}

export function logEvidenceUpload(db: MusterDatabase, settings: WorkspaceSettings, incidentId: string, record: EvidenceUploadRecord): Promise<LogEntry> {
  return logNote(db, settings, incidentId, evidenceUploadNote(record));
}

/**
 * The folder a stored file is in, as the Files app shows it ("/Muster/INC-2026-004"): from
 * its path, else from the folder link's dir parameter; null when neither says.
 */
export function storedFolder(remoteId: string | null, remoteUrl: string | null): string | null {
  if (remoteId?.startsWith('/') && remoteId.lastIndexOf('/') > 0) return remoteId.slice(0, remoteId.lastIndexOf('/'));
  if (!remoteUrl) return null;
  try {
    return new URL(remoteUrl).searchParams.get('dir') || null;
  } catch {
    return null;
  }
}
