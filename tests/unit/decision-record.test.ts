import { describe, expect, it } from 'vitest';
import { decisionSummary, validateDecision, type DecisionDraft } from '../../src/domain/decision-record';

const NOW = new Date('2026-03-02T10:00:00.000Z');

function draft(overrides: Partial<DecisionDraft> = {}): DecisionDraft {
  return {
    decision: 'Keep the finance mailbox online and disable the forwarding rule',
    decidedBy: 'Maria Lopez',
    options: 'Take the mailbox offline; keep it online with the rule disabled',
    rationale: 'Invoices are due today and the rule is the only change found',
    occurredAt: '',
    evidence: 'Nextcloud /Incidents/INC-2026-004',
    ...overrides,
  };
}

describe('a decision record (Step 8)', () => {
  it('keeps what was decided, by whom, and when, with "now" when the time was left alone', () => {
    const result = validateDecision(draft({ decision: '  Keep the mailbox online  ' }), NOW);

    expect(result).toEqual({
      ok: true,
      record: expect.objectContaining({ decision: 'Keep the mailbox online', decidedBy: 'Maria Lopez', occurredAt: NOW.toISOString() }),
    });
  });

  it('keeps the time the responder typed', () => {
    const result = validateDecision(draft({ occurredAt: '2026-03-02T08:45:00.000Z' }), NOW);
    expect(result.ok && result.record.occurredAt).toBe('2026-03-02T08:45:00.000Z');
  });

  it('refuses a record without a decision or without who decided, saying what is missing', () => {
    const result = validateDecision(draft({ decision: ' ', decidedBy: '' }), NOW);
    expect(result).toEqual({ ok: false, errors: { decision: 'Say what was decided.', decidedBy: 'Name who made the decision.' } });
  });

  it('refuses a time that is not a date', () => {
    expect(validateDecision(draft({ occurredAt: 'yesterday-ish' }), NOW)).toEqual({ ok: false, errors: { occurredAt: 'Time is not a valid date.' } });
  });

  it('names the field that is too long, so the summary still fits the log', () => {
    const result = validateDecision(draft({ rationale: 'x'.repeat(1101) }), NOW);
    expect(result).toEqual({ ok: false, errors: { rationale: 'Rationale is too long: 1101 characters, at most 1100.' } });
  });

  it('writes options and rationale into the summary after the decision', () => {
    expect(decisionSummary({ decision: 'Keep the mailbox online', options: 'Offline; online with rule disabled', rationale: 'Invoices due today.' })).toBe(
      'Decision: Keep the mailbox online. Options considered: Offline; online with rule disabled. Rationale: Invoices due today.',
    );
  });

  it('leaves out what was not given', () => {
    expect(decisionSummary({ decision: 'Call the insurer now!', options: '', rationale: '' })).toBe('Decision: Call the insurer now!');
  });

  it('fits the longest allowed record into the log summary', () => {
    const result = validateDecision(draft({ decision: 'd'.repeat(1500), options: 'o'.repeat(1100), rationale: 'r'.repeat(1100) }), NOW);
    if (!result.ok) throw new Error('expected a valid record');
    expect(decisionSummary(result.record).length).toBeLessThanOrEqual(4000);
  });
});
