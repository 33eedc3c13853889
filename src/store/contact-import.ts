/**
 * Writes a confirmed contact import in one step and undoes it in one step. The import
 * record keeps every contact it added and, for each it updated, the version before, so
 * Undo restores exactly the list as it was, also after a reload. Both are logged in the
 * current incident when one is open.
 */
import { importSummary, type ContactImportRecord } from '../domain/contact-import/import-record';
import type { ImportPlan } from '../domain/contact-import/import-plan';
import type { Incident } from '../domain/incident';
import type { LogEntry } from '../domain/log-entry';
import type { WorkspaceSettings } from '../domain/workspace';
import { logNote } from './incident-actions';
import type { MusterDatabase } from './open-database';
import { StoreError, storeError } from './store-error';
import { commitStrict } from './strict-transaction';

export interface ImportOutcome {
  record: ContactImportRecord;
  entry: LogEntry | null;
  /** Set when the contacts were saved but the log entry could not be written. */
  logError: string | null;
}

const openIncidentOf = (incident: Incident | undefined) => (incident?.status === 'open' ? incident : null);

async function logImport(db: MusterDatabase, settings: WorkspaceSettings, incident: Incident | null, summary: string, now: Date): Promise<{ entry: LogEntry | null; logError: string | null }> {
  if (!incident) return { entry: null, logError: null };
  try {
    const entry = await logNote(db, settings, incident.id, { type: 'internal_update', contacted: 'Emergency contact list', method: 'Muster', summary }, now);
    return { entry, logError: null };
  } catch (error) {
    return { entry: null, logError: `The contacts were saved, but the log entry was not: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * Adds and updates the plan's contacts and stores the import record, all in one
 * transaction. Rejects with StoreError 'conflict', writing nothing, when a contact was
 * added or changed elsewhere since the preview was made.
 */
export async function confirmImport(
  db: MusterDatabase,
  settings: WorkspaceSettings,
  plan: ImportPlan,
  file: { name: string; format: 'csv' | 'vcard' },
  incident: Incident | undefined,
  now = new Date(),
): Promise<ImportOutcome> {
  const logged = openIncidentOf(incident);
  const record: ContactImportRecord = {
    id: crypto.randomUUID(),
    workspace_id: settings.workspace_id,
    file_name: file.name.slice(0, 200),
    format: file.format,
    imported_at: now.toISOString(),
    imported_by: settings.author_name,
    added: plan.added.map((addition) => addition.contact),
    updated: plan.updated.map(({ before, after }) => ({ before, after })),
    skipped: plan.skipped.length,
    malformed: plan.malformed.length,
    incident_id: logged?.id ?? null,
    log_entry_id: null,
    undone_at: null,
  };
  await commitStrict(db, ['contacts', 'contact-imports'], async (tx) => {
    const contacts = tx.objectStore('contacts');
    for (const { before, after } of record.updated) {
      if ((await contacts.get(before.id))?.version !== before.version) throw storeError('conflict', `${before.name} was changed while you were importing; nothing was imported. Pick the file again.`);
      await contacts.put(after);
    }
    for (const contact of record.added) await contacts.add(contact);
    await tx.objectStore('contact-imports').add(record);
  });
  const { entry, logError } = await logImport(db, settings, logged, `Imported contacts from ${record.file_name}: ${importSummary(record)}.`, now);
  if (!entry) return { record, entry, logError };
  const withEntry = { ...record, log_entry_id: entry.id };
  await commitStrict(db, ['contact-imports'], (tx) => tx.objectStore('contact-imports').put(withEntry));
  return { record: withEntry, entry, logError };
}

/**
 * Undoes an import: removes the contacts it added, puts back the versions it replaced.
 * Refuses (StoreError 'conflict', nothing changed) when any of them was edited since, as
 * undoing would lose that edit; the message names them.
 */
export async function undoImport(db: MusterDatabase, settings: WorkspaceSettings, importId: string, incident: Incident | undefined, now = new Date()): Promise<ImportOutcome> {
  const record = await commitStrict(db, ['contacts', 'contact-imports'], async (tx) => {
    const stored = await tx.objectStore('contact-imports').get(importId);
    if (!stored || stored.workspace_id !== settings.workspace_id) throw new StoreError('invalid', 'This import is no longer on this phone.');
    if (stored.undone_at !== null) throw new StoreError('invalid', 'This import was already undone.');
    const contacts = tx.objectStore('contacts');
    const edited: string[] = [];
    for (const added of stored.added) {
      const current = await contacts.get(added.id);
      if (current && current.version !== added.version) edited.push(current.name);
    }
    for (const { after } of stored.updated) {
      const current = await contacts.get(after.id);
      if (current?.version !== after.version) edited.push(current?.name ?? after.name);
    }
    if (edited.length > 0) {
      throw new StoreError('conflict', `Not undone: ${edited.join(', ')} ${edited.length === 1 ? 'was' : 'were'} edited or removed after this import, and undoing it would lose that. Change ${edited.length === 1 ? 'it' : 'them'} by hand.`);
    }
    for (const added of stored.added) await contacts.delete(added.id);
    for (const { before } of stored.updated) await contacts.put(before);
    const undone = { ...stored, undone_at: now.toISOString() };
    await tx.objectStore('contact-imports').put(undone);
    return undone;
  });
  const summary = `Undid the contact import from ${record.file_name} (${record.imported_at.slice(0, 16).replace('T', ' ')} UTC): ${record.added.length} removed, ${record.updated.length} restored to their earlier version.`;
  const { entry, logError } = await logImport(db, settings, openIncidentOf(incident), summary, now);
  return { record, entry, logError };
}

/** This workspace's imports, newest first. */
export async function listImports(db: MusterDatabase, workspaceId: string): Promise<ContactImportRecord[]> {
  const records = await db.getAllFromIndex('contact-imports', 'by-workspace', workspaceId);
  return records.sort((a, b) => b.imported_at.localeCompare(a.imported_at));
}
