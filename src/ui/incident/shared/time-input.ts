import { toLocalInput } from '../../app/relative-time';

/** <input type="datetime-local"> speaks the phone's local time; the draft keeps ISO 8601 (UTC). */
export function fromTimeInput(value: string): string {
  if (value === '') return '';
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? value : time.toISOString();
}

export function toTimeInput(iso: string): string {
  return toLocalInput(iso) || iso;
}

/** The workspace's zone when Intl knows it; messages then never fail to render over a typo. */
export function usableTimeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}
