import { describe, expect, it } from 'vitest';
import { runState, type CallRun, type CallTree, type CallTreeNode, type Checkoff } from '../../src/domain/call-tree';
import type { Contact } from '../../src/domain/contacts';
import { callMethodLabel, contactChoices, contactLookup } from '../../src/ui/incident/calls/call-contacts';
import { callCountdown, callHistory, callStatusLine, handedOverBecause } from '../../src/ui/incident/calls/call-labels';
import {
  addCall,
  draftOfTree,
  draftProblems,
  hasProblems,
  memberNameSuggestions,
  moveCall,
  newCallTreeDraft,
  removeCall,
  treeOfDraft,
  updateCall,
  type CallTreeDraft,
} from '../../src/ui/settings/call-tree-draft';

const WORKSPACE = 'ws-northwind';
const START = new Date('2026-03-02T10:00:00.000Z');
const at = (minutes: number) => new Date(START.getTime() + minutes * 60_000);

function contact(id: string, name: string, fields: Partial<Contact> = {}): Contact {
  return {
    id,
    workspace_id: WORKSPACE,
    name,
    organization: '',
    role: '',
    category: 'leadership',
    methods: [],
    references: [],
    notes: '',
    priority: 1,
    version: 1,
    updated_at: START.toISOString(),
    ...fields,
  };
}

/** Maria calls the CEO; once the CEO is reached (or cannot be), Tom calls the insurer, Maria takes over. */
function ransomwareDraft(): CallTreeDraft {
  let draft: CallTreeDraft = { ...newCallTreeDraft('tree-1'), name: 'Ransomware: first hour' };
  const [first] = draft.nodes;
  draft = updateCall(draft, first!.id, (node) => ({ ...node, contactId: 'c-ceo', callers: ['Maria Lopez'] }));
  draft = addCall(draft, 'insurer');
  return updateCall(draft, 'insurer', (node) => ({ ...node, contactId: 'c-insurer', callers: ['Tom Becker', '  ', 'Maria Lopez'], backupContactIds: ['c-broker', ''], waitMinutes: '5' }));
}

