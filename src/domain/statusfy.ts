/**
 * An approved external statement as a Statusfy incident file (issue 7, status pages).
 * Statusfy has no API: incidents are Markdown files named YYYY-MM-DD_slug.md in ./content,
 * with YAML front matter (title, date, severity, affectedsystems, resolved, optional
 * description); updates are `::: update <Title> | <ISO date>` … `:::` containers appended to
 * the same file, so history is never rewritten. Facts: ../shared/notes/push-and-integrations.md (C).
 * Pure: the phone makes the file offline.
 */

export const STATUSFY_SEVERITIES = ['under-maintenance', 'major-outage', 'partial-outage', 'degraded-performance'] as const;
export type StatusfySeverity = (typeof STATUSFY_SEVERITIES)[number];
export const DEFAULT_STATUSFY_SEVERITY: StatusfySeverity = 'partial-outage';

/** Only statements for these audiences are public enough for a status page. */
export const STATUSFY_AUDIENCES: readonly string[] = ['website', 'public'];

export interface StatusfyIncident {
  title: string;
  /** ISO-8601, e.g. the statement's approval or sending time. */
  date: string;
  severity: StatusfySeverity;
  /** System ids from the status page's config, as the user typed them. */
  affectedSystems: string[];
  resolved: boolean;
  description?: string;
  /** The approved statement's text: the file's body. */
  text: string;
}

export type StatusfyFile = { ok: true; fileName: string; content: string } | { ok: false; reason: string };

/**
 * A YAML double-quoted scalar. JSON's escaping is valid YAML; on top, every character YAML
 * treats as a line break or non-printable is escaped, so no text can end the front matter.
 */
export function yamlString(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Body lines that would open or close a container are escaped, so the text stays text. */
function bodyText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .trim()
    .replace(/^(\s{0,3}):::/gm, '$1\\:::');
}

/** One line for a container header: no line breaks, and no '|' (it separates title and date). */
function headerPart(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\|/g, '/').trim();
}

export function statusfySlug(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'incident';
}

function isoDate(date: string): string | null {
  const time = Date.parse(date);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** System ids typed as "website, api" or one per line. */
export function parseAffectedSystems(typed: string): string[] {
  return [...new Set(typed.split(/[,\n]/).map((id) => id.trim()).filter((id) => id !== ''))];
}

export function statusfyIncidentFile(incident: StatusfyIncident): StatusfyFile {
  const title = incident.title.replace(/\s+/g, ' ').trim();
  if (title === '') return { ok: false, reason: 'A Statusfy incident needs a title.' };
  const date = isoDate(incident.date);
  if (date === null) return { ok: false, reason: `"${incident.date}" is not a date.` };
  if (!STATUSFY_SEVERITIES.includes(incident.severity)) return { ok: false, reason: `Severity must be one of ${STATUSFY_SEVERITIES.join(', ')}.` };
  const systems = incident.affectedSystems.map((id) => id.trim()).filter((id) => id !== '');
  if (systems.length === 0) return { ok: false, reason: 'Name at least one affected system, as its id in the Statusfy config (e.g. website).' };
  if (incident.text.trim() === '') return { ok: false, reason: 'The statement has no text.' };

  const lines = [
    '---',
    `title: ${yamlString(title)}`,
    `date: ${yamlString(date)}`,
    `severity: ${incident.severity}`,
    'affectedsystems:',
    ...systems.map((id) => `  - ${yamlString(id)}`),
    `resolved: ${incident.resolved ? 'true' : 'false'}`,
  ];
  const description = incident.description?.trim();
  if (description) lines.push(`description: ${yamlString(description)}`);
  lines.push('---', '', bodyText(incident.text), '');
  return { ok: true, fileName: `${date.slice(0, 10)}_${statusfySlug(title)}.md`, content: lines.join('\n') };
}

/** An update to an exported incident: the previous file, unchanged, with one container appended. */
export function appendStatusfyUpdate(previous: string, update: { title: string; date: string; text: string }): { ok: true; content: string } | { ok: false; reason: string } {
  const date = isoDate(update.date);
  if (date === null) return { ok: false, reason: `"${update.date}" is not a date.` };
  const title = headerPart(update.title);
  if (title === '') return { ok: false, reason: 'An update needs a title.' };
  if (update.text.trim() === '') return { ok: false, reason: 'The update has no text.' };
  const base = previous.endsWith('\n') ? previous : `${previous}\n`;
  return { ok: true, content: `${base}\n::: update ${title} | ${date}\n${bodyText(update.text)}\n:::\n` };
}
