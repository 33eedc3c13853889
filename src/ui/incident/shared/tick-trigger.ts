import type { Incident, IncidentTriggers } from '../../../domain/incident';

/**
 * The change that ticks (or unticks) one trigger of an incident's Step 2, 4 or 5 list, for
 * useIncidentActions().update. It reads the incident as stored, so quick taps build on each
 * other; null when the trigger already is as wanted (nothing is saved or logged).
 */
export function tickTrigger(list: keyof IncidentTriggers, triggerId: string, ticked: boolean) {
  return (incident: Incident): Incident | null => {
    const current = incident.triggers?.[list] ?? [];
    if (current.includes(triggerId) === ticked) return null;
    const next = ticked ? [...current, triggerId] : current.filter((id) => id !== triggerId);
    return { ...incident, triggers: { ...incident.triggers, [list]: next } };
  };
}
