// The database under the embedded backend: PGlite (Postgres compiled to WASM, data kept in a
// folder) by default, or a real PostgreSQL server when DATABASE_URL is set. Both are used
// through the same four calls, so nothing else in server/ knows which one it talks to.
//
// Errors from either driver carry Postgres's SQLSTATE in `code` and its `message`, `detail`
// and `hint`; callers map those (see postgrest-errors.mjs). A pg error with a non-SQLSTATE code
// (ECONNREFUSED, ...) means the server is unreachable.

import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * @typedef {{ rows: Record<string, any>[] }} QueryResult
 * @typedef {{
 *   query(sql: string, params?: unknown[]): Promise<QueryResult>,
 *   exec(sql: string): Promise<void>,
 * }} Queryable
 * @typedef {Queryable & {
 *   kind: 'pglite' | 'postgres',
 *   where: string,
 *   transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>,
 *   close(): Promise<void>,
 * }} Database
 */

/**
 * Opens PostgreSQL at databaseUrl when given, else PGlite in dataDir (created if missing).
 * @param {{ databaseUrl?: string, dataDir?: string, pgliteTemplate?: Blob }} options
 *   pgliteTemplate: a PGlite dumpDataDir() of an empty cluster, copied into a new dataDir
 *   instead of running initdb (about 0.5 s instead of 3 s; the tests use it).
 * @returns {Promise<Database>}
 */
export async function openDatabase(options) {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openPglite(resolve(options.dataDir ?? '.muster-data'), options.pgliteTemplate);
}

/** @param {string} dataDir @param {Blob | undefined} template @returns {Promise<Database>} */
async function openPglite(dataDir, template) {
  const [{ PGlite }, { pgcrypto }, { uuid_ossp }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/pgcrypto'),
    import('@electric-sql/pglite/contrib/uuid_ossp'),
  ]);
  const isNew = !existsSync(join(dataDir, 'PG_VERSION'));
  await mkdir(dataDir, { recursive: true });
  // pgcrypto and uuid-ossp are loaded so migrations and seeds written for Supabase (where
  // both are installed) can `create extension` them; they cost nothing until then.
  const db = await PGlite.create(dataDir, {
    extensions: { pgcrypto, uuid_ossp },
    ...(isNew && template ? { loadDataDir: template } : {}),
  });

  /** @param {import('@electric-sql/pglite').Transaction | import('@electric-sql/pglite').PGlite} target @returns {Queryable} */
  const wrap = (target) => ({
    query: (sql, params) => target.query(sql, params),
    exec: async (sql) => {
      await target.exec(sql);
    },
  });

  return {
    kind: 'pglite',
    where: dataDir,
    ...wrap(db),
    // PGlite has one connection; its transaction() holds it exclusively, so concurrent
    // requests queue instead of interleaving inside each other's transactions.
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    close: () => db.close(),
  };
}

/** @param {string} databaseUrl @returns {Promise<Database>} */
async function openPostgres(databaseUrl) {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  // An idle client that loses its connection emits 'error' on the pool; without a listener
  // that would crash the process. The next query reports the outage instead.
  pool.on('error', (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
  await pool.query('select 1');

  return {
    kind: 'postgres',
    where: redactPassword(databaseUrl),
    query: (sql, params) => pool.query(sql, params),
    exec: async (sql) => {
      await pool.query(sql);
    },
    // One pooled connection per transaction, so `set local` settings and row locks belong to
    // this request alone.
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await work({
          query: (sql, params) => client.query(sql, params),
          exec: async (sql) => {
            await client.query(sql);
          },
        });
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** @param {string} url */
function redactPassword(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'PostgreSQL (DATABASE_URL)';
  }
}
