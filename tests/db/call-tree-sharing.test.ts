import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallTree } from '../../src/domain/call-tree';
import { backends, openTestDatabase, type TestDatabase } from './database';
import { WS_A, WS_B, seedWorkspaces, users } from './fixtures';

type Answer = { status: 'applied' | 'conflict'; tree: CallTree } | { status: 'rejected'; reason: string };

const TREE: CallTree = {
  id: '5a1c0000-0000-4000-8000-0000000000aa',
  workspace_id: WS_A,
  name: 'Ransomware: first hour',
  version: 1,
  nodes: [
    { id: 'ceo', parent_id: null, order: 1, contact_id: 'c-ceo', callers: ['Maria Lopez'], backup_contact_ids: ['c-cfo'], wait_minutes: 10 },
    { id: 'msp', parent_id: 'ceo', order: 1, contact_id: 'c-msp', callers: ['Tom Becker', 'Sam Reed'], backup_contact_ids: [], wait_minutes: 5 },
  ],
};

describe.each(backends)('sharing call trees on %s', (backend) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(backend);
    await seedWorkspaces(db);
  }, 60_000);
  afterAll(() => db?.close());

  async function save(userId: string, tree: CallTree, baseVersion: number): Promise<Answer> {
    const [row] = await db.asUser(userId, (q) => q('select public.save_call_tree($1::jsonb, $2) as answer', [JSON.stringify(tree), baseVersion]));
    return row?.answer as Answer;
  }
  async function list(userId: string, workspaceId = WS_A): Promise<CallTree[]> {
    const [row] = await db.asUser(userId, (q) => q('select public.list_call_trees($1) as trees', [workspaceId]));
    return row?.trees as CallTree[];
  }

  it('lets a communication owner share a new tree, and every member list it as saved', async () => {
    expect(await save(users.comm_owner, TREE, 0)).toEqual({ status: 'applied', tree: TREE });
    const listed = await list(users.viewer);
    expect(listed.find((tree) => tree.id === TREE.id)).toEqual(TREE);
  });

  it('takes an edit from the version it started from, and answers a replay of it as applied', async () => {
    const edited = { ...TREE, name: 'Ransomware: first hour (with legal)', version: 2 };
    expect(await save(users.owner, edited, 1)).toEqual({ status: 'applied', tree: edited });
    // The answer was lost; the phone sends the same edit again from version 1.
    expect(await save(users.owner, edited, 1)).toEqual({ status: 'applied', tree: edited });
  });

  it('answers a stale edit with the team’s tree and changes nothing', async () => {
    const stale = { ...TREE, name: 'Edited from version 1 on another phone', version: 2 };
    const answer = await save(users.comm_owner, stale, 1);
    expect(answer).toMatchObject({ status: 'conflict', tree: { name: 'Ransomware: first hour (with legal)', version: 2 } });
    expect((await list(users.owner)).find((tree) => tree.id === TREE.id)?.name).toBe('Ransomware: first hour (with legal)');
  });

  it('refuses responders and approvers with a reason, new tree or edit, and never shows trees to another company', async () => {
    const mine = { ...TREE, id: '5a1c0000-0000-4000-8000-0000000000bb', name: 'My own tree' };
    expect(await save(users.responder, mine, 0)).toEqual({ status: 'rejected', reason: 'your role (responder) cannot change call trees; an owner or communication owner can' });
    expect(await save(users.approver, { ...TREE, name: 'Approver edit', version: 3 }, 2)).toEqual({
      status: 'rejected',
      reason: 'your role (approver) cannot change call trees; an owner or communication owner can',
    });
    expect(await save(users.outsider, { ...TREE, name: 'Outsider edit' }, 2)).toMatchObject({ status: 'rejected' });
    expect(await list(users.outsider)).toEqual([]);
    expect(await list(users.outsider, WS_B)).toEqual([]);
    expect((await list(users.owner)).some((tree) => tree.id === mine.id)).toBe(false);
  });

  it('refuses a tree without a name or with a malformed id, saying what is wrong', async () => {
    expect(await save(users.owner, { ...TREE, id: 'not-a-uuid' }, 0)).toEqual({ status: 'rejected', reason: 'the call tree or workspace id is not a UUID' });
    expect(await save(users.owner, { ...TREE, id: '5a1c0000-0000-4000-8000-0000000000cc', name: '' }, 0)).toEqual({
      status: 'rejected',
      reason: 'the call tree needs a name of 1 to 200 characters and at most 500 calls',
    });
  });
});
