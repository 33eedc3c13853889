import { describe, expect, it } from 'vitest';
import {
  defaultNextUpdate,
  formatIncidentTime,
  LEADERSHIP_UPDATE_FIELDS,
  nextUpdateStatus,
  renderLeadershipUpdate,
  validateLeadershipUpdate,
  type LeadershipUpdateValues,
} from '../../src/domain/leadership-update';

const NOW = new Date('2026-03-02T09:30:00.000Z');
const CONTEXT = { incidentId: 'INC-2026-004', incidentTitle: 'Finance mailbox forwarding rule', timeZone: 'Europe/Berlin' };

const VALUES: LeadershipUpdateValues = {
  what_happened: 'A forwarding rule sent finance mail to an outside address.',
  detected_at: '2026-03-02T08:40:00.000Z',
  affected: 'Finance mailbox; invoices from the last 10 days',
  still_active: 'no',
  actions_taken: 'Rule removed, password reset, MFA re-enrolled',
  decisions_needed: 'Notify the insurer today?',
  support_required: 'Approval to engage Harbor IR',
  next_update_at: '2026-03-02T11:00:00.000Z',
};

const minutes = (count: number) => count * 60_000;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs).toISOString();

describe("Step 2's eight points", () => {
  it('asks exactly what the playbook lists, in its order and words', () => {
    expect(LEADERSHIP_UPDATE_FIELDS.map((field) => field.label)).toEqual([
      'What happened',
      'When it was detected',
      'What systems, users, or data may be affected',
      'Whether the incident appears active',
      'What immediate actions have been taken',
      'What decisions are needed',
      'What support is required',
      'When the next update will be provided',
    ]);
  });

  it('requires all but the decisions needed and the support required', () => {
    expect(LEADERSHIP_UPDATE_FIELDS.filter((field) => !field.required).map((field) => field.key)).toEqual(['decisions_needed', 'support_required']);
  });
});

describe('checking a leadership update before it is sent', () => {
  it('accepts a complete update', () => {
    expect(validateLeadershipUpdate(VALUES, NOW)).toEqual({ ok: true, warnings: {} });
  });

  it('accepts an update with no decisions needed and no support required', () => {
    expect(validateLeadershipUpdate({ ...VALUES, decisions_needed: '', support_required: ' ' }, NOW).ok).toBe(true);
  });

  it('names each required point that is empty', () => {
    const check = validateLeadershipUpdate({ ...VALUES, what_happened: ' ', next_update_at: '' }, NOW);

    expect(check).toEqual({
      ok: false,
      errors: { what_happened: 'What happened is required.', next_update_at: 'When the next update will be provided is required.' },
      warnings: {},
    });
  });

  it('accepts only yes, no or not yet known for "appears active"', () => {
    for (const answer of ['yes', 'no', 'unknown']) expect(validateLeadershipUpdate({ ...VALUES, still_active: answer }, NOW).ok).toBe(true);
    const check = validateLeadershipUpdate({ ...VALUES, still_active: 'maybe' }, NOW);

    expect(check.ok ? {} : check.errors).toEqual({ still_active: 'Answer yes, no or not yet known.' });
  });

  it('refuses a next update that is now or in the past, and accepts one a minute ahead', () => {
    const errorsOf = (next: string) => {
      const check = validateLeadershipUpdate({ ...VALUES, next_update_at: next }, NOW);
      return check.ok ? {} : check.errors;
    };

    expect(errorsOf(at(0))).toEqual({ next_update_at: 'The next update must be in the future.' });
    expect(errorsOf(at(-minutes(5)))).toEqual({ next_update_at: 'The next update must be in the future.' });
    expect(errorsOf(at(minutes(1)))).toEqual({});
    expect(errorsOf('tomorrow-ish')).toEqual({ next_update_at: 'The next update time is not a valid date.' });
  });

  it('warns, without refusing, when the next update is more than 24 hours away', () => {
    const exactly = validateLeadershipUpdate({ ...VALUES, next_update_at: at(minutes(24 * 60)) }, NOW);
    const beyond = validateLeadershipUpdate({ ...VALUES, next_update_at: at(minutes(24 * 60) + 1) }, NOW);

    expect(exactly).toEqual({ ok: true, warnings: {} });
    expect(beyond).toEqual({
      ok: true,
      warnings: { next_update_at: 'The next update is more than 24 hours away: leadership usually needs one sooner.' },
    });
  });

  it('refuses a detection time more than five minutes in the future (a clock may be slightly off)', () => {
    expect(validateLeadershipUpdate({ ...VALUES, detected_at: at(minutes(5)) }, NOW).ok).toBe(true);
    const check = validateLeadershipUpdate({ ...VALUES, detected_at: at(minutes(5) + 1) }, NOW);

    expect(check.ok ? {} : check.errors).toEqual({ detected_at: 'When it was detected is in the future: check the date and time.' });
  });

  it('refuses a field over 2000 characters', () => {
    expect(validateLeadershipUpdate({ ...VALUES, affected: 'x'.repeat(2000) }, NOW).ok).toBe(true);
    const check = validateLeadershipUpdate({ ...VALUES, affected: 'x'.repeat(2001) }, NOW);

    expect(check.ok ? '' : check.errors.affected).toMatch(/^What systems, users, or data may be affected is too long: 2001 characters/);
  });
});

