import { LOG_FIELDS, type LogFieldName } from './log-entry';

/**
 * A sent message's text as it goes into a log field: whole when it fits the field's limit
 * (the log is the record of what was shared, Step 8), else cut at a word with "…" so the
 * entry is never refused for its length.
 */
export function fitLogField(field: LogFieldName, text: string): string {
  const max = LOG_FIELDS.find((spec) => spec.name === field)?.maxLength ?? Infinity;
  const trimmed = text.trim();
  if (trimmed.length <= max) return trimmed;
  const cut = trimmed.slice(0, max - 1);
  const atWord = cut.replace(/\s+\S*$/, '');
  return `${(atWord.length >= max / 2 ? atWord : cut).trimEnd()}…`;
}
