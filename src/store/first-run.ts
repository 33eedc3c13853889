import { DEMO_WORKSPACE_ID, demoContacts, demoIncident, demoSettings } from '../domain/demo-workspace';
import { playbookTemplatesFor } from '../domain/playbook-templates';
import type { WorkspaceSettings } from '../domain/workspace';
import type { MusterDatabase } from './open-database';
import { commitStrict, type WriteTransaction } from './strict-transaction';
import { deleteWorkspaceTickets } from './tickets';

// Loaded on demand (first run, clearing the demo): the demo data and template texts are
// not part of the app's start-up code.

/**
 * First run: loads the demo workspace (incident, contacts in every category, the
 * playbook's templates) so a new user sees something real. Does nothing afterwards.
 */
export async function ensureWorkspace(db: MusterDatabase, now = new Date()): Promise<WorkspaceSettings> {
  const stamp = now.toISOString();
  return commitStrict(db, ['settings', 'incidents', 'contacts', 'templates'], async (tx) => {
    const existing = await tx.objectStore('settings').get('workspace');
    if (existing) return existing;
    const settings = demoSettings();
    await tx.objectStore('settings').put(settings, 'workspace');
    await tx.objectStore('incidents').put(demoIncident(stamp));
    for (const contact of demoContacts(stamp)) await tx.objectStore('contacts').put(contact);
    for (const template of playbookTemplatesFor(DEMO_WORKSPACE_ID, stamp)) await tx.objectStore('templates').put(template);
    return settings;
  });
}

/** The stores clearing and linking open; both delete a workspace's records inside their transaction. */
export const WORKSPACE_STORES: [
  'settings',
  'incidents',
  'contacts',
  'templates',
  'log',
  'outbox',
  'chain-tips',
  'rejected',
  'call-trees',
  'call-runs',
  'checkoffs',
  'alerts',
  'contact-imports',
  'tickets',
] = ['settings', 'incidents', 'contacts', 'templates', 'log', 'outbox', 'chain-tips', 'rejected', 'call-trees', 'call-runs', 'checkoffs', 'alerts', 'contact-imports', 'tickets'];

/**
 * Deletes every record of a workspace on this phone, inside the caller's transaction. Only
 * for the demo workspace, whose entries never leave the phone and are fictitious.
 */
export async function deleteWorkspaceRecords(tx: WriteTransaction<typeof WORKSPACE_STORES>, workspaceId: string): Promise<void> {
  for (const store of ['incidents', 'contacts', 'templates', 'outbox', 'chain-tips', 'rejected', 'call-trees', 'contact-imports'] as const) {
    for (const key of await tx.objectStore(store).index('by-workspace').getAllKeys(workspaceId)) await tx.objectStore(store).delete(key);
  }
  // Runs and alerts are filed per incident, checkoffs per run.
  const ofWorkspace = IDBKeyRange.bound([workspaceId, ''], [workspaceId, '\uffff']);
  for (const run of await tx.objectStore('call-runs').index('by-incident').getAll(ofWorkspace)) {
    for (const key of await tx.objectStore('checkoffs').index('by-run').getAllKeys(run.id)) await tx.objectStore('checkoffs').delete(key);
    await tx.objectStore('call-runs').delete(run.id);
  }
  for (const key of await tx.objectStore('alerts').index('by-incident').getAllKeys(ofWorkspace)) await tx.objectStore('alerts').delete(key);
  await deleteWorkspaceTickets(tx.objectStore('tickets'), workspaceId);
  const log = IDBKeyRange.bound([workspaceId, '', 0], [workspaceId, '\uffff', Infinity]);
  for (const key of await tx.objectStore('log').index('by-incident').getAllKeys(log)) await tx.objectStore('log').delete(key);
}

/**
 * Removes the demo workspace and everything in it (its incident, contacts, templates, log
 * entries and their outbox rows) and starts an empty workspace with the playbook's
 * templates. Demo data never leaves the phone, so nothing of value is lost. If the demo was
 * already cleared (say, in another tab), the real workspace is returned untouched.
 */
export function clearDemoWorkspace(db: MusterDatabase, companyName: string, now = new Date()): Promise<WorkspaceSettings> {
  return commitStrict(db, WORKSPACE_STORES, async (tx) => {
    const current = await tx.objectStore('settings').get('workspace');
    if (current && !current.is_demo) return current;
    await deleteWorkspaceRecords(tx, DEMO_WORKSPACE_ID);
    const settings: WorkspaceSettings = {
      workspace_id: crypto.randomUUID(),
      name: companyName.trim() || 'My company',
      is_demo: false,
      author_name: '',
      current_incident_id: null,
      backend_url: null,
    };
    await tx.objectStore('settings').put(settings, 'workspace');
    for (const template of playbookTemplatesFor(settings.workspace_id, now.toISOString())) await tx.objectStore('templates').put(template);
    return settings;
  });
}
