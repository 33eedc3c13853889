/**
 * CSV formula injection: spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a
 * formula (and a leading tab or carriage return can hide one), so a log entry reading
 * `=HYPERLINK("http://evil", "Open")` would become a live link in the insurer's Excel. Such a
 * cell is written with a single quote in front (`'=HYPERLINK(...)`), which spreadsheets show
 * as text. A cell that itself starts with a quote gets one more, so the escape can be undone
 * exactly: strip one leading quote from any cell that starts with one.
 */
const DANGEROUS_FIRST = new Set(['=', '+', '-', '@', '\t', '\r']);
export const ESCAPE_PREFIX = "'";

export function escapeCell(text: string): string {
  const first = text.charAt(0);
  return DANGEROUS_FIRST.has(first) || first === ESCAPE_PREFIX ? ESCAPE_PREFIX + text : text;
}

export function unescapeCell(cell: string): string {
  return cell.startsWith(ESCAPE_PREFIX) ? cell.slice(1) : cell;
}

/** A cell a spreadsheet would evaluate; escapeCell never returns one. */
export function isFormulaLike(cell: string): boolean {
  return DANGEROUS_FIRST.has(cell.charAt(0));
}
