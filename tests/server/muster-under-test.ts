// Starts the app + embedded backend for one test file, on PGlite in a temporary folder or, when
// DATABASE_URL is set, also on PostgreSQL in a fresh database `muster_srv_<random>` that is
// dropped afterwards (the database DATABASE_URL names is never written to).

import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { startMuster, type MusterOptions, type RunningMuster } from '../../server/start.mjs';

const require = createRequire(import.meta.url);

export type Backend = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL too when DATABASE_URL is set. */
export const backends: Backend[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export const FIXTURES = {
  root: 'tests/server/fixtures/app',
  supabaseDir: 'tests/server/fixtures/supabase',
  // Supabase's own roles and auth helpers are the project's, not a fixture's.
  bootstrapFile: 'supabase/bootstrap/local.sql',
} as const;

export interface MusterUnderTest extends RunningMuster {
  backend: Backend;
  /** A supabase-js client as the app creates it, minus persistence and timers. */
  client(options?: ClientOptions): SupabaseClient;
  /** Base URL without the trailing slash, for raw fetch calls. */
  base: string;
}

/** Where a restartable test keeps its data between two startMuster calls. */
export interface DataPlace {
  options: Pick<MusterOptions, 'dataDir' | 'databaseUrl' | 'pgliteTemplate'>;
  remove(): Promise<void>;
}

export async function createDataPlace(backend: Backend): Promise<DataPlace> {
  if (backend === 'pglite') {
    const pgliteTemplate = await emptyPgliteCluster();
    const dataDir = await mkdtemp(join(tmpdir(), 'muster-srv-'));
    return {
      options: { dataDir, pgliteTemplate },
      remove: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('DATABASE_URL is not set');
  const name = `muster_srv_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (admin) => admin.query(`create database ${name}`));
  const databaseUrl = new URL(adminUrl);
  databaseUrl.pathname = `/${name}`;
  return {
    options: { databaseUrl: databaseUrl.toString() },
    remove: () => withAdmin(adminUrl, (admin) => admin.query(`drop database if exists ${name} with (force)`)),
  };
}

/**
 * An empty PGlite cluster, made once per PGlite version and kept in the temp folder: copying
 * it takes about 0.5 s where initdb takes 3 s. Written under a temporary name and renamed, so
 * test files starting in parallel never read half a file.
 */
async function emptyPgliteCluster(): Promise<Blob> {
  const { PGlite } = await import('@electric-sql/pglite');
  // The package does not export its package.json; it sits one folder above dist/.
  const packageJson = join(dirname(dirname(require.resolve('@electric-sql/pglite'))), 'package.json');
  const { version } = JSON.parse(await readFile(packageJson, 'utf8')) as { version: string };
  const file = join(tmpdir(), `muster-pglite-empty-${version}.tar`);
  try {
    return new Blob([await readFile(file)]);
  } catch {
    const scratch = await PGlite.create();
    const dump = await scratch.dumpDataDir('none');
    await scratch.close();
    const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, file);
    return dump;
  }
}

async function withAdmin(url: string, work: (admin: pg.Client) => Promise<unknown>): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}

/** Starts app + backend on fixture SQL (or options' own) in a fresh data place. */
export async function startMusterUnderTest(backend: Backend, options: MusterOptions = {}): Promise<MusterUnderTest> {
  const place = await createDataPlace(backend);
  let muster: RunningMuster;
  try {
    muster = await startMuster({ ...FIXTURES, port: 0, ...place.options, ...options });
  } catch (error) {
    await place.remove();
    throw error;
  }
  const base = muster.url.replace(/\/$/, '');
  return {
    ...muster,
    backend,
    base,
    client: (clientOptions = {}) => supabaseClient(muster.url, muster.anonKey, clientOptions),
    async close() {
      await muster.close();
      await place.remove();
    },
  };
}

/** Node 20 has no global WebSocket; these tests never open a realtime channel. */
class NoRealtime {
  constructor() {
    throw new Error('Realtime is not part of the embedded backend');
  }
}

export interface ClientOptions {
  accessToken?: () => Promise<string>;
  /** The phone's network, where a test injects faults; default the real fetch. */
  fetch?: typeof fetch;
}

export function supabaseClient(url: string, anonKey: string, options: ClientOptions = {}) {
  return createClient(url, anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: NoRealtime as never },
    ...(options.accessToken ? { accessToken: options.accessToken } : {}),
    ...(options.fetch ? { global: { fetch: options.fetch } } : {}),
  });
}

/** The claims of a JWT, unverified: what any client can read from its own token. */
export function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
}

let emailCounter = 0;
/** An address no other test in the run uses. */
export function uniqueEmail(name: string): string {
  emailCounter += 1;
  return `${name}.${emailCounter}.${randomBytes(3).toString('hex')}@example.test`;
}
