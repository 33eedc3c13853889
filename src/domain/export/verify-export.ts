import * as v from 'valibot';
import { CHAIN_START, verifyChainChunk, type ChainBreak } from '../hash-chain';
import type { LogEntry } from '../log-entry';
import { ENTRY_KEYS, isDecision } from './export-columns';
import { MANIFEST_NAME, ManifestSchema, manifestJson, orderedHeader, sha256OfBytes, type ExportManifest } from './export-manifest';
import { isPlainFileName, packFiles, unpackFiles, type ExportFile } from './export-zip';
import { entryCells, parseCsv } from './log-csv';
import { parseLogJson } from './log-json';

/**
 * "Verify export" (in the app) and `npx muster-verify export.zip` (bin/muster-verify.mjs) run
 * this same code. It needs no DOM: WebCrypto, TextDecoder, fflate, papaparse and valibot.
 * It checks, in order: the zip opens; manifest.json is valid and exactly as Muster writes
 * it; every listed file is there with its size and SHA-256, and nothing else is; log.json's
 * header agrees with the manifest; the hash chain recomputes from entry #1 to the manifest's
 * chain head; log.csv and decisions.csv say what log.json says; and the zip rebuilt from
 * these files is byte for byte the zip given. Every problem found is reported, each naming
 * the file and, where there is one, the entry.
 */

export const ZIP_FILE = 'the zip file';

export interface ExportProblem {
  /** manifest.json, log.json, log.csv, ... or ZIP_FILE for the archive itself. */
  file: string;
  /** The entry's local_seq (its #), when the problem is in one entry. */
  entry: number | null;
  message: string;
}

export type ExportVerdict =
  | { intact: true; entries: number; chainHead: string; incidentId: string; files: string[] }
  | { intact: false; problems: ExportProblem[] };

export interface VerifyOptions {
  /** Called as the chain is re-hashed: entries checked so far, of how many. */
  onProgress?: (checked: number, total: number) => void;
  /** Awaited between chunks of entries, so the page stays responsive. */
  pause?: () => Promise<void>;
}

const CHAIN_CHUNK = 1000;
const utf8 = () => new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decode(bytes: Uint8Array): string | null {
  try {
    return utf8().decode(bytes);
  } catch {
    return null;
  }
}

function readManifest(bytes: Uint8Array | undefined, problems: ExportProblem[]): ExportManifest | null {
  const problem = (message: string) => problems.push({ file: MANIFEST_NAME, entry: null, message });
  if (!bytes) return problem('is missing: without it nothing in the zip can be checked against what was exported.'), null;
  const text = decode(bytes);
  if (text === null) return problem('is not UTF-8 text: it was changed.'), null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return problem(`is not valid JSON (${(error as Error).message}): it was changed.`), null;
  }
  const parsed = v.safeParse(ManifestSchema, raw);
  if (!parsed.success) return problem(`does not have the manifest's layout (${v.summarize(parsed.issues).split('\n')[0]}): it was changed.`), null;
  const manifest = parsed.output as ExportManifest;
  if (manifestJson(manifest) !== text) problem('was edited: it is not byte for byte as Muster wrote it.');
  const names = manifest.files.map((file) => file.name);
  for (const name of names) {
    if (!isPlainFileName(name) || name === MANIFEST_NAME) problem(`lists "${name}", which Muster never writes.`);
  }
  if (new Set(names).size !== names.length) problem('lists a file twice.');
  return manifest;
}

async function checkFiles(manifest: ExportManifest, files: Map<string, Uint8Array>, problems: ExportProblem[]): Promise<void> {
  for (const listed of manifest.files) {
    const bytes = files.get(listed.name);
    if (!bytes) {
      problems.push({ file: listed.name, entry: null, message: 'is listed in the manifest but missing from the zip.' });
      continue;
    }
    if (bytes.length !== listed.bytes)
      problems.push({ file: listed.name, entry: null, message: `is ${bytes.length} bytes, the manifest says ${listed.bytes}: it was changed.` });
    else if ((await sha256OfBytes(bytes)) !== listed.sha256)
      problems.push({ file: listed.name, entry: null, message: 'does not match its SHA-256 in the manifest: it was changed.' });
  }
  const listedNames = new Set(manifest.files.map((file) => file.name));
  for (const name of files.keys()) {
    if (name !== MANIFEST_NAME && !listedNames.has(name))
      problems.push({ file: name, entry: null, message: 'is not listed in the manifest: it was added after the export.' });
  }
}

