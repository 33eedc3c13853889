import Papa from 'papaparse';
import type { MalformedRecord } from './candidate';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, TOO_BIG } from './limits';

export interface CsvRow {
  /** Line of the file where the row starts: a quoted field may span several lines. */
  line: number;
  cells: string[];
}

export interface CsvTable {
  header: string[];
  rows: CsvRow[];
  malformed: MalformedRecord[];
  delimiter: string;
}

export type CsvReading = { ok: true; table: CsvTable } | { ok: false; reason: string };

const QUOTE_PROBLEMS: Record<string, string> = {
  MissingQuotes: 'a quoted field is never closed, so the rest of the file could not be read as rows',
  InvalidQuotes: 'a quote (") sits inside a field that is not quoted as a whole',
};

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let index = text.indexOf('\n', from); index !== -1 && index < to; index = text.indexOf('\n', index + 1)) count++;
  return count;
}

const DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * The delimiter the header row uses most. Papaparse can guess it too, but does so by
 * parsing the start of the file once per candidate, which a multi-megabyte first row
 * turns into seconds; the header is short and names the columns, so it decides.
 */
export function headerDelimiter(source: string): string {
  const end = source.indexOf('\n');
  const header = source.slice(0, Math.min(end === -1 ? source.length : end, 64 * 1024)).replace(/"[^"]*"/g, '');
  const counts = DELIMITERS.map((delimiter) => header.split(delimiter).length - 1);
  const most = Math.max(...counts);
  return most === 0 ? ',' : DELIMITERS[counts.indexOf(most)] ?? ',';
}

const blank = (cells: string[]) => cells.every((cell) => cell.trim() === '');

/**
 * Splits CSV text into a header and rows with papaparse, which handles quoted fields
 * holding delimiters and line breaks. The delimiter (comma, semicolon, tab, pipe) is the
 * header row's.
 * Rows whose quotes are broken or whose number of fields differs from the header's are
 * listed as malformed with their line; trailing empty cells are forgiven.
 */
export function readCsvTable(text: string): CsvReading {
  if (text.length > MAX_IMPORT_BYTES) return { ok: false, reason: TOO_BIG };
  const unmarked = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Old Mac files end lines with CR alone; line numbers count LF.
  const source = unmarked.includes('\n') ? unmarked : unmarked.replaceAll('\r', '\n');
  const records: CsvRow[] = [];
  const malformed: MalformedRecord[] = [];
  const delimiter = headerDelimiter(source);
  let rowStart = 0;
  let line = 1;
  let tooMany = false;
  Papa.parse<string[]>(source, {
    delimiter,
    skipEmptyLines: false,
    step(result, parser) {
      const problem = result.errors.map((error) => QUOTE_PROBLEMS[error.code]).find((reason) => reason !== undefined);
      if (problem) malformed.push({ line, reason: `Line ${line}: ${problem}.` });
      else if (!blank(result.data)) records.push({ line, cells: result.data });
      if (records.length > MAX_IMPORT_ROWS + 1) {
        tooMany = true;
        parser.abort();
      }
      const next = result.meta.cursor;
      line += countNewlines(source, rowStart, next);
      rowStart = next;
    },
  });
  if (tooMany) return { ok: false, reason: `This file has more than ${MAX_IMPORT_ROWS.toLocaleString('en')} rows. Split it into smaller files and import them one after the other.` };
  const [first, ...rows] = records;
  if (!first) return { ok: false, reason: 'This file has no rows. The first row must name the columns (Name, Phone, Email…).' };
  const header = first.cells.map((cell) => cell.trim());
  const fitting: CsvRow[] = [];
  for (const row of rows) {
    const cells = row.cells.length > header.length && blank(row.cells.slice(header.length)) ? row.cells.slice(0, header.length) : row.cells;
    if (cells.length === header.length) fitting.push({ line: row.line, cells });
    else malformed.push({ line: row.line, reason: `Line ${row.line}: ${cells.length} field${cells.length === 1 ? '' : 's'} where the header has ${header.length}. Check for a missing or extra ${delimiter === '\t' ? 'tab' : `"${delimiter}"`}.` });
  }
  return { ok: true, table: { header, rows: fitting, malformed: malformed.sort((a, b) => a.line - b.line), delimiter } };
}
