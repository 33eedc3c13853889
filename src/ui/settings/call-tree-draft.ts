import { callTreeOrder, DEFAULT_WAIT_MINUTES, validateCallTree, type CallTree, type CallTreeNode } from '../../domain/call-tree';

/**
 * A call tree as the Settings editor holds it while it is being typed: calls in the order
 * the owner arranged them (the list order becomes each call's `order`), callers and backup
 * contacts as typed (blank rows allowed until saving), the wait as typed text.
 */
export interface CallNodeDraft {
  id: string;
  /** The call this one follows; null: called as soon as the run starts. */
  parentId: string | null;
  contactId: string;
  /** The first is the primary caller; the others take over in order. */
  callers: string[];
  backupContactIds: string[];
  waitMinutes: string;
}

export interface CallTreeDraft {
  id: string;
  /** The stored version this edit started from; 0 for a tree not saved yet. */
  baseVersion: number;
  name: string;
  nodes: CallNodeDraft[];
}

export function newCallNode(parentId: string | null, id: string = crypto.randomUUID()): CallNodeDraft {
  return { id, parentId, contactId: '', callers: [''], backupContactIds: [], waitMinutes: String(DEFAULT_WAIT_MINUTES) };
}

export function newCallTreeDraft(id: string = crypto.randomUUID()): CallTreeDraft {
  return { id, baseVersion: 0, name: '', nodes: [newCallNode(null)] };
}

/** A stored tree as the editor shows it: calls depth first, as a run calls them. */
export function draftOfTree(tree: CallTree): CallTreeDraft {
  return {
    id: tree.id,
    baseVersion: tree.version,
    name: tree.name,
    nodes: callTreeOrder(tree).map((node) => ({
      id: node.id,
      parentId: node.parent_id,
      contactId: node.contact_id,
      callers: node.callers.length > 0 ? [...node.callers] : [''],
      backupContactIds: [...node.backup_contact_ids],
      waitMinutes: String(node.wait_minutes),
    })),
  };
}

/** A wait typed as text: whole minutes, or NaN, which validateCallTree refuses with its own message. */
function minutesOf(typed: string): number {
  const text = typed.trim();
  return /^\d+$/.test(text) ? Number(text) : Number.NaN;
}

/** The tree the draft saves as: the next version, blank callers and backup rows dropped, names trimmed. */
export function treeOfDraft(draft: CallTreeDraft, workspaceId: string): CallTree {
  return {
    id: draft.id,
    workspace_id: workspaceId,
    name: draft.name.trim(),
    version: draft.baseVersion + 1,
    nodes: draft.nodes.map(
      (node, index): CallTreeNode => ({
        id: node.id,
        parent_id: node.parentId,
        order: index + 1,
        contact_id: node.contactId,
        callers: node.callers.map((caller) => caller.trim()).filter((caller) => caller !== ''),
        backup_contact_ids: node.backupContactIds.filter((contactId) => contactId !== ''),
        wait_minutes: minutesOf(node.waitMinutes),
      }),
    ),
  };
}

export interface DraftProblems {
  /** What is wrong with the tree's name, if anything. */
  name: string | undefined;
  /** Problems of the whole tree (no calls at all). */
  tree: string[];
  /** Each call's problems, in words, by node id. */
  byNode: Map<string, string[]>;
}

/** Everything that blocks saving, where the editor shows it: next to the call concerned. */
export function draftProblems(draft: CallTreeDraft, workspaceId: string): DraftProblems {
  const problems: DraftProblems = { name: undefined, tree: [], byNode: new Map() };
  if (draft.name.trim() === '') problems.name = 'Name this call tree, for example “Ransomware: first hour”.';
  for (const problem of validateCallTree(treeOfDraft(draft, workspaceId))) {
    if (problem.nodeId === null) problems.tree.push(problem.message);
    else problems.byNode.set(problem.nodeId, [...(problems.byNode.get(problem.nodeId) ?? []), problem.message]);
  }
  return problems;
}

export function hasProblems(problems: DraftProblems): boolean {
  return problems.name !== undefined || problems.tree.length > 0 || problems.byNode.size > 0;
}

/** Moves a call one place up (-1) or down (+1) in the list; at either end nothing changes. */
export function moveCall(draft: CallTreeDraft, nodeId: string, delta: -1 | 1): CallTreeDraft {
  const from = draft.nodes.findIndex((node) => node.id === nodeId);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= draft.nodes.length) return draft;
  const nodes = [...draft.nodes];
  [nodes[from], nodes[to]] = [nodes[to]!, nodes[from]!];
  return { ...draft, nodes };
}

/** Adds a call at the end, following the last call in the list (the first call starts the run). */
export function addCall(draft: CallTreeDraft, id?: string): CallTreeDraft {
  return { ...draft, nodes: [...draft.nodes, newCallNode(draft.nodes.at(-1)?.id ?? null, id)] };
}

/** Removes a call; the calls that followed it now follow the call it followed, so none is left hanging. */
export function removeCall(draft: CallTreeDraft, nodeId: string): CallTreeDraft {
  const removed = draft.nodes.find((node) => node.id === nodeId);
  if (!removed) return draft;
  return {
    ...draft,
    nodes: draft.nodes.filter((node) => node.id !== nodeId).map((node) => (node.parentId === nodeId ? { ...node, parentId: removed.parentId } : node)),
  };
}

export function updateCall(draft: CallTreeDraft, nodeId: string, change: (node: CallNodeDraft) => CallNodeDraft): CallTreeDraft {
  return { ...draft, nodes: draft.nodes.map((node) => (node.id === nodeId ? change(node) : node)) };
}

/** True when the draft differs from where it started (a new tree: anything typed or chosen). */
export function draftChanged(draft: CallTreeDraft, start: CallTreeDraft): boolean {
  return JSON.stringify(draft) !== JSON.stringify(start);
}

/**
 * The member names to offer as callers: names already used on this phone (its user, the
 * incidents' owners and deputies, the log's authors, earlier callers), each once whatever its
 * case or spacing, sorted. Any other name may still be typed.
 */
export function memberNameSuggestions(names: Iterable<string | null | undefined>): string[] {
  const byKey = new Map<string, string>();
  for (const name of names) {
    const clean = (name ?? '').trim().replace(/\s+/g, ' ');
    const key = clean.toLocaleLowerCase();
    if (clean !== '' && !byKey.has(key)) byKey.set(key, clean);
  }
  return [...byKey.values()].sort((a, b) => a.localeCompare(b));
}
