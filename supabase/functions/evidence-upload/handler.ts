/**
 * The evidence-upload Edge Function as a plain `(Request) => Promise<Response>`: stores one
 * file (an export, a photo of a screen, a log) in the workspace's Nextcloud, under
 * <folder>/<incident id>/, and records where it went. An existing file is never replaced:
 * the new one gets "name (2).ext" and so on.
 *
 *   POST ?upload_id=<uuid>&connector_id=<uuid>&incident_id=<id>&name=<file name>
 *        body: the file's bytes (its Content-Type is kept), 1 byte to 25 MB
 *   POST ?upload_id=<uuid>&connector_id=<uuid>&test=1      (body ignored)
 *        checks site, user and app password with a PROPFIND on the user's files
 *        apikey + Authorization: Bearer <the user's access token>
 *
 *   200 {upload_id, status: 'sent', remote_id, remote_label, remote_url, attempts}
 *       remote_id: "/Muster/INC-2026-007/report (2).pdf" (the path in the user's files),
 *       remote_label: the name as stored, remote_url: the Files app on that folder; a test
 *       answers them as null
 *   400 bad_request        a parameter is missing or not as above, or the body is empty
 *   400 source_not_for_connector  the connector is not a Nextcloud one
 *   401                    no valid user token
 *   403 forbidden          the caller is not an owner, comm_owner or responder of the workspace
 *   404 connector_not_found
 *   409 connector_not_set_up / upload_id_reused
 *   413 payload_too_large  over 25 MB
 *   502 upload_failed      {message, details: {attempts, last_status}} after the retries
 *
 * The phone makes upload_id: the same id again answers the stored outcome and uploads
 * nothing. Recorded with connector_dispatch_record (source 'evidence', subject 'incident';
 * a test as source 'test', so the connector shows its last success or error). The app
 * password is read with the service key and never put in any answer or log line.
 */
import { bearerOf, CORS_HEADERS, type ConnectorStart, failure, json, openConnectorCall, recordConnectorCall, type StoredDispatch, UUID } from '../_shared/connector-call.ts';
import { type ConnectionCheck, MAX_NAME_LENGTH, type NextcloudTarget, type UploadOutcome, checkConnection, uploadEvidence } from './webdav.ts';

export interface EvidenceUploadConfig {
  supabaseUrl: string;
  /** Never leaves the server: the function reads the app password with it. */
  serviceRoleKey: string;
  fetch?: typeof fetch;
  /** Waits between retries; tests pass one that records instead of waiting. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

interface UploadRequest {
  uploadId: string;
  connectorId: string;
  /** null for a connection test. */
  file: { incidentId: string; name: string; contentType: string } | null;
}

