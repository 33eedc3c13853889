/**
 * Call trees on this phone, their runs for an incident and the calls checked off in them
 * (issue 5). Everything here works offline: a run starts and is checked off with no
 * network. Each start and checkoff is also written to the incident's log, so nobody retypes
 * who called whom, how, with what outcome and when. Runs and checkoffs wait in the outbox
 * for the server like log entries, and teammates' come back through `mergePulledRuns`.
 * Where a run stands is never stored: `runState` (src/domain/call-tree.ts) derives it from
 * what `readRun` returns, so merging in any order gives every phone the same state.
 */
import { CHECKOFF_OUTCOME_LABELS, mergeCheckoffs, validateCallTree, type CallTree, type Checkoff } from '../domain/call-tree';
import type { LogEntry } from '../domain/log-entry';
import type { WorkspaceSettings } from '../domain/workspace';
import { logNote } from './incident-actions';
import type { MusterDatabase } from './open-database';
import { outboxRowFor } from './outbox';
import type { RunContact, StoredCallRun, StoredCallTree, StoredCheckoff } from './schema';
import { storeError } from './store-error';
import { commitStrict, Rollback } from './strict-transaction';

/** What the caller enters when checking a call off; the rest (who, when) comes from the phone. */
export type CheckoffInput = Pick<Checkoff, 'node_id' | 'contact_id' | 'method' | 'outcome' | 'note'>;

/**
 * Stores a new tree (version 1) or the next version of one, to be shared with the team at
 * the next sync (call-tree-sharing.ts). Rejects with an Error carrying the first problem
 * `validateCallTree` finds (nothing is written), or with StoreError 'conflict' when the
 * stored version is not the one the edit started from.
 */
export async function saveCallTree(db: MusterDatabase, tree: CallTree): Promise<CallTree> {
  const [problem] = validateCallTree(tree);
  if (problem) throw new Error(`Not saved: ${problem.message}`);
  await commitStrict(db, ['call-trees'], async (tx) => {
    const stored = await tx.objectStore('call-trees').get(tree.id);
    if ((stored?.version ?? 0) !== tree.version - 1) throw storeError('conflict');
    // A new edit is offered to the server again, even after it refused the last one.
    await tx.objectStore('call-trees').put({ ...tree, synced_version: stored?.synced_version ?? 0, refused: null });
  });
  return tree;
}

