import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  alertSchedule,
  callableMethods,
  callTreeOrder,
  dueEscalations,
  escalationKey,
  mergeCheckoffs,
  myCalls,
  runState,
  validateCallTree,
  type CallRun,
  type CallTree,
  type CallTreeNode,
  type Checkoff,
  type CheckoffOutcome,
} from '../../src/domain/call-tree';
import type { ContactMethod } from '../../src/domain/contacts';

const START = new Date('2026-03-02T10:00:00.000Z');
const MINUTE = 60_000;
const at = (minutes: number) => new Date(START.getTime() + minutes * MINUTE).toISOString();
const when = (minutes: number) => new Date(START.getTime() + minutes * MINUTE);

function node(id: string, fields: Partial<CallTreeNode> = {}): CallTreeNode {
  return { id, parent_id: null, order: 1, contact_id: `${id}-contact`, callers: ['alice'], backup_contact_ids: [], wait_minutes: 10, ...fields };
}

// The CEO is called first (Alice, then Bob; the COO if the CEO cannot be reached); once the
// CEO is reached, Carol calls the insurer and the staff lead. Dan calls the MSP at once.
const TREE: CallTree = {
  id: 'tree-1',
  workspace_id: 'ws-1',
  name: 'Ransomware: first hour',
  version: 3,
  nodes: [
    node('staff', { parent_id: 'ceo', order: 2, contact_id: 'staff-lead', callers: ['carol'] }),
    node('msp', { order: 2, contact_id: 'msp-hotline', callers: ['dan'], wait_minutes: 30 }),
    node('ceo', { order: 1, contact_id: 'ceo', callers: ['alice', 'bob'], backup_contact_ids: ['coo'] }),
    node('insurer', { parent_id: 'ceo', order: 1, contact_id: 'insurer', callers: ['carol', 'alice'], backup_contact_ids: ['broker'] }),
  ],
};

const RUN: CallRun = { id: 'run-1', tree_id: 'tree-1', tree_version: 3, incident_id: 'INC-7', started_at: START.toISOString(), started_by: 'erin' };

let sequence = 0;
function checkoff(node_id: string, caller: string, contact_id: string, outcome: CheckoffOutcome, minutes: number, id = `c-${++sequence}`): Checkoff {
  return { id, run_id: 'run-1', node_id, caller, contact_id, method: 'm-mobile', outcome, note: '', at: at(minutes) };
}

function stateAt(minutes: number, checkoffs: Checkoff[] = [], tree: CallTree = TREE) {
  return runState(tree, RUN, checkoffs, when(minutes));
}

function nodeAt(id: string, minutes: number, checkoffs: Checkoff[] = [], tree: CallTree = TREE) {
  const found = stateAt(minutes, checkoffs, tree).nodes.find((item) => item.node.id === id);
  if (found === undefined) throw new Error(`no node ${id}`);
  return found;
}

const attemptOf = (item: ReturnType<typeof nodeAt>) => [item.attempt?.caller, item.attempt?.contactId, item.attempt?.due];

describe('starting a run', () => {
  it('calls the top of the tree at once and keeps the rest waiting for their parent', () => {
    const state = stateAt(0);

    expect(state.nodes.map((item) => [item.node.id, item.state])).toEqual([
      ['ceo', 'pending'],
      ['insurer', 'waiting'],
      ['staff', 'waiting'],
      ['msp', 'pending'],
    ]);
    expect(attemptOf(state.nodes[0]!)).toEqual(['alice', 'ceo', at(10)]);
    expect(attemptOf(state.nodes[3]!)).toEqual(['dan', 'msp-hotline', at(30)]);
    expect(state.nodes[1]?.attempt).toBeNull();
    expect(state.nodes[1]?.releasedAt).toBeNull();
    expect(state.progress).toMatchObject({ reached: 0, pending: 2, failed: 0, waiting: 2 });
    expect(state.progress.unreached.map((item) => item.contactId)).toEqual(['ceo', 'insurer', 'staff-lead', 'msp-hotline']);
  });

  it('waits ten minutes when a node has no usable wait', () => {
    const tree = { ...TREE, nodes: [node('ceo', { wait_minutes: 0 })] };
    expect(nodeAt('ceo', 0, [], tree).attempt?.due).toBe(at(10));
  });
});

