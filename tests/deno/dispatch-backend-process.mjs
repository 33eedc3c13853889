// Node side of dispatch-backend.test.mjs: starts Muster's embedded backend with its Edge
// Functions under Deno (alerts on, so dispatch runs too; no ticks), in a temporary PGlite
// folder, prints {"url", "anonKey", "dispatch"} once it listens, and stops when stdin closes.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMuster } from '../../server/start.mjs';

const dataDir = await mkdtemp(join(tmpdir(), 'muster-dispatch-'));
const muster = await startMuster({
  root: 'tests/server/fixtures/app',
  supabaseDir: 'supabase',
  seed: false,
  port: 0,
  dataDir,
  alerts: { tickSeconds: 0 },
});
process.stdout.write(`${JSON.stringify({ url: muster.url, anonKey: muster.anonKey, dispatch: muster.dispatch.offReason ?? 'on' })}\n`);
process.stdin.resume();
await new Promise((resolve) => process.stdin.once('end', resolve));
await muster.close();
await rm(dataDir, { recursive: true, force: true });
