import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runState, type CallTree, type CallTreeNode } from '../../src/domain/call-tree';
import type { Contact } from '../../src/domain/contacts';
import { DEMO_WORKSPACE_ID, demoIncident } from '../../src/domain/demo-workspace';
import type { LogEntry } from '../../src/domain/log-entry';
import type { WorkspaceSettings } from '../../src/domain/workspace';
import { listCallTrees, listRuns, mergePulledRuns, readRun, recordCheckoff, saveCallTree, startRun } from '../../src/store/call-runs';
import { oldestWaiting } from '../../src/store/outbox';
import { getIncident } from '../../src/store/incident-actions';
import { appendLogEntry, listLogPage, verifyIncidentLog } from '../../src/store/log-repository';
import { DB_VERSION, openMusterDB, type MusterDatabase } from '../../src/store/open-database';
import { StoreError } from '../../src/store/store-error';
import { quickFields } from './log-entry-fixtures';
import { openTestDatabase } from './test-database';

const WORKSPACE = 'ws-northwind';
const INCIDENT = 'INC-2026-005';
const START = new Date('2026-03-02T10:00:00.000Z');
const minutes = (count: number) => new Date(START.getTime() + count * 60_000);

function settingsOf(author_name: string): WorkspaceSettings {
  return { workspace_id: WORKSPACE, name: 'Northwind Dental', is_demo: false, author_name, current_incident_id: INCIDENT, backend_url: null };
}
const MARIA = settingsOf('Maria Lopez');
const TOM = settingsOf('Tom Becker');

function node(id: string, fields: Partial<CallTreeNode>): CallTreeNode {
  return { id, parent_id: null, order: 1, contact_id: `${id}-contact`, callers: ['Maria Lopez'], backup_contact_ids: [], wait_minutes: 10, ...fields };
}

// Maria calls the CEO; once the CEO is reached, Tom calls the insurer (the broker if not).
const TREE: CallTree = {
  id: 'tree-ransomware',
  workspace_id: WORKSPACE,
  name: 'Ransomware: first hour',
  version: 1,
  nodes: [
    node('ceo', { contact_id: 'c-ceo', callers: ['Maria Lopez'] }),
    node('insurer', { parent_id: 'ceo', contact_id: 'c-insurer', callers: ['Tom Becker'], backup_contact_ids: ['c-broker'] }),
  ],
};

let db: MusterDatabase;

beforeEach(async () => {
  db = await openTestDatabase();
});

afterEach(() => {
  db.close();
});

async function log(): Promise<LogEntry[]> {
  const page = await listLogPage(db, WORKSPACE, INCIDENT, {}, { limit: 100 });
  return page.entries.reverse();
}

describe('saving a call tree', () => {
  it('keeps the tree for the workspace, and its next version', async () => {
    await saveCallTree(db, TREE);
    await saveCallTree(db, { ...TREE, version: 2, name: 'Ransomware: first hour (v2)' });

    // Not shared yet (synced_version 0): the next sync offers it to the server.
    expect(await listCallTrees(db, WORKSPACE)).toEqual([{ ...TREE, version: 2, name: 'Ransomware: first hour (v2)', synced_version: 0, refused: null }]);
    expect(await listCallTrees(db, 'ws-other')).toEqual([]);
  });

  it('refuses a tree the editor would refuse, saying what to fix, and stores nothing', async () => {
    const noCallers = { ...TREE, nodes: [node('ceo', { contact_id: 'c-ceo', callers: [] })] };

    await expect(saveCallTree(db, noCallers)).rejects.toThrow('Nobody makes this call: add the member who calls, and a backup.');
    expect(await listCallTrees(db, WORKSPACE)).toEqual([]);
  });

  it('refuses an edit made from an older version (another tab saved first)', async () => {
    await saveCallTree(db, TREE);
    await saveCallTree(db, { ...TREE, version: 2 });

    const stale = saveCallTree(db, { ...TREE, version: 2, name: 'Edited from version 1' });

    await expect(stale).rejects.toBeInstanceOf(StoreError);
    await expect(stale).rejects.toMatchObject({ reason: 'conflict' });
    expect((await listCallTrees(db, WORKSPACE))[0]?.name).toBe(TREE.name);
  });
});

