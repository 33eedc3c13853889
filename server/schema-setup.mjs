// Brings a database up to the schema in supabase/: Supabase's own setup (bootstrap/local.sql),
// the server's Auth tables (local-auth.sql), every migration in name order, and on the start
// that creates the database, optionally seed.sql. Each file runs in its own transaction and
// is recorded with its SHA-256, so a restart applies only migrations added since.

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const LOCAL_AUTH_SQL = fileURLToPath(new URL('./local-auth.sql', import.meta.url));

const RECORD_TABLE = `
  create schema if not exists muster_local;
  revoke all on schema muster_local from public;
  create table if not exists muster_local.applied_sql_files (
    name text primary key,
    sha256 text not null,
    applied_at timestamptz not null default now()
  );
`;

/**
 * @typedef {{ bootstrapFile: string, migrationsDir: string, seedFile?: string | null }} SchemaFiles
 *   seedFile: applied once, on the start that finds the database empty; omit or null for none.
 */

/**
 * Applies what is missing. Rejects, naming the file, when a file fails, or when a bootstrap or
 * migration file changed after it was applied (the database no longer matches the files).
 * @param {import('./database.mjs').Database} database
 * @param {SchemaFiles} files
 * @returns {Promise<{ created: boolean, applied: string[] }>} created: the database was empty.
 */
export async function applySchema(database, files) {
  if (!existsSync(files.bootstrapFile)) {
    throw new Error(`${files.bootstrapFile} is missing: it creates Supabase's roles and auth schema, which the migrations need.`);
  }
  await database.exec(RECORD_TABLE);
  const { rows } = await database.query('select name, sha256 from muster_local.applied_sql_files');
  /** @type {Map<string, string>} */
  const appliedBefore = new Map(rows.map((row) => [row.name, row.sha256]));
  const created = appliedBefore.size === 0;
  /** @type {string[]} */
  const applied = [];

  /** @param {string} name @param {string} path */
  const applyOnce = async (name, path) => {
    const sql = await readFile(path, 'utf8');
    const sha256 = createHash('sha256').update(sql).digest('hex');
    const recorded = appliedBefore.get(name);
    if (recorded === sha256) return;
    if (recorded !== undefined) {
      throw new Error(
        `${name} changed after it was applied to ${database.where}. ` +
          'Put the change in a new migration, or delete the local data (the .muster-data folder, or the database) to start again.',
      );
    }
    await runFile(database, name, sql, async (tx) => {
      await tx.query('insert into muster_local.applied_sql_files (name, sha256) values ($1, $2)', [name, sha256]);
    });
    applied.push(name);
  };

  await applyOnce('bootstrap/local.sql', files.bootstrapFile);
  await runFile(database, 'server/local-auth.sql', await readFile(LOCAL_AUTH_SQL, 'utf8'));

  const migrations = existsSync(files.migrationsDir)
    ? (await readdir(files.migrationsDir)).filter((name) => name.endsWith('.sql')).sort()
    : [];
  for (const name of migrations) {
    await applyOnce(`migrations/${name}`, join(files.migrationsDir, name));
  }

  if (created && files.seedFile && existsSync(files.seedFile)) {
    await applyOnce(basename(files.seedFile), files.seedFile);
  }
  return { created, applied };
}

/**
 * @param {import('./database.mjs').Database} database
 * @param {string} name
 * @param {string} sql
 * @param {(tx: import('./database.mjs').Queryable) => Promise<void>} [afterwards] runs in the same transaction
 */
async function runFile(database, name, sql, afterwards) {
  try {
    await database.transaction(async (tx) => {
      await tx.exec(sql);
      await afterwards?.(tx);
    });
  } catch (error) {
    const pgError = /** @type {{ message?: string, position?: string, detail?: string }} */ (error);
    const where = pgError?.position ? ` (at character ${pgError.position})` : '';
    const detail = pgError?.detail ? ` ${pgError.detail}` : '';
    throw new Error(`Applying ${name} failed${where}: ${pgError?.message ?? error}.${detail}`, { cause: error });
  }
}

/**
 * The three paths for a supabase/ folder laid out as the Supabase CLI expects.
 * @param {string} supabaseDir
 * @param {{ seed?: boolean }} [options]
 * @returns {SchemaFiles}
 */
export function schemaFilesIn(supabaseDir, options = {}) {
  return {
    bootstrapFile: join(supabaseDir, 'bootstrap', 'local.sql'),
    migrationsDir: join(supabaseDir, 'migrations'),
    seedFile: options.seed ? join(supabaseDir, 'seed.sql') : null,
  };
}

