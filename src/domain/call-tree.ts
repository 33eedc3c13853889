import { methodUsable, type ChannelStates } from './channels';
import { contactLink, type ContactMethod } from './contacts';
import { timeOf } from './next-update';

/**
 * Call trees: who phones whom when an incident starts, and how far the calling has got.
 *
 * A workspace keeps trees (CallTree). Running one for an incident creates a CallRun; every
 * member's checkoffs (Checkoff) are appended on their own phone, offline if need be, and
 * synced as a set. Nothing else is stored: which node is waiting, pending, reached or failed,
 * who must call whom next and when the call escalates are all derived by `runState` from the
 * tree, the run, the checkoffs and the current time. Two phones holding the same checkoffs
 * therefore show the same state, whatever order the checkoffs arrived in.
 */

export const DEFAULT_WAIT_MINUTES = 10;
export const MIN_WAIT_MINUTES = 1;
export const MAX_WAIT_MINUTES = 120;

export interface CallTreeNode {
  id: string;
  /**
   * The node called before this one. A node is called once its parent is reached, or once
   * its parent has failed: callers are named members, not the parent contact, so an
   * unreachable parent must not stop the rest of the tree. null: called when the run starts.
   */
  parent_id: string | null;
  /** Among siblings, smaller first; siblings are called at the same time, listed in this order. */
  order: number;
  /** Whom to call: any contact (employee, leadership, vendor, insurer). */
  contact_id: string;
  /** Members who make the call: the first is the primary, the rest take over in order. */
  callers: string[];
  /** Whom to call instead, in order, when the contact cannot be reached. */
  backup_contact_ids: string[];
  /** How long a caller has to check a call off, and a voicemail's callback window. */
  wait_minutes: number;
}

export interface CallTree {
  id: string;
  workspace_id: string;
  name: string;
  version: number;
  nodes: CallTreeNode[];
}

export interface CallRun {
  id: string;
  tree_id: string;
  /** The tree's version when the run started; the run is read against that tree. */
  tree_version: number;
  incident_id: string;
  started_at: string;
  started_by: string;
}

export const CHECKOFF_OUTCOMES = ['reached', 'no_answer', 'voicemail', 'wrong_number'] as const;

export type CheckoffOutcome = (typeof CHECKOFF_OUTCOMES)[number];

export const CHECKOFF_OUTCOME_LABELS: Record<CheckoffOutcome, string> = {
  reached: 'Reached',
  no_answer: 'No answer',
  voicemail: 'Left voicemail',
  wrong_number: 'Wrong number',
};

/** One call checked off: written once, on one phone, never changed; the same id is the same record. */
export interface Checkoff {
  id: string;
  run_id: string;
  node_id: string;
  /** The member who made the call. */
  caller: string;
  /** Whom was actually called: the node's contact or one of its backup contacts. */
  contact_id: string;
  /** The contact method used (its id), for the log. */
  method: string;
  outcome: CheckoffOutcome;
  note: string;
  /** The caller's device time. */
  at: string;
}

export type CallNodeState = 'waiting' | 'pending' | 'reached' | 'failed';

/**
 * Why an attempt ended. `no_checkoff`: the caller checked nothing off within the wait, so
 * the next caller takes over the same contact. `no_callback`: a voicemail's callback window
 * passed, so the same caller moves on to the next contact.
 */
export type AttemptEnd = 'reached' | 'no_answer' | 'wrong_number' | 'no_checkoff' | 'no_callback';

/** One (caller, contact) pair given its wait. */
export interface CallAttempt {
  caller: string;
  contactId: string;
  since: string;
  /** When it escalates if nothing moves it first. */
  due: string;
  /** 'callback' after a voicemail: the caller waits for the contact to ring back until `due`. */
  waitingFor: 'checkoff' | 'callback';
  /** by: whose checkoff ended it; null when time ran out. */
  ended: { at: string; because: AttemptEnd; by: string | null } | null;
}

export type FailedBecause = 'no_callers' | 'callers_exhausted' | 'contacts_exhausted';

