import type { Contact } from '../contacts';

/**
 * A confirmed contact import, kept on the phone so "Undo this import" works after a
 * reload: the contacts it added and, for each it updated, the version before and after.
 */
export interface ContactImportRecord {
  id: string;
  workspace_id: string;
  /** The file's name as picked (shown, never opened). */
  file_name: string;
  format: 'csv' | 'vcard';
  imported_at: string;
  imported_by: string;
  added: Contact[];
  updated: { before: Contact; after: Contact }[];
  skipped: number;
  malformed: number;
  /** The incident whose log recorded the import, and the entry; null when none was open. */
  incident_id: string | null;
  log_entry_id: string | null;
  undone_at: string | null;
}

/** "3 added, 1 updated, 2 skipped, 1 malformed row": what the import did, for the log and the list. */
export function importSummary(record: Pick<ContactImportRecord, 'added' | 'updated' | 'skipped' | 'malformed'>): string {
  const parts = [`${record.added.length} added`, `${record.updated.length} updated`, `${record.skipped} skipped`];
  if (record.malformed > 0) parts.push(`${record.malformed} malformed row${record.malformed === 1 ? '' : 's'} left out`);
  return parts.join(', ');
}
