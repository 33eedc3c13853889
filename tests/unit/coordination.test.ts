import { describe, expect, it } from 'vitest';
import {
  COORDINATION_AREA_LABELS,
  COORDINATION_AREAS,
  coordinationSummary,
  OWNER_NAME_MAX_LENGTH,
  validateOwnerAssignment,
  type CoordinationStates,
} from '../../src/domain/coordination';

describe("Step 1's coordination list", () => {
  it('names the six areas the communication owner coordinates, in the playbook order and words', () => {
    expect(COORDINATION_AREAS.map((area) => COORDINATION_AREA_LABELS[area])).toEqual([
      'Leadership updates',
      'Employee instructions',
      'Vendor and MSP communication',
      'Legal and insurance communication',
      'Customer or partner communication, if needed',
      'Regulatory or law enforcement communication, if needed',
    ]);
  });

  it('counts an area nobody has decided on as pending', () => {
    const summary = coordinationSummary({});

    expect(summary.counts).toEqual({ not_needed: 0, pending: 6, done: 0 });
    expect(summary.pending).toEqual([...COORDINATION_AREAS]);
  });

  it('lists what is still pending, in the playbook order', () => {
    const summary = coordinationSummary({
      regulators_law_enforcement: 'not_needed',
      leadership: 'done',
      customers_partners: 'pending',
      employees: 'done',
    });

    expect(summary.counts).toEqual({ not_needed: 1, pending: 3, done: 2 });
    expect(summary.pending).toEqual(['vendors_msp', 'legal_insurance', 'customers_partners']);
  });

  it('treats a state written by a newer version as still pending', () => {
    const summary = coordinationSummary({ leadership: 'waiting_on_ceo' } as unknown as CoordinationStates);

    expect(summary.pending).toContain('leadership');
    expect(summary.counts.pending).toBe(6);
  });
});

describe('assigning the communication owner', () => {
  it('accepts an owner alone: the deputy is optional', () => {
    expect(validateOwnerAssignment({ owner: 'Maria Lopez' })).toEqual({});
    expect(validateOwnerAssignment({ owner: 'Maria Lopez', deputy: '  ' })).toEqual({});
    expect(validateOwnerAssignment({ owner: 'Maria Lopez', deputy: null })).toEqual({});
  });

  it('requires an owner', () => {
    expect(validateOwnerAssignment({ owner: '   ', deputy: 'Tom Becker' })).toEqual({ owner: 'Name the communication owner.' });
  });

  it(`accepts ${OWNER_NAME_MAX_LENGTH} characters and refuses one more`, () => {
    expect(validateOwnerAssignment({ owner: 'a'.repeat(200) })).toEqual({});
    expect(validateOwnerAssignment({ owner: ` ${'a'.repeat(200)} ` })).toEqual({});
    expect(validateOwnerAssignment({ owner: 'a'.repeat(201) }).owner).toBe('Owner is too long: 201 characters, at most 200.');
    expect(validateOwnerAssignment({ owner: 'Maria', deputy: 'b'.repeat(201) }).deputy).toBe('Deputy is too long: 201 characters, at most 200.');
  });

  it('refuses the owner as their own deputy, whatever the case and spacing', () => {
    const expected = { deputy: 'The deputy must be someone other than the owner.' };

    expect(validateOwnerAssignment({ owner: 'Tom Becker', deputy: 'Tom Becker' })).toEqual(expected);
    expect(validateOwnerAssignment({ owner: 'Tom Becker', deputy: '  tom   BECKER ' })).toEqual(expected);
    expect(validateOwnerAssignment({ owner: 'Tom Becker', deputy: 'Tom Beckers' })).toEqual({});
  });

  it('keeps names with markup as plain names', () => {
    expect(validateOwnerAssignment({ owner: '<img src=x onerror=alert(1)>', deputy: '<script>alert(1)</script>' })).toEqual({});
  });
});
