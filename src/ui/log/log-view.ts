import type { LogEntry } from '../../domain/log-entry';
import { correctionLinks, listLogPage, type LogFilter } from '../../store/log-repository';
import type { MusterDatabase } from '../../store/open-database';
import { waitingIds } from '../../store/outbox';
import type { EntryLinks } from './LogEntryCard';

export interface LogViewPage {
  rows: { entry: LogEntry; links: EntryLinks }[];
  nextBeforeSeq: number | null;
}

export const PAGE_SIZE = 40;

/** One page of the list with what each card shows beside the entry: corrections and sync state. */
export async function loadLogViewPage(
  db: MusterDatabase,
  workspaceId: string,
  incidentId: string,
  filter: LogFilter,
  beforeSeq: number | null,
): Promise<LogViewPage> {
  const page = await listLogPage(db, workspaceId, incidentId, filter, { beforeSeq, limit: PAGE_SIZE });
  const [links, waiting] = await Promise.all([
    correctionLinks(db, page.entries),
    waitingIds(db, page.entries.map((entry) => entry.id)),
  ]);
  return {
    nextBeforeSeq: page.nextBeforeSeq,
    rows: page.entries.map((entry) => ({
      entry,
      links: { correctedBy: links.correctedBy.get(entry.id) ?? [], corrects: links.corrects.get(entry.id), waiting: waiting.has(entry.id) },
    })),
  };
}
