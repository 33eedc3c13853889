/**
 * The workspace's call trees between this phone and the server (issue 5: "A workspace
 * defines call trees ... Editing is for owners; running is for responders"). An edit is
 * saved on the phone first (call-runs.ts `saveCallTree`) and offered to the server at the
 * next sync, naming the server version it started from; the server's trees come back to
 * every phone. Nothing typed is ever dropped:
 *
 * - the server took the edit: the phone's copy becomes the server's version;
 * - the server moved on meanwhile (another owner saved first): the server's tree replaces
 *   the phone's copy, and the phone's edit is kept beside it as "<name> (edited on this
 *   phone)", a new tree shared in turn, for an owner to merge by hand;
 * - the server refused it (a responder may run trees, not change them): a new tree stays on
 *   this phone only, marked with the reason; an edit of a shared tree is kept as "<name>
 *   (this phone only)" and the shared tree comes back as the team has it.
 */
import type { CallTree } from '../domain/call-tree';
import type { MusterDatabase } from './open-database';
import type { StoredCallTree } from './schema';
import { commitStrict } from './strict-transaction';

/** What `save_call_tree` answers. */
export type ShareAnswer = { status: 'applied'; tree: CallTree } | { status: 'conflict'; tree: CallTree } | { status: 'rejected'; reason: string };

/** A tree and the server version its edit started from, as `save_call_tree` takes them. */
export interface TreeToShare {
  tree: CallTree;
  baseVersion: number;
}

const treeOf = ({ id, workspace_id, name, version, nodes }: StoredCallTree): CallTree => ({ id, workspace_id, name, version, nodes });
const hasEdit = (tree: StoredCallTree) => (tree.synced_version ?? 0) !== tree.version;
const asShared = (tree: CallTree): StoredCallTree => ({ ...tree, synced_version: tree.version, refused: null });

/** The trees with an edit the server has not seen, and not refused. */
export async function treesToShare(db: MusterDatabase, workspaceId: string): Promise<TreeToShare[]> {
  const trees = await db.getAllFromIndex('call-trees', 'by-workspace', workspaceId);
  return trees.filter((tree) => hasEdit(tree) && !tree.refused).map((tree) => ({ tree: treeOf(tree), baseVersion: tree.synced_version ?? 0 }));
}

/**
 * Applies the server's answer for `sent`. Returns what the user should read, or null when
 * the edit was simply shared. An edit made on the phone while the answer was on its way is
 * kept, and offered next time from the server's version.
 */
export function settleSharedTree(db: MusterDatabase, sent: TreeToShare, answer: ShareAnswer): Promise<string | null> {
  return commitStrict(db, ['call-trees'], async (tx) => {
    const store = tx.objectStore('call-trees');
    const stored = await store.get(sent.tree.id);
    const editedSince = stored !== undefined && stored.version !== sent.tree.version;
    if (answer.status === 'applied') {
      if (editedSince) await store.put({ ...stored, synced_version: answer.tree.version });
      else await store.put(asShared(answer.tree));
      return null;
    }
    const local = stored ?? { ...sent.tree };
    if (answer.status === 'conflict') {
      const copy = `${local.name} (edited on this phone)`;
      await store.put({ ...treeOf(local), id: crypto.randomUUID(), name: copy, version: 1, synced_version: 0, refused: null });
      await store.put(asShared(answer.tree));
      return `Call tree “${answer.tree.name}” was changed on another phone first. That version is the team’s now; your edit is kept as “${copy}”.`;
    }
    if (sent.baseVersion === 0) {
      await store.put({ ...local, refused: answer.reason });
      return `Call tree “${local.name}” stays on this phone only: ${answer.reason}.`;
    }
    const copy = `${local.name} (this phone only)`;
    await store.put({ ...treeOf(local), id: crypto.randomUUID(), name: copy, version: 1, synced_version: 0, refused: answer.reason });
    // The shared tree comes back as the team has it with the list that follows.
    await store.delete(sent.tree.id);
    return `Your edit of call tree “${local.name}” was not shared (${answer.reason}); it is kept as “${copy}”.`;
  });
}

/**
 * Stores the server's trees: new ones are added; a tree with no edit waiting on this phone
 * takes the server's version. Returns how many changed.
 */
export function mergeServerTrees(db: MusterDatabase, workspaceId: string, trees: readonly CallTree[]): Promise<number> {
  return commitStrict(db, ['call-trees'], async (tx) => {
    const store = tx.objectStore('call-trees');
    let changed = 0;
    for (const tree of trees) {
      if (tree.workspace_id !== workspaceId) continue;
      const stored = await store.get(tree.id);
      if (stored && (hasEdit(stored) || stored.synced_version === tree.version)) continue;
      await store.put(asShared(tree));
      changed += 1;
    }
    return changed;
  });
}