export interface CallNodeRun {
  node: CallTreeNode;
  state: CallNodeState;
  /** The attempt in progress while pending, the last one otherwise, null when none was made. */
  attempt: CallAttempt | null;
  attempts: CallAttempt[];
  /** The checkoff that won the node: the first 'reached' by time, then by id. */
  reachedBy: Checkoff | null;
  /** Why it failed; kept when a late 'reached' revived it, for the record. */
  failedBecause: FailedBecause | null;
  /** When its parent was reached or failed (the run's start for a top node); null while waiting. */
  releasedAt: string | null;
  /** Every checkoff on this node, in merged order, including those that changed nothing. */
  checkoffs: Checkoff[];
}

export interface CallProgress {
  reached: number;
  pending: number;
  failed: number;
  waiting: number;
  /** Nodes not reached yet, in tree order. */
  unreached: { nodeId: string; contactId: string; state: Exclude<CallNodeState, 'reached'> }[];
}

export interface CallRunState {
  run: CallRun;
  /** In tree order: depth first, siblings by `order`, then id. */
  nodes: CallNodeRun[];
  progress: CallProgress;
}

const MINUTE_MS = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** A wait the editor should have refused (see validateCallTree) runs with the default. */
export function waitMinutesOf(node: Pick<CallTreeNode, 'wait_minutes'>): number {
  const wait = node.wait_minutes;
  return Number.isInteger(wait) && wait >= MIN_WAIT_MINUTES && wait <= MAX_WAIT_MINUTES ? wait : DEFAULT_WAIT_MINUTES;
}

function compareCheckoffs(a: Checkoff, b: Checkoff): number {
  const timeA = timeOf(a.at);
  const timeB = timeOf(b.at);
  // An unreadable time sorts last; it is kept for the record but changes no state.
  if (timeA !== timeB) return timeA === null ? 1 : timeB === null ? -1 : timeA - timeB;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  const whole = [JSON.stringify(a), JSON.stringify(b)];
  return whole[0] === whole[1] ? 0 : whole[0]! < whole[1]! ? -1 : 1;
}

/**
 * Checkoffs from every phone as one set: duplicates (same id) dropped, ordered by time, then
 * id. The order does not depend on which phone's batch came first.
 */
export function mergeCheckoffs(...batches: readonly (readonly Checkoff[])[]): Checkoff[] {
  const seen = new Set<string>();
  const merged: Checkoff[] = [];
  for (const checkoff of batches.flat().sort(compareCheckoffs)) {
    if (seen.has(checkoff.id)) continue;
    seen.add(checkoff.id);
    merged.push(checkoff);
  }
  return merged;
}

/** Each node's parent as used for calling: an unknown parent (or itself) makes it a top node. */
function parentsOf(nodes: readonly CallTreeNode[]): Map<string, string | null> {
  const ids = new Set(nodes.map((node) => node.id));
  return new Map(nodes.map((node) => [node.id, node.parent_id !== null && node.parent_id !== node.id && ids.has(node.parent_id) ? node.parent_id : null]));
}

function firstOfEachId(tree: CallTree): CallTreeNode[] {
  const byId = new Map<string, CallTreeNode>();
  for (const node of tree.nodes) if (!byId.has(node.id)) byId.set(node.id, node);
  return [...byId.values()];
}

const bySiblingOrder = (a: CallTreeNode, b: CallTreeNode) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The tree's nodes depth first, siblings by `order`, then id. Nodes caught in a cycle, which
 * no path from the top reaches, come last so they are still shown.
 */
export function callTreeOrder(tree: CallTree): CallTreeNode[] {
  const nodes = firstOfEachId(tree);
  const parents = parentsOf(nodes);
  const children = new Map<string | null, CallTreeNode[]>();
  for (const node of nodes) {
    const parent = parents.get(node.id) ?? null;
    children.set(parent, [...(children.get(parent) ?? []), node]);
  }
  const ordered: CallTreeNode[] = [];
  const visit = (parent: string | null) => {
    for (const child of [...(children.get(parent) ?? [])].sort(bySiblingOrder)) {
      ordered.push(child);
      visit(child.id);
    }
  };
  visit(null);
  const placed = new Set(ordered.map((node) => node.id));
  return [...ordered, ...nodes.filter((node) => !placed.has(node.id)).sort(bySiblingOrder)];
}

interface TimedCheckoff {
  checkoff: Checkoff;
  at: number;
}

