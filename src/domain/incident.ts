/** A finding, verified and recorded, that no data was affected (Step 6: only then may a statement say so). */
export interface VerifiedFinding {
  by: string;
  /** How it was verified, and where the evidence is. */
  evidence: string;
  at: string;
}

/** The trigger lists a responder ticks for an incident (Steps 2, 4 and 5). */
export interface IncidentTriggers {
  leadership?: string[];
  escalation?: string[];
  legal?: string[];
}

/**
 * An incident as Muster tracks it. The fields after `opened_at` are the playbook workflows'
 * state; all are optional, as incidents stored by earlier versions lack them.
 */
export interface Incident {
  /** Human-friendly and unique within the workspace, e.g. INC-2026-004. */
  id: string;
  workspace_id: string;
  title: string;
  status: 'open' | 'closed';
  detected_at: string;
  opened_at: string;
  /** Step 1: who coordinates communication, and their deputy. */
  comm_owner?: string;
  comm_deputy?: string;
  /** Step 1: per coordination area (coordination.ts), 'not_needed' | 'pending' | 'done'. */
  coordination?: Record<string, string>;
  /** Step 2: when the next leadership update is due; the header counts down to it. */
  next_update_due?: string | null;
  triggers?: IncidentTriggers;
  /**
   * Step 7: per channel (channels.ts), 'safe' | 'suspect' | 'compromised'; unset is safe.
   * `muster_backend: 'compromised'` stops sync (DESIGN "Safe-channel gate").
   */
  channels?: Record<string, string>;
  verified_no_data?: VerifiedFinding | null;
}

/**
 * DESIGN "Safe-channel gate": no sync while the Muster backend is marked compromised for
 * the incident (Step 7). Here, not in channels.ts, because the gate is part of start-up.
 */
export function backendCompromised(incident: Incident): boolean {
  return incident.channels?.muster_backend === 'compromised';
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