describe('a call checked off as reached', () => {
  it('marks the node reached and starts the calls that waited for it', () => {
    const reached = checkoff('ceo', 'alice', 'ceo', 'reached', 3);
    const state = stateAt(4, [reached]);

    expect(state.nodes[0]).toMatchObject({ state: 'reached', reachedBy: reached });
    expect(state.nodes[0]?.attempt?.ended).toEqual({ at: at(3), because: 'reached', by: 'alice' });
    expect(state.nodes[1]).toMatchObject({ state: 'pending', releasedAt: at(3) });
    expect(attemptOf(state.nodes[1]!)).toEqual(['carol', 'insurer', at(13)]);
    expect(attemptOf(state.nodes[2]!)).toEqual(['carol', 'staff-lead', at(13)]);
    expect(state.progress).toMatchObject({ reached: 1, pending: 3, waiting: 0 });
    expect(state.progress.unreached.map((item) => item.nodeId)).toEqual(['insurer', 'staff', 'msp']);
  });

  it('counts the backup contact reached as the node reached', () => {
    const checkoffs = [checkoff('ceo', 'alice', 'ceo', 'no_answer', 1), checkoff('ceo', 'alice', 'coo', 'reached', 2)];
    expect(nodeAt('ceo', 3, checkoffs)).toMatchObject({ state: 'reached', reachedBy: { contact_id: 'coo' } });
  });

  it('counts a teammate who reached the contact before the primary caller checked anything off', () => {
    expect(nodeAt('ceo', 2, [checkoff('ceo', 'bob', 'ceo', 'reached', 1)])).toMatchObject({ state: 'reached', reachedBy: { caller: 'bob' } });
  });

  it('keeps later checkoffs on a reached node without changing it', () => {
    const reached = checkoff('ceo', 'alice', 'ceo', 'reached', 2);
    const later = [checkoff('ceo', 'bob', 'ceo', 'no_answer', 3), checkoff('ceo', 'bob', 'ceo', 'reached', 4)];
    const item = nodeAt('ceo', 30, [reached, ...later]);

    expect(item.state).toBe('reached');
    expect(item.reachedBy).toBe(reached);
    expect(item.checkoffs).toEqual([reached, ...later]);
    expect(item.attempts).toHaveLength(1);
  });

  it('reaches a waiting node called ahead of its parent, and starts its children from then', () => {
    const tree = { ...TREE, nodes: [...TREE.nodes, node('legal', { parent_id: 'insurer', contact_id: 'lawyer', callers: ['frank'] })] };
    const state = runState(tree, RUN, [checkoff('insurer', 'carol', 'insurer', 'reached', 2)], when(3));
    const byId = new Map(state.nodes.map((item) => [item.node.id, item]));

    expect(byId.get('ceo')?.state).toBe('pending');
    expect(byId.get('insurer')).toMatchObject({ state: 'reached', attempts: [] });
    expect(byId.get('legal')).toMatchObject({ state: 'pending', releasedAt: at(2) });
  });

  it('ignores other outcomes on a node still waiting for its parent', () => {
    const item = nodeAt('insurer', 5, [checkoff('insurer', 'carol', 'insurer', 'no_answer', 1)]);
    expect(item.state).toBe('waiting');
    expect(item.checkoffs).toHaveLength(1);
  });
});

