import { describe, expect, it } from 'vitest';
import {
  EXAMPLE_NOTICE_PERIODS,
  countdown,
  dueAt,
  mustNotWaitBanner,
  obligationsFor,
  type NoticePeriod,
  type Obligation,
  type ObligationsInput,
} from '../../src/domain/obligations';
import { NOTIFY_PARTIES } from '../../src/domain/playbook-triggers';

const HOUR = 3_600_000;
const MINUTE = 60_000;

function businessDays(days: number): Pick<NoticePeriod, 'hours' | 'business'> {
  return { hours: days * 24, business: true };
}

function due(startIso: string, period: Pick<NoticePeriod, 'hours' | 'business'>, timeZone: string): string {
  return dueAt(new Date(startIso), period, timeZone);
}

function sequentialIds(): () => string {
  let next = 0;
  return () => `ob-${++next}`;
}

function input(overrides: Partial<ObligationsInput>): ObligationsInput {
  return {
    incidentId: 'INC-2026-004',
    ticked: [],
    // Monday 2 March 2026, 09:00 in Berlin.
    clockStart: new Date('2026-03-02T08:00:00Z'),
    periods: EXAMPLE_NOTICE_PERIODS,
    timeZone: 'Europe/Berlin',
    existing: [],
    makeId: sequentialIds(),
    ...overrides,
  };
}

function period(party: NoticePeriod['party'], hours: number, trigger?: NoticePeriod['trigger']): NoticePeriod {
  return { party, hours, label: `${party} ${hours} h`, example: false, note: 'From our policy.', ...(trigger ? { trigger } : {}) };
}

function obligation(overrides: Partial<Obligation>): Obligation {
  return {
    id: 'ob-old',
    incident_id: 'INC-2026-004',
    party: 'insurer',
    triggers: ['data_theft'],
    clock_start: '2026-03-02T08:00:00.000Z',
    due_at: '2026-03-05T08:00:00.000Z',
    status: 'open',
    sent_at: null,
    note: 'insurer 72 h',
    ...overrides,
  };
}

describe('the example notice periods shipped with Muster', () => {
  it('are all marked as examples to confirm against the policy, contract or regulator', () => {
    for (const example of EXAMPLE_NOTICE_PERIODS) {
      expect(example.example).toBe(true);
      expect(example.note).toMatch(/^Example: confirm against your policy, contract or regulator\./);
      expect(example.label.trim()).not.toBe('');
      expect(example.hours).toBeGreaterThan(0);
    }
  });

  it('give every party a period, the bank only for payment fraud', () => {
    for (const party of NOTIFY_PARTIES) expect(EXAMPLE_NOTICE_PERIODS.some((example) => example.party === party)).toBe(true);
    expect(EXAMPLE_NOTICE_PERIODS.filter((example) => example.party === 'bank').map((example) => example.trigger)).toEqual([
      'payment_fraud',
    ]);
  });

  it('use 48 h for the insurer, 72 h for the regulator and customers, 24 h for legal, compliance and the bank', () => {
    const hours = Object.fromEntries(EXAMPLE_NOTICE_PERIODS.map((example) => [example.party, example.hours]));
    expect(hours).toEqual({ insurer: 48, legal: 24, compliance: 24, regulator: 72, customers: 72, bank: 24 });
  });
});

