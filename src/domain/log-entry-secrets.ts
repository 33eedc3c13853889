import { LOG_FIELDS, type LogEntryFields, type LogFieldName } from './log-entry';
import { describeSecrets, scanForSecrets } from './secret-scanner';

/** Step 7's warning before an entry holding a secret is saved: what it looks like, and where. */
export interface SecretWarning {
  message: string;
  fields: LogFieldName[];
}

/** The fields of an entry that look like they hold a password, key or token; null when none do. */
export function secretsInEntry(fields: LogEntryFields): SecretWarning | null {
  const found = LOG_FIELDS.map((spec) => ({ name: spec.name, findings: scanForSecrets(fields[spec.name] ?? '') })).filter((field) => field.findings.length > 0);
  if (found.length === 0) return null;
  return { message: describeSecrets(found.flatMap((field) => field.findings)), fields: found.map((field) => field.name) };
}
