/**
 * Stores an export in the workspace's Nextcloud: the backend's `evidence-upload` function
 * does the WebDAV work (the app password never reaches the phone), called as the signed-in
 * user with the file's bytes as the body and the rest as URL parameters.
 */
import * as v from 'valibot';
import { webLink } from '../../../domain/web-link';
import { type MusterApp, signedInToBackend } from '../../app/muster-app';
import { listConnectors } from './connector-list';

/** The function refuses more (413); checked here first, so nothing is sent in vain. */
export const MAX_EVIDENCE_BYTES = 25 * 1024 * 1024;

export interface EvidenceUploadRequest {
  /** Made once per upload: sending the same id again answers the stored outcome and stores nothing twice. */
  uploadId: string;
  connectorId: string;
  incidentId: string;
  name: string;
  bytes: Uint8Array;
  contentType: string;
}

/**
 * As dispatch-client's DispatchOutcome, plus remoteLabel: the name the file was stored under
 * ("report (2).pdf" when the name was taken: nothing is overwritten). remoteId is its path,
 * remoteUrl the Files app on its folder. `answered` false: the backend was not reached, try
 * again with the same id.
 */
export type EvidenceOutcome =
  | { status: 'sent'; remoteId: string | null; remoteLabel: string | null; remoteUrl: string | null; attempts: number }
  | { status: 'failed'; message: string; answered: boolean };

const sentSchema = v.object({
  status: v.literal('sent'),
  remote_id: v.optional(v.nullable(v.union([v.string(), v.number()]))),
  remote_label: v.optional(v.nullable(v.string())),
  remote_url: v.optional(v.nullable(v.string())),
  attempts: v.optional(v.number()),
});
const errorSchema = v.object({ code: v.optional(v.string()), message: v.optional(v.string()) });

function refusal(status: number, body: unknown): string {
  const error = v.safeParse(errorSchema, body);
  const code = error.success ? error.output.code : undefined;
  const said = error.success && error.output.message ? error.output.message : `the backend answered ${status}`;
  if (status === 413 || code === 'payload_too_large') return `Not uploaded: the file is larger than the ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB the backend accepts. Save it and upload it in Nextcloud by hand.`;
  if (code === 'source_not_for_connector') return `Not uploaded: ${said}`;
  if (status === 401) return 'Not uploaded: sign in to the Muster backend again (Settings › Sync).';
  if (status === 403) return 'Not uploaded: your role in this workspace may not upload evidence. Ask an owner.';
  if (code === 'connector_not_found') return 'Not uploaded: this Nextcloud connector no longer exists. Reload Settings › Integrations.';
  if (status === 404) return 'Not uploaded: this Muster backend cannot upload to Nextcloud (its evidence-upload function is not running). Tell whoever runs it.';
  if (/^not uploaded/i.test(said)) return said;
  return /[.!?]$/.test(said) ? `Not uploaded: ${said}` : `Not uploaded: ${said}.`;
}

/** The function's answer (HTTP status and JSON body) as an outcome; never trusts the body's shape. */
export function evidenceOutcome(status: number, body: unknown): EvidenceOutcome {
  // 502 is the function's verdict after its retries (stored under the id); other 5xx mean it was not reached.
  if (status < 200 || status > 299) return { status: 'failed', message: refusal(status, body), answered: status < 500 || status === 502 };
  const sent = v.safeParse(sentSchema, body);
  if (!sent.success) return { status: 'failed', message: 'The backend answered in a form this app cannot read: look in Nextcloud before uploading again.', answered: true };
  const remoteId = sent.output.remote_id;
  return {
    status: 'sent',
    remoteId: remoteId === null || remoteId === undefined ? null : String(remoteId),
    remoteLabel: sent.output.remote_label || null,
    remoteUrl: webLink(sent.output.remote_url),
    attempts: sent.output.attempts ?? 1,
  };
}

