// Shared by the export tests: sealed chains, a header, and ways to rewrite a file inside an
// export zip the way someone covering their tracks would (manifest hash updated to match).

import { sealEntry } from '../../src/domain/hash-chain';
import type { LogEntry, LogEntryFields } from '../../src/domain/log-entry';
import { buildExport, type BuiltExport } from '../../src/domain/export/build-export';
import { EXPORT_FORMAT, MANIFEST_NAME, PHONE_LOG_SOURCE, manifestJson, sha256OfBytes, type ExportHeader, type ExportManifest } from '../../src/domain/export/export-manifest';
import { packFilesSync, unpackFiles, type ExportFile } from '../../src/domain/export/export-zip';
import { completeFields, entryMeta, INCIDENT, quickFields, WORKSPACE } from './log-entry-fixtures';

export const HEADER: ExportHeader = {
  format: EXPORT_FORMAT,
  muster_version: '0.1.0',
  exported_at: '2026-03-02T18:04:05.000Z',
  exported_by: 'Tom Becker',
  workspace: { id: WORKSPACE, name: 'Northwind Dental' },
  incident: { id: INCIDENT, title: 'Finance mailbox forwarding rule' },
  source: PHONE_LOG_SOURCE,
};

/** Seals `fields` one after the other as the store does; every third entry is a decision, the fourth corrects the second. */
export async function sealedChain(count: number, fieldsFor: (index: number) => Partial<LogEntryFields> = () => ({})): Promise<LogEntry[]> {
  const chain: LogEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    const base = index % 2 === 0 ? completeFields() : quickFields();
    const type = index % 3 === 2 ? 'decision' : base.communication_type;
    const fields = { ...base, communication_type: type, ...fieldsFor(index) } as LogEntryFields;
    const corrects = index === 3 ? (chain[1]?.id ?? null) : null;
    chain.push(await sealEntry(fields, entryMeta({ corrects, device_recorded_at: new Date(Date.UTC(2026, 2, 2, 9, index)).toISOString() }), chain.at(-1) ?? null));
  }
  return chain;
}

export function exportOf(entries: readonly LogEntry[], extraFiles: ExportFile[] = []): Promise<BuiltExport> {
  return buildExport({ header: HEADER, entries, extraFiles });
}

export function filesOf(zip: Uint8Array): Map<string, Uint8Array> {
  return new Map(unpackFiles(zip).map((file) => [file.name, file.bytes]));
}

export function manifestOf(zip: Uint8Array): ExportManifest {
  return JSON.parse(new TextDecoder().decode(filesOf(zip).get(MANIFEST_NAME))) as ExportManifest;
}

/** Re-zips the files exactly as Muster does (same order, same settings). */
export function repack(files: Map<string, Uint8Array>, exportedAt = HEADER.exported_at): Uint8Array {
  const list: ExportFile[] = [...files].map(([name, bytes]) => ({ name, bytes }));
  const manifest = list.filter((file) => file.name === MANIFEST_NAME);
  return packFilesSync([...list.filter((file) => file.name !== MANIFEST_NAME), ...manifest], exportedAt);
}

/** Replaces one file's bytes and leaves everything else, manifest included, as it was. */
export function withFile(zip: Uint8Array, name: string, bytes: Uint8Array): Uint8Array {
  const files = filesOf(zip);
  files.set(name, bytes);
  return repack(files);
}

/** Replaces one file and updates its SHA-256 and size in the manifest, so only deeper checks can notice. */
export async function withFileAndManifest(zip: Uint8Array, name: string, bytes: Uint8Array): Promise<Uint8Array> {
  const files = filesOf(zip);
  files.set(name, bytes);
  const manifest = manifestOf(zip);
  const sha256 = await sha256OfBytes(bytes);
  manifest.files = manifest.files.map((file) => (file.name === name ? { name, sha256, bytes: bytes.length } : file));
  files.set(MANIFEST_NAME, new TextEncoder().encode(manifestJson(manifest)));
  return repack(files);
}

/** log.json's lines: the header lines, one line per entry, and the closing lines. */
export function logJsonLines(zip: Uint8Array): { head: string[]; entries: string[]; tail: string[] } {
  const lines = new TextDecoder().decode(filesOf(zip).get('log.json')).split('\n');
  const first = lines.findIndex((line) => line.startsWith('{"local_seq"'));
  const end = lines.indexOf(']');
  return { head: lines.slice(0, first), entries: lines.slice(first, end).map((line) => line.replace(/,$/, '')), tail: lines.slice(end) };
}

/** log.json written back from its lines (commas put back where JSON needs them). */
export function logJsonFrom(parts: { head: string[]; entries: string[]; tail: string[] }): Uint8Array {
  const body = parts.entries.map((line, index) => (index < parts.entries.length - 1 ? `${line},` : line));
  return new TextEncoder().encode([...parts.head, ...body, ...parts.tail].join('\n'));
}
