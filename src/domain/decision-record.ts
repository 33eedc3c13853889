/**
 * Step 8: "Record communication and decisions". A decision record says what was decided, by
 * whom, which options were considered, why, and when; it becomes one log entry of type
 * Decision. The log has no fields for options and rationale, so they go into the message
 * summary after the decision; "Decision made" holds the decision alone.
 */

/** What the form hands over, as typed; `occurredAt` is an ISO time or '' for "now". */
export interface DecisionDraft {
  decision: string;
  decidedBy: string;
  options: string;
  rationale: string;
  occurredAt: string;
  evidence: string;
}

export type DecisionField = keyof DecisionDraft;
export type DecisionErrors = Partial<Record<DecisionField, string>>;

export interface DecisionRecord {
  decision: string;
  decidedBy: string;
  options: string;
  rationale: string;
  /** ISO 8601, UTC. */
  occurredAt: string;
  evidence: string;
}

export type DecisionValidation = { ok: true; record: DecisionRecord } | { ok: false; errors: DecisionErrors };

// Limits chosen so the composed summary always fits the log's 4,000-character summary.
const LIMITS: Record<Exclude<DecisionField, 'occurredAt'>, { label: string; max: number }> = {
  decision: { label: 'Decision', max: 1500 },
  decidedBy: { label: 'Decided by', max: 200 },
  options: { label: 'Options considered', max: 1100 },
  rationale: { label: 'Rationale', max: 1100 },
  evidence: { label: 'Evidence location', max: 1000 },
};

export function validateDecision(draft: DecisionDraft, now: Date): DecisionValidation {
  const errors: DecisionErrors = {};
  for (const [field, { label, max }] of Object.entries(LIMITS) as [keyof typeof LIMITS, (typeof LIMITS)[keyof typeof LIMITS]][]) {
    const length = draft[field].trim().length;
    if (length > max) errors[field] = `${label} is too long: ${length} characters, at most ${max}.`;
  }
  if (!errors.decision && draft.decision.trim() === '') errors.decision = 'Say what was decided.';
  if (!errors.decidedBy && draft.decidedBy.trim() === '') errors.decidedBy = 'Name who made the decision.';
  const time = draft.occurredAt.trim() === '' ? now.getTime() : Date.parse(draft.occurredAt);
  if (Number.isNaN(time)) errors.occurredAt = 'Time is not a valid date.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    record: {
      decision: draft.decision.trim(),
      decidedBy: draft.decidedBy.trim(),
      options: draft.options.trim(),
      rationale: draft.rationale.trim(),
      occurredAt: new Date(time).toISOString(),
      evidence: draft.evidence.trim(),
    },
  };
}

/** "Keep the mailbox online" → "Keep the mailbox online."; text already ending a sentence stays. */
function asSentence(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}

/** The log entry's message summary: "Decision: X. Options considered: Y. Rationale: Z." */
export function decisionSummary(record: Pick<DecisionRecord, 'decision' | 'options' | 'rationale'>): string {
  return [
    `Decision: ${asSentence(record.decision)}`,
    record.options ? `Options considered: ${asSentence(record.options)}` : '',
    record.rationale ? `Rationale: ${asSentence(record.rationale)}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}
