/**
 * How much an import may hold. A contact list is a few hundred rows; these limits keep a
 * wrong file (a database dump, a photo renamed .csv) from freezing the phone, and say so.
 */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** One cell or vCard value; the longest field Muster keeps (notes) is 2,000 characters. */
export const MAX_FIELD_CHARS = 2000;
export const MAX_IMPORT_ROWS = 5000;

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

export const TOO_BIG = `This file is larger than ${formatBytes(MAX_IMPORT_BYTES)}, too large for a contact list. Export only the contacts (CSV or vCard) and try again.`;
