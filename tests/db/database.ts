import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * A fresh database per test file with Supabase's roles and auth helpers (bootstrap) and
 * Muster's migrations, on embedded PGlite or on the PostgreSQL server in DATABASE_URL.
 * On PostgreSQL each file gets its own database, dropped afterwards, so the shared `test`
 * database is never touched.
 */

export type BackendName = 'pglite' | 'postgres';
export type Row = Record<string, unknown>;
export type Query = (sql: string, params?: unknown[]) => Promise<Row[]>;

export interface TestDatabase {
  name: BackendName;
  /** As the database owner (postgres, a superuser here), outside any API role. */
  query: Query;
  /** Runs a script of several statements as the database owner (no parameters). */
  exec(sql: string): Promise<void>;
  /** One request as a signed-in user: a transaction with `set local role authenticated` and Supabase's JWT claims. */
  asUser<T>(userId: string, fn: (q: Query) => Promise<T>, options?: RequestOptions): Promise<T>;
  asAnon<T>(fn: (q: Query) => Promise<T>, options?: RequestOptions): Promise<T>;
  asService<T>(fn: (q: Query) => Promise<T>, options?: RequestOptions): Promise<T>;
  /** A second, independent session on the same database (PostgreSQL only). */
  connect(): Promise<Session>;
  close(): Promise<void>;
}

export interface RequestOptions {
  /** Roll the transaction back instead of committing (to try a write without keeping it). */
  rollback?: boolean;
}

export interface Session {
  query: Query;
  close(): Promise<void>;
}

export const backends: BackendName[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

const root = new URL('../../supabase/', import.meta.url).pathname;

export function schemaScripts(): string[] {
  const migrations = join(root, 'migrations');
  return [
    readFileSync(join(root, 'bootstrap', 'local.sql'), 'utf8'),
    ...readdirSync(migrations)
      .filter((file) => file.endsWith('.sql'))
      .sort()
      .map((file) => readFileSync(join(migrations, file), 'utf8')),
  ];
}

export function jwtClaims(userId: string, email = `${userId}@test.muster`): string {
  return JSON.stringify({
    sub: userId,
    role: 'authenticated',
    aud: 'authenticated',
    exp: Math.floor(Date.now() / 1000) + 3600,
    email,
  });
}

async function inTransaction<T>(
  run: Query,
  setup: string[],
  claims: string,
  fn: (q: Query) => Promise<T>,
  options: RequestOptions = {},
): Promise<T> {
  await run('begin');
  try {
    await run(`select set_config('request.jwt.claims', $1, true)`, [claims]);
    for (const statement of setup) await run(statement);
    const result = await fn(run);
    await run(options.rollback ? 'rollback' : 'commit');
    return result;
  } catch (error) {
    await run('rollback');
    throw error;
  }
}

function requests(
  name: BackendName,
  run: Query,
  exec: (sql: string) => Promise<void>,
  connect: () => Promise<Session>,
  close: () => Promise<void>,
): TestDatabase {
  return {
    name,
    query: run,
    exec,
    asUser: (userId, fn, options) =>
      inTransaction(run, ['set local role authenticated'], jwtClaims(userId), fn, options),
    asAnon: (fn, options) => inTransaction(run, ['set local role anon'], JSON.stringify({ role: 'anon' }), fn, options),
    asService: (fn, options) =>
      inTransaction(run, ['set local role service_role'], JSON.stringify({ role: 'service_role' }), fn, options),
    connect,
    close,
  };
}

async function openPglite(): Promise<TestDatabase> {
  const db = await PGlite.create();
  for (const script of schemaScripts()) await db.exec(script);
  const run: Query = async (sql, params) => (await db.query<Row>(sql, params)).rows;
  return requests(
    'pglite',
    run,
    async (sql) => {
      await db.exec(sql);
    },
    () => Promise.reject(new Error('PGlite has a single connection: no second session')),
    () => db.close(),
  );
}

function pgClient(url: string): pg.Client {
  return new pg.Client({ connectionString: url });
}

async function openPostgres(url: string): Promise<TestDatabase> {
  const admin = pgClient(url);
  await admin.connect();
  const database = `muster_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await admin.query(`create database ${database}`);
  const fileUrl = new URL(url);
  fileUrl.pathname = `/${database}`;
  const sessions: pg.Client[] = [];
  const open = async () => {
    const client = pgClient(fileUrl.toString());
    await client.connect();
    sessions.push(client);
    return client;
  };
  const main = await open();
  // Roles are shared by the whole server: files bootstrapping in parallel take turns.
  await admin.query('select pg_advisory_lock(7305001)');
  try {
    for (const script of schemaScripts()) await main.query(script);
  } finally {
    await admin.query('select pg_advisory_unlock(7305001)');
  }
  const runOn =
    (client: pg.Client): Query =>
    async (sql, params) =>
      (await client.query(sql, params as unknown[])).rows as Row[];
  return requests(
    'postgres',
    runOn(main),
    async (sql) => {
      await main.query(sql);
    },
    async () => {
      const client = await open();
      return { query: runOn(client), close: () => client.end() };
    },
    async () => {
      for (const client of sessions) await client.end().catch(() => undefined);
      await admin.query(`drop database if exists ${database} with (force)`);
      await admin.end();
    },
  );
}

export function openTestDatabase(name: BackendName): Promise<TestDatabase> {
  if (name === 'pglite') return openPglite();
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  return openPostgres(url);
}