// A name Nextcloud stores as one file in one folder: no path separators, no control characters.
// deno-lint-ignore no-control-regex
const UNSAFE_IN_NAME = /[/\\\u0000-\u001f\u007f]/;
const CONTENT_TYPE = /^[\w!#$&^.+-]+\/[\w!#$&^.+-]+(\s*;.*)?$/;
const QUERY_HINT = 'Send POST ?upload_id=<uuid>&connector_id=<uuid>&incident_id=<incident id>&name=<file name> with the file as the body.';

/** Why `value` cannot be a file or folder name in Nextcloud, or null if it can. */
function unsafeName(value: string, what: string, maxLength: number): string | null {
  if (value.length < 1 || value.length > maxLength) return `${what} must be 1 to ${maxLength} characters.`;
  if (UNSAFE_IN_NAME.test(value)) return `${what} must not contain / or \\ or control characters.`;
  if (value.startsWith('.')) return `${what} must not start with a dot.`;
  if (value.trim() !== value) return `${what} must not start or end with a space.`;
  return null;
}

function parseQuery(request: Request): UploadRequest | string {
  const query = new URL(request.url).searchParams;
  const uploadId = query.get('upload_id') ?? '';
  const connectorId = query.get('connector_id') ?? '';
  if (!UUID.test(uploadId)) return 'upload_id must be a UUID made by the phone.';
  if (!UUID.test(connectorId)) return 'connector_id must be the Nextcloud connector\'s UUID.';
  const ids = { uploadId: uploadId.toLowerCase(), connectorId: connectorId.toLowerCase() };
  if (query.get('test') === '1') return { ...ids, file: null };

  const incidentId = query.get('incident_id') ?? '';
  const name = query.get('name') ?? '';
  const problem = unsafeName(incidentId, 'incident_id (the incident\'s folder)', 40) ?? unsafeName(name, 'name (the file name)', MAX_NAME_LENGTH);
  if (problem !== null) return problem;
  const declared = (request.headers.get('Content-Type') ?? '').trim();
  const contentType = declared.length <= 200 && CONTENT_TYPE.test(declared) ? declared : 'application/octet-stream';
  return { ...ids, file: { incidentId, name, contentType } };
}

function tooLarge(bytes: number | null): Response {
  const size = bytes === null ? 'over 25 MB' : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return failure(
    413,
    'payload_too_large',
    `The file is ${size}; Muster uploads at most 25 MB to Nextcloud.`,
    'Upload it with the Nextcloud app or web page instead, and note where it is in the evidence log.',
  );
}

/** The body, stopping as soon as it passes the limit (null then). */
async function readFile(request: Request): Promise<Uint8Array<ArrayBuffer> | null> {
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_UPLOAD_BYTES) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

function targetOf(start: ConnectorStart): NextcloudTarget | null {
  const site = start.config.site;
  const user = start.config.user;
  const folder = start.config.folder;
  const appPassword = start.secret?.app_password;
  if (typeof site !== 'string' || !/^https?:\/\/[^/?#\s@]+/.test(site)) return null;
  if (typeof user !== 'string' || user === '' || typeof appPassword !== 'string' || appPassword === '') return null;
  return { site, user, folder: typeof folder === 'string' ? folder : '', appPassword };
}

/** The answer for a stored upload: the same whether it was just made or is a replay. */
function answerFor(stored: StoredDispatch, connectorName: string): Response {
  if (stored.status === 'sent') {
    return json(200, {
      upload_id: stored.id,
      status: 'sent',
      remote_id: stored.remote_id,
      remote_label: stored.remote_label ?? null,
      remote_url: stored.remote_url,
      attempts: stored.attempts,
    });
  }
  return json(502, {
    code: 'upload_failed',
    message: `Not uploaded to ${connectorName}: ${stored.error ?? 'Nextcloud did not accept it'}`,
    details: { attempts: stored.attempts, last_status: stored.last_status },
    hint: 'The file is still on this phone: fix the connector and upload again, or upload it by hand.',
  });
}

export function createEvidenceUploadHandler(config: EvidenceUploadConfig): (request: Request) => Promise<Response> {
  const fetchImpl = config.fetch ?? fetch;
  const sleep = config.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = config.now ?? (() => Date.now());

  return async function handleEvidenceUpload(request: Request): Promise<Response> {
    if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: CORS_HEADERS });
    if (request.method !== 'POST') return failure(405, 'method_not_allowed', `evidence-upload answers POST, not ${request.method}.`);

    const bearer = bearerOf(request);
    if (bearer === null || bearer === config.serviceRoleKey) {
      return failure(401, 'no_authorization', 'Sign in to upload evidence: the request has no user token.');
    }
    const wanted = parseQuery(request);
    if (typeof wanted === 'string') return failure(400, 'bad_request', wanted, QUERY_HINT);
    const declaredLength = Number(request.headers.get('Content-Length') ?? '0');
    if (wanted.file !== null && declaredLength > MAX_UPLOAD_BYTES) return tooLarge(declaredLength);

    const call = await openConnectorCall({
      supabaseUrl: config.supabaseUrl,
      serviceRoleKey: config.serviceRoleKey,
      fetch: fetchImpl,
      fn: 'evidence-upload',
      request,
      bearer,
      id: wanted.uploadId,
      connectorId: wanted.connectorId,
      incidentId: wanted.file?.incidentId ?? null,
      doing: 'upload evidence',
      idName: 'upload_id',
      replay: answerFor,
    });
    if (call instanceof Response) return call;
    // call.paused is about chat connectors only (migration 18): storage is never paused.
    const start = call.start;
    if (start.kind !== 'nextcloud') {
      return failure(
        400,
        'source_not_for_connector',
        `${start.name} is not a Nextcloud connector: evidence files are stored in Nextcloud only.`,
        'Choose the Nextcloud connector, or add one in Settings › Integrations.',
      );
    }
    const target = targetOf(start);
    if (target === null) {
      return failure(409, 'connector_not_set_up', `${start.name} has no Nextcloud site, user or app password yet.`, 'An owner can add them in Settings › Integrations.');
    }

    let outcome: UploadOutcome | ConnectionCheck;
    if (wanted.file === null) {
      outcome = await checkConnection(target, { fetch: fetchImpl, sleep, now });
    } else {
      const bytes = await readFile(request);
      if (bytes === null) return tooLarge(null);
      if (bytes.byteLength === 0) return failure(400, 'bad_request', 'The file is empty: there is nothing to upload.', QUERY_HINT);
      outcome = await uploadEvidence(target, { ...wanted.file, bytes }, { fetch: fetchImpl, sleep, now });
    }

    const sent = outcome.status === 'sent' && 'remoteId' in outcome ? outcome : null;
    const stored = await recordConnectorCall(
      { supabaseUrl: config.supabaseUrl, serviceRoleKey: config.serviceRoleKey, fetch: fetchImpl, fn: 'evidence-upload' },
      {
        id: wanted.uploadId,
        connectorId: wanted.connectorId,
        incidentId: wanted.file?.incidentId ?? null,
        // A test is recorded too, so the connector shows its last success or error.
        source: wanted.file === null ? 'test' : 'evidence',
        subject: wanted.file === null ? null : 'incident',
        status: outcome.status,
        remoteId: sent?.remoteId ?? null,
        remoteLabel: sent?.remoteLabel ?? null,
        remoteUrl: sent?.remoteUrl ?? null,
        warning: null,
        attempts: outcome.attempts,
        lastStatus: outcome.lastStatus,
        error: outcome.status === 'failed' ? outcome.error : null,
        createdBy: call.userId,
      },
    );
    return answerFor(stored, start.name);
  };
}
