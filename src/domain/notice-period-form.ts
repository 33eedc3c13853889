import type { NoticePeriod } from './obligations';
import { LEGAL_TRIGGERS, NOTIFY_PARTIES, NOTIFY_PARTY_LABELS } from './playbook-triggers';

/**
 * Step 5: "review its cyber insurance policy, contracts, and compliance requirements before
 * making assumptions". The notice-period table ships with examples; this is how a responder
 * confirms one, or writes the company's own, and how the workspace time zone is checked.
 */
export type NoticePeriodUnit = 'hours' | 'business_days';

/** A notice period as the form holds it: every value as typed. `trigger` '' means any trigger. */
export interface NoticePeriodDraft {
  party: string;
  trigger: string;
  amount: string;
  unit: NoticePeriodUnit;
  label: string;
  note: string;
}

export type NoticePeriodErrors = Partial<Record<keyof NoticePeriodDraft, string>>;

export type NoticePeriodCheck = { ok: true; period: NoticePeriod } | { ok: false; errors: NoticePeriodErrors };

// The sentence every shipped example's note starts with (obligations.ts).
const EXAMPLE_PREFIX = /^Example: confirm against your policy, contract or regulator\.\s*/;
const MAX_LABEL = 80;
const MAX_NOTE = 500;
// A year: longer is a typo, not a notice period.
const MAX_HOURS = 24 * 366;

export function emptyNoticePeriodDraft(): NoticePeriodDraft {
  return { party: '', trigger: '', amount: '', unit: 'hours', label: '', note: '' };
}

export function draftFromPeriod(period: NoticePeriod): NoticePeriodDraft {
  return {
    party: period.party,
    trigger: period.trigger ?? '',
    amount: String(period.business ? period.hours / 24 : period.hours),
    unit: period.business ? 'business_days' : 'hours',
    label: period.label,
    note: periodNote(period),
  };
}

/** "48 h", "1 business day", "3 business days". */
export function periodSpan(period: Pick<NoticePeriod, 'hours' | 'business'>): string {
  if (!period.business) return `${period.hours} h`;
  const days = period.hours / 24;
  return `${days} business ${days === 1 ? 'day' : 'days'}`;
}

/** A period the company set itself: never an example, whatever it was before. */
export function validateNoticePeriod(draft: NoticePeriodDraft): NoticePeriodCheck {
  const errors: NoticePeriodErrors = {};
  const party = NOTIFY_PARTIES.find((known) => known === draft.party);
  if (!party) errors.party = 'Pick who must be notified.';
  const trigger = LEGAL_TRIGGERS.find((known) => known.id === draft.trigger);
  if (draft.trigger !== '' && !trigger) errors.trigger = 'Pick a trigger from the list, or "Any trigger".';

  const amountText = draft.amount.trim();
  const amount = Number(amountText);
  const business = draft.unit === 'business_days';
  if (amountText === '' || !Number.isFinite(amount)) errors.amount = business ? 'Enter a number of business days.' : 'Enter a number of hours.';
  else if (amount < 0) errors.amount = 'A notice period cannot be negative.';
  else if (business && !Number.isInteger(amount)) errors.amount = 'Business days must be whole days, for example 3.';
  else if ((business ? amount * 24 : amount) > MAX_HOURS) errors.amount = 'That is more than a year: check the number.';

  const label = draft.label.trim().replace(/\s+/g, ' ');
  if (label === '') errors.label = 'Name it, for example "Cyber insurer: first notice".';
  else if (label.length > MAX_LABEL) errors.label = `Keep the name under ${MAX_LABEL} characters.`;
  const note = draft.note.trim();
  if (note.length > MAX_NOTE) errors.note = `Keep the note under ${MAX_NOTE} characters.`;

  if (Object.keys(errors).length > 0 || !party) return { ok: false, errors };
  return {
    ok: true,
    period: {
      party,
      ...(trigger ? { trigger: trigger.id } : {}),
      hours: business ? amount * 24 : amount,
      ...(business ? { business: true } : {}),
      label,
      example: false,
      note,
    },
  };
}

/** The note without the "Example: confirm…" sentence, for where the period is already marked as an example. */
export function periodNote(period: Pick<NoticePeriod, 'note'>): string {
  return period.note.replace(EXAMPLE_PREFIX, '');
}

/** The example, kept as it is, now confirmed against the policy or contract. */
export function confirmExample(period: NoticePeriod): NoticePeriod {
  return { ...period, example: false, note: periodNote(period) };
}

/** "Cyber insurer", "Cyber insurer (Payment fraud only)". */
export function periodAppliesTo(period: Pick<NoticePeriod, 'party' | 'trigger'>): string {
  const trigger = LEGAL_TRIGGERS.find((known) => known.id === period.trigger);
  const party = NOTIFY_PARTY_LABELS[period.party] ?? period.party;
  return trigger ? `${party} (${trigger.label} only)` : party;
}

export type TimeZoneCheck = { ok: true; zone: string } | { ok: false; error: string };

/**
 * The IANA name as this device spells it ("europe/berlin" becomes "Europe/Berlin"), or a
 * sentence saying what to type. Business-day due times are counted in it (obligations.ts dueAt).
 */
export function checkTimeZone(name: string): TimeZoneCheck {
  const zone = name.trim();
  if (zone === '') return { ok: false, error: 'Enter a time zone, for example Europe/Berlin or America/New_York.' };
  try {
    return { ok: true, zone: new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone };
  } catch {
    return { ok: false, error: `"${zone}" is not a time zone this phone knows: use a name such as Europe/Berlin or America/New_York.` };
  }
}
