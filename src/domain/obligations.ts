import { LEGAL_TRIGGERS, NOTIFY_PARTIES, NOTIFY_PARTY_LABELS, type LegalTriggerId, type NotifyParty } from './playbook-triggers';

/**
 * Step 5: "Do not delay required notifications because the technical investigation is
 * still incomplete." A notice period says how long the company has to tell a party once a
 * trigger is ticked; an obligation is that duty for one incident, with its due time.
 */
export interface NoticePeriod {
  party: NotifyParty;
  /** The Step 5 trigger this period is for; absent when it applies to any trigger that needs this party. */
  trigger?: LegalTriggerId;
  /** Calendar hours of elapsed time; with `business`, a whole number of days (72 = 3 business days). */
  hours: number;
  /** Counted in business days (Monday to Friday in the workspace time zone), due at the same local time. */
  business?: boolean;
  label: string;
  /** Shipped with Muster, not taken from this company's policy or contracts. */
  example: boolean;
  note: string;
}

const CONFIRM = 'Example: confirm against your policy, contract or regulator.';

/** Shipped examples only: each must be replaced or confirmed by the company (Step 5: "review ... before making assumptions"). */
export const EXAMPLE_NOTICE_PERIODS: readonly NoticePeriod[] = [
  {
    party: 'insurer',
    hours: 48,
    label: 'Cyber insurer: first notice',
    example: true,
    note: `${CONFIRM} Many cyber policies ask for notice "as soon as practicable", often within 24 to 72 hours.`,
  },
  {
    party: 'legal',
    hours: 24,
    label: 'Legal counsel: first call',
    example: true,
    note: `${CONFIRM} Counsel decides which other notices are required, so call early.`,
  },
  {
    party: 'compliance',
    hours: 24,
    label: 'Compliance: internal notice',
    example: true,
    note: `${CONFIRM} Internal policies often ask for same-day notice.`,
  },
  {
    party: 'regulator',
    hours: 72,
    label: 'Data protection authority',
    example: true,
    note: `${CONFIRM} Under the GDPR (Art. 33) a personal data breach is reported within 72 hours of becoming aware of it; other regimes differ.`,
  },
  {
    party: 'customers',
    hours: 72,
    label: 'Customers: contractual notice',
    example: true,
    note: `${CONFIRM} Customer contracts and data processing agreements often set 24 to 72 hours.`,
  },
  {
    party: 'bank',
    trigger: 'payment_fraud',
    hours: 24,
    label: 'Bank: fraud report',
    example: true,
    note: `${CONFIRM} Call the bank's fraud line at once: a recall is only possible while the money has not moved on.`,
  },
];

export type ObligationStatus = 'open' | 'sent' | 'not_required';

export interface Obligation {
  id: string;
  incident_id: string;
  party: NotifyParty;
  /** Step 5 trigger ids; kept as strings because a newer phone may record ids this version does not know. */
  triggers: string[];
  /** ISO 8601, UTC: when the first trigger for this party was ticked. */
  clock_start: string;
  /** ISO 8601, UTC: the earliest due time of all its triggers' periods. */
  due_at: string;
  status: ObligationStatus;
  sent_at: string | null;
  note: string;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Throws when the workspace time zone is not one this device knows. */
function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new RangeError(
      `Unknown time zone "${timeZone}": set the workspace time zone to a name such as Europe/Berlin or America/New_York.`,
    );
  }
}

function wallClockAt(format: Intl.DateTimeFormat, utcMs: number): WallClock {
  const parts = format.formatToParts(utcMs);
  const value = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  return {
    year: value('year'),
    month: value('month'),
    day: value('day'),
    // Some engines still write midnight as 24 even with h23.
    hour: value('hour') % 24,
    minute: value('minute'),
    second: value('second'),
  };
}

/** The zone's offset from UTC at an instant, in ms (Berlin in summer: +2 h). */
function offsetAt(format: Intl.DateTimeFormat, utcMs: number): number {
  const wall = wallClockAt(format, utcMs);
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return wallAsUtc - Math.floor(utcMs / 1000) * 1000;
}

/**
 * The instant a local wall-clock time names. A time skipped by a DST change (02:30 on a
 * spring-forward night) moves forward by the gap; a time that happens twice takes the
 * first. These are the rules of Temporal's "compatible" disambiguation.
 */
function wallClockToUtc(format: Intl.DateTimeFormat, localAsUtcMs: number): number {
  const offsetBefore = offsetAt(format, localAsUtcMs - DAY_MS);
  const offsetAfter = offsetAt(format, localAsUtcMs + DAY_MS);
  const candidates = [localAsUtcMs - offsetBefore, localAsUtcMs - offsetAfter].filter(
    (utcMs) => utcMs + offsetAt(format, utcMs) === localAsUtcMs,
  );
  return candidates.length > 0 ? Math.min(...candidates) : localAsUtcMs - offsetBefore;
}