const OFFLINE: EvidenceOutcome = { status: 'failed', message: 'Not uploaded: offline. Try again when this phone has a connection.', answered: false };
const UNREACHABLE: EvidenceOutcome = { status: 'failed', message: 'Not uploaded: no answer from the Muster backend (offline or unreachable). Try again.', answered: false };
const SIGNED_OUT: EvidenceOutcome = { status: 'failed', message: 'Not uploaded: sign in to the Muster backend first (Settings › Sync).', answered: true };

export async function uploadEvidence(app: MusterApp, request: EvidenceUploadRequest): Promise<EvidenceOutcome> {
  const settings = app.settings();
  if (!signedInToBackend(settings)) return SIGNED_OUT;
  if (request.bytes.length > MAX_EVIDENCE_BYTES) return evidenceOutcome(413, null);
  if (!navigator.onLine) return OFFLINE;
  try {
    const session = await app.sync.session();
    const query = { upload_id: request.uploadId, connector_id: request.connectorId, incident_id: request.incidentId, name: request.name };
    const answer = await session.upload('evidence-upload', query, request.bytes, request.contentType);
    return evidenceOutcome(answer.status, answer.body);
  } catch {
    return navigator.onLine ? UNREACHABLE : OFFLINE;
  }
}

/**
 * Settings › Integrations' "Send test" for a Nextcloud connector: the function checks that
 * the site, user and app password open the user's files (nothing is stored; the connector
 * then shows its last success or error). Each check is a new request, under a new id.
 */
export async function checkEvidenceStorage(app: MusterApp, connectorId: string): Promise<EvidenceOutcome> {
  const settings = app.settings();
  if (!signedInToBackend(settings)) return SIGNED_OUT;
  if (!navigator.onLine) return OFFLINE;
  try {
    const session = await app.sync.session();
    const query = { upload_id: crypto.randomUUID(), connector_id: connectorId, test: '1' };
    const answer = await session.upload('evidence-upload', query, new Uint8Array(0), 'application/octet-stream');
    return evidenceOutcome(answer.status, answer.body);
  } catch {
    return navigator.onLine ? UNREACHABLE : OFFLINE;
  }
}

/** A Nextcloud connector as the export screen, the entry form and Settings need it (no secret). */
export interface EvidenceStorage {
  connectorId: string;
  name: string;
  site: string;
  /** The base folder; '' when the server did not say (the server's default, Muster, then applies). */
  folder: string;
}

const storagesSchema = v.array(v.object({ connectorId: v.string(), name: v.string(), site: v.string(), folder: v.string() }));
const storageKey = (workspaceId: string) => `muster.evidence-storage.${workspaceId}`;

function rememberedStorage(workspaceId: string): EvidenceStorage[] | null {
  try {
    const parsed = v.safeParse(storagesSchema, JSON.parse(globalThis.localStorage?.getItem(storageKey(workspaceId)) ?? 'null'));
    return parsed.success ? parsed.output : null;
  } catch {
    return null;
  }
}

/**
 * The workspace's Nextcloud connectors. The last list read is remembered on this phone
 * (names and addresses only), so that offline the export screen still offers the upload,
 * which then says "Not uploaded: offline", and the entry form still suggests the folder.
 * Rejects as listConnectors does when nothing was ever read. Signed out: none.
 */
export async function listEvidenceStorage(app: MusterApp): Promise<EvidenceStorage[]> {
  const settings = app.settings();
  if (!signedInToBackend(settings)) return [];
  try {
    const connectors = await listConnectors(app);
    const storages = connectors
      .filter((connector) => connector.kind === 'nextcloud')
      .map((connector) => ({ connectorId: connector.id, name: connector.name, site: connector.config.site ?? '', folder: connector.config.folder ?? '' }));
    try {
      globalThis.localStorage?.setItem(storageKey(settings.workspace_id), JSON.stringify(storages));
    } catch {
      // Storage full or blocked: only the offline fallback is lost.
    }
    return storages;
  } catch (error) {
    const remembered = rememberedStorage(settings.workspace_id);
    if (remembered) return remembered;
    throw error;
  }
}