describe('the call-tree editor’s draft', () => {
  it('saves calls in the order they are listed, the second following the first, blank rows dropped', () => {
    const draft = ransomwareDraft();
    const tree = treeOfDraft(draft, WORKSPACE);
    const first = draft.nodes[0]!.id;

    expect(tree).toEqual({
      id: 'tree-1',
      workspace_id: WORKSPACE,
      name: 'Ransomware: first hour',
      version: 1,
      nodes: [
        { id: first, parent_id: null, order: 1, contact_id: 'c-ceo', callers: ['Maria Lopez'], backup_contact_ids: [], wait_minutes: 10 },
        { id: 'insurer', parent_id: first, order: 2, contact_id: 'c-insurer', callers: ['Tom Becker', 'Maria Lopez'], backup_contact_ids: ['c-broker'], wait_minutes: 5 },
      ],
    });
    expect(hasProblems(draftProblems(draft, WORKSPACE))).toBe(false);
  });

  it('opens a stored tree as it was saved and saves it as the next version', () => {
    const stored = treeOfDraft(ransomwareDraft(), WORKSPACE);
    const reopened = draftOfTree(stored);

    expect(reopened.baseVersion).toBe(1);
    expect(treeOfDraft(reopened, WORKSPACE)).toEqual({ ...stored, version: 2 });
  });

  it('shows each problem next to the call it concerns, in words, and one for a missing name', () => {
    let draft = ransomwareDraft();
    draft = { ...draft, name: '  ' };
    draft = updateCall(draft, 'insurer', (node) => ({ ...node, callers: [''], backupContactIds: ['c-insurer'], waitMinutes: '0' }));

    const problems = draftProblems(draft, WORKSPACE);

    expect(problems.name).toMatch(/^Name this call tree/);
    expect(problems.tree).toEqual([]);
    expect(problems.byNode.get(draft.nodes[0]!.id)).toBeUndefined();
    expect(problems.byNode.get('insurer')).toEqual([
      'Nobody makes this call: add the member who calls, and a backup.',
      'A contact appears twice in this call and its backups: remove the repeat.',
      'Wait between 1 and 120 whole minutes before moving to the backup.',
    ]);
    expect(hasProblems(problems)).toBe(true);
  });

  it('refuses a wait typed as a fraction or as text, and a call to nobody', () => {
    for (const typed of ['2.5', 'ten', '', '121']) {
      const draft = updateCall(ransomwareDraft(), 'insurer', (node) => ({ ...node, waitMinutes: typed }));
      expect(draftProblems(draft, WORKSPACE).byNode.get('insurer'), typed).toEqual(['Wait between 1 and 120 whole minutes before moving to the backup.']);
    }
    const nobody = addCall(ransomwareDraft(), 'empty');
    expect(draftProblems(nobody, WORKSPACE).byNode.get('empty')).toEqual(['Choose whom this call is to.', 'Nobody makes this call: add the member who calls, and a backup.']);
  });

  it('reports a call waiting on itself through its parents', () => {
    const draft = ransomwareDraft();
    const first = draft.nodes[0]!.id;
    const looped = updateCall(draft, first, (node) => ({ ...node, parentId: 'insurer' }));
    const problems = draftProblems(looped, WORKSPACE);
    expect(problems.byNode.get(first)?.[0]).toMatch(/waits, through its parents, on itself/);
    expect(problems.byNode.get('insurer')?.[0]).toMatch(/waits, through its parents, on itself/);
  });

  it('moves a call up and down with buttons, and not past either end', () => {
    const draft = ransomwareDraft();
    const first = draft.nodes[0]!.id;

    expect(moveCall(draft, 'insurer', -1).nodes.map((node) => node.id)).toEqual(['insurer', first]);
    expect(moveCall(draft, 'insurer', 1)).toBe(draft);
    expect(moveCall(draft, first, -1)).toBe(draft);
    expect(treeOfDraft(moveCall(draft, 'insurer', -1), WORKSPACE).nodes.map((node) => [node.id, node.order])).toEqual([
      ['insurer', 1],
      [first, 2],
    ]);
  });

  it('removes a call and lets the calls after it follow the call it followed', () => {
    let draft = addCall(ransomwareDraft(), 'staff');
    draft = updateCall(draft, 'staff', (node) => ({ ...node, contactId: 'c-staff', callers: ['Tom Becker'] }));
    const first = draft.nodes[0]!.id;

    const removed = removeCall(draft, 'insurer');

    expect(removed.nodes.map((node) => [node.id, node.parentId])).toEqual([
      [first, null],
      ['staff', first],
    ]);
    expect(hasProblems(draftProblems(removed, WORKSPACE))).toBe(false);
  });

  it('offers each known member name once, whatever its case or spacing, sorted', () => {
    expect(memberNameSuggestions(['Tom Becker', ' tom  becker ', '', null, undefined, 'Maria Lopez', 'Demo responder'])).toEqual(['Demo responder', 'Maria Lopez', 'Tom Becker']);
  });
});

describe('whom a call is to', () => {
  const mobile = { id: 'm1', channel: 'phone' as const, value: '+1 202 555 0101', label: 'Mobile', available_24x7: false };

  it('labels the method used as the log records it', () => {
    expect(callMethodLabel(mobile)).toBe('Phone (Mobile)');
    expect(callMethodLabel({ channel: 'sms', label: 'SMS' })).toBe('SMS');
    expect(callMethodLabel({ channel: 'phone', label: ' ' })).toBe('Phone');
  });

  it('finds the contact in this phone’s list first, then in the copy the run carries, and never shows a bare id', () => {
    const run = { contacts: { 'c-broker': { name: 'Harbor Brokers', methods: [mobile] } } };
    const lookup = contactLookup([contact('c-ceo', 'Dana Shore', { role: 'CEO', methods: [mobile] })], run);

    expect(lookup('c-ceo')).toEqual({ name: 'Dana Shore', methods: [mobile], detail: 'CEO' });
    expect(lookup('c-broker')).toEqual({ name: 'Harbor Brokers', methods: [mobile], detail: '' });
    expect(lookup('c-gone').name).toBe('A contact no longer in the list');
    expect(lookup('toString').name).toBe('A contact no longer in the list');
  });

  it('lists the contacts to choose from in the contact list’s order', () => {
    const choices = contactChoices([
      contact('ins', 'Harbor Insurance', { category: 'cyber_insurance' }),
      contact('tom', 'Tom Becker', { priority: 2 }),
      contact('maria', 'Maria Lopez', { priority: 1 }),
    ]);
    expect(choices).toEqual([
      { id: 'maria', label: 'Maria Lopez (Leadership)' },
      { id: 'tom', label: 'Tom Becker (Leadership)' },
      { id: 'ins', label: 'Harbor Insurance (Cyber insurance)' },
    ]);
  });
});

