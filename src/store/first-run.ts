import { DEMO_WORKSPACE_ID, demoContacts, demoIncident, demoSettings } from '../domain/demo-workspace';
import { playbookTemplatesFor } from '../domain/playbook-templates';
import type { WorkspaceSettings } from '../domain/workspace';
import type { MusterDatabase } from './open-database';
import { toStoreError } from './store-error';
import { readSettings, STRICT } from './workspace-repository';

// Loaded on demand (first run, clearing the demo): the demo data and template texts are
// not part of the app's start-up code.

/**
 * First run: loads the demo workspace (incident, contacts in every category, the
 * playbook's templates) so a new user sees something real. Does nothing afterwards.
 */
export async function ensureWorkspace(db: MusterDatabase, now = new Date()): Promise<WorkspaceSettings> {
  const existing = await readSettings(db);
  if (existing) return existing;
  const stamp = now.toISOString();
  const settings = demoSettings();
  const tx = db.transaction(['settings', 'incidents', 'contacts', 'templates'], 'readwrite', STRICT);
  await Promise.all([
    tx.objectStore('settings').put(settings, 'workspace'),
    tx.objectStore('incidents').put(demoIncident(stamp)),
    ...demoContacts(stamp).map((contact) => tx.objectStore('contacts').put(contact)),
    ...playbookTemplatesFor(DEMO_WORKSPACE_ID, stamp).map((template) => tx.objectStore('templates').put(template)),
    tx.done,
  ]).catch((error) => {
    throw toStoreError(error);
  });
  return settings;
}

/**
 * Removes the demo workspace and everything in it (its incident, contacts, templates, log
 * entries and their outbox rows) and starts an empty workspace with the playbook's
 * templates. Demo data never leaves the phone, so nothing of value is lost.
 */
export async function clearDemoWorkspace(db: MusterDatabase, companyName: string, now = new Date()): Promise<WorkspaceSettings> {
  const previous = await readSettings(db);
  const settings: WorkspaceSettings = {
    workspace_id: crypto.randomUUID(),
    name: companyName.trim() || 'My company',
    is_demo: false,
    author_name: previous?.is_demo === false ? previous.author_name : '',
    current_incident_id: null,
    backend_url: null,
  };
  const stores = ['settings', 'incidents', 'contacts', 'templates', 'log', 'outbox'] as const;
  const tx = db.transaction([...stores], 'readwrite', STRICT);
  const deleteDemo = async (store: 'incidents' | 'contacts' | 'templates' | 'outbox') => {
    const keys = await tx.objectStore(store).index('by-workspace').getAllKeys(DEMO_WORKSPACE_ID);
    await Promise.all(keys.map((key) => tx.objectStore(store).delete(key)));
  };
  const demoLog = IDBKeyRange.bound([DEMO_WORKSPACE_ID, '', 0], [DEMO_WORKSPACE_ID, '\uffff', Infinity]);
  await Promise.all([
    deleteDemo('incidents'),
    deleteDemo('contacts'),
    deleteDemo('templates'),
    deleteDemo('outbox'),
    tx.objectStore('log').index('by-incident').getAllKeys(demoLog).then((keys) => Promise.all(keys.map((key) => tx.objectStore('log').delete(key)))),
    tx.objectStore('settings').put(settings, 'workspace'),
    ...playbookTemplatesFor(settings.workspace_id, now.toISOString()).map((template) => tx.objectStore('templates').put(template)),
    tx.done,
  ]).catch((error) => {
    throw toStoreError(error);
  });
  return settings;
}
