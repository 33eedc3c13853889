import { countsAfter, NO_ENTRIES } from '../domain/log-counts';
import type { LogEntry } from '../domain/log-entry';
import type { ChainTipRecord } from './schema';

/** The incident's chain-tip record once `entry` is appended after `previous`. */
export function nextChainTip(previous: ChainTipRecord | undefined, entry: LogEntry): ChainTipRecord {
  return {
    workspace_id: entry.workspace_id,
    incident_id: entry.incident_id,
    hash: entry.hash,
    local_seq: entry.local_seq,
    counts: countsAfter(previous?.counts ?? NO_ENTRIES, entry),
  };
}