describe('a call not answered', () => {
  it('moves the same caller on to the backup contact, with a fresh wait', () => {
    const item = nodeAt('ceo', 4, [checkoff('ceo', 'alice', 'ceo', 'no_answer', 3)]);

    expect(item.state).toBe('pending');
    expect(attemptOf(item)).toEqual(['alice', 'coo', at(13)]);
    expect(item.attempts[0]?.ended).toEqual({ at: at(3), because: 'no_answer', by: 'alice' });
    expect(item.attempt?.since).toBe(at(3));
  });

  it('treats a wrong number the same way', () => {
    const item = nodeAt('ceo', 4, [checkoff('ceo', 'alice', 'ceo', 'wrong_number', 3)]);
    expect(attemptOf(item)).toEqual(['alice', 'coo', at(13)]);
    expect(item.attempts[0]?.ended?.because).toBe('wrong_number');
  });

  it('fails the node once every backup contact went unanswered', () => {
    const checkoffs = [checkoff('ceo', 'alice', 'ceo', 'no_answer', 1), checkoff('ceo', 'alice', 'coo', 'wrong_number', 2)];
    const state = stateAt(3, checkoffs);

    expect(state.nodes[0]).toMatchObject({ state: 'failed', failedBecause: 'contacts_exhausted' });
    expect(state.nodes[0]?.attempts.map((attempt) => attempt.ended?.because)).toEqual(['no_answer', 'wrong_number']);
    expect(state.progress).toMatchObject({ failed: 1, pending: 3 });
  });

  it('does not let a stale checkoff about an earlier contact move the call again', () => {
    const checkoffs = [checkoff('ceo', 'alice', 'ceo', 'no_answer', 1), checkoff('ceo', 'bob', 'ceo', 'no_answer', 2)];
    const item = nodeAt('ceo', 3, checkoffs);

    expect(attemptOf(item)).toEqual(['alice', 'coo', at(11)]);
    expect(item.checkoffs).toHaveLength(2);
  });
});

describe('a voicemail', () => {
  const voicemail = () => checkoff('ceo', 'alice', 'ceo', 'voicemail', 4);

  it('keeps the call with the same caller and contact, waiting a full wait for the callback', () => {
    const item = nodeAt('ceo', 13, [voicemail()]);
    expect(item.state).toBe('pending');
    expect(attemptOf(item)).toEqual(['alice', 'ceo', at(14)]);
    expect(item.attempt?.waitingFor).toBe('callback');
    expect(item.attempt?.since).toBe(at(0));
  });

  it('is reached when the contact calls back', () => {
    expect(nodeAt('ceo', 20, [voicemail(), checkoff('ceo', 'alice', 'ceo', 'reached', 12)]).state).toBe('reached');
  });

  it('moves the same caller on to the backup contact when no callback came within the wait', () => {
    const item = nodeAt('ceo', 14, [voicemail()]);
    expect(attemptOf(item)).toEqual(['alice', 'coo', at(24)]);
    expect(item.attempt?.waitingFor).toBe('checkoff');
    expect(item.attempts[0]?.ended).toEqual({ at: at(14), because: 'no_callback', by: null });
  });

  it('fails the node when the last contact did not call back', () => {
    const tree = { ...TREE, nodes: [node('msp', { contact_id: 'msp-hotline', callers: ['dan'] })] };
    const item = nodeAt('msp', 11, [checkoff('msp', 'dan', 'msp-hotline', 'voicemail', 1)], tree);
    expect(item).toMatchObject({ state: 'failed', failedBecause: 'contacts_exhausted' });
  });
});

describe('a call nobody checked off in time', () => {
  it('stays with the primary caller until the last millisecond of the wait', () => {
    const item = runState(TREE, RUN, [], new Date(START.getTime() + 10 * MINUTE - 1)).nodes[0]!;
    expect(attemptOf(item)).toEqual(['alice', 'ceo', at(10)]);
  });

  it('moves to the backup caller, same contact, exactly when the wait is up', () => {
    const item = nodeAt('ceo', 10);
    expect(attemptOf(item)).toEqual(['bob', 'ceo', at(20)]);
    expect(item.attempts[0]?.ended).toEqual({ at: at(10), because: 'no_checkoff', by: null });
  });

  it('applies a checkoff made exactly at the due time to the backup caller’s attempt', () => {
    const item = nodeAt('ceo', 11, [checkoff('ceo', 'alice', 'ceo', 'no_answer', 10)]);
    expect(item.attempts.map((attempt) => [attempt.caller, attempt.contactId, attempt.ended?.because ?? null])).toEqual([
      ['alice', 'ceo', 'no_checkoff'],
      ['bob', 'ceo', 'no_answer'],
      ['bob', 'coo', null],
    ]);
  });

  it('fails the node when the last caller also let the wait pass', () => {
    const item = nodeAt('ceo', 20);
    expect(item).toMatchObject({ state: 'failed', failedBecause: 'callers_exhausted' });
    expect(item.attempt?.ended).toEqual({ at: at(20), because: 'no_checkoff', by: null });
  });

  it('replays timeouts that passed between checkoffs, as if the app had stayed open', () => {
    const item = nodeAt('ceo', 25, [checkoff('ceo', 'bob', 'ceo', 'no_answer', 15)]);
    expect(item.attempts.map((attempt) => [attempt.caller, attempt.contactId, attempt.since, attempt.ended?.because])).toEqual([
      ['alice', 'ceo', at(0), 'no_checkoff'],
      ['bob', 'ceo', at(10), 'no_answer'],
      ['bob', 'coo', at(15), 'no_checkoff'],
    ]);
    expect(item).toMatchObject({ state: 'failed', failedBecause: 'callers_exhausted' });
  });

  it('fails a node nobody is assigned to call as soon as it is released', () => {
    const tree = { ...TREE, nodes: [node('orphan', { callers: [] })] };
    expect(nodeAt('orphan', 0, [], tree)).toMatchObject({ state: 'failed', failedBecause: 'no_callers', attempts: [] });
  });
});

