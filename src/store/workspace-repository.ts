import type { Contact } from '../domain/contacts';
import { nextIncidentId, type Incident } from '../domain/incident';
import type { MessageTemplate } from '../domain/templates';
import type { WorkspaceSettings } from '../domain/workspace';
import type { MusterDatabase } from './open-database';
import { storeError, toStoreError } from './store-error';

export const STRICT = { durability: 'strict' } as const;

export function readSettings(db: MusterDatabase): Promise<WorkspaceSettings | undefined> {
  return db.get('settings', 'workspace');
}

/** Saves this phone's settings; rejects with a StoreError. */
export async function saveSettings(db: MusterDatabase, settings: WorkspaceSettings): Promise<void> {
  const tx = db.transaction('settings', 'readwrite', STRICT);
  await Promise.all([tx.store.put(settings, 'workspace'), tx.done]).catch((error) => {
    throw toStoreError(error);
  });
}

export function listIncidents(db: MusterDatabase, workspaceId: string): Promise<Incident[]> {
  return db.getAllFromIndex('incidents', 'by-workspace', workspaceId);
}

/** Opens a new incident with the next INC-YYYY-NNN id and makes it the current one. */
export async function openIncident(db: MusterDatabase, settings: WorkspaceSettings, title: string, now = new Date()): Promise<Incident> {
  const existing = await listIncidents(db, settings.workspace_id);
  const stamp = now.toISOString();
  const incident: Incident = {
    id: nextIncidentId(existing.map((item) => item.id), now),
    workspace_id: settings.workspace_id,
    title: title.trim(),
    status: 'open',
    detected_at: stamp,
    opened_at: stamp,
  };
  const tx = db.transaction(['incidents', 'settings'], 'readwrite', STRICT);
  await Promise.all([
    tx.objectStore('incidents').add(incident),
    tx.objectStore('settings').put({ ...settings, current_incident_id: incident.id }, 'workspace'),
    tx.done,
  ]).catch((error) => {
    throw toStoreError(error);
  });
  return incident;
}

export function listContacts(db: MusterDatabase, workspaceId: string): Promise<Contact[]> {
  return db.getAllFromIndex('contacts', 'by-workspace', workspaceId);
}

/**
 * Adds a contact (version 1) or stores its next version. Rejects with StoreError 'conflict'
 * when the stored version is not the one the edit started from: no silent last-writer-wins.
 */
export async function saveContact(db: MusterDatabase, contact: Contact): Promise<void> {
  const tx = db.transaction('contacts', 'readwrite', STRICT);
  try {
    const stored = await tx.store.get(contact.id);
    if ((stored?.version ?? 0) !== contact.version - 1) {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw storeError('conflict');
    }
    await Promise.all([tx.store.put(contact), tx.done]);
  } catch (error) {
    throw toStoreError(error);
  }
}

/** Removes a contact from this phone's list. */
export async function removeContact(db: MusterDatabase, id: string): Promise<void> {
  const tx = db.transaction('contacts', 'readwrite', STRICT);
  await Promise.all([tx.store.delete(id), tx.done]).catch((error) => {
    throw toStoreError(error);
  });
}

export function listTemplates(db: MusterDatabase, workspaceId: string): Promise<MessageTemplate[]> {
  return db.getAllFromIndex('templates', 'by-workspace', workspaceId);
}