describe('running a call tree for an incident', () => {
  it('stores the run against the tree’s version and logs that it started', async () => {
    const { run, entry } = await startRun(db, MARIA, TREE, INCIDENT, START);

    expect(run).toMatchObject({ workspace_id: WORKSPACE, tree_id: TREE.id, tree_version: 1, incident_id: INCIDENT, started_at: START.toISOString(), started_by: 'Maria Lopez' });
    // The run keeps the tree it started with, whatever later edits do to the tree.
    await saveCallTree(db, TREE);
    await saveCallTree(db, { ...TREE, version: TREE.version + 1, name: 'Renamed later' });
    expect((await readRun(db, run.id))?.run.tree).toEqual(TREE);
    expect(await listRuns(db, WORKSPACE, INCIDENT)).toEqual([run]);
    expect(await readRun(db, run.id)).toEqual({ run, checkoffs: [] });
    expect(await log()).toEqual([entry]);
    expect(entry).toMatchObject({
      communication_type: 'internal_update',
      contacted: 'Incident team',
      contact_method: 'Phone tree',
      message_summary: 'Call tree Ransomware: first hour started',
      author: 'Maria Lopez',
      occurred_at: START.toISOString(),
    });
  });

  it('derives each call’s state from checkoffs made by two members', async () => {
    const { run } = await startRun(db, MARIA, TREE, INCIDENT, START);

    await recordCheckoff(db, MARIA, run, { node_id: 'ceo', contact_id: 'c-ceo', method: 'm-ceo-mobile', outcome: 'reached', note: 'On her way in.' }, 'Dana Shore (CEO)', minutes(2));
    await recordCheckoff(db, TOM, run, { node_id: 'insurer', contact_id: 'c-insurer', method: 'm-insurer-hotline', outcome: 'no_answer', note: '' }, 'Harbor Insurance', minutes(4));

    const stored = await readRun(db, run.id);
    expect(stored?.checkoffs.map((checkoff) => checkoff.caller)).toEqual(['Maria Lopez', 'Tom Becker']);
    const state = runState(TREE, stored!.run, stored!.checkoffs, minutes(5));
    const [ceo, insurer] = state.nodes;
    expect(ceo).toMatchObject({ state: 'reached', reachedBy: { caller: 'Maria Lopez' } });
    // No answer at the insurer: Tom moves on to the broker, with a fresh wait.
    expect(insurer).toMatchObject({ state: 'pending', attempt: { caller: 'Tom Becker', contactId: 'c-broker', since: minutes(4).toISOString() } });
    expect(state.progress).toMatchObject({ reached: 1, pending: 1, failed: 0, waiting: 0 });
  });

  it('logs each checkoff once: who called whom, how, the outcome, the note and when', async () => {
    const { run } = await startRun(db, MARIA, TREE, INCIDENT, START);

    const first = await recordCheckoff(db, MARIA, run, { node_id: 'ceo', contact_id: 'c-ceo', method: 'm-ceo-mobile', outcome: 'reached', note: 'On her way in.' }, 'Dana Shore (CEO)', minutes(2));
    const second = await recordCheckoff(db, TOM, run, { node_id: 'insurer', contact_id: 'c-insurer', method: 'm-insurer-hotline', outcome: 'voicemail', note: '' }, 'Harbor Insurance', minutes(4));

    const [, reached, voicemail] = await log();
    expect(await log()).toHaveLength(3);
    expect(reached).toEqual(first.entry);
    expect(reached).toMatchObject({
      communication_type: 'internal_update',
      author: 'Maria Lopez',
      owner: 'Maria Lopez',
      contacted: 'Dana Shore (CEO)',
      contact_method: 'm-ceo-mobile',
      message_summary: 'Maria Lopez called Dana Shore (CEO): Reached. On her way in.',
      occurred_at: minutes(2).toISOString(),
    });
    expect(voicemail).toEqual(second.entry);
    expect(voicemail).toMatchObject({
      author: 'Tom Becker',
      owner: 'Tom Becker',
      contacted: 'Harbor Insurance',
      contact_method: 'm-insurer-hotline',
      message_summary: 'Tom Becker called Harbor Insurance: Left voicemail.',
      occurred_at: minutes(4).toISOString(),
    });
    expect(second.checkoff).toMatchObject({ run_id: run.id, caller: 'Tom Becker', at: minutes(4).toISOString(), workspace_id: WORKSPACE });
    expect(await verifyIncidentLog(db, WORKSPACE, INCIDENT)).toEqual({ intact: true, checked: 3 });
  });

  it('refuses a checkoff for a run this phone does not hold, and logs nothing', async () => {
    const { run } = await startRun(db, MARIA, TREE, INCIDENT, START);
    const elsewhere = { ...run, id: 'run-not-here' };

    await expect(
      recordCheckoff(db, MARIA, elsewhere, { node_id: 'ceo', contact_id: 'c-ceo', method: 'm', outcome: 'reached', note: '' }, 'Dana Shore (CEO)', minutes(1)),
    ).rejects.toThrow('this call run is not on this phone');
    expect(await log()).toHaveLength(1);
    expect((await readRun(db, run.id))?.checkoffs).toEqual([]);
  });

  it('lists only the incident’s runs, oldest first', async () => {
    const later = await startRun(db, TOM, TREE, INCIDENT, minutes(30));
    const first = await startRun(db, MARIA, TREE, INCIDENT, START);
    await startRun(db, MARIA, TREE, 'INC-2026-006', START);

    expect(await listRuns(db, WORKSPACE, INCIDENT)).toEqual([first.run, later.run]);
    expect(await readRun(db, 'run-unknown')).toBeUndefined();
  });
});

