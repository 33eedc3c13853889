import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallTree } from '../../src/domain/call-tree';
import { listCallTrees, saveCallTree } from '../../src/store/call-runs';
import { mergeServerTrees, settleSharedTree, treesToShare } from '../../src/store/call-tree-sharing';
import type { MusterDatabase } from '../../src/store/open-database';
import { openTestDatabase } from './test-database';

const WORKSPACE = '7d1e3c4a-0000-4000-8000-000000000001';
const TREE: CallTree = {
  id: '5a1c0000-0000-4000-8000-000000000001',
  workspace_id: WORKSPACE,
  name: 'Leadership first',
  version: 1,
  nodes: [{ id: 'ceo', parent_id: null, order: 1, contact_id: 'c-ceo', callers: ['Maria Lopez'], backup_contact_ids: [], wait_minutes: 10 }],
};
const renamed = (tree: CallTree, name: string, version: number): CallTree => ({ ...tree, name, version });

let db: MusterDatabase;
beforeEach(async () => {
  db = await openTestDatabase();
});
afterEach(() => db.close());

describe('sharing a call tree edited on this phone', () => {
  it('offers a new tree from version 0, and nothing once the server took it', async () => {
    await saveCallTree(db, TREE);
    const [sent] = await treesToShare(db, WORKSPACE);
    expect(sent).toEqual({ tree: TREE, baseVersion: 0 });

    expect(await settleSharedTree(db, sent!, { status: 'applied', tree: TREE })).toBeNull();
    expect(await treesToShare(db, WORKSPACE)).toEqual([]);
    expect(await listCallTrees(db, WORKSPACE)).toEqual([{ ...TREE, synced_version: 1, refused: null }]);
  });

  it('offers the next edit from the server’s version, and takes the server’s numbering', async () => {
    await mergeServerTrees(db, WORKSPACE, [renamed(TREE, 'Leadership first', 4)]);
    await saveCallTree(db, renamed(TREE, 'Leadership, then the MSP', 5));
    await saveCallTree(db, renamed(TREE, 'Leadership, then the MSP and legal', 6));

    const [sent] = await treesToShare(db, WORKSPACE);
    expect(sent?.baseVersion).toBe(4);
    await settleSharedTree(db, sent!, { status: 'applied', tree: renamed(TREE, 'Leadership, then the MSP and legal', 5) });
    expect(await listCallTrees(db, WORKSPACE)).toEqual([{ ...renamed(TREE, 'Leadership, then the MSP and legal', 5), synced_version: 5, refused: null }]);
  });

  it('keeps an edit made while the answer was on its way, to be offered from the new server version', async () => {
    await saveCallTree(db, TREE);
    const [sent] = await treesToShare(db, WORKSPACE);
    await saveCallTree(db, renamed(TREE, 'Edited meanwhile', 2));

    await settleSharedTree(db, sent!, { status: 'applied', tree: TREE });

    expect(await treesToShare(db, WORKSPACE)).toEqual([{ tree: renamed(TREE, 'Edited meanwhile', 2), baseVersion: 1 }]);
  });

  it('on a conflict takes the team’s version and keeps this phone’s edit beside it, shared in turn', async () => {
    await mergeServerTrees(db, WORKSPACE, [TREE]);
    await saveCallTree(db, renamed(TREE, 'Mine', 2));
    const [sent] = await treesToShare(db, WORKSPACE);

    const message = await settleSharedTree(db, sent!, { status: 'conflict', tree: renamed(TREE, 'Theirs', 2) });

    expect(message).toBe('Call tree “Theirs” was changed on another phone first. That version is the team’s now; your edit is kept as “Mine (edited on this phone)”.');
    const trees = await listCallTrees(db, WORKSPACE);
    expect(trees.map((tree) => [tree.name, tree.version, tree.synced_version])).toEqual([
      ['Mine (edited on this phone)', 1, 0],
      ['Theirs', 2, 2],
    ]);
    expect(trees[0]?.nodes).toEqual(TREE.nodes);
    expect((await treesToShare(db, WORKSPACE)).map((each) => [each.tree.name, each.baseVersion])).toEqual([['Mine (edited on this phone)', 0]]);
  });

  it('keeps a refused new tree on this phone only, and does not offer it again until it is edited', async () => {
    await saveCallTree(db, TREE);
    const [sent] = await treesToShare(db, WORKSPACE);
    const reason = 'your role (responder) cannot change call trees; an owner or communication owner can';

    expect(await settleSharedTree(db, sent!, { status: 'rejected', reason })).toBe(`Call tree “Leadership first” stays on this phone only: ${reason}.`);
    expect(await treesToShare(db, WORKSPACE)).toEqual([]);
    expect((await listCallTrees(db, WORKSPACE))[0]?.refused).toBe(reason);

    await saveCallTree(db, renamed(TREE, 'Leadership first', 2));
    expect(await treesToShare(db, WORKSPACE)).toHaveLength(1);
  });

  it('keeps a refused edit of a shared tree as a copy, and lets the team’s tree come back', async () => {
    await mergeServerTrees(db, WORKSPACE, [TREE]);
    await saveCallTree(db, renamed(TREE, 'My change', 2));
    const [sent] = await treesToShare(db, WORKSPACE);

    await settleSharedTree(db, sent!, { status: 'rejected', reason: 'your role (responder) cannot change call trees' });
    expect(await mergeServerTrees(db, WORKSPACE, [TREE])).toBe(1);

    const trees = await listCallTrees(db, WORKSPACE);
    expect(trees.map((tree) => [tree.name, tree.id === TREE.id, tree.refused ?? null])).toEqual([
      ['Leadership first', true, null],
      ['My change (this phone only)', false, 'your role (responder) cannot change call trees'],
    ]);
    expect(await treesToShare(db, WORKSPACE)).toEqual([]);
  });
});

describe('the team’s trees on this phone', () => {
  it('adds new ones, updates those with no edit waiting, and never overwrites an edit waiting here', async () => {
    const other: CallTree = { ...TREE, id: '5a1c0000-0000-4000-8000-000000000002', name: 'Vendors' };
    await mergeServerTrees(db, WORKSPACE, [TREE]);
    await saveCallTree(db, renamed(TREE, 'My edit', 2));

    expect(await mergeServerTrees(db, WORKSPACE, [renamed(TREE, 'Their edit', 3), other, { ...other, id: 'x', workspace_id: 'another' }])).toBe(1);
    expect((await listCallTrees(db, WORKSPACE)).map((tree) => tree.name)).toEqual(['My edit', 'Vendors']);
    expect(await mergeServerTrees(db, WORKSPACE, [renamed(other, 'Vendors and legal', 2)])).toBe(1);
    expect(await mergeServerTrees(db, WORKSPACE, [renamed(other, 'Vendors and legal', 2)])).toBe(0);
  });
});
