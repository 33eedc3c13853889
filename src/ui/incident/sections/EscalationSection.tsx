import type { Incident } from '../../../domain/incident';

// Being built (issue 4); replaced by the section's real view.
export function EscalationSection(_props: { incident: Incident }) {
  return <p class="empty">This step is being built.</p>;
}