function isBusinessDay(dayMs: number): boolean {
  const weekday = new Date(dayMs).getUTCDay();
  return weekday >= 1 && weekday <= 5;
}

/**
 * When a notice is due, as an ISO string in UTC. Calendar hours are elapsed time, so a DST
 * change does not move them. Business days count Monday to Friday in `timeZone`, starting
 * the day after the clock starts (Saturday 10:00 plus one business day is Monday 10:00),
 * and end at the same local time, which across a DST change is a different UTC time.
 * Throws a RangeError for an unknown time zone, an invalid clock start or period.
 */
export function dueAt(clockStart: Date, period: Pick<NoticePeriod, 'hours' | 'business'>, timeZone: string): string {
  const format = wallClockFormat(timeZone);
  const startMs = clockStart.getTime();
  if (Number.isNaN(startMs)) throw new RangeError('The clock start is not a valid date.');
  if (!Number.isFinite(period.hours) || period.hours < 0)
    throw new RangeError(`A notice period must be zero or more hours, not ${period.hours}.`);
  if (!period.business) return new Date(startMs + period.hours * HOUR_MS).toISOString();

  const days = period.hours / 24;
  if (!Number.isInteger(days))
    throw new RangeError(`A business-day period must be whole days (a multiple of 24 hours), not ${period.hours} hours.`);
  const start = wallClockAt(format, startMs);
  let dayMs = Date.UTC(start.year, start.month - 1, start.day);
  for (let counted = 0; counted < days; ) {
    dayMs += DAY_MS;
    if (isBusinessDay(dayMs)) counted += 1;
  }
  const timeOfDayMs = ((start.hour * 60 + start.minute) * 60 + start.second) * 1000 + (startMs % 1000 + 1000) % 1000;
  return new Date(wallClockToUtc(format, dayMs + timeOfDayMs)).toISOString();
}

export interface ObligationsInput {
  incidentId: string;
  /** Step 5 trigger ids ticked for this incident; unknown ids are ignored. */
  ticked: readonly string[];
  /** When the triggers were ticked: the notice clocks start here. */
  clockStart: Date;
  periods: readonly NoticePeriod[];
  /** The workspace's IANA time zone, for business-day periods. */
  timeZone: string;
  /** This incident's obligations so far (others are ignored). */
  existing: readonly Obligation[];
  makeId: () => string;
}

export interface ObligationChanges {
  created: Obligation[];
  /** Open obligations that gained a trigger, and perhaps an earlier due time. */
  updated: Obligation[];
  /** Parties a ticked trigger requires but no notice period covers: ask the user to set one. */
  unscheduled: NotifyParty[];
}

interface Schedule {
  dueAt: string;
  period: NoticePeriod;
}

function earliestDue(
  party: NotifyParty,
  trigger: LegalTriggerId,
  input: ObligationsInput,
): Schedule | null {
  let earliest: Schedule | null = null;
  for (const period of input.periods) {
    if (period.party !== party || (period.trigger !== undefined && period.trigger !== trigger)) continue;
    const due = dueAt(input.clockStart, period, input.timeZone);
    if (earliest === null || Date.parse(due) < Date.parse(earliest.dueAt)) earliest = { dueAt: due, period };
  }
  return earliest;
}

function describe(period: NoticePeriod): string {
  const span = period.business ? `${period.hours / 24} business days` : `${period.hours} h`;
  return `${period.label} (${span}). ${period.note}`;
}

/**
 * The obligations newly ticked triggers create: one per party, its triggers merged and its
 * due time the earliest of all matching periods (a trigger-specific period and a general one
 * both apply; the shorter wins). Calling again with the same ticks changes nothing.
 *
 * A party with an open obligation gets the new triggers added, and its due time moved
 * earlier when a new period ends sooner; `clock_start` keeps the first start. A trigger
 * that only a sent or "not required" obligation covers needs nothing more; a trigger that
 * appears after the party was told (or ruled out) opens a new obligation for it, because
 * that decision was taken without this fact.
 */
