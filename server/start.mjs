#!/usr/bin/env node
// Muster on one port: the built app from dist/ and the embedded Supabase stand-in under
// /auth/v1, /rest/v1, /functions/v1/send-alert and /functions/v1/dispatch, with its data in
// PGlite (.muster-data/) or, when DATABASE_URL is set, in that PostgreSQL database.
//
//   node server/start.mjs     PORT, HOST, DATABASE_URL, MUSTER_DATA_DIR, MUSTER_JWT_SECRET,
//                             MUSTER_ALERT_TICK_SECONDS (default 15; 0 = no repeats) are read
//                             from the environment; seed.sql is applied to a new database.
//
// Tests import startMuster() and point it at fixture SQL and a fixture app folder.

import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../scripts/serve.mjs';
import { createAlertService } from './alert-service.mjs';
import { createBackend } from './backend.mjs';
import { createFunctionService } from './function-service.mjs';
import { openDatabase } from './database.mjs';
import { DEFAULT_JWT_SECRET, apiKeysFor } from './jwt.mjs';
import { applySchema, schemaFilesIn } from './schema-setup.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * @typedef {import('./backend.mjs').BackendOptions} BackendOptions
 * @typedef {Omit<BackendOptions, 'database'> & {
 *   root?: string, port?: number, host?: string, swSuffix?: string,
 *   databaseUrl?: string, dataDir?: string, pgliteTemplate?: Blob,
 *   supabaseDir?: string, seed?: boolean,
 *   bootstrapFile?: string, migrationsDir?: string, seedFile?: string | null,
 *   alerts?: boolean | { tickSeconds?: number },
 * }} MusterOptions
 *   root: app folder (default dist/). databaseUrl: PostgreSQL instead of PGlite.
 *   dataDir: PGlite's folder (default .muster-data/ in the repository). pgliteTemplate: see
 *   openDatabase().
 *   supabaseDir: where bootstrap/local.sql, migrations/ and seed.sql are (default supabase/);
 *   bootstrapFile / migrationsDir / seedFile override one of them. seed: apply seed.sql when
 *   the database is new (default false).
 *   alerts: run the send-alert and dispatch functions under Deno (default false; the command
 *   line turns it on). tickSeconds: how often due repeats and escalations go out (default 15; 0 = only when
 *   a test calls alerts.tick()).
 */

/**
 * Opens the database, brings its schema up to date, and serves app and backend.
 * @param {MusterOptions} [options]
 */
