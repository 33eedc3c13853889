import type { ContactChannel } from '../contact-methods';
import { CandidateBuilder, type CandidateFields, type ImportCandidate, type ImportOptions, type MalformedRecord } from './candidate';
import type { CsvTable } from './csv-table';
import { cleanLine } from './clean-text';
import { MAX_FIELD_CHARS } from './limits';

/** What a CSV column holds, as the user confirms it in the preview. */
export const IMPORT_FIELDS = [
  'ignore',
  'name',
  'given_name',
  'family_name',
  'organization',
  'role',
  'category',
  'phone',
  'mobile',
  'sms',
  'corporate_email',
  'personal_email',
  'bridge',
  'portal',
  'chat',
  'available_24x7',
  'reference',
  'notes',
] as const;

export type ImportField = (typeof IMPORT_FIELDS)[number];

export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  ignore: 'Do not import',
  name: 'Name',
  given_name: 'First name',
  family_name: 'Last name',
  organization: 'Organization',
  role: 'Role',
  category: 'Category',
  phone: 'Phone',
  mobile: 'Mobile phone',
  sms: 'SMS number',
  corporate_email: 'Work email',
  personal_email: 'Personal email',
  bridge: 'Conference bridge',
  portal: 'Support portal (https)',
  chat: 'Chat link (https)',
  available_24x7: '24/7 marker (yes/no)',
  reference: 'Policy, contract or account number',
  notes: 'Notes',
};

const METHOD_CHANNELS: Partial<Record<ImportField, ContactChannel>> = {
  phone: 'phone',
  mobile: 'phone',
  sms: 'sms',
  corporate_email: 'corporate_email',
  personal_email: 'personal_email',
  bridge: 'bridge',
  portal: 'portal',
  chat: 'chat',
};

// First match wins: "Policy number" is a reference before it is a number, "24/7 hotline" a phone.
const GUESSES: [RegExp, ImportField | 'email'][] = [
  [/policy|contract|account|claim|customer (no|number|id)|reference|ref\b/, 'reference'],
  [/^(first|given|fore) ?name|^first$|vorname|prenom/, 'given_name'],
  [/^(last|family|sur) ?name|^last$|nachname/, 'family_name'],
  [/e ?mail|mail/, 'email'],
  [/mobile|cell|handy/, 'mobile'],
  [/\bsms\b|\btext\b/, 'sms'],
  [/bridge|conference|dial in/, 'bridge'],
  [/portal|ticket|website|\burl\b|support (site|link)/, 'portal'],
  [/\bchat\b|signal|teams|slack|matrix|whatsapp/, 'chat'],
  [/phone|tel|hotline|number|fon/, 'phone'],
  [/^24 ?[x/]? ?7$|24 ?[x/] ?7|around the clock|always reachable|available/, 'available_24x7'],
  [/compan|organi[sz]ation|^org$|firm|vendor|provider|employer|firma/, 'organization'],
  [/name|contact|person/, 'name'],
  [/role|title|position|job|function/, 'role'],
  [/categor|group|kind|type/, 'category'],
  [/note|comment|remark|detail/, 'notes'],
];

const comparable = (header: string) => cleanLine(header).toLowerCase().replace(/[^\p{L}\p{N}/]+/gu, ' ').trim();

function guessField(header: string): ImportField {
  const text = comparable(header);
  const guess = GUESSES.find(([pattern]) => pattern.test(text))?.[1] ?? 'ignore';
  if (guess !== 'email') return guess;
  return /home|private|personal|privat/.test(text) ? 'personal_email' : 'corporate_email';
}

/** One column's meaning: a field and, for methods and references, the label it gets. */
export interface ColumnMapping {
  field: ImportField;
  label: string;
}

/** The preview's first guess for each column, from its header. */
export function guessColumnMapping(header: readonly string[]): ColumnMapping[] {
  return header.map((text) => ({ field: guessField(text), label: cleanLine(text) }));
}

const TRUE_WORDS = /^(y|yes|true|1|x|✓|✔|24 ?[x/] ?7|always|ja|oui|si|sí)$/i;
const AROUND_THE_CLOCK = /24 ?[x/] ?7|24 ?h|around the clock/i;

/**
 * Turns each row into a candidate contact under the user's mapping. A row with a cell over
 * MAX_FIELD_CHARS is refused whole (listed as malformed): part of a contact is worse than none.
 */
export function candidatesFromCsv(table: CsvTable, mapping: readonly ColumnMapping[], options: ImportOptions): { candidates: ImportCandidate[]; malformed: MalformedRecord[] } {
  const candidates: ImportCandidate[] = [];
  const malformed: MalformedRecord[] = [...table.malformed];
  for (const row of table.rows) {
    const oversized = row.cells.findIndex((cell, index) => mapping[index]?.field !== 'ignore' && cell.length > MAX_FIELD_CHARS);
    if (oversized !== -1) {
      const column = cleanLine(table.header[oversized] ?? '') || `column ${oversized + 1}`;
      malformed.push({ line: row.line, reason: `Line ${row.line}: “${column.slice(0, 40)}” holds ${row.cells[oversized]?.length.toLocaleString('en')} characters; at most ${MAX_FIELD_CHARS.toLocaleString('en')} are accepted. The row was not imported.` });
      continue;
    }
    candidates.push(candidateFromRow(row.line, row.cells, mapping, options));
  }
  return { candidates, malformed: malformed.sort((a, b) => a.line - b.line) };
}

function candidateFromRow(line: number, cells: readonly string[], mapping: readonly ColumnMapping[], options: ImportOptions): ImportCandidate {
  const builder = new CandidateBuilder(line, options);
  const fields: CandidateFields = { name: '', organization: '', role: '', notes: [], category: '' };
  const given: string[] = [];
  let allAroundTheClock = false;
  mapping.forEach((column, index) => {
    const cell = cells[index] ?? '';
    const channel = METHOD_CHANNELS[column.field];
    if (channel) {
      const label = column.field === 'mobile' && !/mobile|cell/i.test(column.label) ? 'Mobile' : column.label;
      builder.addMethod(channel, cell, label, AROUND_THE_CLOCK.test(column.label));
      return;
    }
    switch (column.field) {
      case 'name':
        fields.name ||= cell;
        break;
      case 'given_name':
      case 'family_name':
        given[column.field === 'given_name' ? 0 : 1] = cell.trim();
        break;
      case 'organization':
      case 'role':
      case 'category':
        fields[column.field] ||= cell;
        break;
      case 'notes':
        fields.notes.push(cell);
        break;
      case 'reference':
        builder.addReference(column.label, cell);
        break;
      case 'available_24x7':
        allAroundTheClock ||= TRUE_WORDS.test(cell.trim());
        break;
    }
  });
  if (allAroundTheClock) builder.markAll24x7();
  if (fields.name.trim() === '') fields.name = [given[0] ?? '', given[1] ?? ''].join(' ');
  return builder.build(fields);
}
