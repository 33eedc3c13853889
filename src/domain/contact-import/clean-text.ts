/**
 * Imported text is untrusted. It is always rendered as text, but invisible characters can
 * still mislead a responder: a right-to-left override makes "+1 555" read as another
 * number, a zero-width space makes a number fail to dial. They are removed here.
 */

// Bidirectional embeddings, overrides, isolates and marks (U+061C, U+200E/F, U+202A–E, U+2066–9).
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
// Zero-width space, word joiner, BOM: never meaningful in a name. ZWJ/ZWNJ are (Persian, emoji) and stay.
const INVISIBLE = /[\u200B\u2060\uFEFF]/g;
// Control characters other than tab and newline; a lone surrogate cannot be stored as text.
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A single-line field (name, organization, role, label): one line, single spaces. */
export function cleanLine(value: string): string {
  return value.replace(BIDI_CONTROLS, '').replace(INVISIBLE, '').replace(CONTROLS, ' ').replace(/\s+/g, ' ').trim().normalize('NFC');
}

/** Notes keep their line breaks (CRLF becomes LF). */
export function cleanNotes(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(BIDI_CONTROLS, '')
    .replace(INVISIBLE, '')
    .replace(CONTROLS, ' ')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .normalize('NFC');
}

/** A number, address or link: every invisible format character goes, as do line breaks. */
export function cleanValue(value: string): string {
  return cleanLine(value.replace(/\p{Cf}/gu, ''));
}

/** How a refused value is quoted back to the user: short, on one line. */
export function quoted(value: string): string {
  const line = cleanValue(value);
  return `“${line.length > 40 ? `${line.slice(0, 40)}…` : line}”`;
}