interface AttemptDraft {
  caller: string;
  contactId: string;
  since: number;
  due: number;
  waitingFor: 'checkoff' | 'callback';
  ended: { at: number; because: AttemptEnd; by: string | null } | null;
}

interface NodeReplay {
  state: CallNodeState;
  attempts: AttemptDraft[];
  reachedBy: Checkoff | null;
  failedBecause: FailedBecause | null;
  /** When the node first stopped being pending (reached or failed): its children's start. */
  settledAt: number | null;
}

/**
 * The state machine of one node, replayed from its release over its checkoffs in order:
 *
 * - waiting → pending when released; → reached by a 'reached' checkoff at any time.
 * - pending, attempt (caller, contact) with a wait:
 *   - 'reached' (any caller, the node's contact or any backup contact) → reached.
 *   - 'no_answer' / 'wrong_number' on the attempt's contact → the same caller calls the
 *     next backup contact; none left → failed (contacts_exhausted).
 *   - 'voicemail' on the attempt's contact → the attempt waits for a callback for another
 *     wait; if the window passes → the same caller calls the next backup contact.
 *   - nothing checked off when the wait is up (at `due` exactly) → the next caller takes
 *     over the same contact; none left → failed (callers_exhausted).
 *   - a checkoff about another contact than the attempt's, other than 'reached', is kept
 *     for the record and changes nothing: it is stale or ahead of the plan.
 * - failed → reached by a later 'reached': a late success still counts. Other outcomes on a
 *   failed node change nothing.
 * - reached is final: later checkoffs are kept and change nothing.
 *
 * A checkoff other than 'reached' made before the node was released changes nothing.
 */
function replayNode(node: CallTreeNode, releasedAt: number | null, checkoffs: readonly TimedCheckoff[], now: number): NodeReplay {
  const contacts = [node.contact_id, ...node.backup_contact_ids];
  const isReached = (item: TimedCheckoff) => item.checkoff.outcome === 'reached' && contacts.includes(item.checkoff.contact_id);
  const firstReached = checkoffs.find(isReached);
  if (releasedAt === null || (firstReached !== undefined && firstReached.at < releasedAt)) {
    return firstReached === undefined
      ? { state: 'waiting', attempts: [], reachedBy: null, failedBecause: null, settledAt: null }
      : { state: 'reached', attempts: [], reachedBy: firstReached.checkoff, failedBecause: null, settledAt: firstReached.at };
  }

  const wait = waitMinutesOf(node) * MINUTE_MS;
  const replay: NodeReplay = { state: 'pending', attempts: [], reachedBy: null, failedBecause: null, settledAt: null };
  let callerIndex = 0;
  let contactIndex = 0;
  const current = () => replay.attempts.at(-1)!;
  const start = (at: number) =>
    replay.attempts.push({ caller: node.callers[callerIndex]!, contactId: contacts[contactIndex]!, since: at, due: at + wait, waitingFor: 'checkoff', ended: null });
  const fail = (at: number, because: FailedBecause) => {
    replay.state = 'failed';
    replay.failedBecause = because;
    replay.settledAt = at;
  };
  const moveOn = (at: number, because: AttemptEnd, by: string | null, to: 'caller' | 'contact') => {
    current().ended = { at, because, by };
    if (to === 'caller') callerIndex += 1;
    else contactIndex += 1;
    if (callerIndex >= node.callers.length) fail(at, 'callers_exhausted');
    else if (contactIndex >= contacts.length) fail(at, 'contacts_exhausted');
    else start(at);
  };
  // Waits that ran out before `limit` (inclusive: at `due` the attempt has escalated).
  const timeOutUntil = (limit: number) => {
    while (replay.state === 'pending' && current().due <= limit) {
      const attempt = current();
      if (attempt.waitingFor === 'callback') moveOn(attempt.due, 'no_callback', null, 'contact');
      else moveOn(attempt.due, 'no_checkoff', null, 'caller');
    }
  };

  if (node.callers.length === 0) fail(releasedAt, 'no_callers');
  else start(releasedAt);

  for (const item of checkoffs) {
    const { checkoff, at } = item;
    if (replay.state === 'reached') break;
    if (at < releasedAt || !contacts.includes(checkoff.contact_id)) continue;
    if (replay.state === 'pending') timeOutUntil(at);
    if (isReached(item)) {
      if (replay.state === 'pending') current().ended = { at, because: 'reached', by: checkoff.caller };
      replay.state = 'reached';
      replay.reachedBy = checkoff;
      replay.settledAt ??= at;
      continue;
    }
    if (replay.state !== 'pending' || checkoff.contact_id !== current().contactId) continue;
    switch (checkoff.outcome) {
      case 'no_answer':
      case 'wrong_number':
        moveOn(at, checkoff.outcome, checkoff.caller, 'contact');
        break;
      case 'voicemail':
        current().waitingFor = 'callback';
        current().due = at + wait;
        break;
      // An outcome from a newer app version: kept for the record, changes nothing here.
    }
  }
  if (replay.state === 'pending') timeOutUntil(now);
  return replay;
}

