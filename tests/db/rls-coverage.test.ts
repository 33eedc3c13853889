import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, openTestDatabase, type TestDatabase } from './database';

/** Whole-schema checks, so a table or function added later cannot skip the rules. */
describe.each(backends)('schema-wide security rules on %s', (backend) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(backend);
  }, 60_000);
  afterAll(() => db?.close());

  it('enables and forces row-level security on every table in public', async () => {
    const tables = await db.query(
      `select c.relname, c.relrowsecurity, c.relforcerowsecurity
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r' order by c.relname`,
    );
    expect(tables.length).toBeGreaterThanOrEqual(18);
    expect(tables.filter((t) => !t.relrowsecurity || !t.relforcerowsecurity)).toEqual([]);
  });

  it('sets an empty search_path on every function in public and private', async () => {
    const functions = await db.query(
      `select n.nspname || '.' || p.proname as name,
              coalesce('search_path=""' = any (p.proconfig), false) as empty_search_path
         from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname in ('public', 'private')`,
    );
    expect(functions.length).toBeGreaterThan(10);
    expect(functions.filter((f) => f.empty_search_path !== true)).toEqual([]);
  });

  it('wraps every auth.uid() in a policy in a select, and every policy is for authenticated only', async () => {
    const policies = await db.query(
      `select tablename, policyname, roles::text as roles, coalesce(qual, '') || ' ' || coalesce(with_check, '') as expr
         from pg_policies where schemaname = 'public'`,
    );
    expect(policies.length).toBeGreaterThan(40);
    const bare = policies.filter((p) => String(p.expr).replaceAll('SELECT auth.uid()', '').includes('auth.uid()'));
    expect(bare).toEqual([]);
    expect(policies.filter((p) => p.roles !== '{authenticated}')).toEqual([]);
  });

  it('has one policy per command (no "for all" policies)', async () => {
    const all = await db.query(`select policyname from pg_policies where schemaname = 'public' and cmd = 'ALL'`);
    expect(all).toEqual([]);
  });

  it('grants anon nothing: no table, sequence or function of public or private', async () => {
    const tables = await db.query(
      `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname in ('public', 'private') and c.relkind in ('r', 'v', 'S')
          and (has_table_privilege('anon', c.oid, 'select') or has_table_privilege('anon', c.oid, 'insert')
            or has_table_privilege('anon', c.oid, 'update') or has_table_privilege('anon', c.oid, 'delete')
            or has_table_privilege('anon', c.oid, 'truncate'))`,
    );
    expect(tables).toEqual([]);
    const functions = await db.query(
      `select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname in ('public', 'private') and has_function_privilege('anon', p.oid, 'execute')`,
    );
    expect(functions).toEqual([]);
  });

  it('keeps security definer functions out of the exposed schema', async () => {
    const exposed = await db.query(
      `select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public' and p.prosecdef`,
    );
    expect(exposed).toEqual([]);
  });

  it('indexes every column a policy filters by', async () => {
    // Every policy filters by workspace_id (push_subscription also by user_id): each table
    // has an index whose first column is the one it filters by.
    const unindexed = await db.query(
      `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r'
          and not exists (
            select 1 from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
             where i.indrelid = c.oid
               and a.attname = case c.relname when 'workspace' then 'id' when 'push_subscription' then 'user_id' else 'workspace_id' end)`,
    );
    expect(unindexed).toEqual([]);
  });

  it('loads supabase/seed.sql: a demo workspace with an owner and a responder who can read it', async () => {
    await db.exec(readFileSync(new URL('../../supabase/seed.sql', import.meta.url), 'utf8'));
    const members = await db.query('select role::text from public.member order by role');
    expect(members).toEqual([{ role: 'owner' }, { role: 'responder' }]);
    const visible = await db.asUser('00000000-0000-4000-8000-000000000002', (q) =>
      q('select (select count(*)::int from public.incident) as incidents, (select count(*)::int from public.contact) as contacts'),
    );
    expect(visible).toEqual([{ incidents: 1, contacts: 3 }]);
  });
});
