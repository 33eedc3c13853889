/**
 * Joining this phone to its team's workspace on the Muster backend. Log entries carry their
 * workspace id inside their content hash, so a phone's entries can never be moved to another
 * workspace: a phone joins the server workspace it already is (created there under its own
 * id), or one it has no entries for.
 */
import { nextIncidentId, type Incident } from '../domain/incident';
import { playbookTemplatesFor } from '../domain/playbook-templates';
import type { BackendAccount, WorkspaceSettings } from '../domain/workspace';
import { deleteWorkspaceRecords, WORKSPACE_STORES } from './first-run';
import type { MusterDatabase } from './open-database';
import { commitStrict, Rollback } from './strict-transaction';

export type MemberRole = 'owner' | 'comm_owner' | 'approver' | 'responder' | 'viewer';

export interface ServerIncident {
  id: string;
  title: string;
  status: 'open' | 'closed';
  detected_at: string | null;
  opened_at: string;
}

/** A workspace the signed-in user belongs to, as `my_workspaces()` answers. */
export interface ServerWorkspace {
  id: string;
  name: string;
  role: MemberRole;
  incidents: ServerIncident[];
}

export interface BackendConnection {
  backend_url: string;
  backend_anon_key: string;
  account: BackendAccount;
}

/**
 * same: the phone already is that workspace. replace-demo: the demo goes (it never syncs).
 * adopt: the phone's own workspace, never on a server and with no log entries, becomes the
 * server one (its contacts, templates and incidents move over). switch: the phone's
 * workspace came from a server and holds no entries of its own: its records stay on the
 * phone under their own id (back if the user switches back), nothing moves to the other
 * company. blocked: the phone holds entries of its workspace; they cannot move.
 */
export type LinkPlan = 'same' | 'replace-demo' | 'adopt' | 'switch' | 'blocked';

async function holdsEntries(tx: { objectStore(name: 'chain-tips' | 'outbox' | 'rejected'): { index(name: 'by-workspace'): { count(key: string): Promise<number> } } }, workspaceId: string): Promise<boolean> {
  for (const store of ['chain-tips', 'outbox', 'rejected'] as const) if ((await tx.objectStore(store).index('by-workspace').count(workspaceId)) > 0) return true;
  return false;
}

function planFor(settings: WorkspaceSettings, targetId: string, entries: boolean): LinkPlan {
  if (settings.workspace_id === targetId) return 'same';
  if (settings.is_demo) return 'replace-demo';
  if (entries) return 'blocked';
  return settings.backend_url ? 'switch' : 'adopt';
}

export async function planLink(db: MusterDatabase, settings: WorkspaceSettings, targetId: string): Promise<LinkPlan> {
  return planFor(settings, targetId, await holdsEntries(db.transaction(['chain-tips', 'outbox', 'rejected']), settings.workspace_id));
}

function toIncident(workspaceId: string, incident: ServerIncident): Incident {
  return {
    id: incident.id,
    workspace_id: workspaceId,
    title: incident.title,
    status: incident.status,
    detected_at: incident.detected_at ?? incident.opened_at,
    opened_at: incident.opened_at,
  };
}

/**
 * Adds the server's incidents this phone does not hold yet and takes the server's status
 * (an incident closed by a teammate closes here). Title and the phone's own markings stay
 * as they are. Answers how many incidents changed.
 */
export function mergeServerIncidents(db: MusterDatabase, workspaceId: string, incidents: readonly ServerIncident[]): Promise<number> {
  return commitStrict(db, ['incidents'], async (tx) => {
    const store = tx.objectStore('incidents');
    let changed = 0;
    for (const incident of incidents) {
      const local = await store.get([workspaceId, incident.id]);
      if (local && local.status === incident.status) continue;
      await store.put(local ? { ...local, status: incident.status } : toIncident(workspaceId, incident));
      changed += 1;
    }
    return changed;
  });
}