describe('what the Calls view says about a run', () => {
  const node = (id: string, fields: Partial<CallTreeNode>): CallTreeNode => ({
    id,
    parent_id: null,
    order: 1,
    contact_id: `c-${id}`,
    callers: ['Maria Lopez'],
    backup_contact_ids: [],
    wait_minutes: 10,
    ...fields,
  });
  const tree: CallTree = {
    id: 'tree-1',
    workspace_id: WORKSPACE,
    name: 'Ransomware',
    version: 1,
    nodes: [node('ceo', {}), node('insurer', { parent_id: 'ceo', callers: ['Sam Rivera', 'Maria Lopez'], backup_contact_ids: ['c-broker'] })],
  };
  const run: CallRun = { id: 'run-1', tree_id: 'tree-1', tree_version: 1, incident_id: 'INC-1', started_at: START.toISOString(), started_by: 'Maria Lopez' };
  const names: Record<string, string> = { 'c-ceo': 'Dana Shore', 'c-insurer': 'Harbor Insurance', 'c-broker': 'Harbor Brokers' };
  const name = (contactId: string) => names[contactId] ?? contactId;
  const checkoff = (id: string, nodeId: string, contactId: string, outcome: Checkoff['outcome'], minutes: number, caller = 'Maria Lopez'): Checkoff => ({
    id,
    run_id: 'run-1',
    node_id: nodeId,
    caller,
    contact_id: contactId,
    method: 'Phone (Mobile)',
    outcome,
    note: outcome === 'reached' ? 'On her way in.' : '',
    at: at(minutes).toISOString(),
  });

  it('says who is calling whom since when, and how a call ended, in each call’s history', () => {
    const checkoffs = [checkoff('k1', 'ceo', 'c-ceo', 'reached', 2), checkoff('k2', 'insurer', 'c-insurer', 'no_answer', 4, 'Sam Rivera')];
    const state = runState(tree, run, checkoffs, at(15));
    const [ceo, insurer] = state.nodes;

    expect(callStatusLine(ceo!, name, null)).toMatch(/^Maria Lopez reached Dana Shore at .+\.$/);
    // No answer at the insurer: Sam calls the broker; nothing checked off in 10 min, so Maria takes over.
    expect(insurer!.attempt).toMatchObject({ caller: 'Maria Lopez', contactId: 'c-broker' });
    expect(callStatusLine(insurer!, name, 'Dana Shore')).toMatch(/^Maria Lopez is calling Harbor Brokers since .+; moves on at .+\.$/);
    expect(handedOverBecause(insurer!, name)).toBe('Sam Rivera did not check the call to Harbor Brokers off in time.');
    expect(callHistory(insurer!, name).map((line) => line.text)).toEqual([
      'Sam Rivera → Harbor Insurance, Phone (Mobile): No answer',
      'Sam Rivera → Harbor Brokers: nothing checked off in time; moved on.',
    ]);
    expect(callHistory(ceo!, name).map((line) => line.text)).toEqual(['Maria Lopez → Dana Shore, Phone (Mobile): Reached. On her way in.']);
  });

  it('says what a waiting call waits for, and why a call failed', () => {
    const waiting = runState(tree, run, [], at(1)).nodes[1]!;
    expect(callStatusLine(waiting, name, 'Dana Shore')).toBe('Called once Dana Shore is reached (or cannot be).');

    const failed = runState(tree, run, [checkoff('k1', 'ceo', 'c-ceo', 'wrong_number', 1)], at(2)).nodes[0]!;
    expect(callStatusLine(failed, name, null)).toBe('Not reached: the contact and every backup contact were tried.');
  });

  it('counts down to when the call moves on, and to the end of a call-back window', () => {
    const due = at(10).toISOString();
    expect(callCountdown({ due, waitingFor: 'checkoff' }, at(2.5).getTime())).toBe('Check it off within 8 min, or it moves to the next caller');
    expect(callCountdown({ due, waitingFor: 'checkoff' }, at(10).getTime())).toBe('Check it off within less than a minute, or it moves to the next caller');
    expect(callCountdown({ due, waitingFor: 'callback' }, at(0).getTime())).toBe('Waiting for a call back: 10 min left, then the next contact');
  });
});
