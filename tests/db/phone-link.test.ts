import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, openTestDatabase, type TestDatabase } from './database';
import { INCIDENT, NEWCOMER, WS_A, WS_B, seedWorkspaces, users } from './fixtures';

type Workspace = { id: string; name: string; role: string; incidents: { id: string; title: string; status: string; detected_at: string | null; opened_at: string }[] };
type Answer = { id: string; status: 'applied' | 'duplicate' | 'rejected'; reason?: string };

describe.each(backends)('linking a phone to its workspace on %s', (backend) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(backend);
    await seedWorkspaces(db);
  }, 60_000);
  afterAll(() => db?.close());

  async function call<T>(userId: string, sql: string, params: unknown[] = []): Promise<T> {
    const [row] = await db.asUser(userId, (q) => q(sql, params));
    return row?.answer as T;
  }
  const myWorkspaces = (userId: string) => call<Workspace[]>(userId, 'select public.my_workspaces() as answer');
  const register = (userId: string, incidents: unknown[]) =>
    call<Answer[]>(userId, 'select public.register_incidents($1::jsonb) as answer', [JSON.stringify(incidents)]);

  it("lists only the caller's workspaces, with the caller's role and the incidents", async () => {
    const responder = await myWorkspaces(users.responder);
    expect(responder).toEqual([
      { id: WS_A, name: 'Northwind', role: 'responder', incidents: [expect.objectContaining({ id: INCIDENT, title: 'Finance mailbox forwarding rule', status: 'open' })] },
    ]);
    expect((await myWorkspaces(users.outsider)).map((w) => [w.id, w.role])).toEqual([[WS_B, 'owner']]);
    expect(await myWorkspaces(NEWCOMER)).toEqual([]);
  });

  it('creates the workspace a phone started offline under its own id, with the caller as owner; a replay answers duplicate', async () => {
    const phoneWorkspace = '0c000000-0000-4000-8000-0000000000f1';
    expect(await call<Answer>(NEWCOMER, 'select public.create_workspace($1, $2) as answer', [phoneWorkspace, '  Eastwind  '])).toEqual({ id: phoneWorkspace, status: 'applied' });
    expect(await call<Answer>(NEWCOMER, 'select public.create_workspace($1, $2) as answer', [phoneWorkspace, 'Eastwind'])).toEqual({ id: phoneWorkspace, status: 'duplicate' });
    expect(await myWorkspaces(NEWCOMER)).toEqual([{ id: phoneWorkspace, name: 'Eastwind', role: 'owner', incidents: [] }]);
  });

  it("refuses to hand over another company's workspace id", async () => {
    await expect(call(NEWCOMER, 'select public.create_workspace($1, $2) as answer', [WS_A, 'Mine now'])).rejects.toMatchObject({ code: '42501' });
    expect((await db.query('select name from public.workspace where id = $1', [WS_A]))[0]?.name).toBe('Northwind');
    expect((await myWorkspaces(users.owner))[0]?.name).toBe('Northwind');
  });

  it('registers incidents opened offline once, never overwrites one already there, and explains refusals per incident', async () => {
    const opened = { workspace_id: WS_A, id: 'INC-2026-101', title: 'Ransom note on the file server', status: 'open', detected_at: '2026-03-03T07:00:00.000Z', opened_at: '2026-03-03T07:05:00.000Z' };
    const existing = { workspace_id: WS_A, id: INCIDENT, title: 'A different title from an old phone', status: 'open' };
    expect(await register(users.comm_owner, [opened, existing])).toEqual([
      { id: opened.id, status: 'applied' },
      { id: INCIDENT, status: 'duplicate' },
    ]);
    expect(await register(users.comm_owner, [opened])).toEqual([{ id: opened.id, status: 'duplicate' }]);
    const titles = await db.query('select id, title from public.incident where workspace_id = $1 order by id', [WS_A]);
    expect(titles).toEqual([
      { id: INCIDENT, title: 'Finance mailbox forwarding rule' },
      { id: opened.id, title: 'Ransom note on the file server' },
    ]);
    expect((await myWorkspaces(users.viewer))[0]?.incidents.map((i) => i.id)).toEqual([INCIDENT, opened.id]);

    const byResponder = await register(users.responder, [{ workspace_id: WS_A, id: 'INC-2026-102', title: 'x' }]);
    expect(byResponder).toEqual([{ id: 'INC-2026-102', status: 'rejected', reason: 'only owners and communication owners can open incidents' }]);
    const byOutsider = await register(users.outsider, [{ workspace_id: WS_A, id: INCIDENT, title: 'probe' }, { workspace_id: WS_B, id: 'INC-2026-200', title: 'Theirs' }]);
    expect(byOutsider).toEqual([
      { id: INCIDENT, status: 'rejected', reason: 'not a member of this workspace' },
      { id: 'INC-2026-200', status: 'applied' },
    ]);
  });

  it('gives anonymous callers nothing', async () => {
    for (const fn of ['public.my_workspaces()', 'public.create_workspace(uuid, text)', 'public.register_incidents(jsonb)']) {
      const [row] = await db.query(`select has_function_privilege('anon', '${fn}', 'execute') as allowed`);
      expect(row?.allowed).toBe(false);
    }
  });
});
