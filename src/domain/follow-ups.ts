import type { LogEntry } from './log-entry';

/**
 * Step 8: the log records "Follow-up required" and a deadline. An entry stays open until a
 * later entry corrects or completes it; the open ones are listed with the most urgent first.
 */
export type FollowUpState = 'overdue' | 'due_soon' | 'open' | 'no_deadline';

export interface FollowUpItem {
  entry: LogEntry;
  /** The entry's deadline (ISO 8601), or null when it has none. */
  due: string | null;
  state: FollowUpState;
}

/** Within this of its deadline a follow-up shows as due soon and notifies. */
export const FOLLOW_UP_DUE_SOON_MS = 60 * 60 * 1000;

export function needsFollowUp(entry: Pick<LogEntry, 'follow_up_required' | 'deadline'>): boolean {
  return entry.follow_up_required.trim() !== '' || entry.deadline !== null;
}

function dueTime(due: string | null): number | null {
  if (due === null) return null;
  const time = Date.parse(due);
  return Number.isNaN(time) ? null : time;
}

/** Exactly at the deadline it is still due soon; a millisecond later it is overdue. */
export function followUpState(due: string | null, now: Date): FollowUpState {
  const time = dueTime(due);
  if (time === null) return 'no_deadline';
  const left = time - now.getTime();
  if (left < 0) return 'overdue';
  return left <= FOLLOW_UP_DUE_SOON_MS ? 'due_soon' : 'open';
}

/**
 * Open follow-ups: overdue first, then by deadline, then those without one (oldest first).
 * Skipped: ids in `supersededIds`, and entries that another entry in `entries` corrects,
 * so a caller who forgets the corrections still never sees a corrected entry twice.
 */
export function openFollowUps(entries: readonly LogEntry[], supersededIds: ReadonlySet<string>, now: Date): FollowUpItem[] {
  const corrected = new Set(entries.map((entry) => entry.corrects).filter((id): id is string => id !== null));
  const items = entries
    .filter((entry) => needsFollowUp(entry) && !supersededIds.has(entry.id) && !corrected.has(entry.id))
    .map((entry): FollowUpItem => {
      // A deadline that does not parse (inbound data from elsewhere) is shown as none, not dropped.
      const due = dueTime(entry.deadline) === null ? null : entry.deadline;
      return { entry, due, state: followUpState(due, now) };
    });
  const rank = (item: FollowUpItem) => (item.state === 'overdue' ? 0 : item.state === 'no_deadline' ? 2 : 1);
  return items.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (dueTime(a.due) ?? 0) - (dueTime(b.due) ?? 0) ||
      a.entry.occurred_at.localeCompare(b.entry.occurred_at) ||
      a.entry.id.localeCompare(b.entry.id),
  );
}

export interface FollowUpNotification {
  entryId: string;
  state: 'due_soon' | 'overdue';
  /** What to remember as notified: one reminder when due soon, one more when overdue. */
  key: string;
}

export function notificationKey(entryId: string, state: FollowUpNotification['state']): string {
  return `${entryId}:${state}`;
}

/**
 * What to notify now, given the keys already notified. An item that became overdue while
 * the app was closed gets only the overdue notification, not a stale "due soon" first.
 */
export function dueNotifications(items: readonly FollowUpItem[], alreadyNotified: ReadonlySet<string>, now: Date): FollowUpNotification[] {
  const notifications: FollowUpNotification[] = [];
  for (const item of items) {
    const state = followUpState(item.due, now);
    if (state !== 'due_soon' && state !== 'overdue') continue;
    const key = notificationKey(item.entry.id, state);
    if (!alreadyNotified.has(key)) notifications.push({ entryId: item.entry.id, state, key });
  }
  return notifications;
}
