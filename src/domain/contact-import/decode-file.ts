import { MAX_IMPORT_BYTES, TOO_BIG } from './limits';

export type ImportEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type DecodedFile = { ok: true; text: string; encoding: ImportEncoding } | { ok: false; reason: string };

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/**
 * The text of an imported file. Spreadsheets save CSV as UTF-8 (often with a BOM), as
 * UTF-16 ("Unicode text") or, on older Windows Excel, as Windows-1252. UTF-8 is tried
 * strictly first: any byte sequence that is not valid UTF-8 means the file is Windows-1252,
 * where every byte is a character. The BOM is dropped.
 */
export function decodeImportFile(bytes: Uint8Array): DecodedFile {
  if (bytes.byteLength > MAX_IMPORT_BYTES) return { ok: false, reason: TOO_BIG };
  if (bytes.byteLength === 0) return { ok: false, reason: 'This file is empty.' };
  if (startsWith(bytes, [0xff, 0xfe])) return { ok: true, text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  if (startsWith(bytes, [0xfe, 0xff])) return { ok: true, text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { ok: true, text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** A vCard file starts with BEGIN:VCARD (after blank lines); anything else is read as CSV. */
export function looksLikeVcard(text: string, fileName: string): boolean {
  return /^\s*BEGIN:VCARD/i.test(text.slice(0, 1024)) || /\.vcf$/i.test(fileName);
}
