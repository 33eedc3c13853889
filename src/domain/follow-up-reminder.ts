import type { FollowUpNotification } from './follow-ups';
import type { LogEntry } from './log-entry';

export interface Reminder {
  title: string;
  body: string;
}

/**
 * What a reminder says. A notification shows on the lock screen, so it carries the
 * follow-up text and the entry number only: no contact, no summary, no evidence location.
 */
export function reminderFor(entry: Pick<LogEntry, 'follow_up_required' | 'local_seq'>, state: FollowUpNotification['state']): Reminder {
  return {
    title: state === 'overdue' ? 'Muster: follow-up overdue' : 'Muster: follow-up due soon',
    body: entry.follow_up_required.trim() || `Log entry #${entry.local_seq} reaches its deadline.`,
  };
}

/** The keys already notified, as kept in sessionStorage; anything unreadable counts as none. */
export function parseNotifiedKeys(stored: string | null): Set<string> {
  try {
    const parsed: unknown = JSON.parse(stored ?? '[]');
    return new Set(Array.isArray(parsed) ? parsed.filter((key): key is string => typeof key === 'string') : []);
  } catch {
    return new Set();
  }
}
