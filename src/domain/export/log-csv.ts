import Papa from 'papaparse';
import type { LogEntry } from '../log-entry';
import { escapeCell } from './csv-cell';
import { ENTRY_KEYS } from './export-columns';

/**
 * log.csv and decisions.csv: RFC 4180 (every cell quoted, CRLF line ends), UTF-8 with a byte
 * order mark so Excel reads names with accents correctly; the header row is ENTRY_KEYS; null
 * (no deadline, corrects nothing) is an empty cell; every cell is formula-escaped (csv-cell.ts).
 */
export const CSV_BOM = '\uFEFF';
const NEWLINE = '\r\n';

/** The cells of one entry as written, escaped. */
export function entryCells(entry: LogEntry): string[] {
  return ENTRY_KEYS.map((key) => {
    const value = entry[key];
    return escapeCell(value === null ? '' : String(value));
  });
}

/** CSV text for consecutive entries; the first chunk of a file starts with the BOM and the header. */
export function csvChunk(entries: readonly LogEntry[], first: boolean): string {
  const rows = entries.map(entryCells);
  if (first) rows.unshift([...ENTRY_KEYS]);
  if (rows.length === 0) return '';
  const text = Papa.unparse(rows, { quotes: true, newline: NEWLINE, escapeFormulae: false });
  return (first ? CSV_BOM : '') + text + NEWLINE;
}

/** Rows of a CSV file as cells (BOM removed, the trailing empty line dropped). Throws on malformed quoting. */
export function parseCsv(text: string): string[][] {
  const body = text.startsWith(CSV_BOM) ? text.slice(1) : text;
  const result = Papa.parse<string[]>(body, { header: false, skipEmptyLines: false, newline: NEWLINE, delimiter: ',' });
  const problem = result.errors[0];
  if (problem) throw new Error(`row ${(problem.row ?? 0) + 1}: ${problem.message}`);
  const rows = result.data;
  const last = rows.at(-1);
  if (last && last.length === 1 && last[0] === '') rows.pop();
  return rows;
}