describe('the leadership update as sent', () => {
  it('gives one short factual line per point, times in the company time zone', () => {
    const message = renderLeadershipUpdate(VALUES, CONTEXT);

    expect(message.subject).toBe('INC-2026-004: leadership update, Finance mailbox forwarding rule');
    expect(message.text.split('\n')).toEqual([
      'What happened: A forwarding rule sent finance mail to an outside address.',
      'Detected: Mon 2 Mar 2026, 09:40 CET',
      'May be affected: Finance mailbox; invoices from the last 10 days',
      'Appears active: No',
      'Actions taken: Rule removed, password reset, MFA re-enrolled',
      'Decisions needed: Notify the insurer today?',
      'Support required: Approval to engage Harbor IR',
      'Next update: Mon 2 Mar 2026, 12:00 CET',
    ]);
    expect(message.missing).toEqual([]);
    expect(message.tooLong).toBe(false);
  });

  it('formats the same instant in the zone it is given', () => {
    expect(formatIncidentTime('2026-03-02T09:15:00.000Z', 'America/New_York')).toBe('Mon 2 Mar 2026, 04:15 GMT-5');
    expect(formatIncidentTime('2026-03-02T09:15:00.000Z', 'UTC')).toBe('Mon 2 Mar 2026, 09:15 UTC');
  });

  it('says "None" for no decisions or support, and marks a missing required point', () => {
    const message = renderLeadershipUpdate({ ...VALUES, decisions_needed: '', support_required: '', actions_taken: '  ' }, CONTEXT);

    expect(message.text).toContain('\nDecisions needed: None\n');
    expect(message.text).toContain('\nSupport required: None\n');
    expect(message.text).toContain('\nActions taken: [What immediate actions have been taken]\n');
    expect(message.missing).toEqual(['What immediate actions have been taken']);
  });

  it('shows "Not yet known" when nobody can say whether it is still active', () => {
    expect(renderLeadershipUpdate({ ...VALUES, still_active: 'unknown' }, CONTEXT).text).toContain('\nAppears active: Not yet known\n');
  });

  it('keeps each point on its line when a value was typed over several lines', () => {
    const message = renderLeadershipUpdate({ ...VALUES, what_happened: 'Forwarding rule.\n\nFound by Ana.' }, CONTEXT);

    expect(message.text.split('\n')[0]).toBe('What happened: Forwarding rule. Found by Ana.');
    expect(message.text.split('\n')).toHaveLength(8);
  });

  it('counts words and flags an update over 150 words', () => {
    const base = renderLeadershipUpdate({ ...VALUES, what_happened: 'x' }, CONTEXT).words;
    const at150 = renderLeadershipUpdate({ ...VALUES, what_happened: Array(150 - base + 1).fill('word').join(' ') }, CONTEXT);
    const at151 = renderLeadershipUpdate({ ...VALUES, what_happened: Array(151 - base + 1).fill('word').join(' ') }, CONTEXT);

    expect(at150.words).toBe(150);
    expect(at150.tooLong).toBe(false);
    expect(at151.words).toBe(151);
    expect(at151.tooLong).toBe(true);
  });

  it('leaves the title out of the subject when there is none', () => {
    expect(renderLeadershipUpdate(VALUES, { ...CONTEXT, incidentTitle: ' ' }).subject).toBe('INC-2026-004: leadership update');
  });

  for (const hostile of ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', "$& $1 $$ {{support_required}}"]) {
    it(`keeps ${hostile} as the literal text that was typed`, () => {
      const message = renderLeadershipUpdate({ ...VALUES, what_happened: hostile }, { ...CONTEXT, incidentTitle: hostile });

      expect(message.text.split('\n')[0]).toBe(`What happened: ${hostile}`);
      expect(message.subject).toBe(`INC-2026-004: leadership update, ${hostile}`);
    });
  }
});