describe('after a node failed', () => {
  const exhausted = () => [checkoff('ceo', 'alice', 'ceo', 'no_answer', 1), checkoff('ceo', 'alice', 'coo', 'no_answer', 2)];

  it('starts the calls that waited for it, so one unreachable person does not stop the tree', () => {
    const item = nodeAt('insurer', 3, exhausted());
    expect(item).toMatchObject({ state: 'pending', releasedAt: at(2) });
    expect(item.attempt?.due).toBe(at(12));
  });

  it('counts a late success: the node is reached, its children keep their start time', () => {
    const state = stateAt(30, [...exhausted(), checkoff('ceo', 'bob', 'coo', 'reached', 25)]);
    expect(state.nodes[0]).toMatchObject({ state: 'reached', failedBecause: 'contacts_exhausted' });
    expect(state.nodes[1]?.releasedAt).toBe(at(2));
  });

  it('ignores other outcomes checked off later', () => {
    const item = nodeAt('ceo', 30, [...exhausted(), checkoff('ceo', 'bob', 'coo', 'voicemail', 25)]);
    expect(item.state).toBe('failed');
    expect(item.checkoffs).toHaveLength(3);
  });
});

describe("merging teammates' checkoffs", () => {
  it('lets the earliest reached win the node, the smaller id on a tie', () => {
    const later = checkoff('ceo', 'alice', 'ceo', 'reached', 5, 'a-later');
    const earlier = checkoff('ceo', 'bob', 'coo', 'reached', 4, 'z-earlier');
    expect(nodeAt('ceo', 6, [later, earlier]).reachedBy).toBe(earlier);

    const tieB = checkoff('ceo', 'bob', 'ceo', 'reached', 4, 'id-b');
    const tieA = checkoff('ceo', 'alice', 'ceo', 'reached', 4, 'id-a');
    expect(nodeAt('ceo', 6, [tieB, tieA]).reachedBy).toBe(tieA);
    expect(nodeAt('ceo', 6, [tieA, tieB]).reachedBy).toBe(tieA);
  });

  it('keeps both records when two people check off the same call', () => {
    const alice = checkoff('ceo', 'alice', 'ceo', 'no_answer', 3, 'x-alice');
    const bob = checkoff('ceo', 'bob', 'ceo', 'no_answer', 3, 'x-bob');
    const item = nodeAt('ceo', 4, [bob, alice]);

    expect(item.checkoffs).toEqual([alice, bob]);
    // Alice's comes first (same time, smaller id) and moves the call on; Bob's is about the
    // contact the call has left, so it changes nothing.
    expect(attemptOf(item)).toEqual(['alice', 'coo', at(13)]);
  });

  it('drops duplicates of a checkoff received from several phones', () => {
    const one = checkoff('ceo', 'alice', 'ceo', 'voicemail', 2);
    expect(mergeCheckoffs([one], [one, { ...one }])).toEqual([one]);
  });

  it('gives the same state whatever order the checkoffs arrive in, duplicates included', () => {
    const all = [
      checkoff('ceo', 'alice', 'ceo', 'voicemail', 1),
      checkoff('ceo', 'bob', 'ceo', 'no_answer', 12),
      checkoff('ceo', 'bob', 'coo', 'reached', 14),
      checkoff('ceo', 'alice', 'coo', 'reached', 14),
      checkoff('insurer', 'carol', 'insurer', 'wrong_number', 15),
      checkoff('insurer', 'alice', 'broker', 'no_answer', 27),
      checkoff('staff', 'carol', 'staff-lead', 'reached', 15),
      checkoff('msp', 'dan', 'msp-hotline', 'no_answer', 2),
    ];
    const expected = stateAt(40, all);
    expect(expected.progress).toMatchObject({ reached: 2, failed: 2 });

    fc.assert(
      fc.property(fc.shuffledSubarray(all, { minLength: all.length }), fc.subarray(all), (shuffled, repeated) => {
        const phoneA = shuffled.slice(0, 3);
        const phoneB = [...repeated, ...shuffled.slice(3)];
        expect(runState(TREE, RUN, [...phoneB, ...phoneA], when(40))).toEqual(expected);
      }),
    );
  });

  it('ignores checkoffs of another run, of an unknown node, with an unreadable time or an unknown outcome', () => {
    const strays = [
      { ...checkoff('ceo', 'alice', 'ceo', 'reached', 1), run_id: 'run-2' },
      checkoff('gone', 'alice', 'ceo', 'reached', 1),
      { ...checkoff('ceo', 'alice', 'ceo', 'reached', 1), at: 'yesterday' },
      { ...checkoff('ceo', 'alice', 'ceo', 'no_answer', 1), outcome: 'call_dropped' as CheckoffOutcome },
      checkoff('ceo', 'alice', 'somebody-else', 'reached', 1),
    ];
    const item = nodeAt('ceo', 2, strays);

    expect(item.state).toBe('pending');
    expect(attemptOf(item)).toEqual(['alice', 'ceo', at(10)]);
    expect(item.checkoffs).toHaveLength(3);
  });
});

