/**
 * The one HTTP request each Cachet version documents for "create an incident", and how to
 * read its answer. Pure: no fetch here. Facts from ../shared/notes/push-and-integrations.md (C):
 *   Cachet 2.x  POST <site>/api/v1/incidents  X-Cachet-Token: <token>
 *               JSON {name, message, status 0..4, visible: 1}         200 {"data": {"id": N, ...}}
 *   Cachet 3.x  POST <site>/api/incidents     Authorization: Bearer <API key>
 *               JSON {name, message, status 1..4, visible: true}      2xx {"data": {"id": N, ...}}
 * 3.x hides an incident unless `visible` is sent: a published statement must be seen.
 */

export interface CachetConfig {
  site: string;
  /** 1 investigating, 2 identified, 3 watching, 4 fixed. */
  status: number;
}

export interface CachetTarget {
  kind: 'cachet2' | 'cachet3';
  config: CachetConfig;
  token: string;
}

export const DEFAULT_CACHET_STATUS = 2;
/** Cachet 3.x limits the incident name to 255 characters. */
export const MAX_CACHET_NAME = 255;

export interface StatusPageRequest {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
}

export function cachetRequest(target: CachetTarget, name: string, message: string): StatusPageRequest {
  const site = target.config.site.replace(/\/+$/, '');
  const status = Number.isInteger(target.config.status) && target.config.status >= 1 && target.config.status <= 4 ? target.config.status : DEFAULT_CACHET_STATUS;
  if (target.kind === 'cachet2') {
    return {
      url: `${site}/api/v1/incidents`,
      method: 'POST',
      headers: { 'X-Cachet-Token': target.token, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ name, message, status, visible: 1 }),
    };
  }
  return {
    url: `${site}/api/incidents`,
    method: 'POST',
    headers: { Authorization: `Bearer ${target.token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ name, message, status, visible: true }),
  };
}

/** The created incident's id from `{"data": {"id": …}}`, and its public page. */
export function cachetCreated(target: CachetTarget, body: Record<string, unknown> | null): { remoteId: string; remoteUrl: string } | null {
  const data = body?.data;
  if (typeof data !== 'object' || data === null) return null;
  const id = (data as Record<string, unknown>).id;
  if (typeof id !== 'number' && typeof id !== 'string') return null;
  const remoteId = String(id);
  return { remoteId, remoteUrl: `${target.config.site.replace(/\/+$/, '')}/incidents/${encodeURIComponent(remoteId)}` };
}
