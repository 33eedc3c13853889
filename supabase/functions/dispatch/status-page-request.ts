/**
 * The HTTP requests each Cachet version documents for "create an incident" and "add an update
 * to it", and how to read the answer. Pure: no fetch here. Facts from
 * ../shared/notes/push-and-integrations.md (C) and Cachet's sources:
 *   Cachet 2.x  POST <site>/api/v1/incidents  X-Cachet-Token: <token>
 *               JSON {name, message, status 0..4, visible: 1}         200 {"data": {"id": N, ...}}
 *               POST <site>/api/v1/incidents/<id>/updates  (cachethq/cachet ApiRoutes,
 *               Api/IncidentUpdateController@store, CreateIncidentUpdateCommand:
 *               status required 1..4, message required)                {"data": {"id": <update id>, ...}}
 *   Cachet 3.x  POST <site>/api/incidents     Authorization: Bearer <API key>
 *               JSON {name, message, status 1..4, visible: true}      2xx {"data": {"id": N, ...}}
 *               POST <site>/api/incidents/<id>/updates  (cachethq/core routes/api.php
 *               apiResource incidents.updates under auth:sanctum; CreateIncidentUpdateRequestData:
 *               status required (IncidentStatusEnum), message required)
 *                                                                      2xx JSON:API {"data": {"id", ...}}
 * 3.x hides an incident unless `visible` is sent: a published statement must be seen.
 * An update carries the connector's status too (1 investigating … 4 fixed); both versions
 * require one.
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

function siteOf(target: CachetTarget): string {
  return target.config.site.replace(/\/+$/, '');
}

function statusOf(target: CachetTarget): number {
  const status = target.config.status;
  return Number.isInteger(status) && status >= 1 && status <= 4 ? status : DEFAULT_CACHET_STATUS;
}

function headersOf(target: CachetTarget): Record<string, string> {
  const auth: Record<string, string> = target.kind === 'cachet2' ? { 'X-Cachet-Token': target.token } : { Authorization: `Bearer ${target.token}` };
  return { ...auth, 'Content-Type': 'application/json', Accept: 'application/json' };
}

export function cachetRequest(target: CachetTarget, name: string, message: string): StatusPageRequest {
  const status = statusOf(target);
  if (target.kind === 'cachet2') {
    return {
      url: `${siteOf(target)}/api/v1/incidents`,
      method: 'POST',
      headers: headersOf(target),
      body: JSON.stringify({ name, message, status, visible: 1 }),
    };
  }
  return {
    url: `${siteOf(target)}/api/incidents`,
    method: 'POST',
    headers: headersOf(target),
    body: JSON.stringify({ name, message, status, visible: true }),
  };
}

/** Adds `message` as an update to the incident `incidentId` published earlier. */
export function cachetUpdateRequest(target: CachetTarget, incidentId: string, message: string): StatusPageRequest {
  const incident = encodeURIComponent(incidentId);
  const status = statusOf(target);
  if (target.kind === 'cachet2') {
    return {
      url: `${siteOf(target)}/api/v1/incidents/${incident}/updates`,
      method: 'POST',
      headers: headersOf(target),
      body: JSON.stringify({ status, message }),
    };
  }
  return {
    url: `${siteOf(target)}/api/incidents/${incident}/updates`,
    method: 'POST',
    headers: headersOf(target),
    body: JSON.stringify({ message, status }),
  };
}

/** The incident's id as the dispatch keeps it, and its public page. */
export function cachetIncidentLink(target: CachetTarget, incidentId: string): { remoteId: string; remoteUrl: string } {
  return { remoteId: incidentId, remoteUrl: `${siteOf(target)}/incidents/${encodeURIComponent(incidentId)}` };
}

/** The created record's id from `{"data": {"id": …}}` (an incident, or an update), and the incident's public page. */
export function cachetCreated(target: CachetTarget, body: Record<string, unknown> | null): { remoteId: string; remoteUrl: string } | null {
  const data = body?.data;
  if (typeof data !== 'object' || data === null) return null;
  const id = (data as Record<string, unknown>).id;
  if (typeof id !== 'number' && typeof id !== 'string') return null;
  return cachetIncidentLink(target, String(id));
}