describe('an inconsistent tree', () => {
  it('calls a node whose parent was deleted with the top of the tree', () => {
    const tree = { ...TREE, nodes: [node('lost', { parent_id: 'deleted' })] };
    expect(nodeAt('lost', 0, [], tree).state).toBe('pending');
  });

  it('keeps nodes caught in a cycle waiting, listed last', () => {
    const tree = { ...TREE, nodes: [node('a', { parent_id: 'b' }), node('b', { parent_id: 'a' }), node('top', { order: 5 })] };
    const state = runState(tree, RUN, [], when(0));
    expect(state.nodes.map((item) => [item.node.id, item.state])).toEqual([
      ['top', 'pending'],
      ['a', 'waiting'],
      ['b', 'waiting'],
    ]);
  });

  it('uses the first of two nodes with the same id', () => {
    const tree = { ...TREE, nodes: [node('x', { contact_id: 'first' }), node('x', { contact_id: 'second' })] };
    expect(callTreeOrder(tree).map((item) => item.contact_id)).toEqual(['first']);
  });
});

describe('my calls', () => {
  it('lists the calls assigned to me now, the soonest due first', () => {
    const checkoffs = [checkoff('ceo', 'alice', 'ceo', 'reached', 1), checkoff('insurer', 'carol', 'insurer', 'voicemail', 6)];
    const mine = myCalls(stateAt(7, checkoffs), 'carol');

    expect(mine.map((call) => [call.node.id, call.attempt.contactId, call.attempt.due, call.attempt.waitingFor])).toEqual([
      ['staff', 'staff-lead', at(11), 'checkoff'],
      ['insurer', 'insurer', at(16), 'callback'],
    ]);
    expect(myCalls(stateAt(7, checkoffs), 'alice')).toEqual([]);
  });

  it('hands the call to the backup caller when the primary let the wait pass', () => {
    expect(myCalls(stateAt(10), 'alice')).toEqual([]);
    expect(myCalls(stateAt(10), 'bob').map((call) => call.node.id)).toEqual(['ceo']);
  });
});

