import type { IncidentRecord } from '../../../domain/incident-records';
import type { LogEntry } from '../../../domain/log-entry';
import { listRecords } from '../../../store/incident-actions';
import type { MusterDatabase } from '../../../store/open-database';

export interface ReportSources {
  entries: LogEntry[];
  records: IncidentRecord[];
}

const PAGE = 1000;

/**
 * What the report is built from: this phone's whole log of the incident, read in pages by
 * seq (one short read transaction each, so a long log does not hold the store), and its
 * obligations, vendor requests and statements.
 */
export async function readReportSources(db: MusterDatabase, workspaceId: string, incidentId: string): Promise<ReportSources> {
  const entries: LogEntry[] = [];
  for (let after = 0; ; ) {
    const range = IDBKeyRange.bound([workspaceId, incidentId, after], [workspaceId, incidentId, Infinity], true);
    const page = await db.getAllFromIndex('log', 'by-incident', range, PAGE);
    entries.push(...page);
    const last = page.at(-1);
    if (page.length < PAGE || !last) break;
    after = last.local_seq;
  }
  const [obligations, vendorRequests, statements] = await Promise.all([
    listRecords(db, workspaceId, incidentId, 'obligation'),
    listRecords(db, workspaceId, incidentId, 'vendor_request'),
    listRecords(db, workspaceId, incidentId, 'statement'),
  ]);
  return { entries, records: [...obligations, ...vendorRequests, ...statements] };
}
