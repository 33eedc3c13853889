import type { CommunicationType } from './communication-types';
import type { LogEntry } from './log-entry';

/**
 * How many entries an incident's log holds, per filter the Log screen offers, kept up to
 * date with every append. Counting with IndexedDB walks the whole range (about 0.4 s at
 * 50,000 entries in Chromium); these counters make the count as cheap as reading one record.
 */
export interface LogCounts {
  total: number;
  follow_up: number;
  by_type: Partial<Record<CommunicationType, number>>;
  by_type_follow_up: Partial<Record<CommunicationType, number>>;
}

export const NO_ENTRIES: LogCounts = { total: 0, follow_up: 0, by_type: {}, by_type_follow_up: {} };

export function countsAfter(counts: LogCounts, entry: Pick<LogEntry, 'communication_type' | 'follow_up'>): LogCounts {
  const type = entry.communication_type;
  const followUp = entry.follow_up === 1 ? 1 : 0;
  return {
    total: counts.total + 1,
    follow_up: counts.follow_up + followUp,
    by_type: { ...counts.by_type, [type]: (counts.by_type[type] ?? 0) + 1 },
    by_type_follow_up: followUp ? { ...counts.by_type_follow_up, [type]: (counts.by_type_follow_up[type] ?? 0) + 1 } : counts.by_type_follow_up,
  };
}

export function countMatching(counts: LogCounts, filter: { type?: CommunicationType | undefined; followUpOnly?: boolean | undefined }): number {
  if (filter.type) return (filter.followUpOnly ? counts.by_type_follow_up[filter.type] : counts.by_type[filter.type]) ?? 0;
  return filter.followUpOnly ? counts.follow_up : counts.total;
}