function attemptOut(draft: AttemptDraft): CallAttempt {
  return {
    caller: draft.caller,
    contactId: draft.contactId,
    since: iso(draft.since),
    due: iso(draft.due),
    waitingFor: draft.waitingFor,
    ended: draft.ended === null ? null : { at: iso(draft.ended.at), because: draft.ended.because, by: draft.ended.by },
  };
}

/**
 * Where a run stands at `now`. Checkoffs may come from several phones, in any order, with
 * duplicates; those of other runs, of unknown nodes or with unreadable times change nothing.
 * Times are the devices' own clocks: a teammate's clock running ahead can make an escalation
 * show a little early, never lose a checkoff.
 */
export function runState(tree: CallTree, run: CallRun, checkoffs: readonly Checkoff[], now: Date): CallRunState {
  const nowMs = now.getTime();
  const startedAt = timeOf(run.started_at) ?? nowMs;
  const ordered = callTreeOrder(tree);
  const parents = parentsOf(ordered);
  const ofNode = new Map<string, Checkoff[]>();
  for (const checkoff of mergeCheckoffs(checkoffs)) {
    if (checkoff.run_id === run.id) ofNode.set(checkoff.node_id, [...(ofNode.get(checkoff.node_id) ?? []), checkoff]);
  }

  const settled = new Map<string, number | null>();
  const nodes = ordered.map((node): CallNodeRun => {
    const parent = parents.get(node.id) ?? null;
    // A parent not replayed yet is in a cycle: the node waits (validateCallTree reports it).
    const parentSettled = parent === null ? startedAt : (settled.get(parent) ?? null);
    const releasedAt = parentSettled === null ? null : Math.max(parentSettled, startedAt);
    const own = ofNode.get(node.id) ?? [];
    const timed = own.flatMap((checkoff) => {
      const at = timeOf(checkoff.at);
      return at === null ? [] : [{ checkoff, at }];
    });
    const replay = replayNode(node, releasedAt, timed, nowMs);
    settled.set(node.id, replay.settledAt);
    const attempts = replay.attempts.map(attemptOut);
    return {
      node,
      state: replay.state,
      attempt: attempts.at(-1) ?? null,
      attempts,
      reachedBy: replay.reachedBy,
      failedBecause: replay.failedBecause,
      releasedAt: replay.state === 'waiting' || releasedAt === null ? null : iso(releasedAt),
      checkoffs: own,
    };
  });

  const count = (state: CallNodeState) => nodes.filter((node) => node.state === state).length;
  const unreached = nodes.flatMap((item) =>
    item.state === 'reached' ? [] : [{ nodeId: item.node.id, contactId: item.node.contact_id, state: item.state }],
  );
  return {
    run,
    nodes,
    progress: { reached: count('reached'), pending: count('pending'), failed: count('failed'), waiting: count('waiting'), unreached },
  };
}

export interface MyCall {
  node: CallTreeNode;
  attempt: CallAttempt;
}

/** The calls a member must make now: pending attempts assigned to them, the soonest due first. */
export function myCalls(state: CallRunState, me: string): MyCall[] {
  return state.nodes
    .flatMap((item) => (item.state === 'pending' && item.attempt !== null && item.attempt.caller === me ? [{ node: item.node, attempt: item.attempt }] : []))
    .sort((a, b) => Date.parse(a.attempt.due) - Date.parse(b.attempt.due));
}