function chainMessage(reason: ChainBreak, row: number, entry: LogEntry | null): string {
  const which = entry ? `Row ${row} (entry #${entry.local_seq})` : `Row ${row}`;
  switch (reason) {
    case 'sequence':
      return `${which} is out of place: entry #${row} was expected there. An entry was removed, duplicated or moved.`;
    case 'content':
      return `${which} was changed: its fields no longer match its content_hash.`;
    case 'link':
      return `${which} does not link to the entry before it (prev_hash / hash): an entry was removed, replaced or reordered.`;
    case 'missing':
      return `${which}: the newest entries are missing.`;
  }
}

async function checkChain(entries: readonly LogEntry[], options: VerifyOptions, problems: ExportProblem[]): Promise<string | null> {
  let cursor = CHAIN_START;
  for (let start = 0; start < entries.length; start += CHAIN_CHUNK) {
    const { verdict, next } = await verifyChainChunk(entries.slice(start, start + CHAIN_CHUNK), cursor);
    if (!verdict.intact) {
      problems.push({ file: 'log.json', entry: verdict.entry?.local_seq ?? null, message: chainMessage(verdict.reason, verdict.checked + 1, verdict.entry) });
      return null;
    }
    cursor = next;
    options.onProgress?.(cursor.checked, entries.length);
    await options.pause?.();
  }
  return cursor.prevHash;
}

function checkSummary(manifest: ExportManifest, entries: readonly LogEntry[], head: string | null, problems: ExportProblem[]): void {
  const actual = {
    count: entries.length,
    decisions: entries.filter(isDecision).length,
    first_local_seq: entries[0]?.local_seq ?? null,
    last_local_seq: entries.at(-1)?.local_seq ?? null,
  };
  for (const key of Object.keys(actual) as (keyof typeof actual)[]) {
    if (manifest.entries[key] !== actual[key])
      problems.push({ file: MANIFEST_NAME, entry: null, message: `says ${key} is ${manifest.entries[key]}, but log.json has ${actual[key]}.` });
  }
  if (head !== null && head !== manifest.entries.chain_head_hash)
    problems.push({ file: MANIFEST_NAME, entry: actual.last_local_seq, message: `says the chain head is ${manifest.entries.chain_head_hash}, but log.json's chain ends at ${head}.` });
}

function checkHeader(manifest: ExportManifest, header: ReturnType<typeof orderedHeader>, problems: ExportProblem[]): void {
  const inManifest = orderedHeader(manifest);
  for (const key of Object.keys(inManifest) as (keyof typeof inManifest)[]) {
    if (JSON.stringify(inManifest[key]) !== JSON.stringify(header[key]))
      problems.push({ file: MANIFEST_NAME, entry: null, message: `says ${key} is ${JSON.stringify(inManifest[key])}, but log.json says ${JSON.stringify(header[key])}.` });
  }
}

/** Compares a CSV file with the entries it should hold; reports the first row that differs. */
function checkCsv(name: string, bytes: Uint8Array | undefined, entries: readonly LogEntry[], problems: ExportProblem[]): void {
  if (!bytes) return; // reported by checkFiles when the manifest lists it
  const problem = (entry: number | null, message: string) => problems.push({ file: name, entry, message });
  const text = decode(bytes);
  if (text === null) return void problem(null, 'is not UTF-8 text: it was changed.');
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (error) {
    return void problem(null, `is not readable CSV (${(error as Error).message}).`);
  }
  const [header, ...body] = rows;
  if (!header || header.join(',') !== ENTRY_KEYS.join(',')) return void problem(null, 'does not start with the header row Muster writes.');
  for (const [index, entry] of entries.entries()) {
    const row = body[index];
    if (!row) return void problem(entry.local_seq, `ends after ${body.length} rows, but log.json has ${entries.length} entries: entry #${entry.local_seq} is missing.`);
    const expected = entryCells(entry);
    const column = expected.findIndex((cell, at) => row[at] !== cell);
    if (column !== -1 || row.length !== expected.length) {
      const what = column === -1 ? 'has a different number of columns' : `column ${ENTRY_KEYS[column]} differs`;
      return void problem(entry.local_seq, `row ${index + 2} (entry #${entry.local_seq}): ${what} from log.json.`);
    }
  }
  if (body.length > entries.length) problem(null, `has ${body.length} rows, but log.json has ${entries.length} entries.`);
}

