import * as v from 'valibot';

/**
 * manifest.json: what the export holds and the SHA-256 of every other file in the zip.
 * The header part (format to source) is also written at the top of log.json, so a changed
 * manifest value disagrees with a file whose own hash still matches; the manifest must
 * also be byte for byte in its canonical form (`manifestJson`), so a change anywhere in it is
 * caught. Without a signature, someone who rewrites every file consistently is not caught:
 * keep the manifest's chain head hash somewhere else (e.g. in the incident report) to anchor it.
 */
export const EXPORT_FORMAT = 'muster-export-v1';
export const MANIFEST_NAME = 'manifest.json';

export interface ExportHeader {
  format: typeof EXPORT_FORMAT;
  muster_version: string;
  exported_at: string;
  exported_by: string;
  workspace: { id: string; name: string };
  incident: { id: string; title: string };
  /** Whose chain this is: the entries recorded on the exporting phone, with its device hash chain. */
  source: string;
}

export interface ExportSummary {
  count: number;
  decisions: number;
  first_local_seq: number | null;
  last_local_seq: number | null;
  /** `hash` of the last entry; GENESIS_HASH for an empty log. */
  chain_head_hash: string;
}

export interface ManifestFile {
  name: string;
  sha256: string;
  bytes: number;
}

export interface ExportManifest extends ExportHeader {
  entries: ExportSummary;
  files: ManifestFile[];
}

export const PHONE_LOG_SOURCE = 'The entries recorded on the exporting phone, with its device hash chain (local_seq, content_hash, prev_hash, hash).';

const HEX64 = /^[0-9a-f]{64}$/;
const text = v.string();
const seq = v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1)));

export const ExportHeaderSchema = v.strictObject({
  format: v.literal(EXPORT_FORMAT),
  muster_version: text,
  exported_at: text,
  exported_by: text,
  workspace: v.strictObject({ id: text, name: text }),
  incident: v.strictObject({ id: text, title: text }),
  source: text,
});

export const ManifestSchema = v.strictObject({
  ...ExportHeaderSchema.entries,
  entries: v.strictObject({
    count: v.pipe(v.number(), v.integer(), v.minValue(0)),
    decisions: v.pipe(v.number(), v.integer(), v.minValue(0)),
    first_local_seq: seq,
    last_local_seq: seq,
    chain_head_hash: v.pipe(v.string(), v.regex(HEX64)),
  }),
  files: v.array(
    v.strictObject({
      name: v.pipe(v.string(), v.minLength(1)),
      sha256: v.pipe(v.string(), v.regex(HEX64)),
      bytes: v.pipe(v.number(), v.integer(), v.minValue(0)),
    }),
  ),
});

/** The header with its keys in a fixed order. */
export function orderedHeader(header: ExportHeader): ExportHeader {
  return {
    format: header.format,
    muster_version: header.muster_version,
    exported_at: header.exported_at,
    exported_by: header.exported_by,
    workspace: { id: header.workspace.id, name: header.workspace.name },
    incident: { id: header.incident.id, title: header.incident.title },
    source: header.source,
  };
}

/** The one way manifest.json is written: fixed key order, two-space indent, final newline. */
export function manifestJson(manifest: ExportManifest): string {
  const ordered: ExportManifest = {
    ...orderedHeader(manifest),
    entries: {
      count: manifest.entries.count,
      decisions: manifest.entries.decisions,
      first_local_seq: manifest.entries.first_local_seq,
      last_local_seq: manifest.entries.last_local_seq,
      chain_head_hash: manifest.entries.chain_head_hash,
    },
    files: manifest.files.map((file) => ({ name: file.name, sha256: file.sha256, bytes: file.bytes })),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

export async function sha256OfBytes(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
