/**
 * User text in the Markdown report must stay text: a contact named "[click](javascript:…)",
 * a summary starting with "# " or "1. ", an HTML tag or entity, a "|" that breaks a table.
 * CommonMark lets any ASCII punctuation be escaped with a backslash; these functions escape
 * what could start markup anywhere, and what starts a block at the beginning of a line.
 */

// Markup anywhere in a line: code, emphasis, links and images, HTML and entities, tables,
// strikethrough, math ($ on GitHub), and the escape character itself.
const ANYWHERE = /[\\`*_[\]<>|~&$]/g;
// Block markers at the start of a line: headings, lists, quotes, setext underlines, breaks.
const LINE_START = /^([#+\-=>])/;
const ORDERED_LIST = /^(\d{1,9})([.)])/;

/** Lines of a text: CR, LF, CRLF and the Unicode separators all end a line. */
export function textLines(text: string): string[] {
  return text.split(/\r\n|[\r\n\u2028\u2029\u0085\u000B\u000C]/);
}

/**
 * One line of user text, escaped. Leading and trailing blanks are dropped (four leading
 * spaces would make a code block, two trailing a line break).
 */
export function escapeMarkdownLine(line: string): string {
  return line
    .replace(/^[ \t]+|[ \t]+$/g, '')
    .replace(ANYWHERE, '\\$&')
    .replace(/:\/\//g, '\\://') // no autolinked URLs: a link in the report is only ever text
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(LINE_START, '\\$1')
    .replace(ORDERED_LIST, '$1\\$2');
}

/** User text on one line (a heading, a short field): its lines joined with spaces. */
export function mdInline(text: string): string {
  return escapeMarkdownLine(textLines(text).map((line) => line.trim()).filter((line) => line !== '').join(' '));
}

/**
 * User text that may have several lines, inside a paragraph or a list item: each line kept,
 * joined by hard breaks, continuation lines indented by `indent` spaces. Blank lines are
 * dropped, as they would end the list item.
 */
export function mdBlock(text: string, indent = 0): string {
  const lines = textLines(text).map(escapeMarkdownLine).filter((line) => line !== '');
  return lines.join(`\\\n${' '.repeat(indent)}`);
}

/** A whole message (a statement, a leadership update) as a block quote, paragraphs kept. */
export function mdQuote(text: string): string {
  const lines = textLines(text).map(escapeMarkdownLine);
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  while (lines.length > 0 && lines[0] === '') lines.shift();
  if (lines.length === 0) return '> (empty)';
  return lines.map((line, i) => (line === '' ? '>' : i < lines.length - 1 && lines[i + 1] !== '' ? `> ${line}\\` : `> ${line}`)).join('\n');
}

/** Undoes escapeMarkdownLine (for tests): backslash + ASCII punctuation is that character. */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}
