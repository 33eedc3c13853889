import type { Contact } from '../domain/contacts';
import { nextIncidentId, type Incident } from '../domain/incident';
import { TEMPLATE_KINDS, type MessageTemplate } from '../domain/templates';
import type { WorkspaceSettings } from '../domain/workspace';
import type { MusterDatabase } from './open-database';
import { storeError } from './store-error';
import { commitStrict } from './strict-transaction';

export function readSettings(db: MusterDatabase): Promise<WorkspaceSettings | undefined> {
  return db.get('settings', 'workspace');
}

/** Saves this phone's settings; rejects with a StoreError. */
export async function saveSettings(db: MusterDatabase, settings: WorkspaceSettings): Promise<void> {
  await commitStrict(db, ['settings'], (tx) => tx.objectStore('settings').put(settings, 'workspace'));
}

export function listIncidents(db: MusterDatabase, workspaceId: string): Promise<Incident[]> {
  return db.getAllFromIndex('incidents', 'by-workspace', workspaceId);
}

/**
 * Opens a new incident with the next INC-YYYY-NNN id and makes it the current one; with
 * `people`, names its communication owner and deputy (Step 1).
 */
export function openIncident(
  db: MusterDatabase,
  settings: WorkspaceSettings,
  title: string,
  now = new Date(),
  people: { owner: string; deputy: string } | null = null,
): Promise<Incident> {
  return commitStrict(db, ['incidents', 'settings'], async (tx) => {
    // The id is chosen inside the write transaction, so two tabs cannot take the same one.
    const existing = await tx.objectStore('incidents').index('by-workspace').getAllKeys(settings.workspace_id);
    const stamp = now.toISOString();
    const incident: Incident = {
      id: nextIncidentId(existing.map(([, id]) => id), now),
      workspace_id: settings.workspace_id,
      title: title.trim(),
      status: 'open',
      detected_at: stamp,
      opened_at: stamp,
      ...(people ? { comm_owner: people.owner.trim(), comm_deputy: people.deputy.trim() } : {}),
    };
    await tx.objectStore('incidents').add(incident);
    await tx.objectStore('settings').put({ ...settings, current_incident_id: incident.id }, 'workspace');
    return incident;
  });
}

export function listContacts(db: MusterDatabase, workspaceId: string): Promise<Contact[]> {
  return db.getAllFromIndex('contacts', 'by-workspace', workspaceId);
}

/**
 * Adds a contact (version 1) or stores its next version. Rejects with StoreError 'conflict'
 * when the stored version is not the one the edit started from: no silent last-writer-wins.
 */
export async function saveContact(db: MusterDatabase, contact: Contact): Promise<void> {
  await commitStrict(db, ['contacts'], async (tx) => {
    const stored = await tx.objectStore('contacts').get(contact.id);
    if ((stored?.version ?? 0) !== contact.version - 1) throw storeError('conflict');
    await tx.objectStore('contacts').put(contact);
  });
}

/** Removes a contact from this phone's list. */
export async function removeContact(db: MusterDatabase, id: string): Promise<void> {
  await commitStrict(db, ['contacts'], (tx) => tx.objectStore('contacts').delete(id));
}

/** The workspace's templates in the playbook's order (leadership update first). */
export async function listTemplates(db: MusterDatabase, workspaceId: string): Promise<MessageTemplate[]> {
  const templates = await db.getAllFromIndex('templates', 'by-workspace', workspaceId);
  const rank = (template: MessageTemplate) => TEMPLATE_KINDS.indexOf(template.kind);
  return templates.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}
