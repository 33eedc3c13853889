/**
 * Storing one evidence file in Nextcloud over WebDAV, as its developer manual documents it
 * (docs.nextcloud.com › Client APIs › WebDAV › Basic APIs):
 *   every user's files are under <site>/remote.php/dav/files/<user>/, HTTP Basic user:app password
 *   MKCOL makes one folder level (201; 405 = it exists; 409 = its parent is missing)
 *   PROPFIND Depth 0 on a path: 207 = it exists, 404 = it is free
 *   PUT <path> with the raw bytes (201 made, 204 replaced): it overwrites, so Muster first
 *   finds a free name ("report (2).pdf", ...) and also sends If-None-Match: * (412 = taken)
 *
 * The request builders are pure; uploadEvidence() runs them with one retry rule per request
 * (below). Every error text passes redact() with the app password and the Basic credentials.
 */
import { quoted, redact, requestWithRetries, type SendOptions } from '../_shared/retries.ts';

/** A nextcloud connector as saved (config {site, user, folder}, secret {app_password}). */
export interface NextcloudTarget {
  /** https://cloud.example.com (http only on this machine), no trailing slash. */
  site: string;
  user: string;
  /** The base folder under the user's files, e.g. "Muster" or "Security/Muster". */
  folder: string;
  appPassword: string;
}

export interface DavRequest {
  method: 'MKCOL' | 'PROPFIND' | 'PUT';
  url: string;
  headers: Record<string, string>;
  body: Uint8Array<ArrayBuffer> | string | null;
}

export const DEFAULT_FOLDER = 'Muster';
/** "name.ext", then "name (2).ext" ... "name (50).ext"; past that the upload fails. */
export const MAX_NAME_TRIES = 50;
/** A file name as Muster stores and records it (connector_dispatch.remote_label is at most 100). */
export const MAX_NAME_LENGTH = 100;

/** Path segments are sent %-encoded one by one, so "a b (2).pdf" stays one segment. */
const encodePath = (segments: string[]) => segments.map(encodeURIComponent).join('/');