/** Incidents opened on this phone that the server does not list yet. */
export async function incidentsMissingOnServer(db: MusterDatabase, workspaceId: string, onServer: readonly ServerIncident[]): Promise<Incident[]> {
  const known = new Set(onServer.map((incident) => incident.id));
  return (await db.getAllFromIndex('incidents', 'by-workspace', workspaceId)).filter((incident) => !known.has(incident.id));
}

export class LinkBlockedError extends Error {
  override readonly name = 'LinkBlockedError';
}

/**
 * Makes `target` this phone's workspace, signed in through `connection`, in one
 * transaction. Rejects with LinkBlockedError (and changes nothing) when the phone holds log
 * entries of another workspace; with a StoreError when the write fails.
 */
export async function joinServerWorkspace(db: MusterDatabase, target: ServerWorkspace, connection: BackendConnection): Promise<WorkspaceSettings> {
  const outcome = await commitStrict(db, WORKSPACE_STORES, async (tx) => {
    const settings = await tx.objectStore('settings').get('workspace');
    if (!settings) throw new Rollback(new LinkBlockedError('This phone has no workspace yet; reload Muster.'));
    const from = settings.workspace_id;
    const plan = planFor(settings, target.id, await holdsEntries(tx, from));
    if (plan === 'blocked')
      throw new Rollback(
        new LinkBlockedError(
          `This phone holds log entries of “${settings.name}”. They cannot move to another workspace: create “${settings.name}” on the server instead, or use another phone.`,
        ),
      );
    if (plan === 'replace-demo') await deleteWorkspaceRecords(tx, from);
    let current = settings.current_incident_id;
    if (plan === 'adopt') {
      const taken = target.incidents.map((incident) => incident.id);
      for (const contact of await tx.objectStore('contacts').index('by-workspace').getAll(from)) await tx.objectStore('contacts').put({ ...contact, workspace_id: target.id });
      for (const template of await tx.objectStore('templates').index('by-workspace').getAll(from)) await tx.objectStore('templates').put({ ...template, workspace_id: target.id });
      for (const tree of await tx.objectStore('call-trees').index('by-workspace').getAll(from)) await tx.objectStore('call-trees').put({ ...tree, workspace_id: target.id });
      for (const incident of await tx.objectStore('incidents').index('by-workspace').getAll(from)) {
        await tx.objectStore('incidents').delete([from, incident.id]);
        // Both sides number from INC-YYYY-001. No entry refers to the phone's incident yet
        // (adopt needs an empty log), so it takes the next free number instead of merging
        // into the team's incident of the same number.
        const id = taken.includes(incident.id) ? nextIncidentId(taken, new Date(incident.opened_at)) : incident.id;
        taken.push(id);
        if (current === incident.id) current = id;
        await tx.objectStore('incidents').put({ ...incident, id, workspace_id: target.id });
      }
    }
    for (const incident of target.incidents) {
      if (!(await tx.objectStore('incidents').getKey([target.id, incident.id]))) await tx.objectStore('incidents').put(toIncident(target.id, incident));
    }
    if ((await tx.objectStore('templates').index('by-workspace').count(target.id)) === 0) {
      for (const template of playbookTemplatesFor(target.id, new Date().toISOString())) await tx.objectStore('templates').put(template);
    }
    const incidentIds = new Set((await tx.objectStore('incidents').index('by-workspace').getAllKeys(target.id)).map(([, id]) => id));
    const keepCurrent = (plan === 'same' || plan === 'adopt') && current !== null && incidentIds.has(current);
    const next: WorkspaceSettings = {
      ...settings,
      workspace_id: target.id,
      name: target.name,
      is_demo: false,
      author_name: settings.is_demo ? '' : settings.author_name,
      current_incident_id: keepCurrent ? current : (target.incidents.find((incident) => incident.status === 'open')?.id ?? null),
      ...connection,
      last_email: connection.account.email,
    };
    await tx.objectStore('settings').put(next, 'workspace');
    return next;
  });
  if (outcome instanceof LinkBlockedError) throw outcome;
  return outcome;
}
