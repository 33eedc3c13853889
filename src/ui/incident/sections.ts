/** The parts of the Incident screen: the playbook's steps, in order, then readiness. */
export const INCIDENT_SECTIONS = [
  { id: 'owner', step: 'Step 1', title: 'Communication owner' },
  // The owner makes sure the right people hear in time; a call tree is how the team reaches them.
  { id: 'calls', step: 'Step 1', title: 'Calls' },
  { id: 'leadership', step: 'Step 2', title: 'Leadership updates' },
  { id: 'employees', step: 'Step 3', title: 'Employee instructions' },
  { id: 'escalation', step: 'Step 4', title: 'Escalation and vendor requests' },
  { id: 'legal', step: 'Step 5', title: 'Insurance, legal, compliance' },
  { id: 'statements', step: 'Step 6', title: 'External statements' },
  { id: 'channels', step: 'Step 7', title: 'Safe channels' },
  // A push alert reaches the team when company email and chat are down.
  { id: 'alerts', step: 'Step 7', title: 'Team alerts' },
  { id: 'decisions', step: 'Step 8', title: 'Decisions and follow-ups' },
  // Step 8's record handed out: one document for review, insurance claims and legal (issue 6).
  { id: 'report', step: 'Step 8', title: 'Post-incident report' },
  { id: 'readiness', step: 'Readiness', title: 'Is the company ready?' },
] as const;

export type IncidentSectionId = (typeof INCIDENT_SECTIONS)[number]['id'];