export function obligationsFor(input: ObligationsInput): ObligationChanges {
  const mine = input.existing.filter((obligation) => obligation.incident_id === input.incidentId);
  const triggers = LEGAL_TRIGGERS.filter((trigger) => input.ticked.includes(trigger.id));
  const created: Obligation[] = [];
  const updated: Obligation[] = [];
  const unscheduled: NotifyParty[] = [];

  for (const party of NOTIFY_PARTIES) {
    const forParty = mine.filter((obligation) => obligation.party === party);
    const covered = new Set(forParty.flatMap((obligation) => obligation.triggers));
    const open = forParty.find((obligation) => obligation.status === 'open');
    const fresh = triggers.filter((trigger) => trigger.parties.some((p) => p === party) && !covered.has(trigger.id));
    if (fresh.length === 0) continue;

    let schedule: Schedule | null = null;
    for (const trigger of fresh) {
      const candidate = earliestDue(party, trigger.id, input);
      if (candidate && (schedule === null || Date.parse(candidate.dueAt) < Date.parse(schedule.dueAt))) schedule = candidate;
    }
    const freshIds = fresh.map((trigger) => trigger.id);

    if (open) {
      const earlier = schedule !== null && Date.parse(schedule.dueAt) < Date.parse(open.due_at);
      updated.push({
        ...open,
        triggers: [...open.triggers, ...freshIds],
        due_at: earlier && schedule ? schedule.dueAt : open.due_at,
        note: earlier && schedule ? describe(schedule.period) : open.note,
      });
    } else if (schedule === null) {
      unscheduled.push(party);
    } else {
      created.push({
        id: input.makeId(),
        incident_id: input.incidentId,
        party,
        triggers: freshIds,
        clock_start: input.clockStart.toISOString(),
        due_at: schedule.dueAt,
        status: 'open',
        sent_at: null,
        note: describe(schedule.period),
      });
    }
  }
  return { created, updated, unscheduled };
}

// ---------------------------------------------------------------- countdown on the incident cockpit

export type CountdownState = 'sent' | 'not_required' | 'overdue' | 'due_soon' | 'open';

export interface Countdown {
  state: CountdownState;
  /** Time until due; negative once overdue. */
  msLeft: number;
  label: string;
}

/** An open obligation due within this window is "due soon" and raises the banner. */
export const DUE_SOON_MS = 24 * HOUR_MS;

/**
 * "45 min", "3 h 20 min", "47 h" under two days, then "2 d 4 h"; "under 1 min" at the end.
 * Rounded down, so it never shows more time than there is.
 */
function spanInWords(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  const mins = minutes % 60;
  if (days >= 2) {
    const hoursOfDay = Math.floor((minutes % 1440) / 60);
    return hoursOfDay > 0 ? `${days} d ${hoursOfDay} h` : `${days} d`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours > 0) return mins > 0 ? `${hours} h ${mins} min` : `${hours} h`;
  return minutes > 0 ? `${mins} min` : 'under 1 min';
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2 Mar 09:40" in the given zone. */
function shortTime(iso: string, timeZone: string): string {
  const wall = wallClockAt(wallClockFormat(timeZone), Date.parse(iso));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${wall.day} ${MONTHS[wall.month - 1]} ${pad(wall.hour)}:${pad(wall.minute)}`;
}

/**
 * What the cockpit shows for one obligation. At the due instant itself (0 ms left) an open
 * obligation is overdue: a notice sent then already arrives late. Exactly 24 h left is due soon.
 */
export function countdown(obligation: Obligation, now: Date, timeZone = 'UTC'): Countdown {
  const msLeft = Date.parse(obligation.due_at) - now.getTime();
  switch (obligation.status) {
    case 'sent':
      return {
        state: 'sent',
        msLeft,
        label: obligation.sent_at ? `sent ${shortTime(obligation.sent_at, timeZone)}` : 'sent',
      };
    case 'not_required':
      return { state: 'not_required', msLeft, label: 'not required' };
    case 'open':
      if (msLeft <= 0)
        return { state: 'overdue', msLeft, label: msLeft > -60_000 ? 'due now' : `overdue by ${spanInWords(msLeft)}` };
      return { state: msLeft <= DUE_SOON_MS ? 'due_soon' : 'open', msLeft, label: `due in ${spanInWords(msLeft)}` };
  }
}

/**
 * Step 5's warning across the incident: every open notice that is overdue or due within
 * 24 h, most urgent first; null when there is none.
 */
export function mustNotWaitBanner(obligations: readonly Obligation[], now: Date): string | null {
  const urgent = obligations
    .filter((obligation) => obligation.status === 'open')
    .map((obligation) => ({ obligation, countdown: countdown(obligation, now) }))
    .filter((item) => item.countdown.state === 'overdue' || item.countdown.state === 'due_soon')
    .sort((a, b) => a.countdown.msLeft - b.countdown.msLeft);
  if (urgent.length === 0) return null;
  const notices = urgent.map((item) => {
    const label = item.countdown.label;
    const when = item.countdown.state === 'overdue' && label !== 'due now' ? `is ${label}` : label;
    return `${NOTIFY_PARTY_LABELS[item.obligation.party]} notice ${when}`;
  });
  return `Do not wait for the investigation to finish: ${notices.join('; ')}.`;
}
