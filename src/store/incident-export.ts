import { buildExport, type BuiltExport } from '../domain/export/build-export';
import { EXPORT_FORMAT, PHONE_LOG_SOURCE } from '../domain/export/export-manifest';
import type { ExportFile } from '../domain/export/export-zip';
import type { Incident } from '../domain/incident';
import type { LogEntry } from '../domain/log-entry';
import { countLog, listLogPage } from './log-repository';
import type { MusterDatabase } from './open-database';

/**
 * Exports an incident's log as recorded on this phone (its device hash chain): reads it a
 * page at a time, letting the page paint between pages, then builds the zip
 * (src/domain/export/build-export.ts). This module and everything it imports (fflate,
 * papaparse, valibot) load only when the user exports.
 */

const READ_PAGE = 2000;

/** Lets the browser paint and handle taps between chunks of work. */
export const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export interface ExportProgress {
  phase: 'reading' | 'writing' | 'zipping';
  done: number;
  total: number;
}

/** Every entry of the incident on this phone, oldest first; reports how many were read after each page. */
export async function readIncidentLog(
  db: MusterDatabase,
  workspaceId: string,
  incidentId: string,
  onPage?: (read: number) => void,
  pageSize = READ_PAGE,
): Promise<LogEntry[]> {
  const pages: LogEntry[][] = [];
  let read = 0;
  let beforeSeq: number | null = null;
  do {
    const page = await listLogPage(db, workspaceId, incidentId, {}, { beforeSeq, limit: pageSize });
    pages.push(page.entries);
    read += page.entries.length;
    onPage?.(read);
    beforeSeq = page.nextBeforeSeq;
    await yieldToPage();
  } while (beforeSeq !== null);
  // Pages come newest first; the export is in chain order.
  return pages.flat().reverse();
}

export interface IncidentExportRequest {
  workspace: { id: string; name: string };
  incident: Pick<Incident, 'id' | 'title'>;
  exportedBy: string;
  musterVersion: string;
  now?: Date;
  /** Files made from the same entries (the log PDF); [] when none. */
  extraFiles?: (entries: readonly LogEntry[], exportedAt: string) => Promise<ExportFile[]>;
  onProgress?: (progress: ExportProgress) => void;
}

export async function exportIncident(db: MusterDatabase, request: IncidentExportRequest): Promise<BuiltExport> {
  const exportedAt = (request.now ?? new Date()).toISOString();
  const total = await countLog(db, request.workspace.id, request.incident.id, {});
  const entries = await readIncidentLog(db, request.workspace.id, request.incident.id, (done) =>
    request.onProgress?.({ phase: 'reading', done, total: Math.max(total, done) }),
  );
  const extraFiles = (await request.extraFiles?.(entries, exportedAt)) ?? [];
  const built = await buildExport({
    header: {
      format: EXPORT_FORMAT,
      muster_version: request.musterVersion,
      exported_at: exportedAt,
      exported_by: request.exportedBy,
      workspace: request.workspace,
      incident: { id: request.incident.id, title: request.incident.title },
      source: PHONE_LOG_SOURCE,
    },
    entries,
    extraFiles,
    onProgress: (done) => {
      request.onProgress?.({ phase: done === entries.length ? 'zipping' : 'writing', done, total: entries.length });
    },
    pause: yieldToPage,
  });
  return built;
}
