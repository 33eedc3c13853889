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