async function checkContainer(zipBytes: Uint8Array, manifest: ExportManifest, files: ExportFile[], problems: ExportProblem[]): Promise<void> {
  const byName = new Map(files.map((file) => [file.name, file.bytes]));
  const ordered = [...manifest.files.map((file) => file.name), MANIFEST_NAME].map((name) => ({ name, bytes: byName.get(name) as Uint8Array }));
  const rebuilt = await packFiles(ordered, manifest.exported_at);
  const sameLength = rebuilt.length === zipBytes.length;
  let at = 0;
  while (at < rebuilt.length && at < zipBytes.length && rebuilt[at] === zipBytes[at]) at += 1;
  if (!sameLength || at < rebuilt.length)
    problems.push({
      file: ZIP_FILE,
      entry: null,
      message: `differs from how Muster writes these files (from byte ${at}): the archive was edited or re-packed, although the files inside check out.`,
    });
}

export async function verifyExport(zipBytes: Uint8Array, options: VerifyOptions = {}): Promise<ExportVerdict> {
  const problems: ExportProblem[] = [];
  let files: ExportFile[];
  try {
    files = unpackFiles(zipBytes);
  } catch (error) {
    return { intact: false, problems: [{ file: ZIP_FILE, entry: null, message: `cannot be opened as a zip archive (${(error as Error).message}).` }] };
  }
  // A name used twice keeps its last copy here; the archive check below then catches the extra one.
  const byName = new Map(files.map((file) => [file.name, file.bytes]));
  const manifest = readManifest(byName.get(MANIFEST_NAME), problems);
  if (manifest) await checkFiles(manifest, byName, problems);

  const logBytes = byName.get('log.json');
  const logText = logBytes ? decode(logBytes) : null;
  if (!logBytes) {
    if (!manifest) problems.push({ file: 'log.json', entry: null, message: 'is missing.' });
  } else if (logText === null) problems.push({ file: 'log.json', entry: null, message: 'is not UTF-8 text: it was changed.' });
  const log = logText === null ? null : parseLogJson(logText);
  if (log && !log.ok) problems.push({ file: 'log.json', entry: null, message: log.message });
  let head: string | null = null;
  if (log?.ok) {
    const strangers = log.entries.find((entry) => entry.incident_id !== log.header.incident.id || entry.workspace_id !== log.header.workspace.id);
    if (strangers) problems.push({ file: 'log.json', entry: strangers.local_seq, message: `Entry #${strangers.local_seq} belongs to another incident or workspace.` });
    head = await checkChain(log.entries, options, problems);
    if (manifest) {
      checkHeader(manifest, log.header, problems);
      checkSummary(manifest, log.entries, head, problems);
    }
    checkCsv('log.csv', byName.get('log.csv'), log.entries, problems);
    checkCsv('decisions.csv', byName.get('decisions.csv'), log.entries.filter(isDecision), problems);
  }
  if (manifest && problems.length === 0) await checkContainer(zipBytes, manifest, files, problems);
  if (problems.length > 0 || !manifest || !log?.ok || head === null) return { intact: false, problems };
  return { intact: true, entries: log.entries.length, chainHead: head, incidentId: log.header.incident.id, files: files.map((file) => file.name) };
}

export function describeProblem(problem: ExportProblem): string {
  const entry = problem.entry === null || problem.message.includes(`#${problem.entry}`) ? '' : ` (entry #${problem.entry})`;
  return `${problem.file}${entry}: ${problem.message}`;
}

/** One line: "Intact: 3 entries, chain head 9f…" or "Broken: log.json: Row 2 (entry #2) was changed…". */
export function describeVerdict(verdict: ExportVerdict): string {
  if (verdict.intact) return `Intact: ${verdict.entries} ${verdict.entries === 1 ? 'entry' : 'entries'}, chain head ${verdict.chainHead}.`;
  const [first, ...rest] = verdict.problems;
  const more = rest.length === 0 ? '' : ` (and ${rest.length} more ${rest.length === 1 ? 'problem' : 'problems'})`;
  return `Broken: ${first ? describeProblem(first) : 'unknown problem.'}${more}`;
}
