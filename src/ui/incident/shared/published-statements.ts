/**
 * Where an approved statement was already published (issue 7: status page updates append,
 * never overwrite history). The backend keeps each publish with the statement it was for
 * (`incident_tickets`, subject 'statement:<id>'); a later version of the same statement is
 * then posted as an update to that status page incident instead of a second incident. Any
 * teammate's publish counts: the backend lists the whole workspace's.
 */
import * as v from 'valibot';
import type { MusterApp } from '../../app/muster-app';

export function statementSubject(statementId: string): string {
  return `statement:${statementId}`;
}

const rowSchema = v.object({
  connector_id: v.nullable(v.string()),
  source: v.string(),
  subject: v.nullable(v.string()),
  remote_id: v.nullable(v.union([v.string(), v.number()])),
  created_at: v.string(),
});

/** Per connector, the status page incident the statement was first published as. Unreadable rows are skipped. */
export function firstPublishes(rows: unknown, statementId: string): Map<string, string> {
  const subject = statementSubject(statementId);
  const listed = Array.isArray(rows) ? rows.flatMap((row) => { const read = v.safeParse(rowSchema, row); return read.success ? [read.output] : []; }) : [];
  const found = new Map<string, string>();
  for (const row of listed.sort((a, b) => a.created_at.localeCompare(b.created_at))) {
    if (row.source !== 'statement' || row.subject !== subject || row.connector_id === null || row.remote_id === null) continue;
    if (!found.has(row.connector_id)) found.set(row.connector_id, String(row.remote_id));
  }
  return found;
}

/** Reads the incident's publishes from the backend; an empty map when it cannot say (publishing then makes a new incident). */
export async function readFirstPublishes(app: MusterApp, incidentId: string, statementId: string): Promise<Map<string, string>> {
  try {
    const session = await app.sync.session();
    return firstPublishes(await session.call('incident_tickets', { p_incident_id: incidentId }), statementId);
  } catch {
    return new Map();
  }
}