describe('when the next update is due', () => {
  it('defaults to an hour from now, rounded up to five minutes', () => {
    expect(defaultNextUpdate(new Date('2026-03-02T09:13:27.000Z'))).toBe('2026-03-02T10:15:00.000Z');
    expect(defaultNextUpdate(new Date('2026-03-02T09:15:00.000Z'))).toBe('2026-03-02T10:15:00.000Z');
    expect(defaultNextUpdate(new Date('2026-03-02T09:15:00.001Z'), 30)).toBe('2026-03-02T09:50:00.000Z');
  });

  it('refuses a cadence that is not a positive number of minutes', () => {
    expect(() => defaultNextUpdate(NOW, 0)).toThrow(RangeError);
    expect(() => defaultNextUpdate(NOW, Number.NaN)).toThrow(RangeError);
  });

  it('says when nothing is scheduled', () => {
    expect(nextUpdateStatus(null, NOW)).toEqual({ state: 'none', label: 'No leadership update scheduled', minutes: null });
    expect(nextUpdateStatus('', NOW).state).toBe('none');
  });

  it('counts down to the next update', () => {
    expect(nextUpdateStatus(at(minutes(42)), NOW)).toEqual({ state: 'scheduled', label: 'Next leadership update in 42 min', minutes: 42 });
    expect(nextUpdateStatus(at(minutes(125)), NOW).label).toBe('Next leadership update in 2 h 5 min');
    expect(nextUpdateStatus(at(minutes(60)), NOW).label).toBe('Next leadership update in 1 h');
  });

  it('is due soon from ten minutes before, and due now at the minute', () => {
    expect(nextUpdateStatus(at(minutes(10) + 1), NOW).state).toBe('scheduled');
    expect(nextUpdateStatus(at(minutes(10)), NOW)).toEqual({ state: 'due_soon', label: 'Next leadership update in 10 min', minutes: 10 });
    expect(nextUpdateStatus(at(0), NOW)).toEqual({ state: 'due_soon', label: 'Leadership update due now', minutes: 0 });
  });

  it('is overdue a moment after, counted in started minutes', () => {
    expect(nextUpdateStatus(at(-1), NOW)).toEqual({ state: 'overdue', label: 'Leadership update overdue by 1 min', minutes: 1 });
    expect(nextUpdateStatus(at(-minutes(5)), NOW)).toEqual({ state: 'overdue', label: 'Leadership update overdue by 5 min', minutes: 5 });
  });
});
