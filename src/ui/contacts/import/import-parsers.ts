/** The import's parsers (papaparse, ical.js, libphonenumber-js): fetched when a file is picked, never at start-up. */
export type ImportParsers = typeof import('../../../domain/contact-import/read-import');

export function loadImportParsers(): Promise<ImportParsers> {
  return import('../../../domain/contact-import/read-import');
}