describe('escalation alerts', () => {
  it('alerts nobody while every call is with its first caller and contact', () => {
    expect(dueEscalations(stateAt(4), new Set())).toEqual([]);
  });

  it('alerts the backup caller once when the wait runs out', () => {
    const alerts = dueEscalations(stateAt(10), new Set());
    expect(alerts).toEqual([{ key: 'run-1:ceo:1', kind: 'backup', nodeId: 'ceo', contactId: 'ceo', to: 'bob' }]);
    expect(dueEscalations(stateAt(12), new Set(alerts.map((alert) => alert.key)))).toEqual([]);
  });

  it('does not alert a caller whose own "no answer" moved them on to the backup contact', () => {
    expect(dueEscalations(stateAt(4, [checkoff('ceo', 'alice', 'ceo', 'no_answer', 3)]), new Set())).toEqual([]);
  });

  it('alerts the caller when a teammate’s checkoff or a missed callback moved their call', () => {
    const byTeammate = dueEscalations(stateAt(4, [checkoff('ceo', 'bob', 'ceo', 'no_answer', 3)]), new Set());
    expect(byTeammate).toEqual([{ key: 'run-1:ceo:1', kind: 'backup', nodeId: 'ceo', contactId: 'coo', to: 'alice' }]);

    const missedCallback = dueEscalations(stateAt(12, [checkoff('ceo', 'alice', 'ceo', 'voicemail', 1)]), new Set());
    expect(missedCallback).toEqual([{ key: 'run-1:ceo:1', kind: 'backup', nodeId: 'ceo', contactId: 'coo', to: 'alice' }]);
  });

  it('alerts only the current backup after several escalations while the app was closed', () => {
    const checkoffs = [checkoff('ceo', 'alice', 'ceo', 'voicemail', 1), checkoff('ceo', 'alice', 'ceo', 'no_answer', 2)];
    const state = stateAt(13, checkoffs);
    expect(state.nodes[0]?.attempts).toHaveLength(3);
    expect(dueEscalations(state, new Set()).map((alert) => [alert.key, alert.to, alert.contactId])).toEqual([['run-1:ceo:2', 'bob', 'coo']]);
  });

  it('tells whoever started the run when a node failed', () => {
    const tree = { ...TREE, nodes: TREE.nodes.filter((item) => item.id === 'msp') };
    const alerts = dueEscalations(runState(tree, RUN, [], when(30)), new Set());
    expect(alerts).toEqual([{ key: escalationKey('run-1', 'msp', 'failed'), kind: 'failed', nodeId: 'msp', contactId: 'msp-hotline', to: 'erin' }]);
  });
});

describe('callable methods', () => {
  const method = (id: string, channel: ContactMethod['channel'], value: string): ContactMethod => ({ id, channel, value, label: id, available_24x7: true });
  const methods = [
    method('mobile', 'phone', '+49 170 123 4567'),
    method('text', 'sms', '+49 170 123 4567'),
    method('mail', 'personal_email', 'ceo@example.org'),
    method('bridge', 'bridge', '+49 30 1234#'),
    method('broken', 'phone', 'call reception'),
  ];

  it('offers one-tap call and text links, not email or a bridge, and not a number that cannot be dialled', () => {
    expect(callableMethods(methods, {})).toEqual([
      { method: methods[0], href: 'tel:+491701234567', action: 'Call', warning: null },
      { method: methods[1], href: 'sms:+491701234567', action: 'Text', warning: null },
    ]);
  });

  it('hides methods on a compromised channel and warns on a suspect one', () => {
    const links = callableMethods(methods, { phone: 'compromised', sms: 'suspect' });
    expect(links.map((link) => link.method.id)).toEqual(['text']);
    expect(links[0]?.warning).toMatch(/^SMS is marked suspect/);
  });
});