describe('when a notice is due', () => {
  it('counts calendar hours as elapsed time, unmoved by the spring-forward night', () => {
    // Berlin moves its clocks forward on Sunday 29 March 2026; 48 h are still 48 h.
    expect(due('2026-03-28T12:00:00Z', { hours: 48 }, 'Europe/Berlin')).toBe('2026-03-30T12:00:00.000Z');
    expect(due('2026-03-27T09:00:00Z', { hours: 72 }, 'Europe/Berlin')).toBe('2026-03-30T09:00:00.000Z');
  });

  it('keeps the milliseconds of the clock start', () => {
    expect(due('2026-03-02T08:00:00.250Z', { hours: 1 }, 'UTC')).toBe('2026-03-02T09:00:00.250Z');
    expect(due('2026-03-02T08:00:00.250Z', businessDays(1), 'UTC')).toBe('2026-03-03T08:00:00.250Z');
  });

  it('is the clock start itself for a zero-length period', () => {
    expect(due('2026-03-02T08:00:00Z', { hours: 0 }, 'UTC')).toBe('2026-03-02T08:00:00.000Z');
  });

  describe('in business days', () => {
    it('skips the weekend: Friday plus one business day is Monday, same local time', () => {
      // Friday 6 March 2026 10:00 CET.
      expect(due('2026-03-06T09:00:00Z', businessDays(1), 'Europe/Berlin')).toBe('2026-03-09T09:00:00.000Z');
    });

    it('starts counting on Monday when the clock starts at the weekend', () => {
      // Saturday 7 March 2026 10:00 CET, and Sunday 8 March.
      expect(due('2026-03-07T09:00:00Z', businessDays(1), 'Europe/Berlin')).toBe('2026-03-09T09:00:00.000Z');
      expect(due('2026-03-08T09:00:00Z', businessDays(1), 'Europe/Berlin')).toBe('2026-03-09T09:00:00.000Z');
    });

    it('takes five business days from Monday to the next Monday', () => {
      expect(due('2026-03-02T08:00:00Z', businessDays(5), 'Europe/Berlin')).toBe('2026-03-09T08:00:00.000Z');
    });

    it('ends at the same Berlin wall-clock time across the last Sunday of March (CET to CEST)', () => {
      // Friday 27 March 10:00 CET (+1) -> Monday 30 March 10:00 CEST (+2).
      expect(due('2026-03-27T09:00:00Z', businessDays(1), 'Europe/Berlin')).toBe('2026-03-30T08:00:00.000Z');
    });

    it('ends at the same Berlin wall-clock time across the last Sunday of October (CEST to CET)', () => {
      // Friday 23 October 10:00 CEST (+2) -> Monday 26 October 10:00 CET (+1).
      expect(due('2026-10-23T08:00:00Z', businessDays(1), 'Europe/Berlin')).toBe('2026-10-26T09:00:00.000Z');
      expect(due('2026-10-23T08:00:00Z', { hours: 72 }, 'Europe/Berlin')).toBe('2026-10-26T08:00:00.000Z');
    });

    it('ends at the same New York wall-clock time across the March and November changes', () => {
      // Thursday 5 March 16:30 EST (-5) + 3 business days -> Tuesday 10 March 16:30 EDT (-4).
      expect(due('2026-03-05T21:30:00Z', businessDays(3), 'America/New_York')).toBe('2026-03-10T20:30:00.000Z');
      // Friday 30 October 09:00 EDT (-4) -> Monday 2 November 09:00 EST (-5).
      expect(due('2026-10-30T13:00:00Z', businessDays(1), 'America/New_York')).toBe('2026-11-02T14:00:00.000Z');
    });

    it('counts weekdays in Kolkata, not in UTC, where the local date is a day ahead', () => {
      // Friday 27 March 02:00 IST is still Thursday in UTC; one business day is Monday 02:00 IST.
      expect(due('2026-03-26T20:30:00Z', businessDays(1), 'Asia/Kolkata')).toBe('2026-03-29T20:30:00.000Z');
      expect(due('2026-03-27T12:30:00Z', businessDays(1), 'Asia/Kolkata')).toBe('2026-03-30T12:30:00.000Z');
    });

    it('follows Lord Howe Island’s half-hour DST change in April and October', () => {
      // Friday 3 April 09:00 (+11) -> Monday 6 April 09:00 (+10:30).
      expect(due('2026-04-02T22:00:00Z', businessDays(1), 'Australia/Lord_Howe')).toBe('2026-04-05T22:30:00.000Z');
      // Friday 2 October 09:00 (+10:30) -> Monday 5 October 09:00 (+11).
      expect(due('2026-10-01T22:30:00Z', businessDays(1), 'Australia/Lord_Howe')).toBe('2026-10-04T22:00:00.000Z');
    });

    it('moves a due time that falls in a weekday spring-forward gap forward by the gap (Cairo, Friday)', () => {
      // Cairo skips 00:00-01:00 on Friday 24 April 2026: Thursday 00:30 EET -> Friday 01:30 EEST.
      expect(due('2026-04-22T22:30:00Z', businessDays(1), 'Africa/Cairo')).toBe('2026-04-23T22:30:00.000Z');
    });

    it('takes the first of a wall-clock time that happens twice (Cairo, Thursday)', () => {
      // Cairo repeats 23:00-24:00 on Thursday 29 October 2026: the earlier 23:30, still EEST (+3).
      expect(due('2026-10-28T20:30:00Z', businessDays(1), 'Africa/Cairo')).toBe('2026-10-29T20:30:00.000Z');
    });
  });

  it('refuses an unknown time zone with a message naming it', () => {
    expect(() => due('2026-03-02T08:00:00Z', businessDays(1), 'Mars/Olympus_Mons')).toThrow(
      'Unknown time zone "Mars/Olympus_Mons": set the workspace time zone to a name such as Europe/Berlin or America/New_York.',
    );
    expect(() => due('2026-03-02T08:00:00Z', { hours: 48 }, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });

  it('refuses an invalid clock start, a negative period and part of a business day', () => {
    expect(() => dueAt(new Date('not a date'), { hours: 24 }, 'UTC')).toThrow('The clock start is not a valid date.');
    expect(() => due('2026-03-02T08:00:00Z', { hours: -1 }, 'UTC')).toThrow(/zero or more hours/);
    expect(() => due('2026-03-02T08:00:00Z', { hours: 36, business: true }, 'UTC')).toThrow(/multiple of 24 hours/);
  });
});

describe('the obligations ticked triggers create', () => {
  it('creates one open obligation per party, clock started when the trigger was ticked', () => {
    const { created, updated, unscheduled } = obligationsFor(input({ ticked: ['ransomware'] }));
    expect(updated).toEqual([]);
    expect(unscheduled).toEqual([]);
    expect(created).toEqual([
      {
        id: 'ob-1',
        incident_id: 'INC-2026-004',
        party: 'insurer',
        triggers: ['ransomware'],
        clock_start: '2026-03-02T08:00:00.000Z',
        due_at: '2026-03-04T08:00:00.000Z',
        status: 'open',
        sent_at: null,
        note: expect.stringMatching(/^Cyber insurer: first notice \(48 h\)\. Example: confirm/),
      },
      expect.objectContaining({ id: 'ob-2', party: 'legal', triggers: ['ransomware'], due_at: '2026-03-03T08:00:00.000Z' }),
    ]);
  });

  it('creates nothing while no Step 5 trigger is ticked, and ignores unknown ids', () => {
    expect(obligationsFor(input({ ticked: [] })).created).toEqual([]);
    expect(obligationsFor(input({ ticked: ['supply_chain'] })).created).toEqual([]);
  });

  it('merges the triggers a party shares into one obligation, in the playbook order', () => {
    const { created } = obligationsFor(input({ ticked: ['payment_fraud', 'personal_information'] }));
    expect(created.map((made) => [made.party, made.triggers, made.due_at])).toEqual([
      ['insurer', ['personal_information', 'payment_fraud'], '2026-03-04T08:00:00.000Z'],
      ['legal', ['personal_information', 'payment_fraud'], '2026-03-03T08:00:00.000Z'],
      ['compliance', ['personal_information', 'payment_fraud'], '2026-03-03T08:00:00.000Z'],
      ['regulator', ['personal_information'], '2026-03-05T08:00:00.000Z'],
      ['bank', ['payment_fraud'], '2026-03-03T08:00:00.000Z'],
    ]);
  });

  it('takes the earliest due time when a trigger-specific period is shorter than the general one', () => {
    const periods = [period('insurer', 72), period('insurer', 24, 'ransomware'), period('legal', 24)];
    const { created } = obligationsFor(input({ ticked: ['data_theft', 'ransomware'], periods }));
    const insurer = created.find((made) => made.party === 'insurer');
    expect(insurer?.triggers).toEqual(['data_theft', 'ransomware']);
    expect(insurer?.due_at).toBe('2026-03-03T08:00:00.000Z');
    expect(insurer?.note).toBe('insurer 24 h (24 h). From our policy.');
  });

  it('compares business-day and calendar periods by the time they actually end', () => {
    // Friday 6 March 10:00 CET: 2 business days end Tuesday, later than 72 calendar hours (Monday).
    const periods = [{ ...period('customers', 48, 'customer_notification'), business: true }, period('customers', 72)];
    const { created } = obligationsFor(
      input({ ticked: ['customer_notification'], periods, clockStart: new Date('2026-03-06T09:00:00Z') }),
    );
    expect(created.find((made) => made.party === 'customers')?.due_at).toBe('2026-03-09T09:00:00.000Z');
  });

  it('changes nothing when asked again with the same ticks', () => {
    const first = obligationsFor(input({ ticked: ['ransomware', 'customer_notification'] }));
    const again = obligationsFor(input({ ticked: ['ransomware', 'customer_notification'], existing: first.created }));
    expect(again).toEqual({ created: [], updated: [], unscheduled: [] });
  });

  it('adds a new trigger to the open obligation and moves its due time earlier when the new period is shorter', () => {
    const periods = [period('insurer', 72), period('insurer', 24, 'ransomware'), period('legal', 24)];
    const existing = [obligation({})];
    const { created, updated } = obligationsFor(
      input({ ticked: ['data_theft', 'ransomware'], periods, existing, clockStart: new Date('2026-03-03T10:00:00Z') }),
    );
    expect(created.map((made) => made.party)).toEqual(['legal']);
    expect(updated).toEqual([
      obligation({
        triggers: ['data_theft', 'ransomware'],
        due_at: '2026-03-04T10:00:00.000Z',
        note: 'insurer 24 h (24 h). From our policy.',
      }),
    ]);
  });

  it('adds a new trigger without moving the due time when the new period ends later', () => {
    const existing = [obligation({ due_at: '2026-03-03T08:00:00.000Z' })];
    const { updated } = obligationsFor(
      input({ ticked: ['ransomware'], periods: [period('insurer', 72)], existing, clockStart: new Date('2026-03-02T12:00:00Z') }),
    );
    expect(updated).toEqual([obligation({ triggers: ['data_theft', 'ransomware'], due_at: '2026-03-03T08:00:00.000Z' })]);
  });

  it('needs nothing more for a trigger the party has already been told about', () => {
    const existing = [obligation({ status: 'sent', sent_at: '2026-03-02T09:00:00.000Z' })];
    const { created, updated } = obligationsFor(input({ ticked: ['data_theft'], periods: [period('insurer', 48)], existing }));
    expect(created).toEqual([]);
    expect(updated).toEqual([]);
  });

  it('needs nothing more for a trigger the party was ruled out for', () => {
    const existing = [obligation({ party: 'regulator', triggers: ['employee_data'], status: 'not_required' })];
    const { created } = obligationsFor(input({ ticked: ['employee_data'], periods: [period('regulator', 72)], existing }));
    expect(created).toEqual([]);
  });

  it('opens a new obligation for a trigger that appears after the party was told', () => {
    const existing = [obligation({ status: 'sent', sent_at: '2026-03-02T09:00:00.000Z' })];
    const { created, updated } = obligationsFor(
      input({ ticked: ['data_theft', 'ransomware'], periods: [period('insurer', 48)], existing }),
    );
    expect(updated).toEqual([]);
    expect(created.map((made) => [made.party, made.triggers, made.status])).toEqual([['insurer', ['ransomware'], 'open']]);
  });

  it('ignores obligations of other incidents', () => {
    const existing = [obligation({ incident_id: 'INC-2026-003', triggers: ['ransomware'] })];
    const { created } = obligationsFor(input({ ticked: ['ransomware'], periods: [period('insurer', 48)], existing }));
    expect(created.map((made) => made.party)).toEqual(['insurer']);
  });

  it('reports parties the periods do not cover instead of inventing a deadline', () => {
    const { created, unscheduled } = obligationsFor(input({ ticked: ['payment_fraud'], periods: [period('insurer', 48)] }));
    expect(created.map((made) => made.party)).toEqual(['insurer']);
    expect(unscheduled).toEqual(['legal', 'compliance', 'bank']);
  });

  it('throws for an unknown workspace time zone rather than guessing a deadline', () => {
    expect(() => obligationsFor(input({ ticked: ['ransomware'], timeZone: 'Europe/Atlantis' }))).toThrow(
      /Unknown time zone "Europe\/Atlantis"/,
    );
  });
});

describe('the countdown on the incident cockpit', () => {
  const open = obligation({ due_at: '2026-03-03T12:00:00.000Z' });
  const dueMs = Date.parse(open.due_at);
  const at = (msBeforeDue: number) => new Date(dueMs - msBeforeDue);

  it('is open, in hours, with more than 24 h left', () => {
    expect(countdown(open, at(24 * HOUR + 1))).toEqual({ state: 'open', msLeft: 24 * HOUR + 1, label: 'due in 24 h' });
    expect(countdown(open, at(47 * HOUR + 59 * MINUTE)).label).toBe('due in 47 h 59 min');
  });

  it('counts in days from two days out', () => {
    expect(countdown(open, at(52 * HOUR)).label).toBe('due in 2 d 4 h');
    expect(countdown(open, at(72 * HOUR)).label).toBe('due in 3 d');
  });

  it('is due soon at exactly 24 h left', () => {
    expect(countdown(open, at(24 * HOUR))).toEqual({ state: 'due_soon', msLeft: 24 * HOUR, label: 'due in 24 h' });
  });

  it('rounds the time left down, never showing more time than there is', () => {
    expect(countdown(open, at(3 * HOUR + 20 * MINUTE + 59_999)).label).toBe('due in 3 h 20 min');
    expect(countdown(open, at(30_000))).toEqual({ state: 'due_soon', msLeft: 30_000, label: 'due in under 1 min' });
  });

  it('is overdue at the due instant itself, shown as due now', () => {
    expect(countdown(open, at(0))).toEqual({ state: 'overdue', msLeft: 0, label: 'due now' });
  });

  it('says how long it is overdue', () => {
    expect(countdown(open, at(-45 * MINUTE))).toEqual({ state: 'overdue', msLeft: -45 * MINUTE, label: 'overdue by 45 min' });
    expect(countdown(open, at(-(26 * HOUR + 5 * MINUTE))).label).toBe('overdue by 26 h 5 min');
  });

  it('shows when a notice was sent, in the workspace time zone', () => {
    const sent = obligation({ status: 'sent', sent_at: '2026-03-02T08:40:00.000Z' });
    expect(countdown(sent, at(-HOUR), 'Europe/Berlin')).toMatchObject({ state: 'sent', label: 'sent 2 Mar 09:40' });
    expect(countdown(sent, at(-HOUR)).label).toBe('sent 2 Mar 08:40');
  });

  it('shows a notice ruled out as not required, however late', () => {
    expect(countdown(obligation({ status: 'not_required' }), new Date('2027-01-01T00:00:00Z'))).toMatchObject({
      state: 'not_required',
      label: 'not required',
    });
  });
});

describe('the "do not wait" banner (Step 5)', () => {
  const now = new Date('2026-03-03T07:00:00Z');
  const dueIn = (ms: number) => new Date(now.getTime() + ms).toISOString();

  it('stays hidden while every open notice has more than 24 h left', () => {
    expect(mustNotWaitBanner([], now)).toBeNull();
    expect(mustNotWaitBanner([obligation({ due_at: dueIn(24 * HOUR + MINUTE) })], now)).toBeNull();
  });

  it('ignores notices already sent or ruled out, however close their due time', () => {
    const done = [
      obligation({ status: 'sent', sent_at: now.toISOString(), due_at: dueIn(HOUR) }),
      obligation({ status: 'not_required', due_at: dueIn(-HOUR) }),
    ];
    expect(mustNotWaitBanner(done, now)).toBeNull();
  });

  it('names a notice due within 24 h', () => {
    expect(mustNotWaitBanner([obligation({ party: 'regulator', due_at: dueIn(5 * HOUR) })], now)).toBe(
      'Do not wait for the investigation to finish: Regulator notice due in 5 h.',
    );
  });

  it('lists overdue and due-soon notices, most urgent first', () => {
    const obligations = [
      obligation({ id: 'a', party: 'customers', due_at: dueIn(30 * HOUR) }),
      obligation({ id: 'b', party: 'insurer', due_at: dueIn(20 * HOUR) }),
      obligation({ id: 'c', party: 'legal', due_at: dueIn(-2 * HOUR) }),
      obligation({ id: 'd', party: 'bank', due_at: dueIn(0) }),
    ];
    expect(mustNotWaitBanner(obligations, now)).toBe(
      'Do not wait for the investigation to finish: Legal counsel notice is overdue by 2 h; Bank notice due now; ' +
        'Cyber insurer notice due in 20 h.',
    );
  });
});
