import { describe, expect, it } from 'vitest';
import {
  checkTimeZone,
  confirmExample,
  draftFromPeriod,
  emptyNoticePeriodDraft,
  periodAppliesTo,
  periodNote,
  periodSpan,
  validateNoticePeriod,
  type NoticePeriodDraft,
} from '../../src/domain/notice-period-form';
import { EXAMPLE_NOTICE_PERIODS, type NoticePeriod } from '../../src/domain/obligations';

function draft(overrides: Partial<NoticePeriodDraft>): NoticePeriodDraft {
  return { ...emptyNoticePeriodDraft(), party: 'insurer', amount: '24', label: 'Insurer: policy clause 7.2', ...overrides };
}

const insurerExample = EXAMPLE_NOTICE_PERIODS.find((period) => period.party === 'insurer') as NoticePeriod;
const bankExample = EXAMPLE_NOTICE_PERIODS.find((period) => period.party === 'bank') as NoticePeriod;

describe('a notice period the company sets itself', () => {
  it('is stored in hours and is no longer an example', () => {
    const check = validateNoticePeriod(draft({ note: ' From the policy, clause 7.2. ' }));
    expect(check).toEqual({
      ok: true,
      period: { party: 'insurer', hours: 24, label: 'Insurer: policy clause 7.2', example: false, note: 'From the policy, clause 7.2.' },
    });
  });

  it('counts business days as whole days of 24 hours, flagged as business days', () => {
    const check = validateNoticePeriod(draft({ party: 'customers', amount: '3', unit: 'business_days', label: 'Crown Labs contract' }));
    expect(check.ok && check.period).toMatchObject({ party: 'customers', hours: 72, business: true });
  });

  it('can apply to one trigger only', () => {
    const check = validateNoticePeriod(draft({ party: 'bank', trigger: 'payment_fraud', amount: '2' }));
    expect(check.ok && check.period.trigger).toBe('payment_fraud');
  });

  it('explains each field that is missing or wrong, in one sentence', () => {
    const check = validateNoticePeriod({ party: '', trigger: 'moon_landing', amount: 'soon', unit: 'hours', label: ' ', note: '' });
    expect(check).toEqual({
      ok: false,
      errors: {
        party: 'Pick who must be notified.',
        trigger: 'Pick a trigger from the list, or "Any trigger".',
        amount: 'Enter a number of hours.',
        label: 'Name it, for example "Cyber insurer: first notice".',
      },
    });
  });

  it('refuses negative periods, half business days and periods over a year', () => {
    const amountError = (overrides: Partial<NoticePeriodDraft>) => {
      const check = validateNoticePeriod(draft(overrides));
      return check.ok ? null : check.errors.amount;
    };
    expect(amountError({ amount: '-1' })).toBe('A notice period cannot be negative.');
    expect(amountError({ amount: '1.5', unit: 'business_days' })).toBe('Business days must be whole days, for example 3.');
    expect(amountError({ amount: '400', unit: 'business_days' })).toBe('That is more than a year: check the number.');
    expect(amountError({ amount: '0.5' })).toBeNull();
  });
});

describe('the shipped examples', () => {
  it('open in the form without the "Example: confirm" sentence, ready to be replaced', () => {
    expect(draftFromPeriod(insurerExample)).toMatchObject({ party: 'insurer', trigger: '', amount: '48', unit: 'hours' });
    expect(draftFromPeriod(insurerExample).note).not.toMatch(/^Example/);
    expect(draftFromPeriod({ ...insurerExample, hours: 72, business: true })).toMatchObject({ amount: '3', unit: 'business_days' });
  });

  it('keep their length when confirmed as they are, and stop being examples', () => {
    const confirmed = confirmExample(insurerExample);
    expect(confirmed).toMatchObject({ party: 'insurer', hours: 48, example: false });
    expect(confirmed.note).toMatch(/^Many cyber policies/);
  });

  it('show their note without the "Example: confirm" sentence where they are already marked as examples', () => {
    expect(periodNote(insurerExample)).toBe(insurerExample.note.replace('Example: confirm against your policy, contract or regulator. ', ''));
    expect(periodNote({ note: 'Policy 7.2.' })).toBe('Policy 7.2.');
  });

  it('say whom and which trigger they apply to, and how long they are', () => {
    expect(periodAppliesTo(insurerExample)).toBe('Cyber insurer');
    expect(periodAppliesTo(bankExample)).toBe('Bank (Payment fraud only)');
    expect(periodSpan(insurerExample)).toBe('48 h');
    expect(periodSpan({ hours: 24, business: true })).toBe('1 business day');
    expect(periodSpan({ hours: 72, business: true })).toBe('3 business days');
  });
});

describe('the workspace time zone', () => {
  it('is accepted as an IANA name and spelled as the device spells it', () => {
    expect(checkTimeZone(' europe/berlin ')).toEqual({ ok: true, zone: 'Europe/Berlin' });
    expect(checkTimeZone('America/New_York')).toEqual({ ok: true, zone: 'America/New_York' });
  });

  it('is refused, with what to type instead, when the device does not know it', () => {
    expect(checkTimeZone('Berlin time')).toEqual({
      ok: false,
      error: '"Berlin time" is not a time zone this phone knows: use a name such as Europe/Berlin or America/New_York.',
    });
    expect(checkTimeZone('')).toMatchObject({ ok: false });
  });
});
