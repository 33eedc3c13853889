import * as v from 'valibot';
import type { LogEntry } from '../log-entry';
import { orderedEntry } from './export-columns';
import { ExportHeaderSchema, orderedHeader, type ExportHeader } from './export-manifest';

/**
 * log.json: `{"export": <header>, "entries": [...]}` with one entry per line, in local_seq
 * order, every field including the hash chain (content_hash, prev_hash, hash, local_seq),
 * corrects, author and device time. Written in pieces so a long log never becomes one
 * giant string build on the main thread.
 */
export function logJsonStart(header: ExportHeader): string {
  return `{\n"export": ${JSON.stringify(orderedHeader(header))},\n"entries": [`;
}

export function logJsonEntries(entries: readonly LogEntry[], first: boolean): string {
  return entries.map((entry, index) => `${first && index === 0 ? '' : ','}\n${JSON.stringify(orderedEntry(entry))}`).join('');
}

export const LOG_JSON_END = '\n]\n}\n';

const text = v.string();
const hex64 = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/));

export const ExportedEntrySchema = v.strictObject({
  local_seq: v.pipe(v.number(), v.integer(), v.minValue(1)),
  id: text,
  workspace_id: text,
  incident_id: text,
  occurred_at: text,
  communication_type: text,
  contacted: text,
  contact_method: text,
  message_summary: text,
  decision_made: text,
  action_requested: text,
  owner: text,
  deadline: v.nullable(text),
  response_received: text,
  follow_up_required: text,
  evidence_location: text,
  author: text,
  device_recorded_at: text,
  corrects: v.nullable(text),
  follow_up: v.picklist([0, 1]),
  content_hash: hex64,
  prev_hash: hex64,
  hash: hex64,
});

const LogJsonSchema = v.strictObject({ export: ExportHeaderSchema, entries: v.array(v.unknown()) });

export type ParsedLogJson =
  | { ok: true; header: ExportHeader; entries: LogEntry[] }
  | { ok: false; entryIndex: number | null; message: string };

/** Parses and checks log.json's shape; an unreadable entry is named by its position (1-based). */
export function parseLogJson(textContent: string): ParsedLogJson {
  let raw: unknown;
  try {
    raw = JSON.parse(textContent);
  } catch (error) {
    return { ok: false, entryIndex: null, message: `is not valid JSON (${(error as Error).message})` };
  }
  const outer = v.safeParse(LogJsonSchema, raw);
  if (!outer.success) return { ok: false, entryIndex: null, message: `does not have the export's layout (${v.summarize(outer.issues).split('\n')[0]})` };
  const entries: LogEntry[] = [];
  for (const [index, item] of outer.output.entries.entries()) {
    const entry = v.safeParse(ExportedEntrySchema, item);
    if (!entry.success)
      return { ok: false, entryIndex: index + 1, message: `row ${index + 1} is not a complete log entry (${v.summarize(entry.issues).split('\n')[0]})` };
    entries.push(entry.output as LogEntry);
  }
  return { ok: true, header: outer.output.export as ExportHeader, entries };
}
