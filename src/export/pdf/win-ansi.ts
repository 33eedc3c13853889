/**
 * pdf-lib's standard fonts (Helvetica, Courier) encode WinAnsi only, and throw on anything
 * else. Everything typed into Muster (a contact named with emoji, a right-to-left override
 * in a log summary, curly quotes pasted from Word) must still print: this maps any text to
 * what the fonts can show, never throwing. No pdf-lib import, so it is tested on its own.
 */

/** The code points above ASCII that WinAnsi (Windows-1252) has a glyph for. */
const WIN_ANSI_EXTRA = '\u20AC\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u017D\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u017E\u0178';

export const WIN_ANSI_CODE_POINTS: ReadonlySet<number> = new Set([
  ...Array.from({ length: 0x7e - 0x20 + 1 }, (_, i) => 0x20 + i),
  ...Array.from({ length: 0xff - 0xa0 + 1 }, (_, i) => 0xa0 + i),
  ...Array.from(WIN_ANSI_EXTRA, (char) => char.codePointAt(0) as number),
]);

/** What prints for a character the fonts cannot show (an emoji, Arabic, a zero-width space). */
export const PLACEHOLDER = '?';

/** Look-alikes for common characters outside WinAnsi. */
const TRANSLITERATIONS: Record<string, string> = {
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2015': '-', '\u2212': '-',
  '\u2032': "'", '\u2033': '"', '\u201B': "'", '\u201F': '"', '\u2044': '/',
  '\u2190': '<-', '\u2192': '->', '\u2194': '<->', '\u21D2': '=>',
  '\u2264': '<=', '\u2265': '>=', '\u2260': '!=', '\u2248': '~',
  '\u2713': 'v', '\u2714': 'v', '\u2717': 'x', '\u2718': 'x',
  '\u0131': 'i', '\u0141': 'L', '\u0142': 'l', '\u0110': 'D', '\u0111': 'd', '\u0126': 'H', '\u0127': 'h',
  '\u0166': 'T', '\u0167': 't', '\u017F': 's', '\u0138': 'k', '\u2116': 'No.',
};

// Dropped: they only modify the character before (which already became a placeholder) or
// are soft: variation selectors, the zero-width joiner of emoji sequences, skin tones, tags,
// combining marks left after decomposition, the soft hyphen.
const DROPPED = /[\uFE00-\uFE0F\u200D\u00AD\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}\p{Mn}\p{Me}]/u;
const SPACE_LIKE = /[\t\p{Zs}]/u;

function printable(char: string): string {
  const code = char.codePointAt(0) as number;
  if (WIN_ANSI_CODE_POINTS.has(code)) return char;
  const known = TRANSLITERATIONS[char];
  if (known !== undefined) return known;
  if (DROPPED.test(char)) return '';
  if (SPACE_LIKE.test(char)) return ' ';
  // "ș", "ő", "ĉ": the base letter, when decomposing leaves one the fonts have.
  const base = char.normalize('NFKD').replace(/\p{M}/gu, '');
  if (base !== '' && base !== char && Array.from(base).every((part) => WIN_ANSI_CODE_POINTS.has(part.codePointAt(0) as number))) return base;
  // Emoji, other scripts, controls, bidi overrides, zero-width spaces, lone surrogates.
  return PLACEHOLDER;
}

/**
 * One line of text as the standard fonts can draw it. Line breaks are the layout's business:
 * call this on a line, not a paragraph (any CR or LF left here prints as a space).
 */
export function pdfSafeLine(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) out += char === '\n' || char === '\r' ? ' ' : printable(char);
  return out;
}

/** Paragraph text split into lines at CR, LF, CRLF and the Unicode line and paragraph separators. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|[\r\n\u2028\u2029\u0085\u000B\u000C]/);
}
