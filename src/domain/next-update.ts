/**
 * Step 2: "When the next update will be provided" is a promise to leadership; the header
 * counts down to it on every screen. Kept apart from the composer (leadership-update.ts) so
 * the start-up code carries only this.
 */

/** Within this the next update shows as due soon. */
export const DUE_SOON_MS = 10 * 60 * 1000;

/** Milliseconds of an ISO time, or null when empty or not a time. */
export function timeOf(value: string): number | null {
  const time = Date.parse(value.trim());
  return value.trim() === '' || Number.isNaN(time) ? null : time;
}

/** "42 min", "1 h", "2 h 5 min". */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

export type NextUpdateState = 'none' | 'scheduled' | 'due_soon' | 'overdue';

export interface NextUpdateStatus {
  state: NextUpdateState;
  label: string;
  /** Whole minutes until due (scheduled, due_soon) or since due (overdue), rounded up; null for none. */
  minutes: number | null;
}

/** The incident cockpit's reminder for the promise made in the last update's "Next update". */
export function nextUpdateStatus(nextUpdateDue: string | null, now: Date): NextUpdateStatus {
  const due = nextUpdateDue === null ? null : timeOf(nextUpdateDue);
  if (due === null) return { state: 'none', label: 'No leadership update scheduled', minutes: null };
  const left = due - now.getTime();
  const minutes = Math.ceil(Math.abs(left) / 60_000);
  if (left < 0) return { state: 'overdue', label: `Leadership update overdue by ${formatMinutes(minutes)}`, minutes };
  if (minutes === 0) return { state: 'due_soon', label: 'Leadership update due now', minutes };
  return { state: left <= DUE_SOON_MS ? 'due_soon' : 'scheduled', label: `Next leadership update in ${formatMinutes(minutes)}`, minutes };
}
