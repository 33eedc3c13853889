/**
 * The communication log as a PDF for the export (Step 8: "support later review, insurance
 * claims, legal review"): every entry in seq order with all 13 fields of the playbook's
 * template, who recorded it and when, the correction links and the hashes, so the printout
 * can be checked against log.json line by line.
 */
import { COMMUNICATION_TYPE_LABELS, isCommunicationType } from '../../domain/communication-types';
import type { Incident } from '../../domain/incident';
import { LOG_FIELDS, type LogEntry } from '../../domain/log-entry';
import type { PagePaper } from './paper';
import { PdfTextWriter } from './text-writer';

export interface LogPdfInput {
  workspaceName: string;
  incident: Incident;
  entries: LogEntry[];
  generatedAt: string;
  generatedBy: string;
  paper: PagePaper;
}

/** Entries drawn between two turns given back to the browser. */
const CHUNK = 100;

function typeText(value: string): string {
  return isCommunicationType(value) ? `${COMMUNICATION_TYPE_LABELS[value]} (${value})` : value;
}

function seqRef(id: string, seqById: ReadonlyMap<string, number>): string {
  const seq = seqById.get(id);
  return seq === undefined ? `${id} (not in this export)` : `#${seq} (${id})`;
}

export async function renderLogPdf(input: LogPdfInput): Promise<Uint8Array> {
  const { incident } = input;
  const entries = [...input.entries].sort((a, b) => a.local_seq - b.local_seq);
  const seqById = new Map(entries.map((entry) => [entry.id, entry.local_seq]));
  const correctedBy = new Map<string, number[]>();
  for (const entry of entries) if (entry.corrects !== null) correctedBy.set(entry.corrects, [...(correctedBy.get(entry.corrects) ?? []), entry.local_seq]);

  const writer = await PdfTextWriter.create({
    paper: input.paper,
    title: `${incident.id} communication log`,
    header: `${input.workspaceName} - ${incident.id} communication log`,
    footer: `Generated ${input.generatedAt} by ${input.generatedBy}`,
    author: input.generatedBy,
    createdAt: input.generatedAt,
  });

  writer.heading(`Communication log: ${incident.id} ${incident.title}`, 1);
  writer.field('Workspace', input.workspaceName);
  writer.field('Incident', `${incident.id}: ${incident.title} (${incident.status})`);
  writer.field('Detected', incident.detected_at);
  writer.field('Opened', incident.opened_at);
  writer.field('Communication owner', incident.comm_owner ?? '');
  writer.field('Generated', `${input.generatedAt} by ${input.generatedBy}`);
  const first = entries[0];
  const last = entries.at(-1);
  writer.field('Entries', first && last ? `${entries.length}, #${first.local_seq} to #${last.local_seq}` : '0');
  writer.field('Chain head hash', last?.hash ?? '', { mono: true });
  writer.paragraph(
    'Times are UTC (ISO 8601), as recorded. content_hash covers the entry\'s fields, ids, author and device time; hash links it to the previous entry (prev_hash). ' +
      'A correction is a later entry naming the one it corrects; the original stays as written. Characters the PDF fonts cannot show print as "?": log.json holds the exact text.',
    { scale: 0.9 },
  );
  writer.rule();

  for (const [index, entry] of entries.entries()) {
    if (index > 0 && index % CHUNK === 0) await writer.breathe();
    const type = isCommunicationType(entry.communication_type) ? COMMUNICATION_TYPE_LABELS[entry.communication_type] : entry.communication_type;
    writer.heading(`#${entry.local_seq} ${type}, ${entry.occurred_at}`, 3);
    for (const spec of LOG_FIELDS) {
      const value = entry[spec.name];
      writer.field(spec.label, spec.name === 'communication_type' ? typeText(String(value)) : value);
    }
    writer.field('Entry id', entry.id, { mono: true });
    writer.field('Recorded by', entry.author);
    writer.field('Recorded on the device at', entry.device_recorded_at);
    if (entry.corrects !== null) writer.field('Corrects', seqRef(entry.corrects, seqById));
    const later = correctedBy.get(entry.id);
    if (later) writer.field('Corrected by', later.map((seq) => `#${seq}`).join(', '));
    writer.field('content_hash', entry.content_hash, { mono: true, scale: 0.9 });
    writer.field('prev_hash', entry.prev_hash, { mono: true, scale: 0.9 });
    writer.field('hash', entry.hash, { mono: true, scale: 0.9 });
    writer.rule();
  }
  if (entries.length === 0) writer.paragraph('No entries in this log.');
  return writer.save();
}
