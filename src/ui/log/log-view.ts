import { createSignal, type Accessor } from 'solid-js';
import type { LogEntry } from '../../domain/log-entry';
import { correctionLinks, countLog, listLogPage, type LogFilter } from '../../store/log-repository';
import type { MusterDatabase } from '../../store/open-database';
import { waitingIds } from '../../store/outbox';
import type { EntryLinks } from './LogEntryCard';

export interface LogViewRow {
  entry: LogEntry;
  /** Correction links and sync state; filled in just after the entries are on screen. */
  links: Accessor<EntryLinks>;
}

export interface LogViewPage {
  rows: LogViewRow[];
  nextBeforeSeq: number | null;
}

export const PAGE_SIZE = 40;

/** An entry shown without correction links or sync state. */
export const NO_LINKS: EntryLinks = { correctedBy: [], corrects: undefined, waiting: false };

/**
 * One page of the list. The entries come back as soon as they are read; what each card
 * shows beside its entry (corrections, "waiting to sync") takes another 120 small reads and
 * arrives a moment later, so the list is usable first.
 */
export async function loadLogViewPage(
  db: MusterDatabase,
  workspaceId: string,
  incidentId: string,
  filter: LogFilter,
  beforeSeq: number | null,
): Promise<LogViewPage> {
  const page = await listLogPage(db, workspaceId, incidentId, filter, { beforeSeq, limit: PAGE_SIZE });
  const rows = page.entries.map((entry) => {
    const [links, setLinks] = createSignal(NO_LINKS);
    return { entry, links, setLinks };
  });
  void Promise.all([correctionLinks(db, page.entries), waitingIds(db, page.entries.map((entry) => entry.id))]).then(([links, waiting]) => {
    for (const row of rows)
      row.setLinks({
        correctedBy: links.correctedBy.get(row.entry.id) ?? [],
        corrects: links.corrects.get(row.entry.id),
        waiting: waiting.has(row.entry.id),
      });
  }, () => {
    // The store closed under us (another tab upgraded it): the entries stay listed without
    // their tags, and the next write says to reload.
  });
  return { nextBeforeSeq: page.nextBeforeSeq, rows: rows.map(({ entry, links }) => ({ entry, links })) };
}

export interface LogView {
  page: LogViewPage;
  /** Entries matching the filter. */
  count: number;
}

/** What the Log screen shows first: the newest page and the count, read together. */
export async function loadLogView(db: MusterDatabase, workspaceId: string, incidentId: string, filter: LogFilter): Promise<LogView> {
  const [page, count] = await Promise.all([loadLogViewPage(db, workspaceId, incidentId, filter, null), countLog(db, workspaceId, incidentId, filter)]);
  return { page, count };
}
