/** The parts of the Incident screen: the playbook's steps, in order, then readiness. */
export const INCIDENT_SECTIONS = [
  { id: 'owner', step: 'Step 1', title: 'Communication owner' },
  { id: 'leadership', step: 'Step 2', title: 'Leadership updates' },
  { id: 'employees', step: 'Step 3', title: 'Employee instructions' },
  { id: 'escalation', step: 'Step 4', title: 'Escalation and vendor requests' },
  { id: 'legal', step: 'Step 5', title: 'Insurance, legal, compliance' },
  { id: 'statements', step: 'Step 6', title: 'External statements' },
  { id: 'channels', step: 'Step 7', title: 'Safe channels' },
  { id: 'decisions', step: 'Step 8', title: 'Decisions and follow-ups' },
  { id: 'readiness', step: 'Readiness', title: 'Is the company ready?' },
] as const;

export type IncidentSectionId = (typeof INCIDENT_SECTIONS)[number]['id'];
