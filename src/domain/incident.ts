/** An incident as Muster tracks it; more fields arrive with the playbook workflows. */
export interface Incident {
  /** Human-friendly and unique within the workspace, e.g. INC-2026-004. */
  id: string;
  workspace_id: string;
  title: string;
  status: 'open' | 'closed';
  detected_at: string;
  opened_at: string;
  /**
   * Someone marked the "Muster backend" channel compromised for this incident: the phone
   * stops syncing (DESIGN "Safe-channel gate") until it is marked safe again.
   */
  backend_compromised?: boolean;
}

/** Next free id of the form INC-YYYY-NNN, given the ids already used. */
export function nextIncidentId(existing: readonly string[], now: Date): string {
  const year = now.getUTCFullYear();
  const prefix = `INC-${year}-`;
  const used = existing
    .filter((id) => id.startsWith(prefix))
    .map((id) => Number.parseInt(id.slice(prefix.length), 10))
    .filter(Number.isFinite);
  const next = Math.max(0, ...used) + 1;
  return `${prefix}${String(next).padStart(3, '0')}`;
}