export interface EscalationAlert {
  /** Stable across recomputations: keep it once alerted, as follow-up notifications do. */
  key: string;
  /** backup: a call moved to `to`; failed: every caller and contact is used up, `to` started the run. */
  kind: 'backup' | 'failed';
  nodeId: string;
  contactId: string;
  to: string;
}

export function escalationKey(runId: string, nodeId: string, step: number | 'failed'): string {
  return `${runId}:${nodeId}:${step}`;
}

/**
 * Whom to alert now, given the keys already alerted. Only the current attempt counts: after
 * two escalations while the app was closed, the superseded caller is not alerted. A caller
 * whose own checkoff moved the call on (no answer, so on to the backup contact) already
 * knows and is not alerted; one handed a call by a timeout is.
 */
export function dueEscalations(state: CallRunState, alreadyAlerted: ReadonlySet<string>): EscalationAlert[] {
  const alerts: EscalationAlert[] = [];
  for (const item of state.nodes) {
    const base = { nodeId: item.node.id, contactId: item.node.contact_id };
    if (item.state === 'failed') {
      const key = escalationKey(state.run.id, item.node.id, 'failed');
      if (!alreadyAlerted.has(key)) alerts.push({ key, kind: 'failed', ...base, to: state.run.started_by });
      continue;
    }
    const step = item.attempts.length - 1;
    const previous = item.attempts[step - 1];
    if (item.state !== 'pending' || item.attempt === null || previous === undefined) continue;
    if (previous.ended?.by === item.attempt.caller) continue;
    const key = escalationKey(state.run.id, item.node.id, step);
    if (!alreadyAlerted.has(key)) alerts.push({ key, kind: 'backup', ...base, contactId: item.attempt.contactId, to: item.attempt.caller });
  }
  return alerts;
}

export interface CallableMethod {
  method: ContactMethod;
  href: string;
  action: 'Call' | 'Text';
  /** Step 7's warning on a suspect channel; null when safe. */
  warning: string | null;
}

/**
 * The one-tap links for "my calls": phone and SMS methods only (a bridge or an email is not
 * a call to a person), those on compromised channels left out, those whose number cannot be
 * dialled left out, in the contact's order.
 */
export function callableMethods(methods: readonly ContactMethod[], states: ChannelStates): CallableMethod[] {
  return methods.flatMap((method) => {
    if (method.channel !== 'phone' && method.channel !== 'sms') return [];
    const usability = methodUsable(method.channel, states);
    const link = contactLink(method);
    if (!usability.usable || link.href === null || (link.action !== 'Call' && link.action !== 'Text')) return [];
    return [{ method, href: link.href, action: link.action, warning: usability.warning }];
  });
}

export const DEFAULT_REPEAT_MINUTES = 5;
export const DEFAULT_MAX_REPEATS = 3;

export interface AlertTiming {
  sent_at: string;
  repeat_minutes?: number;
  max_repeats?: number;
}

export interface AlertSchedule {
  state: 'acknowledged' | 'repeating' | 'escalated';
  /** Repeats already due (not counting the first send). */
  repeatsSent: number;
  /** null once acknowledged, escalated, or when every repeat is out. */
  nextRepeatAt: string | null;
  /** One repeat interval after the last repeat. */
  escalateAt: string;
  /** True when the backups were (or are to be) alerted: it passed escalateAt before any acknowledgement. */
  escalated: boolean;
  acknowledgedAt: string | null;
}

/**
 * "Unacknowledged alerts repeat (default every 5 min, at most N times) and then escalate to
 * the backup people." Repeats fall at sent + k × repeat (k = 1..max_repeats), escalation at
 * sent + (max_repeats + 1) × repeat. A time that is reached counts as done (a repeat at
 * exactly `now` is sent); an acknowledgement at time t stops everything at t or later. The
 * earliest acknowledgement from any device counts, even one timed before `now` on a clock
 * running ahead. Out-of-range settings run with the defaults.
 */
