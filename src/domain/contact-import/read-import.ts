/**
 * The contact import's one entry point, loaded by the import view only when a file is
 * picked (papaparse, ical.js and libphonenumber-js stay out of the start-up bundle).
 * Pure: bytes in, a plan out; writing it is src/store/contact-import.ts's job.
 */
import type { ImportCandidate, ImportOptions, MalformedRecord } from './candidate';
import { candidatesFromCsv, type ColumnMapping } from './csv-mapping';
import { readCsvTable, type CsvTable } from './csv-table';
import { decodeImportFile, looksLikeVcard, type ImportEncoding } from './decode-file';
import { readVcards } from './vcard';

export type ImportSource = { format: 'csv'; table: CsvTable; encoding: ImportEncoding } | { format: 'vcard'; text: string; encoding: ImportEncoding };

export type OpenedImport = { ok: true; source: ImportSource } | { ok: false; reason: string };

/** Decodes the file and, for CSV, splits it into rows; refuses what is too large or empty. */
export function openImportFile(bytes: Uint8Array, fileName: string): OpenedImport {
  const decoded = decodeImportFile(bytes);
  if (!decoded.ok) return decoded;
  if (looksLikeVcard(decoded.text, fileName)) return { ok: true, source: { format: 'vcard', text: decoded.text, encoding: decoded.encoding } };
  const csv = readCsvTable(decoded.text);
  return csv.ok ? { ok: true, source: { format: 'csv', table: csv.table, encoding: decoded.encoding } } : csv;
}

export type ImportReading = { ok: true; candidates: ImportCandidate[]; malformed: MalformedRecord[] } | { ok: false; reason: string };

/** The contacts the file holds, under the preview's mapping (CSV) and options. */
export function importCandidates(source: ImportSource, mapping: readonly ColumnMapping[], options: ImportOptions): ImportReading {
  if (source.format === 'vcard') return readVcards(source.text, options);
  return { ok: true, ...candidatesFromCsv(source.table, mapping, options) };
}

export { guessColumnMapping, IMPORT_FIELD_LABELS, IMPORT_FIELDS, type ColumnMapping, type ImportField } from './csv-mapping';
export { countryCodes, defaultCountryFrom, isCountryCode, type CountryCode } from './phone-number';
export { planImport, type ImportPlan } from './import-plan';
export { MAX_IMPORT_BYTES, TOO_BIG } from './limits';
export type { ImportOptions } from './candidate';
