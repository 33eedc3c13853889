import { GENESIS_HASH } from '../hash-chain';
import type { LogEntry } from '../log-entry';
import { isDecision } from './export-columns';
import { MANIFEST_NAME, manifestJson, sha256OfBytes, type ExportHeader, type ExportManifest } from './export-manifest';
import { isPlainFileName, packFiles, type ExportFile } from './export-zip';
import { csvChunk } from './log-csv';
import { LOG_JSON_END, logJsonEntries, logJsonStart } from './log-json';

export const EXPORT_CHUNK = 1000;

export interface ExportInput {
  header: ExportHeader;
  /** The incident's whole chain on this phone, in local_seq order from #1. */
  entries: readonly LogEntry[];
  /** Files made elsewhere (the log PDF), listed in the manifest like the others. */
  extraFiles?: readonly ExportFile[];
  /** After each chunk of entries is written: how many so far. */
  onProgress?: (written: number) => void;
  /** Awaited between chunks, so the page stays responsive. */
  pause?: () => Promise<void>;
}

export interface BuiltExport {
  fileName: string;
  bytes: Uint8Array;
  manifest: ExportManifest;
}

export const OWN_FILES = ['log.csv', 'decisions.csv', 'log.json'] as const;

/** muster-<incident>-<date>.zip, with anything but letters, digits and dashes in the incident id replaced. */
export function exportFileName(incidentId: string, exportedAt: string): string {
  return `muster-${incidentId.replace(/[^A-Za-z0-9-]+/g, '_')}-${exportedAt.slice(0, 10)}.zip`;
}

function checkExtraFiles(extra: readonly ExportFile[]): void {
  const taken = new Set<string>([...OWN_FILES, MANIFEST_NAME]);
  for (const file of extra) {
    if (!isPlainFileName(file.name)) throw new Error(`"${file.name}" cannot be a file name in the export: use letters, digits, dots and dashes.`);
    if (taken.has(file.name)) throw new Error(`The export already has a file named ${file.name}.`);
    taken.add(file.name);
  }
}

/**
 * Writes log.csv, decisions.csv and log.json chunk by chunk, hashes every file, writes
 * manifest.json and zips it all. Throws (before any work) when an extra file's name is
 * unusable or taken.
 */
export async function buildExport(input: ExportInput): Promise<BuiltExport> {
  const extra = input.extraFiles ?? [];
  checkExtraFiles(extra);
  const logCsv: string[] = [];
  const decisionsCsv: string[] = [];
  const logJson: string[] = [logJsonStart(input.header)];
  let decisions = 0;
  for (let start = 0; start === 0 || start < input.entries.length; start += EXPORT_CHUNK) {
    const chunk = input.entries.slice(start, start + EXPORT_CHUNK);
    const chunkDecisions = chunk.filter(isDecision);
    logCsv.push(csvChunk(chunk, start === 0));
    decisionsCsv.push(csvChunk(chunkDecisions, start === 0));
    logJson.push(logJsonEntries(chunk, start === 0));
    decisions += chunkDecisions.length;
    input.onProgress?.(start + chunk.length);
    await input.pause?.();
  }
  logJson.push(LOG_JSON_END);

  const encoder = new TextEncoder();
  const files: ExportFile[] = [
    { name: 'log.csv', bytes: encoder.encode(logCsv.join('')) },
    { name: 'decisions.csv', bytes: encoder.encode(decisionsCsv.join('')) },
    { name: 'log.json', bytes: encoder.encode(logJson.join('')) },
    ...extra,
  ];
  const first = input.entries[0];
  const last = input.entries.at(-1);
  const manifest: ExportManifest = {
    ...input.header,
    entries: {
      count: input.entries.length,
      decisions,
      first_local_seq: first?.local_seq ?? null,
      last_local_seq: last?.local_seq ?? null,
      chain_head_hash: last?.hash ?? GENESIS_HASH,
    },
    files: await Promise.all(files.map(async (file) => ({ name: file.name, sha256: await sha256OfBytes(file.bytes), bytes: file.bytes.length }))),
  };
  const manifestFile = { name: MANIFEST_NAME, bytes: encoder.encode(manifestJson(manifest)) };
  const bytes = await packFiles([...files, manifestFile], input.header.exported_at);
  return { fileName: exportFileName(input.header.incident.id, input.header.exported_at), bytes, manifest };
}
