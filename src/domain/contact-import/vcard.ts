import ICAL from 'ical.js';
import { CandidateBuilder, type CandidateFields, type ImportCandidate, type ImportOptions, type MalformedRecord } from './candidate';
import { cleanLine } from './clean-text';
import { matchCategory } from './categories';
import { MAX_FIELD_CHARS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, TOO_BIG } from './limits';

/** jCard: [name, parameters, value type, ...values] (RFC 7095). */
type JCardProperty = [string, Record<string, string | string[]>, string, ...unknown[]];

interface CardText {
  line: number;
  text: string;
}

export type VcardReading = { ok: true; candidates: ImportCandidate[]; malformed: MalformedRecord[] } | { ok: false; reason: string };

/**
 * Cuts a file into its cards, remembering the line each starts on, so one broken card is
 * listed with its line and the others are still read. Lines outside cards are ignored.
 */
function splitCards(text: string): { cards: CardText[]; malformed: MalformedRecord[] } {
  const lines = text.split(/\r\n|\r|\n/);
  const cards: CardText[] = [];
  const malformed: MalformedRecord[] = [];
  let start = -1;
  lines.forEach((content, index) => {
    if (/^BEGIN:VCARD\s*$/i.test(content)) {
      if (start !== -1) malformed.push({ line: start + 1, reason: `Line ${start + 1}: this card has no END:VCARD before the next card begins.` });
      start = index;
    } else if (/^END:VCARD\s*$/i.test(content) && start !== -1) {
      cards.push({ line: start + 1, text: lines.slice(start, index + 1).join('\r\n') });
      start = -1;
    }
  });
  if (start !== -1) malformed.push({ line: start + 1, reason: `Line ${start + 1}: this card has no END:VCARD.` });
  return { cards, malformed };
}

const text = (value: unknown): string => (Array.isArray(value) ? value.map(text).filter((part) => part !== '').join(' ') : typeof value === 'string' ? value : '');
const values = (property: JCardProperty): string => text(property.slice(3));
const types = (property: JCardProperty): string[] => {
  const type = property[1].type;
  return (Array.isArray(type) ? type : type ? type.split(',') : []).map((value) => value.toLowerCase().trim());
};

const TYPE_LABELS: Record<string, string> = { work: 'Work', home: 'Home', cell: 'Mobile', main: 'Main', pager: 'Pager', text: 'Text' };

function methodLabel(kinds: readonly string[]): string {
  return kinds.flatMap((kind) => TYPE_LABELS[kind] ?? []).join(', ');
}

/** A tel: URI (vCard 4.0) as a dial string: "tel:+1-555-0100;ext=22" → "+1-555-0100,22". */
function telValue(value: string): string {
  return value.replace(/^tel:/i, '').replace(/;ext=/i, ',').replace(/;.*$/, '');
}

function candidateFromCard(card: CardText, options: ImportOptions): ImportCandidate | MalformedRecord {
  let parsed: unknown;
  try {
    parsed = ICAL.parse(card.text);
  } catch (error) {
    const detail = error instanceof Error ? cleanLine(error.message).slice(0, 120) : '';
    return { line: card.line, reason: `Line ${card.line}: this card could not be read${detail ? ` (${detail})` : ''}.` };
  }
  const jcard = Array.isArray(parsed) && Array.isArray(parsed[0]) ? parsed[0] : parsed;
  const properties = (Array.isArray(jcard) && Array.isArray(jcard[1]) ? jcard[1] : []) as JCardProperty[];
  const oversized = properties.find((property) => values(property).length > MAX_FIELD_CHARS);
  if (oversized) {
    return { line: card.line, reason: `Line ${card.line}: the ${oversized[0].toUpperCase().slice(0, 20)} of this card holds more than ${MAX_FIELD_CHARS.toLocaleString('en')} characters. The card was not imported.` };
  }
  const builder = new CandidateBuilder(card.line, options);
  const fields: CandidateFields = { name: '', organization: '', role: '', notes: [], category: '' };
  let structuredName = '';
  for (const property of properties) {
    const [name] = property;
    const kinds = types(property);
    switch (name) {
      case 'fn':
        fields.name ||= values(property);
        break;
      case 'n': {
        const parts = (Array.isArray(property[3]) ? property[3] : [property[3]]).map(text);
        structuredName = [parts[3], parts[1], parts[2], parts[0], parts[4]].filter((part) => part).join(' ');
        break;
      }
      case 'org':
        fields.organization ||= (Array.isArray(property[3]) ? property[3] : [property[3]]).map(text).filter((part) => part).join(', ');
        break;
      case 'title':
      case 'role':
        fields.role ||= values(property);
        break;
      case 'note':
        fields.notes.push(values(property));
        break;
      case 'categories':
        fields.category ||= property.slice(3).map(text).find((value) => matchCategory(value) !== null) ?? text(property[3]);
        break;
      case 'tel': {
        if (kinds.includes('fax')) break;
        const channel = kinds.includes('text') && !kinds.includes('voice') ? 'sms' : 'phone';
        builder.addMethod(channel, telValue(values(property)), methodLabel(kinds) || 'Phone', false);
        break;
      }
      case 'email':
        builder.addMethod(kinds.includes('home') ? 'personal_email' : 'corporate_email', values(property).replace(/^mailto:/i, ''), methodLabel(kinds) || 'Email', false);
        break;
      case 'url':
        builder.addMethod('portal', values(property), 'Website', false);
        break;
    }
  }
  fields.name ||= structuredName;
  return builder.build(fields);
}

/** Every card of a vCard 3.0 or 4.0 file (ical.js unfolds lines and decodes escapes). */
export function readVcards(source: string, options: ImportOptions): VcardReading {
  if (source.length > MAX_IMPORT_BYTES) return { ok: false, reason: TOO_BIG };
  const { cards, malformed } = splitCards(source);
  if (cards.length > MAX_IMPORT_ROWS) return { ok: false, reason: `This file has more than ${MAX_IMPORT_ROWS.toLocaleString('en')} cards. Split it into smaller files and import them one after the other.` };
  if (cards.length === 0 && malformed.length === 0) return { ok: false, reason: 'This file has no vCards (BEGIN:VCARD … END:VCARD).' };
  const candidates: ImportCandidate[] = [];
  for (const card of cards) {
    const read = candidateFromCard(card, options);
    if ('draft' in read) candidates.push(read);
    else malformed.push(read);
  }
  return { ok: true, candidates, malformed: malformed.sort((a, b) => a.line - b.line) };
}