/** The workspace's call trees, by name, with how each stands with the server. */
export async function listCallTrees(db: MusterDatabase, workspaceId: string): Promise<StoredCallTree[]> {
  const trees = await db.getAllFromIndex('call-trees', 'by-workspace', workspaceId);
  return trees.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Starts running `tree` for an incident: stores the run, with the tree and the contacts it
 * names as they are now, and queues it for the team; then logs that it started. Rejects with
 * a StoreError when the phone refused either write.
 */
export async function startRun(db: MusterDatabase, settings: WorkspaceSettings, tree: CallTree, incidentId: string, now = new Date()): Promise<{ run: StoredCallRun; entry: LogEntry }> {
  const named = new Set(tree.nodes.flatMap((node) => [node.contact_id, ...node.backup_contact_ids]));
  const run: StoredCallRun = {
    id: crypto.randomUUID(),
    workspace_id: settings.workspace_id,
    tree_id: tree.id,
    tree_version: tree.version,
    tree,
    contacts: {},
    incident_id: incidentId,
    started_at: now.toISOString(),
    started_by: settings.author_name,
  };
  await commitStrict(db, ['contacts', 'call-runs', 'outbox'], async (tx) => {
    const contacts: Record<string, RunContact> = {};
    for (const contact of await tx.objectStore('contacts').index('by-workspace').getAll(settings.workspace_id)) {
      if (named.has(contact.id)) contacts[contact.id] = { name: contact.name, methods: contact.methods };
    }
    run.contacts = contacts;
    await tx.objectStore('call-runs').add(run);
    const change = {
      id: run.id,
      workspace_id: run.workspace_id,
      incident_id: incidentId,
      call_tree_id: tree.id,
      tree_version: tree.version,
      tree,
      contacts,
      started_at: run.started_at,
      started_by_name: run.started_by,
    };
    await tx.objectStore('outbox').add(outboxRowFor('call_run', change, incidentId, now));
  });
  const entry = await logNote(db, settings, incidentId, { type: 'internal_update', contacted: 'Incident team', method: 'Phone tree', summary: `Call tree ${tree.name} started` }, now);
  return { run, entry };
}

/**
 * Checks one call off (caller: this phone's user, time: `now`) and logs it as one entry:
 * who called whom, by which method, with what outcome, when. The checkoff is stored first,
 * so a refused log write never loses the call. Rejects with an Error when the run is not on
 * this phone, or a StoreError when the phone refused a write.
 */
export async function recordCheckoff(
  db: MusterDatabase,
  settings: WorkspaceSettings,
  run: StoredCallRun,
  input: CheckoffInput,
  contactName: string,
  now = new Date(),
): Promise<{ checkoff: StoredCheckoff; entry: LogEntry }> {
  const checkoff: StoredCheckoff = {
    id: crypto.randomUUID(),
    workspace_id: run.workspace_id,
    run_id: run.id,
    node_id: input.node_id,
    caller: settings.author_name,
    contact_id: input.contact_id,
    method: input.method,
    outcome: input.outcome,
    note: input.note,
    at: now.toISOString(),
  };
  const stored = await commitStrict(db, ['call-runs', 'checkoffs', 'outbox'], async (tx) => {
    if (!(await tx.objectStore('call-runs').get(run.id))) throw new Rollback(false);
    await tx.objectStore('checkoffs').add(checkoff);
    const change = {
      id: checkoff.id,
      workspace_id: checkoff.workspace_id,
      call_run_id: checkoff.run_id,
      node_id: checkoff.node_id,
      caller: checkoff.caller,
      contact_id: checkoff.contact_id,
      method: checkoff.method,
      outcome: checkoff.outcome,
      note: checkoff.note,
      called_at: checkoff.at,
    };
    await tx.objectStore('outbox').add(outboxRowFor('checkoff', change, run.incident_id, now));
    return true;
  });
  if (!stored) throw new Error('Not saved: this call run is not on this phone. Reopen the incident’s call tree.');
  const note = checkoff.note.trim();
  const summary = `${checkoff.caller} called ${contactName}: ${CHECKOFF_OUTCOME_LABELS[checkoff.outcome]}.${note ? ` ${note}` : ''}`;
  const entry = await logNote(
    db,
    settings,
    run.incident_id,
    { type: 'internal_update', contacted: contactName, method: checkoff.method, summary, owner: checkoff.caller, occurredAt: checkoff.at },
    now,
  );
  return { checkoff, entry };
}

/** A run and all its checkoffs on this phone, merged in time order; undefined when the run is not here. */
export async function readRun(db: MusterDatabase, runId: string): Promise<{ run: StoredCallRun; checkoffs: StoredCheckoff[] } | undefined> {
  const tx = db.transaction(['call-runs', 'checkoffs'], 'readonly');
  const [run, checkoffs] = await Promise.all([tx.objectStore('call-runs').get(runId), tx.objectStore('checkoffs').index('by-run').getAll(runId)]);
  if (!run) return undefined;
  // mergeCheckoffs only reorders and drops duplicates: the stored records come back as they were.
  return { run, checkoffs: mergeCheckoffs(checkoffs) as StoredCheckoff[] };
}

/** The incident's call runs, oldest first. */
export async function listRuns(db: MusterDatabase, workspaceId: string, incidentId: string): Promise<StoredCallRun[]> {
  const runs = await db.getAllFromIndex('call-runs', 'by-incident', [workspaceId, incidentId]);
  return runs.sort((a, b) => a.started_at.localeCompare(b.started_at) || a.id.localeCompare(b.id));
}

/** An incident's runs and checkoffs as the server lists them (`call_runs_pull`). */
export interface PulledRuns {
  runs: StoredCallRun[];
  checkoffs: StoredCheckoff[];
}

/**
 * Adds the team's runs and checkoffs this phone does not have yet. Nothing stored here is
 * changed: a run or checkoff is written once, and the same id is the same record. Returns
 * how many were new, so the screen knows to re-read.
 */
export function mergePulledRuns(db: MusterDatabase, workspaceId: string, pulled: PulledRuns): Promise<number> {
  return commitStrict(db, ['call-runs', 'checkoffs'], async (tx) => {
    let added = 0;
    for (const run of pulled.runs) {
      if (run.workspace_id !== workspaceId || (await tx.objectStore('call-runs').getKey(run.id)) !== undefined) continue;
      await tx.objectStore('call-runs').add(run);
      added += 1;
    }
    for (const checkoff of pulled.checkoffs) {
      if (checkoff.workspace_id !== workspaceId || (await tx.objectStore('checkoffs').getKey(checkoff.id)) !== undefined) continue;
      await tx.objectStore('checkoffs').add(checkoff);
      added += 1;
    }
    return added;
  });
}
