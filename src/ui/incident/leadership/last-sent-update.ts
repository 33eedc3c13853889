/**
 * Step 2: only an update marked sent may be posted to chat. After a reload the phone finds
 * that update again in the log: the newest leadership update entry that records the sending
 * itself, not a post of it to a chat tool ("Posted to …" / "Not posted to …", see
 * store/dispatch-log.ts).
 */
import type { LogEntry } from '../../../domain/log-entry';
import { listLogPage } from '../../../store/log-repository';
import type { MusterDatabase } from '../../../store/open-database';

const CHAT_POST = /^(Not posted to|Posted to) /;

/** The text of the newest update marked sent, from leadership update entries newest first; '' if none. */
export function lastSentUpdateText(newestFirst: readonly Pick<LogEntry, 'communication_type' | 'message_summary' | 'corrects'>[]): string {
  const sent = newestFirst.find((entry) => entry.communication_type === 'leadership_update' && !CHAT_POST.test(entry.message_summary));
  return sent?.message_summary ?? '';
}

/** Reads the newest 20 leadership update entries of the incident: the sent update is among them unless 20 chat posts followed it. */
export async function readLastSentUpdate(db: MusterDatabase, workspaceId: string, incidentId: string): Promise<string> {
  const page = await listLogPage(db, workspaceId, incidentId, { type: 'leadership_update' }, { limit: 20 });
  return lastSentUpdateText(page.entries);
}
