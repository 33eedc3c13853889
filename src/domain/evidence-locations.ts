/**
 * Step 7: "Use controlled storage for incident evidence and documents." The workspace keeps
 * a short list of its controlled locations (a Nextcloud folder, a CryptPad, a vault) that
 * log entries and decisions offer to pick from.
 */

/** As long as the log's "Evidence or document location" field allows. */
export const EVIDENCE_LOCATION_MAX_LENGTH = 1000;

export type EvidenceListChange = { ok: true; locations: string[] } | { ok: false; error: string };

/** Adds a location at the end; refuses an empty, too long or already listed one (case ignored). */
export function addEvidenceLocation(locations: readonly string[], typed: string): EvidenceListChange {
  const location = typed.trim();
  if (location === '') return { ok: false, error: 'Type the location, e.g. "Nextcloud /Incidents/INC-2026-004".' };
  if (location.length > EVIDENCE_LOCATION_MAX_LENGTH)
    return { ok: false, error: `The location is too long: ${location.length} characters, at most ${EVIDENCE_LOCATION_MAX_LENGTH}.` };
  if (locations.some((existing) => existing.toLowerCase() === location.toLowerCase())) return { ok: false, error: `"${location}" is already in the list.` };
  return { ok: true, locations: [...locations, location] };
}

export function removeEvidenceLocation(locations: readonly string[], location: string): string[] {
  return locations.filter((existing) => existing !== location);
}

/** A link to list as a location; a Nextcloud folder also says its path as the Files app shows it ("/Muster/INC-2026-004"). */
export type EvidenceLink = { ok: true; url: string } | { ok: false; error: string };
export type NextcloudFolderLink = { ok: true; url: string; folder: string } | { ok: false; error: string };

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
// Control characters and the backslash: Nextcloud refuses them in names, and they have no place in a link.
const UNSAFE_NAME = /[\u0000-\u001f\u007f\\]/;

/** A Nextcloud connector's site as saved: https (http on this machine, for tests), nothing after the path. */
function nextcloudSite(site: string | undefined): string | null {
  let url: URL;
  try {
    url = new URL((site ?? '').trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) return null;
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') return null;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * The Files app opened on a connector's base folder, or on an incident's folder inside it,
 * as evidence-upload makes them: "<site>/apps/files/?dir=/Muster/INC-2026-004". Each folder
 * name is %-encoded on its own, so an incident id can never add a level, a query or a hash;
 * names a folder cannot have ("..", a slash in the incident id, control characters) are refused.
 */
export function nextcloudFolderLink(config: { site?: string | undefined; folder?: string | undefined }, incidentId?: string): NextcloudFolderLink {
  const site = nextcloudSite(config.site);
  if (!site) return { ok: false, error: 'This Nextcloud connector has no usable site address: fix it in Settings › Integrations.' };
  const base = (config.folder ?? '').split('/').map((segment) => segment.trim()).filter((segment) => segment !== '');
  const folder = base.length > 0 ? base : ['Muster'];
  if (folder.some((segment) => segment === '.' || segment === '..' || UNSAFE_NAME.test(segment)))
    return { ok: false, error: `The Nextcloud folder "${config.folder ?? ''}" is not a plain folder path: fix it in Settings › Integrations.` };
  if (incidentId !== undefined) {
    if (incidentId === '' || incidentId === '.' || incidentId === '..' || incidentId.includes('/') || UNSAFE_NAME.test(incidentId))
      return { ok: false, error: `The incident id "${incidentId}" cannot be a Nextcloud folder name.` };
    folder.push(incidentId);
  }
  return { ok: true, url: `${site}/apps/files/?dir=/${folder.map(encodeURIComponent).join('/')}`, folder: `/${folder.join('/')}` };
}

/** CryptPad's apps, as the first folder of a link's path: a drive, or one kind of document. */
export const CRYPTPAD_APPS = ['drive', 'teams', 'pad', 'sheet', 'code', 'slide', 'kanban', 'whiteboard', 'diagram', 'doc', 'presentation', 'file', 'form', 'poll'] as const;
const DOCUMENT_APPS_WITHOUT_KEY = new Set(['drive', 'teams']);

function cryptPadApp(url: URL): string | null {
  const app = url.pathname.split('/')[1] ?? '';
  return (CRYPTPAD_APPS as readonly string[]).includes(app) ? app : null;
}

/**
 * Checks a CryptPad link to list as a location. The part after # is the document's key
 * (CryptPad encrypts in the browser): it is kept, and a document link without one is refused,
 * since it would open an empty new document. Only a drive (the user's or a team's) needs none.
 */
export function checkCryptPadLink(typed: string): EvidenceLink {
  let url: URL;
  try {
    url = new URL(typed.trim());
  } catch {
    return { ok: false, error: 'Paste the whole CryptPad link, starting with https://.' };
  }
  if (url.protocol !== 'https:') return { ok: false, error: 'A CryptPad link starts with https://.' };
  if (url.username !== '' || url.password !== '') return { ok: false, error: 'Leave any user name and password out of the link.' };
  const app = cryptPadApp(url);
  if (!app) return { ok: false, error: 'This is not a CryptPad drive or document link (they look like https://cryptpad.fr/pad/#/2/pad/edit/…): copy it from CryptPad’s Share menu.' };
  if (!DOCUMENT_APPS_WITHOUT_KEY.has(app) && url.hash.length <= 1)
    return { ok: false, error: 'The link has no key (the part after #), so it would open an empty document: copy the whole link from CryptPad’s Share menu.' };
  if (url.href.length > EVIDENCE_LOCATION_MAX_LENGTH) return { ok: false, error: `The link is too long: ${url.href.length} characters, at most ${EVIDENCE_LOCATION_MAX_LENGTH}.` };
  return { ok: true, url: url.href };
}

/** Adds a checked CryptPad link to the list (the same refusals as a typed location, and the link's own). */
export function addCryptPadLocation(locations: readonly string[], typed: string): EvidenceListChange {
  const link = checkCryptPadLink(typed);
  return link.ok ? addEvidenceLocation(locations, link.url) : link;
}

/** What the list shows beside a location: the tool it opens in, when its address says so. */
export function evidenceLocationTool(location: string): 'CryptPad' | 'Nextcloud' | null {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (/\/apps\/files\/?$/.test(url.pathname) && url.searchParams.has('dir')) return 'Nextcloud';
  if (url.protocol === 'https:' && cryptPadApp(url) && (url.hash.length > 1 || DOCUMENT_APPS_WITHOUT_KEY.has(cryptPadApp(url) ?? ''))) return 'CryptPad';
  return null;
}

/**
 * What the log's "Evidence or document location" offers for an incident: its Nextcloud
 * folders first (where uploads go), then the workspace's list; each once, case ignored.
 */
export function evidenceSuggestions(incidentFolders: readonly string[], listed: readonly string[]): string[] {
  const seen = new Set<string>();
  return [...incidentFolders, ...listed].filter((location) => {
    const key = location.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