export async function startMuster(options = {}) {
  const database = await openDatabase({
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
    ...(options.pgliteTemplate ? { pgliteTemplate: options.pgliteTemplate } : {}),
    dataDir: resolve(repoRoot, options.dataDir ?? '.muster-data'),
  });
  try {
    const files = schemaFilesIn(resolve(repoRoot, options.supabaseDir ?? 'supabase'), { seed: options.seed ?? false });
    const schema = await applySchema(database, {
      bootstrapFile: options.bootstrapFile ? resolve(repoRoot, options.bootstrapFile) : files.bootstrapFile,
      migrationsDir: options.migrationsDir ? resolve(repoRoot, options.migrationsDir) : files.migrationsDir,
      seedFile: options.seedFile !== undefined ? options.seedFile && resolve(repoRoot, options.seedFile) : files.seedFile,
    });
    const { serviceRoleKey } = apiKeysFor(options.jwtSecret ?? DEFAULT_JWT_SECRET);
    const alertOptions = options.alerts === true ? {} : options.alerts || null;
    const alerts = alertOptions
      ? createAlertService({
          database,
          serviceRoleKey,
          ...(alertOptions.tickSeconds !== undefined ? { tickSeconds: alertOptions.tickSeconds } : {}),
        })
      : null;
    // Chat connectors run whenever alerts do: the same Deno, the same switch.
    const dispatch = alertOptions ? createFunctionService({ name: 'dispatch', what: 'Posting to chat', offCode: 'dispatch_off', serviceRoleKey }) : null;
    const uptimeKuma = alertOptions ? createFunctionService({ name: 'uptime-kuma', what: 'The Uptime Kuma webhook', offCode: 'monitoring_off', serviceRoleKey }) : null;
    // Files up to 25 MB: the function answers 413 itself up to 1 MB past that, this proxy beyond.
    const evidenceUpload = alertOptions
      ? createFunctionService({
          name: 'evidence-upload',
          what: 'Uploading evidence to Nextcloud',
          offCode: 'evidence_upload_off',
          serviceRoleKey,
          bodyLimitBytes: 26 * 1024 * 1024,
        })
      : null;
    const backend = createBackend({ ...options, database, alerts, dispatch, uptimeKuma, evidenceUpload });
    const server = await startServer({
      root: options.root ?? 'dist',
      ...(options.port !== undefined ? { port: options.port } : {}),
      ...(options.host !== undefined ? { host: options.host } : {}),
      ...(options.swSuffix !== undefined ? { swSuffix: options.swSuffix } : {}),
      handleRequest: backend.handle,
    });
    if (alerts) {
      // The function calls this backend back; a wildcard listen address is not one to call.
      const wildcard = ['0.0.0.0', '::', ''].includes(options.host ?? '127.0.0.1');
      const supabaseUrl = wildcard ? `http://127.0.0.1:${server.port}` : server.url.replace(/\/$/, '');
      await Promise.all([alerts.start(supabaseUrl), dispatch?.start(supabaseUrl), uptimeKuma?.start(supabaseUrl), evidenceUpload?.start(supabaseUrl)]);
    }
    return {
      url: server.url,
      port: server.port,
      anonKey: backend.anonKey,
      serviceRoleKey: backend.serviceRoleKey,
      database,
      schema,
      setSwSuffix: server.setSwSuffix,
      alerts: {
        get enabled() {
          return alerts !== null && alerts.reason === null;
        },
        get offReason() {
          return alerts ? alerts.reason : 'the server was started without alerts';
        },
        get vapidPublicKey() {
          return alerts?.vapidPublicKey ?? null;
        },
        /** @returns {Promise<unknown>} */
        tick() {
          return alerts ? alerts.tick() : Promise.reject(new Error('Alerts are off: the server was started without them.'));
        },
      },
      dispatch: {
        get enabled() {
          return dispatch !== null && dispatch.reason === null;
        },
        get offReason() {
          return dispatch ? dispatch.reason : 'the server was started without alerts';
        },
      },
      evidenceUpload: {
        get enabled() {
          return evidenceUpload !== null && evidenceUpload.reason === null;
        },
        get offReason() {
          return evidenceUpload ? evidenceUpload.reason : 'the server was started without alerts';
        },
      },
      /** Stops serving and the Edge Functions, then closes the database; resolves once all are done. */
      async close() {
        await server.close();
        await Promise.all([alerts?.close(), dispatch?.close(), uptimeKuma?.close(), evidenceUpload?.close()]);
        await database.close();
      },
    };
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}

async function main() {
  const envPort = process.env.PORT;
  /** @type {MusterOptions} */
  const options = {
    host: process.env.HOST || '127.0.0.1',
    seed: true,
    ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}),
    ...(process.env.MUSTER_DATA_DIR ? { dataDir: resolve(process.env.MUSTER_DATA_DIR) } : {}),
    ...(process.env.MUSTER_JWT_SECRET ? { jwtSecret: process.env.MUSTER_JWT_SECRET } : {}),
    alerts: {
      ...(process.env.MUSTER_ALERT_TICK_SECONDS ? { tickSeconds: Number(process.env.MUSTER_ALERT_TICK_SECONDS) } : {}),
    },
  };
  let muster;
  try {
    if (envPort) {
      muster = await startMuster({ ...options, port: Number(envPort) });
    } else {
      try {
        muster = await startMuster({ ...options, port: 4173 });
      } catch (error) {
        if (/** @type {{ code?: string }} */ (error)?.code !== 'EADDRINUSE') throw error;
        muster = await startMuster({ ...options, port: 0 });
      }
    }
  } catch (error) {
    if (/** @type {{ code?: string }} */ (error)?.code === 'EADDRINUSE') {
      console.error(`Port ${envPort} is already in use: set PORT to a free port, or unset it to pick one automatically.`);
    } else {
      console.error(error instanceof Error ? error.message : String(error));
    }
    process.exit(1);
  }

  const base = muster.url.replace(/\/$/, '');
  console.log(muster.url);
  console.log(`Muster is running at ${muster.url}`);
  console.log(`Backend: ${base}/auth/v1 and ${base}/rest/v1, data in ${muster.database.where}`);
  if (muster.schema.applied.length > 0) console.log(`Applied: ${muster.schema.applied.join(', ')}`);
  console.log(`Supabase URL: ${base}   anon key: ${muster.anonKey}`);
  if (muster.alerts.enabled) {
    console.log(`Alerts: send-alert runs under Deno at ${base}/functions/v1/send-alert; VAPID public key ${muster.alerts.vapidPublicKey}`);
  } else {
    console.log(`Alerts are off because ${muster.alerts.offReason}; everything else works.`);
  }
  if (muster.dispatch.enabled) console.log(`Chat connectors: dispatch runs under Deno at ${base}/functions/v1/dispatch`);
  if (muster.dispatch.enabled) console.log(`Monitoring in: Uptime Kuma's webhook goes to ${base}/functions/v1/uptime-kuma?workspace=<id>&secret=<secret>`);
  if (muster.evidenceUpload.enabled) console.log(`Evidence storage: evidence-upload runs under Deno at ${base}/functions/v1/evidence-upload`);
  console.log('Demo: the app opens a clearly marked demo workspace (Northwind Dental) and needs no sign-in to work.');
  console.log('Demo sign-in, in Settings › Sync with your team: owner@demo.muster.test or responder@demo.muster.test, any password of 6+ characters,');
  console.log('"Create an account" the first time (then "Sign in"), then "Use Northwind Demo".');

  const stop = () => {
    muster.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