export function basicAuthorization(user: string, appPassword: string): string {
  const bytes = new TextEncoder().encode(`${user}:${appPassword}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

/** What redact() removes from every text that leaves the function: the password and the Basic value. */
export function secretsOf(target: NextcloudTarget): string[] {
  const basic = basicAuthorization(target.user, target.appPassword).slice('Basic '.length);
  return [basic, target.appPassword].filter((value) => value.length >= 4).sort((a, b) => b.length - a.length);
}

/** <site>/remote.php/dav/files/<user>/ */
export function filesRoot(target: NextcloudTarget): string {
  return `${target.site.replace(/\/+$/, '')}/remote.php/dav/files/${encodeURIComponent(target.user)}/`;
}

/** The folder levels to make, base folder first: "Security/Muster" + INC-7 -> [Security, Muster, INC-7]. */
export function folderSegments(folder: string, incidentId: string): string[] {
  const base = folder.split('/').map((segment) => segment.trim()).filter((segment) => segment !== '');
  return [...(base.length > 0 ? base : [DEFAULT_FOLDER]), incidentId];
}

/** "/Security/Muster/INC-7/report.pdf": the path as the Files app shows it. */
export function displayPath(segments: string[]): string {
  return `/${segments.join('/')}`;
}

/** The Files app opened on a folder: <site>/apps/files/?dir=<encoded /folder/incident>. */
export function filesAppUrl(target: NextcloudTarget, folder: string[]): string {
  return `${target.site.replace(/\/+$/, '')}/apps/files/?dir=${encodeURIComponent(displayPath(folder))}`;
}

/**
 * The names to try, in order: the name itself, then "<base> (2).<ext>" ... "(50)", the base
 * shortened when needed so that each stays within MAX_NAME_LENGTH.
 */
export function candidateNames(name: string): string[] {
  const dot = name.lastIndexOf('.');
  // "notes" has no extension to keep apart; "a.tar.gz" keeps ".gz".
  const [base, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  const names = [name];
  for (let n = 2; n <= MAX_NAME_TRIES; n++) {
    const suffix = ` (${n})${extension}`;
    names.push(`${shorten(base, Math.max(1, MAX_NAME_LENGTH - suffix.length)).trimEnd()}${suffix}`);
  }
  return names;
}

/** At most `maxUnits` UTF-16 units of `text`, never splitting a character (an emoji stays whole). */
function shorten(text: string, maxUnits: number): string {
  let kept = '';
  for (const character of text) {
    if (kept.length + character.length > maxUnits) break;
    kept += character;
  }
  return kept;
}

function authHeaders(target: NextcloudTarget): Record<string, string> {
  return { Authorization: basicAuthorization(target.user, target.appPassword) };
}

export function mkcolRequest(target: NextcloudTarget, path: string[]): DavRequest {
  return { method: 'MKCOL', url: filesRoot(target) + encodePath(path), headers: authHeaders(target), body: null };
}

const PROPFIND_BODY = '<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/></d:prop></d:propfind>';

/** PROPFIND Depth 0: does this one path exist? ([] = the user's root, which the connector test asks.) */
export function propfindRequest(target: NextcloudTarget, path: string[]): DavRequest {
  return {
    method: 'PROPFIND',
    url: filesRoot(target) + encodePath(path),
    headers: { ...authHeaders(target), Depth: '0', 'Content-Type': 'application/xml; charset=utf-8' },
    body: PROPFIND_BODY,
  };
}

/** PUT that never replaces a file: If-None-Match: * makes Nextcloud answer 412 if the name was taken meanwhile. */
export function putRequest(target: NextcloudTarget, path: string[], bytes: Uint8Array<ArrayBuffer>, contentType: string): DavRequest {
  return {
    method: 'PUT',
    url: filesRoot(target) + encodePath(path),
    headers: { ...authHeaders(target), 'Content-Type': contentType, 'If-None-Match': '*' },
    body: bytes,
  };
}

// ---------------------------------------------------------------- sending

export type DavOptions = SendOptions;

/** One request's last answer after the retries, or why it never got one. */
type DavAnswer =
  | { answered: true; status: number; attempts: number; serverMessage: string | null }
  | { answered: false; attempts: number; reason: string };

/** 25 MB on a slow uplink: a PUT gets longer than a folder check. */
const PUT_TIMEOUT_MS = 90_000;

/** Sabre (Nextcloud's WebDAV) says why in <s:message>; other servers send text or HTML. */
function serverMessageOf(bodyText: string): string | null {
  const sabre = /<s:message>([\s\S]*?)<\/s:message>/i.exec(bodyText)?.[1]?.trim();
  if (sabre) return sabre.slice(0, 200);
  const text = bodyText.trim();
  return text !== '' && !text.startsWith('<') ? text.slice(0, 200) : null;
}

/**
 * Sends one WebDAV request with the shared retry rule (_shared/retries.ts: network errors,
 * 5xx and 429 are tried again). Every other answer is final and given back with its status,
 * for the step to read: 404 is "free", 405 "already there", 412 "taken meanwhile".
 */
async function sendDav(request: DavRequest, options: DavOptions): Promise<DavAnswer> {
  const attempted = await requestWithRetries(
    { ...request, timeoutMs: request.method === 'PUT' ? PUT_TIMEOUT_MS : undefined },
    (status, bodyText) =>
      status === 429 || status >= 500 ? { ok: false, toolMessage: serverMessageOf(bodyText) } : { ok: true, value: { status, serverMessage: serverMessageOf(bodyText) } },
    options,
  );
  if (attempted.ok) return { answered: true, status: attempted.value.status, attempts: attempted.attempts, serverMessage: attempted.value.serverMessage };
  if (attempted.failure.kind === 'network') return { answered: false, attempts: attempted.attempts, reason: attempted.failure.reason };
  return { answered: true, status: attempted.failure.status, attempts: attempted.attempts, serverMessage: attempted.failure.toolMessage };
}

export interface EvidenceFile {
  incidentId: string;
  name: string;
  bytes: Uint8Array<ArrayBuffer>;
  contentType: string;
}

/**
 * attempts: the tries of the request that decided the outcome (the PUT when sent; the one that
 * failed otherwise), 1 to MAX_ATTEMPTS. lastStatus: its HTTP status, null if it never answered.
 */
export type UploadFailure = { status: 'failed'; attempts: number; lastStatus: number | null; error: string };
export type UploadOutcome =
  | { status: 'sent'; attempts: number; lastStatus: number; remoteId: string; remoteLabel: string; remoteUrl: string }
  | UploadFailure;

/** Why a request failed, in words an owner can act on (the caller redacts it). */
function failureMessage(target: NextcloudTarget, what: string, answer: DavAnswer): string {
  if (!answer.answered) return `Could not reach Nextcloud at ${new URL(target.site).origin} to ${what} (${answer.reason}).`;
  const { status } = answer;
  const said = quoted(answer.serverMessage);
  const check = 'check the Nextcloud site, user and app password in Settings › Integrations';
  if (status === 401) return `Nextcloud refused the user and app password (HTTP 401)${said} when asked to ${what}: ${check}.`;
  if (status === 403) return `Nextcloud does not let ${target.user} ${what} (HTTP 403)${said}: check that this user may write to the folder set in Settings › Integrations.`;
  if (status === 404) return `Nextcloud does not know this address (HTTP 404)${said} when asked to ${what}: ${check}.`;
  if (status === 429) return `Nextcloud is rate-limiting Muster (HTTP 429)${said}: try again in a minute.`;
  if (status === 507) return `Nextcloud has no space left for this user (HTTP 507)${said}: free some space or raise the quota, then upload again.`;
  if (status >= 500) return `Nextcloud had a server error (HTTP ${status})${said} when asked to ${what}: try again later, or upload by hand.`;
  if (status >= 300 && status < 400) return `Nextcloud answered with a redirect (HTTP ${status}) when asked to ${what}: ${check} (the site is the address before /index.php).`;
  return `Nextcloud refused to ${what} (HTTP ${status})${said}: ${check}.`;
}

function failed(target: NextcloudTarget, what: string, answer: DavAnswer, message?: string): UploadFailure {
  return {
    status: 'failed',
    attempts: answer.attempts,
    lastStatus: answer.answered ? answer.status : null,
    error: redact(message ?? failureMessage(target, what, answer), secretsOf(target)).slice(0, 500),
  };
}

/**
 * Makes <folder>/<incident> level by level, picks a free name and PUTs the file; never
 * replaces an existing file. Resolves (never rejects) with the outcome.
 */
export async function uploadEvidence(target: NextcloudTarget, file: EvidenceFile, options: DavOptions): Promise<UploadOutcome> {
  const folder = folderSegments(target.folder, file.incidentId);

  for (let level = 1; level <= folder.length; level++) {
    const path = folder.slice(0, level);
    const made = await sendDav(mkcolRequest(target, path), options);
    if (made.answered && (made.status === 201 || made.status === 405)) continue;
    const what = `make the folder ${displayPath(path)}`;
    if (made.answered && made.status === 409) {
      const parent = level === 1 ? `the user's files (${target.user})` : `the folder ${displayPath(path.slice(0, -1))}`;
      return failed(target, what, made, `Nextcloud could not make the folder ${displayPath(path)}: ${parent} is missing (HTTP 409). Check the Nextcloud user and folder in Settings › Integrations.`);
    }
    return failed(target, what, made);
  }

  for (const name of candidateNames(file.name)) {
    const path = [...folder, name];
    const found = await sendDav(propfindRequest(target, path), options);
    if (found.answered && (found.status === 207 || found.status === 200)) continue; // taken: never overwritten
    if (!found.answered || found.status !== 404) return failed(target, `check whether ${displayPath(path)} exists`, found);

    const put = await sendDav(putRequest(target, path, file.bytes, file.contentType), options);
    if (put.answered && put.status === 412) continue; // someone stored this name in between
    if (put.answered && put.status >= 200 && put.status < 300) {
      return {
        status: 'sent',
        attempts: put.attempts,
        lastStatus: put.status,
        remoteId: displayPath(path),
        remoteLabel: name,
        remoteUrl: filesAppUrl(target, folder),
      };
    }
    return failed(target, `upload ${displayPath(path)}`, put);
  }
  return {
    status: 'failed',
    attempts: 1,
    lastStatus: null,
    error: redact(`${displayPath(folder)} already holds ${MAX_NAME_TRIES} files named like "${file.name}": rename the file and upload again.`, secretsOf(target)).slice(0, 500),
  };
}

/** The connector test: PROPFIND Depth 0 on the user's root proves site, user and app password. */
export type ConnectionCheck = { status: 'sent'; attempts: number; lastStatus: number } | UploadFailure;

export async function checkConnection(target: NextcloudTarget, options: DavOptions): Promise<ConnectionCheck> {
  const answer = await sendDav(propfindRequest(target, []), options);
  if (answer.answered && (answer.status === 207 || answer.status === 200)) return { status: 'sent', attempts: answer.attempts, lastStatus: answer.status };
  return failed(target, "read the user's files", answer);
}
