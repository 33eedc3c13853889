/**
 * Step 1: one communication owner coordinates six kinds of communication. Each area is
 * tracked per incident as not needed, pending or done; the owner sees what is still open.
 */
export const COORDINATION_AREAS = [
  'leadership',
  'employees',
  'vendors_msp',
  'legal_insurance',
  'customers_partners',
  'regulators_law_enforcement',
] as const;

export type CoordinationArea = (typeof COORDINATION_AREAS)[number];

/** Step 1's list, word for word. */
export const COORDINATION_AREA_LABELS: Record<CoordinationArea, string> = {
  leadership: 'Leadership updates',
  employees: 'Employee instructions',
  vendors_msp: 'Vendor and MSP communication',
  legal_insurance: 'Legal and insurance communication',
  customers_partners: 'Customer or partner communication, if needed',
  regulators_law_enforcement: 'Regulatory or law enforcement communication, if needed',
};

export const COORDINATION_STATES = ['not_needed', 'pending', 'done'] as const;

export type CoordinationState = (typeof COORDINATION_STATES)[number];

export const COORDINATION_STATE_LABELS: Record<CoordinationState, string> = {
  not_needed: 'Not needed',
  pending: 'Pending',
  done: 'Done',
};

export type CoordinationStates = Partial<Record<CoordinationArea, CoordinationState>>;

export interface CoordinationSummary {
  counts: Record<CoordinationState, number>;
  /** Areas still to handle, in Step 1's order. */
  pending: CoordinationArea[];
}

/**
 * An area nobody has looked at yet counts as pending: "not needed" is a decision the owner
 * makes, never a default (Step 1: customers and regulators only "if needed", but someone decides).
 */
export function coordinationSummary(states: CoordinationStates): CoordinationSummary {
  const counts: Record<CoordinationState, number> = { not_needed: 0, pending: 0, done: 0 };
  const pending: CoordinationArea[] = [];
  for (const area of COORDINATION_AREAS) {
    // Stored incidents are inbound data: a state this version does not know counts as pending.
    const stored = states[area];
    const state: CoordinationState = stored !== undefined && COORDINATION_STATES.includes(stored) ? stored : 'pending';
    counts[state] += 1;
    if (state === 'pending') pending.push(area);
  }
  return { counts, pending };
}

/** The same limit as the log's "Owner" field. */
export const OWNER_NAME_MAX_LENGTH = 200;

export interface OwnerAssignment {
  owner: string;
  /** Who takes over when the owner is unreachable; optional. */
  deputy?: string | null;
}

export type OwnerAssignmentErrors = Partial<Record<keyof OwnerAssignment, string>>;

/** "Tom  Becker " and "tom becker" name the same person: case and runs of spaces do not count. */
function samePerson(a: string, b: string): boolean {
  const normalise = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();
  return normalise(a) === normalise(b);
}

/** Step 1: "Assign one person". An empty object means the assignment can be saved. */
export function validateOwnerAssignment(assignment: OwnerAssignment): OwnerAssignmentErrors {
  const errors: OwnerAssignmentErrors = {};
  const owner = assignment.owner.trim();
  const deputy = (assignment.deputy ?? '').trim();
  if (owner === '') errors.owner = 'Name the communication owner.';
  else if (owner.length > OWNER_NAME_MAX_LENGTH)
    errors.owner = `Owner is too long: ${owner.length} characters, at most ${OWNER_NAME_MAX_LENGTH}.`;
  if (deputy.length > OWNER_NAME_MAX_LENGTH)
    errors.deputy = `Deputy is too long: ${deputy.length} characters, at most ${OWNER_NAME_MAX_LENGTH}.`;
  else if (deputy !== '' && owner !== '' && samePerson(owner, deputy))
    errors.deputy = 'The deputy must be someone other than the owner.';
  return errors;
}
