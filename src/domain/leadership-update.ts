import { timeOf } from './next-update';
import { wordCount } from './templates';

// The header's countdown lives in next-update.ts (it ships in the start-up code); re-exported here.
export { DUE_SOON_MS, formatMinutes, nextUpdateStatus, type NextUpdateState, type NextUpdateStatus } from './next-update';

/**
 * Step 2: "The first leadership update should be short and factual." The eight points, in
 * the playbook's order. Times are ISO 8601 strings; the message shows them in the
 * company's time zone.
 */
export const LEADERSHIP_UPDATE_FIELDS = [
  { key: 'what_happened', label: 'What happened', line: 'What happened', required: true },
  { key: 'detected_at', label: 'When it was detected', line: 'Detected', required: true },
  { key: 'affected', label: 'What systems, users, or data may be affected', line: 'May be affected', required: true },
  { key: 'still_active', label: 'Whether the incident appears active', line: 'Appears active', required: true },
  { key: 'actions_taken', label: 'What immediate actions have been taken', line: 'Actions taken', required: true },
  // Optional: often there is nothing to decide or ask for yet; the message then says "None".
  { key: 'decisions_needed', label: 'What decisions are needed', line: 'Decisions needed', required: false },
  { key: 'support_required', label: 'What support is required', line: 'Support required', required: false },
  { key: 'next_update_at', label: 'When the next update will be provided', line: 'Next update', required: true },
] as const;

export type LeadershipUpdateField = (typeof LEADERSHIP_UPDATE_FIELDS)[number]['key'];

/** What the form hands over: every field as typed; times as ISO strings or ''. */
export type LeadershipUpdateValues = Record<LeadershipUpdateField, string>;

export const STILL_ACTIVE_ANSWERS = ['yes', 'no', 'unknown'] as const;

export type StillActive = (typeof STILL_ACTIVE_ANSWERS)[number];

export const STILL_ACTIVE_LABELS: Record<StillActive, string> = {
  yes: 'Yes',
  no: 'No',
  unknown: 'Not yet known',
};

/** Mirrors the template composer's limit (src/ui/templates/TemplateComposer.tsx). */
export const LEADERSHIP_UPDATE_MAX_WORDS = 150;
export const LEADERSHIP_TEXT_MAX_LENGTH = 2000;
/** Beyond this the update is allowed, with a warning: leadership would wait a day. */
export const NEXT_UPDATE_WARN_AFTER_MS = 24 * 60 * 60 * 1000;
/** A phone's clock and a typed minute may disagree a little; more than this is a typo. */
export const DETECTED_AT_CLOCK_TOLERANCE_MS = 5 * 60 * 1000;

export type LeadershipUpdateMessages = Partial<Record<LeadershipUpdateField, string>>;

export type LeadershipUpdateCheck =
  | { ok: true; warnings: LeadershipUpdateMessages }
  | { ok: false; errors: LeadershipUpdateMessages; warnings: LeadershipUpdateMessages };


export function validateLeadershipUpdate(values: LeadershipUpdateValues, now: Date): LeadershipUpdateCheck {
  const errors: LeadershipUpdateMessages = {};
  const warnings: LeadershipUpdateMessages = {};
  for (const field of LEADERSHIP_UPDATE_FIELDS) {
    const value = values[field.key].trim();
    if (field.required && value === '') errors[field.key] = `${field.label} is required.`;
    else if (value.length > LEADERSHIP_TEXT_MAX_LENGTH)
      errors[field.key] = `${field.label} is too long: ${value.length} characters, at most ${LEADERSHIP_TEXT_MAX_LENGTH}. Keep it short.`;
  }
  if (!errors.still_active && !(STILL_ACTIVE_ANSWERS as readonly string[]).includes(values.still_active.trim()))
    errors.still_active = 'Answer yes, no or not yet known.';

  const detected = timeOf(values.detected_at);
  if (!errors.detected_at && detected === null) errors.detected_at = 'When it was detected is not a valid date.';
  else if (detected !== null && detected > now.getTime() + DETECTED_AT_CLOCK_TOLERANCE_MS)
    errors.detected_at = 'When it was detected is in the future: check the date and time.';

  const next = timeOf(values.next_update_at);
  if (!errors.next_update_at && next === null) errors.next_update_at = 'The next update time is not a valid date.';
  else if (next !== null && next <= now.getTime()) errors.next_update_at = 'The next update must be in the future.';
  else if (next !== null && next - now.getTime() > NEXT_UPDATE_WARN_AFTER_MS)
    warnings.next_update_at = 'The next update is more than 24 hours away: leadership usually needs one sooner.';

  return Object.keys(errors).length > 0 ? { ok: false, errors, warnings } : { ok: true, warnings };
}

/**
 * "Mon 2 Mar 2026, 10:15 CET": weekday and zone included so a reader elsewhere cannot
 * misread it. Throws RangeError for an unknown time zone name.
 */
export function formatIncidentTime(iso: string, timeZone: string): string {
  const time = timeOf(iso);
  if (time === null) return iso.trim();
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  });
  const part = Object.fromEntries(format.formatToParts(new Date(time)).map((piece) => [piece.type, piece.value]));
  return `${part.weekday} ${part.day} ${part.month} ${part.year}, ${part.hour}:${part.minute} ${part.timeZoneName}`;
}


export interface LeadershipUpdateContext {
  incidentId: string;
  incidentTitle: string;
  timeZone: string;
}

export interface LeadershipUpdateMessage {
  subject: string;
  text: string;
  words: number;
  /** Over LEADERSHIP_UPDATE_MAX_WORDS words: the UI asks to shorten it, it may still be sent. */
  tooLong: boolean;
  /** Labels of required fields still empty; they appear in the text as [Label]. */
  missing: string[];
}

/** One line per point, in Step 2's order. Plain text: typed values are never interpreted. */
export function renderLeadershipUpdate(values: LeadershipUpdateValues, context: LeadershipUpdateContext): LeadershipUpdateMessage {
  const missing: string[] = [];
  const lines = LEADERSHIP_UPDATE_FIELDS.map((field) => {
    const value = values[field.key].trim().replace(/\s*\n\s*/g, ' ');
    if (value === '') {
      if (field.required) missing.push(field.label);
      return `${field.line}: ${field.required ? `[${field.label}]` : 'None'}`;
    }
    if (field.key === 'detected_at' || field.key === 'next_update_at') return `${field.line}: ${formatIncidentTime(value, context.timeZone)}`;
    if (field.key === 'still_active') return `${field.line}: ${STILL_ACTIVE_LABELS[value as StillActive] ?? value}`;
    return `${field.line}: ${value}`;
  });
  const title = context.incidentTitle.trim();
  const subject = `${context.incidentId.trim()}: leadership update${title === '' ? '' : `, ${title}`}`;
  const text = lines.join('\n');
  const words = wordCount(text);
  return { subject, text, words, tooLong: words > LEADERSHIP_UPDATE_MAX_WORDS, missing };
}

/**
 * The time to promise for the next update: now plus the cadence, rounded up to the next
 * five minutes so it can be said aloud ("10:15", not "10:13:27").
 */
export function defaultNextUpdate(now: Date, cadenceMinutes = 60): string {
  if (!Number.isFinite(cadenceMinutes) || cadenceMinutes <= 0) throw new RangeError(`Cadence must be a positive number of minutes, got ${cadenceMinutes}.`);
  const step = 5 * 60 * 1000;
  const target = now.getTime() + cadenceMinutes * 60 * 1000;
  return new Date(Math.ceil(target / step) * step).toISOString();
}
