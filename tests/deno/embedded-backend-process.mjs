// Node side of embedded-backend.mjs: starts Muster's embedded backend (real migrations, PGlite in
// a temporary folder, no seed, alerts off: the Deno test runs the function itself) and answers
// SQL over stdin/stdout, one JSON object per line, so a Deno test can add members and look at
// rows as the database owner. Closing stdin stops the backend and removes the folder.
//
//   -> {"url", "anonKey", "serviceRoleKey"}          once started
//   <- {"id": 1, "sql": "...", "params": [...]}      -> {"id": 1, "rows": [...]} or {"id": 1, "error": "..."}

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startMuster } from '../../server/start.mjs';

const dataDir = await mkdtemp(join(tmpdir(), 'muster-deno-'));
const muster = await startMuster({
  root: 'tests/server/fixtures/app',
  supabaseDir: 'supabase',
  seed: false,
  port: 0,
  dataDir,
});
process.stdout.write(`${JSON.stringify({ url: muster.url, anonKey: muster.anonKey, serviceRoleKey: muster.serviceRoleKey })}\n`);

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line.trim() === '') continue;
  const { id, sql, params } = JSON.parse(line);
  try {
    const { rows } = await muster.database.query(sql, params ?? []);
    process.stdout.write(`${JSON.stringify({ id, rows })}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ id, error: error instanceof Error ? error.message : String(error) })}\n`);
  }
}
await muster.close();
await rm(dataDir, { recursive: true, force: true });