describe('sharing runs and checkoffs with the team', () => {
  const CEO: Contact = {
    id: 'c-ceo', workspace_id: WORKSPACE, name: 'Dana Whitfield', organization: 'Northwind Dental', role: 'CEO', category: 'leadership',
    methods: [{ id: 'm-1', channel: 'phone', label: 'mobile', value: '+49 170 5550101', available_24x7: true }], references: [], notes: '', priority: 1, version: 1, updated_at: START.toISOString(),
  };

  it('queues the run, with the tree and the contacts it names, before its checkoffs, in the server’s column names', async () => {
    await db.put('contacts', CEO);
    await db.put('contacts', { ...CEO, id: 'c-unrelated', name: 'Not in the tree' });
    const { run } = await startRun(db, MARIA, TREE, INCIDENT, START);
    const { checkoff } = await recordCheckoff(db, MARIA, run, { node_id: 'ceo', contact_id: 'c-ceo', method: 'Phone (mobile)', outcome: 'reached', note: 'Joining the bridge' }, 'Dana Whitfield', minutes(2));

    expect(run.contacts).toEqual({ 'c-ceo': { name: 'Dana Whitfield', methods: CEO.methods } });
    const waiting = await oldestWaiting(db, 10);
    expect(waiting.map((row) => row.table)).toEqual(['call_run', 'log_entry', 'checkoff', 'log_entry']);
    expect(waiting[0]?.payload).toEqual({
      id: run.id, workspace_id: WORKSPACE, incident_id: INCIDENT, call_tree_id: TREE.id, tree_version: 1, tree: TREE,
      contacts: run.contacts, started_at: START.toISOString(), started_by_name: 'Maria Lopez', local_seq: 0,
    });
    expect(waiting[2]?.payload).toEqual({
      id: checkoff.id, workspace_id: WORKSPACE, call_run_id: run.id, node_id: 'ceo', caller: 'Maria Lopez', contact_id: 'c-ceo',
      method: 'Phone (mobile)', outcome: 'reached', note: 'Joining the bridge', called_at: minutes(2).toISOString(), incident_id: INCIDENT, local_seq: 0,
    });
  });

  it('merges a teammate’s run and checkoffs once, whatever order they arrive in, and the state follows', async () => {
    const tomsPhone = await openTestDatabase();
    const { run } = await startRun(tomsPhone, TOM, TREE, INCIDENT, START);
    const { checkoff: tomsCall } = await recordCheckoff(tomsPhone, TOM, run, { node_id: 'ceo', contact_id: 'c-ceo', method: 'Phone', outcome: 'no_answer', note: '' }, 'CEO', minutes(1));
    tomsPhone.close();

    expect(await mergePulledRuns(db, WORKSPACE, { runs: [], checkoffs: [tomsCall] })).toBe(1);
    expect(await mergePulledRuns(db, WORKSPACE, { runs: [run], checkoffs: [tomsCall] })).toBe(1);
    expect(await mergePulledRuns(db, WORKSPACE, { runs: [run], checkoffs: [tomsCall] })).toBe(0);
    expect(await mergePulledRuns(db, WORKSPACE, { runs: [{ ...run, id: 'r-other', workspace_id: 'another-workspace' }], checkoffs: [{ ...tomsCall, id: 'k-other', workspace_id: 'another-workspace' }] })).toBe(0);

    const stored = await readRun(db, run.id);
    expect(stored).toEqual({ run, checkoffs: [tomsCall] });
    expect(runState(stored!.run.tree, stored!.run, stored!.checkoffs, minutes(2)).nodes[0]?.state).toBe('failed');
    expect(await oldestWaiting(db, 10)).toEqual([]);
  });
});

describe('upgrading a phone from version 4 (before call trees)', () => {
  it('keeps the incidents and the log, and adds empty call-tree stores', async () => {
    const name = `t-${crypto.randomUUID()}`;
    const incident = demoIncident(START.toISOString());
    const v4 = await openMusterDB(name, 4);
    await v4.put('incidents', incident);
    const entry = await appendLogEntry(v4, quickFields({ incident_id: incident.id }), { workspace_id: DEMO_WORKSPACE_ID, author: 'Maria Lopez', corrects: null });
    v4.close();

    const v5 = await openMusterDB(name);

    expect(v5.version).toBe(DB_VERSION);
    expect(await getIncident(v5, DEMO_WORKSPACE_ID, incident.id)).toEqual(incident);
    expect((await listLogPage(v5, DEMO_WORKSPACE_ID, incident.id, {}, { limit: 10 })).entries).toEqual([entry]);
    expect(await listCallTrees(v5, DEMO_WORKSPACE_ID)).toEqual([]);
    expect(await listRuns(v5, DEMO_WORKSPACE_ID, incident.id)).toEqual([]);
    const demo = { ...MARIA, workspace_id: DEMO_WORKSPACE_ID };
    const { run } = await startRun(v5, demo, await saveCallTree(v5, { ...TREE, workspace_id: DEMO_WORKSPACE_ID }), incident.id, START);
    expect(await readRun(v5, run.id)).toEqual({ run, checkoffs: [] });
    expect(await verifyIncidentLog(v5, DEMO_WORKSPACE_ID, incident.id)).toEqual({ intact: true, checked: 2 });
    v5.close();
  });
});