export function alertSchedule(alert: AlertTiming, acks: readonly string[], now: Date): AlertSchedule {
  const repeatMinutes = alert.repeat_minutes ?? DEFAULT_REPEAT_MINUTES;
  const maxRepeats = alert.max_repeats ?? DEFAULT_MAX_REPEATS;
  const repeat = (Number.isFinite(repeatMinutes) && repeatMinutes > 0 ? repeatMinutes : DEFAULT_REPEAT_MINUTES) * MINUTE_MS;
  const max = Number.isInteger(maxRepeats) && maxRepeats >= 0 ? maxRepeats : DEFAULT_MAX_REPEATS;
  const sent = timeOf(alert.sent_at) ?? now.getTime();
  const escalateAt = sent + (max + 1) * repeat;
  const ackTimes = acks.map(timeOf).filter((time): time is number => time !== null);
  const acknowledgedAt = ackTimes.length === 0 ? null : Math.min(...ackTimes);

  if (acknowledgedAt !== null) {
    const before = Math.ceil((acknowledgedAt - sent) / repeat) - 1;
    return {
      state: 'acknowledged',
      repeatsSent: Math.min(max, Math.max(0, before)),
      nextRepeatAt: null,
      escalateAt: iso(escalateAt),
      escalated: acknowledgedAt > escalateAt,
      acknowledgedAt: iso(acknowledgedAt),
    };
  }
  const repeatsSent = Math.min(max, Math.max(0, Math.floor((now.getTime() - sent) / repeat)));
  const escalated = now.getTime() >= escalateAt;
  return {
    state: escalated ? 'escalated' : 'repeating',
    repeatsSent,
    nextRepeatAt: escalated || repeatsSent >= max ? null : iso(sent + (repeatsSent + 1) * repeat),
    escalateAt: iso(escalateAt),
    escalated,
    acknowledgedAt: null,
  };
}

export type CallTreeProblemReason =
  | 'no_nodes'
  | 'duplicate_node'
  | 'unknown_parent'
  | 'cycle'
  | 'no_contact'
  | 'no_callers'
  | 'repeated_contact'
  | 'wait_out_of_range';

export interface CallTreeProblem {
  /** null for a problem of the whole tree. */
  nodeId: string | null;
  reason: CallTreeProblemReason;
  message: string;
}

/** What the tree editor refuses to save, each with what to do about it. */
export function validateCallTree(tree: CallTree): CallTreeProblem[] {
  const problems: CallTreeProblem[] = [];
  const add = (nodeId: string | null, reason: CallTreeProblemReason, message: string) => problems.push({ nodeId, reason, message });
  if (tree.nodes.length === 0) add(null, 'no_nodes', 'This call tree calls nobody: add at least one contact.');

  const seen = new Set<string>();
  for (const node of tree.nodes) {
    if (seen.has(node.id)) add(node.id, 'duplicate_node', 'Two calls share one id: remove one and add it again.');
    seen.add(node.id);
  }
  const nodes = firstOfEachId(tree);
  const parentIds = new Map(nodes.map((node) => [node.id, node.parent_id]));

  for (const node of nodes) {
    if (node.parent_id !== null && !parentIds.has(node.parent_id))
      add(node.id, 'unknown_parent', 'This call comes after a call that is no longer in the tree: choose which call it follows.');
    const chain = new Set<string>([node.id]);
    for (let parent = node.parent_id; parent !== null && parent !== undefined; parent = parentIds.get(parent) ?? null) {
      if (chain.has(parent)) {
        if (parent === node.id) add(node.id, 'cycle', 'This call waits, through its parents, on itself, so it would never be made: change which call it follows.');
        break;
      }
      chain.add(parent);
    }
    if (node.contact_id.trim() === '') add(node.id, 'no_contact', 'Choose whom this call is to.');
    if (node.callers.length === 0) add(node.id, 'no_callers', 'Nobody makes this call: add the member who calls, and a backup.');
    const contacts = [node.contact_id, ...node.backup_contact_ids];
    if (new Set(contacts).size !== contacts.length)
      add(node.id, 'repeated_contact', 'A contact appears twice in this call and its backups: remove the repeat.');
    if (!Number.isInteger(node.wait_minutes) || node.wait_minutes < MIN_WAIT_MINUTES || node.wait_minutes > MAX_WAIT_MINUTES)
      add(node.id, 'wait_out_of_range', `Wait between ${MIN_WAIT_MINUTES} and ${MAX_WAIT_MINUTES} whole minutes before moving to the backup.`);
  }
  return problems;
}
