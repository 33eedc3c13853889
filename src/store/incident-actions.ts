/**
 * What a responder does in an incident's workflows, each written to the communication log
 * automatically (PLAYBOOK: no double entry). The incident or record changes first, in one
 * strict transaction; then the log entry that says so is appended. Every function rejects
 * with a clear Error (a StoreError when the phone refused the write) and changes nothing
 * when it rejects before the first write.
 */
import type { CommunicationType } from '../domain/communication-types';
import type { Incident } from '../domain/incident';
import type { IncidentRecord, IncidentRecordKind, RecordOfKind } from '../domain/incident-records';
import type { LogEntry } from '../domain/log-entry';
import type { WorkspaceSettings } from '../domain/workspace';
import { appendLogEntry } from './log-repository';
import type { MusterDatabase } from './open-database';
import { storeError } from './store-error';
import { commitStrict, Rollback } from './strict-transaction';

/** The log entry an action writes: the fields that say what happened; the rest stay empty. */
export interface LogNote {
  type: CommunicationType;
  contacted: string;
  summary: string;
  method?: string;
  decision?: string;
  action?: string;
  owner?: string;
  deadline?: string | null;
  response?: string;
  followUp?: string;
  evidence?: string;
  /** When it happened, if not now. */
  occurredAt?: string;
  /** The earlier entry this one completes or supersedes (its follow-up is then closed). */
  corrects?: string | null;
}

/** Appends the entry for an action to the incident's log (author: this phone's user). */
export function logNote(db: MusterDatabase, settings: WorkspaceSettings, incidentId: string, note: LogNote, now = new Date()): Promise<LogEntry> {
  return appendLogEntry(
    db,
    {
      incident_id: incidentId,
      occurred_at: note.occurredAt ?? now.toISOString(),
      communication_type: note.type,
      contacted: note.contacted,
      contact_method: note.method ?? '',
      message_summary: note.summary,
      decision_made: note.decision ?? '',
      action_requested: note.action ?? '',
      owner: note.owner ?? settings.author_name,
      deadline: note.deadline ?? null,
      response_received: note.response ?? '',
      follow_up_required: note.followUp ?? '',
      evidence_location: note.evidence ?? '',
    },
    { workspace_id: settings.workspace_id, author: settings.author_name, corrects: note.corrects ?? null, now },
  );
}

export function getIncident(db: MusterDatabase, workspaceId: string, incidentId: string): Promise<Incident | undefined> {
  return db.get('incidents', [workspaceId, incidentId]);
}

/**
 * Changes an incident (`change` gets the stored one and returns the new one, or null for
 * "nothing to change") and logs `note` (or what `note` returns for the two versions).
 */
export async function updateIncident(
  db: MusterDatabase,
  settings: WorkspaceSettings,
  incidentId: string,
  change: (incident: Incident) => Incident | null,
  note: LogNote | ((before: Incident, after: Incident) => LogNote | null) | null,
  now = new Date(),
): Promise<{ incident: Incident; entry: LogEntry | null }> {
  const outcome = await commitStrict(db, ['incidents'], async (tx) => {
    const before = await tx.objectStore('incidents').get([settings.workspace_id, incidentId]);
    if (!before) throw new Rollback(null);
    const after = change(before);
    if (after === null) return { before, after: before, changed: false };
    await tx.objectStore('incidents').put({ ...after, workspace_id: before.workspace_id, id: before.id });
    return { before, after, changed: true };
  });
  if (!outcome) throw new Error(`Incident ${incidentId} is not on this phone.`);
  const written = typeof note === 'function' ? note(outcome.before, outcome.after) : note;
  const entry = outcome.changed && written ? await logNote(db, settings, incidentId, written, now) : null;
  return { incident: outcome.after, entry };
}

export function listRecords<K extends IncidentRecordKind>(db: MusterDatabase, workspaceId: string, incidentId: string, kind: K): Promise<RecordOfKind<K>[]> {
  return db.getAllFromIndex('records', 'by-incident', [workspaceId, incidentId, kind]) as Promise<RecordOfKind<K>[]>;
}

/** A record whose business is done: a notice sent or ruled out, a request answered. */
function isSettled(record: IncidentRecord): boolean {
  if (record.kind === 'obligation') return record.status !== 'open';
  if (record.kind === 'vendor_request') return record.response_received_at !== null;
  return false;
}

/**
 * Stores a new record (version 1) or the next version of one, then logs `note`. Rejects
 * with StoreError 'conflict' when the stored version is not the one the edit started from
 * (another tab or phone moved on): no silent last-writer-wins.
 *
 * An obligation's or vendor request's log entries form one thread: each new entry about it
 * supersedes the previous one (`corrects`), so the follow-up it opened (its deadline)
 * closes when it is answered, sent or ruled out, and moves when it is rescheduled. The
 * record keeps the id of its latest entry for that.
 */
export async function saveRecord<R extends IncidentRecord>(db: MusterDatabase, settings: WorkspaceSettings, record: R, note: LogNote | null, now = new Date()): Promise<{ record: R; entry: LogEntry | null }> {
  await commitStrict(db, ['records'], async (tx) => {
    const stored = await tx.objectStore('records').get(record.id);
    if ((stored?.version ?? 0) !== record.version - 1) throw storeError('conflict');
    await tx.objectStore('records').put(record);
  });
  if (!note) return { record, entry: null };
  // Statements keep every version in their history; their entries are not a follow-up thread.
  const threaded = record.kind !== 'statement';
  const entry = await logNote(db, settings, record.incident_id, threaded ? { corrects: record.log_entry_id ?? null, ...note } : note, now);
  if (!threaded || isSettled(record)) return { record, entry };
  // Same version: this is the save above, completed with the entry it wrote.
  const withEntry = { ...record, log_entry_id: entry.id };
  await commitStrict(db, ['records'], async (tx) => {
    const stored = await tx.objectStore('records').get(record.id);
    if (stored?.version === record.version) await tx.objectStore('records').put(withEntry);
  });
  return { record: withEntry, entry };
}

/** The next version of a record: version + 1 and a fresh updated_at. */
export function revise<R extends IncidentRecord>(record: R, patch: Partial<R>, now = new Date()): R {
  return { ...record, ...patch, version: record.version + 1, updated_at: now.toISOString() };
}

/**
 * Marks the "Muster backend" channel compromised (or safe again) for an incident, and logs
 * it as a decision. While it is compromised for any open incident the phone does not sync
 * (DESIGN "Safe-channel gate"). Rejects with a StoreError.
 */
export async function markBackendChannel(db: MusterDatabase, settings: WorkspaceSettings, incidentId: string, compromised: boolean, now = new Date()): Promise<Incident> {
  const summary = compromised
    ? 'Muster backend channel marked compromised: this phone stops syncing; entries stay on the phone.'
    : 'Muster backend channel marked safe again: syncing resumes.';
  const { incident } = await updateIncident(
    db,
    settings,
    incidentId,
    (stored) => ({ ...stored, channels: { ...stored.channels, muster_backend: compromised ? 'compromised' : 'safe' } }),
    { type: 'decision', contacted: 'Incident team', method: 'Muster', summary, decision: summary },
    now,
  );
  return incident;
}
