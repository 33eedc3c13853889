/**
 * Where an approved statement was already published (issue 7: status page updates append,
 * never overwrite history). The backend keeps each publish with the statement and version it
 * was (`incident_tickets`, subject 'statement:<id>:v<version>'). Per status page connector:
 * the incident the first publish made (a later version is posted to it as an update), and
 * which versions are already there (not offered again). Any teammate's publish counts: the
 * backend lists the whole workspace's.
 */
import * as v from 'valibot';
import type { MusterApp } from '../../app/muster-app';

export function statementSubject(statementId: string, version: number): string {
  return `statement:${statementId}:v${version}`;
}

export interface Publishes {
  /** The status page incident the statement's first publish made there. */
  remoteId: string;
  versions: Set<number>;
}

const rowSchema = v.object({
  connector_id: v.nullable(v.string()),
  source: v.string(),
  subject: v.nullable(v.string()),
  remote_id: v.nullable(v.union([v.string(), v.number()])),
  created_at: v.string(),
});

/** Per connector, what the statement's publishes there were. Unreadable rows are skipped. */
export function statementPublishes(rows: unknown, statementId: string): Map<string, Publishes> {
  const prefix = `statement:${statementId}:v`;
  const listed = Array.isArray(rows)
    ? rows.flatMap((row) => {
        const read = v.safeParse(rowSchema, row);
        return read.success ? [read.output] : [];
      })
    : [];
  const found = new Map<string, Publishes>();
  for (const row of listed.sort((a, b) => a.created_at.localeCompare(b.created_at))) {
    if (row.source !== 'statement' || row.connector_id === null || row.remote_id === null || !row.subject?.startsWith(prefix)) continue;
    const version = Number(row.subject.slice(prefix.length));
    if (!Number.isInteger(version)) continue;
    const known = found.get(row.connector_id) ?? { remoteId: String(row.remote_id), versions: new Set<number>() };
    known.versions.add(version);
    found.set(row.connector_id, known);
  }
  return found;
}

/** Reads the incident's publishes from the backend; an empty map when it cannot say (publishing then makes a new incident). */
export async function readStatementPublishes(app: MusterApp, incidentId: string, statementId: string): Promise<Map<string, Publishes>> {
  try {
    const session = await app.sync.session();
    return statementPublishes(await session.call('incident_tickets', { p_incident_id: incidentId }), statementId);
  } catch {
    return new Map();
  }
}
