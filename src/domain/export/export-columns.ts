import type { LogEntry } from '../log-entry';

/**
 * Every field of a stored log entry, in the order log.csv and log.json write them: place in
 * the chain, ids, the template's 13 fields (PLAYBOOK "Communication Log Template"), who
 * recorded it and when, the correction link, and the hash chain. The CSV header row is
 * these names, so a CSV row and a JSON entry compare key by key.
 */
export const ENTRY_KEYS = [
  'local_seq',
  'id',
  'workspace_id',
  'incident_id',
  'occurred_at',
  'communication_type',
  'contacted',
  'contact_method',
  'message_summary',
  'decision_made',
  'action_requested',
  'owner',
  'deadline',
  'response_received',
  'follow_up_required',
  'evidence_location',
  'author',
  'device_recorded_at',
  'corrects',
  'follow_up',
  'content_hash',
  'prev_hash',
  'hash',
] as const satisfies readonly (keyof LogEntry)[];

export type EntryKey = (typeof ENTRY_KEYS)[number];

/** The entry with its keys in ENTRY_KEYS order (JSON.stringify keeps insertion order). */
export function orderedEntry(entry: LogEntry): LogEntry {
  return Object.fromEntries(ENTRY_KEYS.map((key) => [key, entry[key]])) as unknown as LogEntry;
}

/** Decisions are log entries of type Decision (src/domain/decision-record.ts). */
export function isDecision(entry: Pick<LogEntry, 'communication_type'>): boolean {
  return entry.communication_type === 'decision';
}