describe('alert repeats', () => {
  const sent = { sent_at: at(0) };

  it('repeats every 5 minutes, three times, then escalates 5 minutes after the last repeat', () => {
    expect(alertSchedule(sent, [], when(0))).toMatchObject({ state: 'repeating', repeatsSent: 0, nextRepeatAt: at(5), escalateAt: at(20) });
    expect(alertSchedule(sent, [], new Date(when(5).getTime() - 1))).toMatchObject({ repeatsSent: 0, nextRepeatAt: at(5) });
    expect(alertSchedule(sent, [], when(5))).toMatchObject({ repeatsSent: 1, nextRepeatAt: at(10) });
    expect(alertSchedule(sent, [], when(15))).toMatchObject({ state: 'repeating', repeatsSent: 3, nextRepeatAt: null });
    expect(alertSchedule(sent, [], new Date(when(20).getTime() - 1))).toMatchObject({ state: 'repeating', escalated: false });
    expect(alertSchedule(sent, [], when(20))).toMatchObject({ state: 'escalated', repeatsSent: 3, nextRepeatAt: null, escalated: true });
  });

  it('stops at the first acknowledgement from any device', () => {
    expect(alertSchedule(sent, [at(9), at(7)], when(30))).toEqual({
      state: 'acknowledged',
      repeatsSent: 1,
      nextRepeatAt: null,
      escalateAt: at(20),
      escalated: false,
      acknowledgedAt: at(7),
    });
  });

  it('does not send a repeat or escalate at the very moment of an acknowledgement', () => {
    expect(alertSchedule(sent, [at(5)], when(30))).toMatchObject({ repeatsSent: 0, escalated: false });
    expect(alertSchedule(sent, [at(20)], when(30))).toMatchObject({ repeatsSent: 3, escalated: false });
    expect(alertSchedule(sent, [at(21)], when(30))).toMatchObject({ state: 'acknowledged', escalated: true });
  });

  it('follows the workspace settings, and falls back to the defaults for unusable ones', () => {
    expect(alertSchedule({ ...sent, repeat_minutes: 2, max_repeats: 0 }, [], when(1))).toMatchObject({ nextRepeatAt: null, escalateAt: at(2) });
    expect(alertSchedule({ ...sent, repeat_minutes: 2, max_repeats: 0 }, [], when(2)).state).toBe('escalated');
    expect(alertSchedule({ ...sent, repeat_minutes: 0, max_repeats: -1 }, ['not a time'], when(0))).toMatchObject({
      state: 'repeating',
      nextRepeatAt: at(5),
      escalateAt: at(20),
    });
  });
});

describe('validating a call tree', () => {
  const reasons = (tree: CallTree) => validateCallTree(tree).map((problem) => [problem.nodeId, problem.reason]);
  const only = (...nodes: CallTreeNode[]): CallTree => ({ ...TREE, nodes });

  it('accepts a well-formed tree', () => {
    expect(validateCallTree(TREE)).toEqual([]);
  });

  it('refuses a tree that calls nobody', () => {
    expect(reasons(only())).toEqual([[null, 'no_nodes']]);
  });

  it('refuses duplicate ids, unknown parents and cycles', () => {
    expect(reasons(only(node('a'), node('a')))).toEqual([['a', 'duplicate_node']]);
    expect(reasons(only(node('a', { parent_id: 'deleted' })))).toEqual([['a', 'unknown_parent']]);
    expect(reasons(only(node('a', { parent_id: 'a' })))).toEqual([['a', 'cycle']]);
    expect(reasons(only(node('top'), node('a', { parent_id: 'c' }), node('b', { parent_id: 'a' }), node('c', { parent_id: 'b' }), node('d', { parent_id: 'c' })))).toEqual([
      ['a', 'cycle'],
      ['b', 'cycle'],
      ['c', 'cycle'],
    ]);
  });

  it('refuses a node without a contact, without callers or repeating a contact', () => {
    expect(reasons(only(node('a', { contact_id: ' ' })))).toEqual([['a', 'no_contact']]);
    expect(reasons(only(node('a', { callers: [] })))).toEqual([['a', 'no_callers']]);
    expect(reasons(only(node('a', { contact_id: 'ceo', backup_contact_ids: ['coo', 'ceo'] })))).toEqual([['a', 'repeated_contact']]);
  });

  it('accepts a wait of 1 to 120 whole minutes', () => {
    expect(reasons(only(node('a', { wait_minutes: 1 }), node('b', { wait_minutes: 120 })))).toEqual([]);
    for (const wait of [0, 121, 2.5, Number.NaN]) expect(reasons(only(node('a', { wait_minutes: wait })))).toEqual([['a', 'wait_out_of_range']]);
  });

  it('says what to do about each problem', () => {
    expect(validateCallTree(only(node('a', { callers: [] })))[0]?.message).toBe('Nobody makes this call: add the member who calls, and a backup.');
  });
});
