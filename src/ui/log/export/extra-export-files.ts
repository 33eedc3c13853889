import type { ExportFile } from '../../../domain/export/export-zip';
import type { Incident } from '../../../domain/incident';
import type { LogEntry } from '../../../domain/log-entry';

export interface ExtraFilesInput {
  workspaceName: string;
  incident: Incident;
  entries: readonly LogEntry[];
  generatedAt: string;
  generatedBy: string;
}

/**
 * Files added to every log export beside log.csv, decisions.csv and log.json, each listed in
 * the manifest with its SHA-256 (the log PDF). Load their libraries here with import().
 */
export async function extraExportFiles(input: ExtraFilesInput): Promise<ExportFile[]> {
  const { renderLogPdf } = await import('../../../export/pdf/log-pdf');
  const bytes = await renderLogPdf({
    workspaceName: input.workspaceName,
    incident: input.incident,
    entries: [...input.entries],
    generatedAt: input.generatedAt,
    generatedBy: input.generatedBy,
    paper: 'a4',
  });
  return [{ name: 'log.pdf', bytes }];
}
