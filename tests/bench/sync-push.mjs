#!/usr/bin/env node
// Issue 3's push benchmark: 1,000 queued entries pushed by the app's sync engine in <= 2 s on
// the embedded local backend (PGlite), side by side with the same number of entries sent one
// `sync_push` request per row, and the pull of all of them by a second phone.
//
// Each run starts a fresh backend (startMuster on a new temp PGlite folder, seed.sql applied)
// that also serves the benchmark page (tests/bench/sync-push/, built with Vite from the app's
// own sources into bench/dist/sync-push), so page, /auth/v1 and /rest/v1 share one origin. In
// Chromium the page signs up as responder@ and owner@demo.muster.test (taking over the
// seeded members), logs 1,000 entries into a fresh IndexedDB with appendLogEntry (not timed)
// and times createSyncEngine(...).runOnce(); then 1,000 other entries of the same incident,
// logged on a second phone (its own IndexedDB and device chain), are pushed one request per
// row; then the owner's phone, never synced, pulls the feed (2,000 entries) with runOnce.
// Optionally (BENCH_SYNC_SWEEP=0 turns it off) the engine's push is timed with batches of
// 1, 100 and 500 as well. Server-side time is measured by wrapping the backend's
// database.transaction (every RPC is one transaction).
//
// Median of BENCH_SYNC_RUNS (default 3) runs, merged into bench/results.json under "syncPush".
// A report, not a pass/fail test.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../../scripts/chromium.mjs';
import { startMuster } from '../../server/start.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ENTRIES = Number(process.env.BENCH_SYNC_ENTRIES ?? 1000);
const RUNS = Number(process.env.BENCH_SYNC_RUNS ?? 3);
const SWEEP = process.env.BENCH_SYNC_SWEEP !== '0';
const SWEEP_SIZES = [1, 100, 500];
const BATCH = 200; // DEFAULT_BATCH.maxChanges in src/sync/protocol.ts
const PULL_PAGE = 100; // DEFAULT_PULL_PAGE in src/sync/sync-engine.ts
const BUDGET_MS = 2000;
// Pushed (engine, then per row) before anything is timed, so the first timed push does not pay
// for the first HTTP connection and PGlite planning sync_push and its trigger for the first time.
const WARMUP = 10;
const DIST = join(root, 'bench/dist/sync-push');

const round = (ms) => Math.round(ms * 10) / 10;
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Wraps the backend's database.transaction (rest-rpc.mjs runs every RPC in one) to add up the
 * time spent in the database, split by statement: the routine lookup, the set_config of the
 * request settings, and the function call itself. Everything else of a request's wall time
 * is HTTP, JSON, JWT and the browser.
 */
function instrument(database) {
  const fresh = () => ({ transactions: 0, transactionMs: 0, callMs: 0, lookupMs: 0, settingsMs: 0, otherMs: 0 });
  let stats = fresh();
  const kindOf = (sql) => {
    if (/proname|set_config\('search_path', '', true\)/.test(sql)) return 'lookupMs';
    if (/set_config\('search_path', \$1/.test(sql)) return 'settingsMs';
    if (/ as body\b/.test(sql)) return 'callMs'; // rest-rpc.mjs callStatement()
    return 'otherMs';
  };
  const timed = (kind, promise) => {
    const start = performance.now();
    return promise.finally(() => {
      stats[kind] += performance.now() - start;
    });
  };
  const original = database.transaction;
  database.transaction = (work) => {
    const start = performance.now();
    return original((tx) =>
      work({
        query: (sql, params) => timed(kindOf(sql), tx.query(sql, params)),
        exec: (sql) => timed('otherMs', tx.exec(sql)),
      }),
    ).finally(() => {
      stats.transactions += 1;
      stats.transactionMs += performance.now() - start;
    });
  };
  return {
    take() {
      const taken = Object.fromEntries(Object.entries(stats).map(([key, value]) => [key, key === 'transactions' ? value : round(value)]));
      stats = fresh();
      return taken;
    },
  };
}

async function oneRun(index) {
  const dataDir = await mkdtemp(join(tmpdir(), 'muster-bench-sync-'));
  const startedAt = performance.now();
  const muster = await startMuster({ root: DIST, dataDir, seed: true, port: 0, host: '127.0.0.1' });
  const backendStartMs = performance.now() - startedAt;
  const server = instrument(muster.database);
  const browser = await launchChromium();
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(`${muster.url}?anonKey=${encodeURIComponent(muster.anonKey)}`);
    await page.waitForFunction(() => document.title === 'ready');
    await page.evaluate(() => window.syncPushBench.signIn());

    await page.evaluate((n) => window.syncPushBench.queue('warm-up', n), WARMUP);
    await page.evaluate(() => window.syncPushBench.pushWithEngine('warm-up', 200));
    await page.evaluate((n) => window.syncPushBench.queue('warm-up-rows', n), WARMUP);
    await page.evaluate(() => window.syncPushBench.pushPerRow('warm-up-rows'));
    const feed = 2 * ENTRIES + 2 * WARMUP;

    const queued = {};
    for (const label of ['batched', 'perRow']) {
      queued[label] = await page.evaluate(([l, n]) => window.syncPushBench.queue(l, n), [label, ENTRIES]);
      if (queued[label].waiting !== ENTRIES) throw new Error(`${label}: ${queued[label].waiting} queued, expected ${ENTRIES}`);
    }
    server.take();

    // Batched first, always: its runOnce then reads back the same feed in every run (the
    // warm-up and its own entries); the per-row push meets 1,000 more rows, which at this
    // size costs nothing measurable.
    const batched = await page.evaluate(([l, size]) => window.syncPushBench.pushWithEngine(l, size), ['batched', BATCH]);
    const batchedServer = server.take();
    if (batched.report.reason !== 'ok' || batched.report.pushed !== ENTRIES || batched.report.parked !== 0 || batched.outboxWaiting !== 0)
      throw new Error(`batched push did not push all ${ENTRIES}: ${JSON.stringify(batched)}`);
    const perRow = await page.evaluate((l) => window.syncPushBench.pushPerRow(l), 'perRow');
    const perRowServer = server.take();
    if (perRow.applied !== ENTRIES) throw new Error(`per-row push applied ${perRow.applied} of ${ENTRIES}: ${perRow.other.join(' ')}`);

    const pull = await page.evaluate(([l, size]) => window.syncPushBench.pullAsOwner(l, size), ['owner', PULL_PAGE]);
    const pullServer = server.take();
    if (pull.report.reason !== 'ok' || pull.report.pulled !== feed || pull.stored !== feed)
      throw new Error(`owner pull read ${pull.report.pulled} (stored ${pull.stored}), expected ${feed}: ${JSON.stringify(pull.report)}`);
    const pull1000 = await page.evaluate(([l, size]) => window.syncPushBench.pullAsOwner(l, size), ['owner-1000', 1000]);
    server.take();

    const sweep = {};
    if (SWEEP) {
      for (const size of SWEEP_SIZES) {
        const label = `batch-${size}`;
        await page.evaluate(([l, n]) => window.syncPushBench.queue(l, n), [label, ENTRIES]);
        server.take();
        const result = await page.evaluate(([l, s]) => window.syncPushBench.pushWithEngine(l, s), [label, size]);
        const serverStats = server.take();
        if (result.report.pushed !== ENTRIES || result.outboxWaiting !== 0) throw new Error(`${label}: ${JSON.stringify(result.report)}`);
        sweep[size] = { pushPhaseMs: round(result.pushPhaseMs), pushCallMs: round(result.pushCallMs), pushCalls: result.pushCalls, serverCallMs: serverStats.callMs };
      }
    }

    return {
      backendStartMs: round(backendStartMs),
      queueMs: { batched: round(queued.batched.ms), perRow: round(queued.perRow.ms) },
      batchedMs: round(batched.ms),
      batchedPushPhaseMs: round(batched.pushPhaseMs),
      batchedPushCallMs: round(batched.pushCallMs),
      batchedPushCalls: batched.pushCalls,
      batchedPullBackMs: round(batched.pullBackMs),
      batchedPullBackCalls: batched.pullCalls,
      batchedReport: batched.report,
      perRowMs: round(perRow.ms),
      perRowCalls: perRow.calls,
      ratio: round(perRow.ms / batched.ms),
      pushPhaseRatio: round(perRow.ms / batched.pushPhaseMs),
      pullMs: round(pull.ms),
      pullCallMs: round(pull.pullCallMs),
      pullPages: pull.pages,
      pullMsPage1000: round(pull1000.ms),
      server: { batched: batchedServer, perRow: perRowServer, pull: pullServer },
      batchSweep: sweep,
    };
  } finally {
    await browser.close();
    await muster.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

execFileSync('npx', ['vite', 'build', '--config', 'tests/bench/sync-push/vite.config.ts'], { cwd: root, stdio: 'inherit' });

const runs = [];
for (let index = 0; index < RUNS; index += 1) {
  const run = await oneRun(index);
  runs.push(run);
  console.log(
    `run ${index + 1}/${RUNS}: batched ${run.batchedMs} ms (push phase ${run.batchedPushPhaseMs} ms), per-row ${run.perRowMs} ms, ratio ${run.ratio}x, owner pull ${run.pullMs} ms`,
  );
}

const med = (key) => round(median(runs.map((run) => run[key])));
const batchedMs = med('batchedMs');
const perRowMs = med('perRowMs');
const serverMedian = (phase, key) => round(median(runs.map((run) => run.server[phase][key])));
const serverSummary = (phase, requests) => ({
  requests,
  transactionMs: serverMedian(phase, 'transactionMs'),
  callMs: serverMedian(phase, 'callMs'),
  routineLookupMs: serverMedian(phase, 'lookupMs'),
  requestSettingsMs: serverMedian(phase, 'settingsMs'),
});
const syncPush = {
  measuredAt: new Date().toISOString(),
  entries: ENTRIES,
  backend: 'embedded (PGlite), fresh per run; page served by the same origin',
  batchSize: BATCH,
  pullPageSize: PULL_PAGE,
  batchedMs,
  batchedPushPhaseMs: med('batchedPushPhaseMs'),
  batchedPullBackMs: med('batchedPullBackMs'),
  perRowMs,
  ratio: round(perRowMs / batchedMs),
  pushPhaseRatio: round(perRowMs / med('batchedPushPhaseMs')),
  pullMs: med('pullMs'),
  pullMsPage1000: med('pullMsPage1000'),
  server: {
    batched: serverSummary('batched', runs[0].batchedPushCalls + runs[0].batchedPullBackCalls),
    perRow: serverSummary('perRow', ENTRIES),
    pull: serverSummary('pull', runs[0].pullPages),
  },
  batchSweep: SWEEP
    ? Object.fromEntries([BATCH, ...SWEEP_SIZES].sort((a, b) => a - b).map((size) => [
        size,
        size === BATCH
          ? { pushPhaseMs: med('batchedPushPhaseMs'), pushCallMs: med('batchedPushCallMs'), serverCallMs: serverMedian('batched', 'callMs') }
          : {
              pushPhaseMs: round(median(runs.map((run) => run.batchSweep[size].pushPhaseMs))),
              pushCallMs: round(median(runs.map((run) => run.batchSweep[size].pushCallMs))),
              serverCallMs: round(median(runs.map((run) => run.batchSweep[size].serverCallMs))),
            },
      ]))
    : null,
  runs,
  budgetMs: BUDGET_MS,
  withinBudget: batchedMs <= BUDGET_MS,
  measures:
    'batchedMs: one createSyncEngine().runOnce() on a phone with 1,000 queued entries (push in batches of 200, settle the outbox, then read the feed back from cursor 0); ' +
    'batchedPushPhaseMs: the same run up to its first pull; perRowMs: 1,000 sequential sync_push calls of one change each through the app transport (no outbox settling); ' +
    `pullMs: runOnce of a second, never-synced phone (the owner) reading the feed (the 2,000 entries and ${2 * WARMUP} warm-up ones), 100 a page. ` +
    `Before timing, ${WARMUP} entries are pushed through each path to warm up the connection and the server. Medians of the runs.`,
};

const table = [
  ['', 'median', ...runs.map((_, i) => `run ${i + 1}`)],
  ['batched runOnce (ms)', syncPush.batchedMs, ...runs.map((r) => r.batchedMs)],
  ['  of which push phase', syncPush.batchedPushPhaseMs, ...runs.map((r) => r.batchedPushPhaseMs)],
  ['per-row, 1 req/row (ms)', syncPush.perRowMs, ...runs.map((r) => r.perRowMs)],
  ['ratio (per-row / runOnce)', syncPush.ratio, ...runs.map((r) => r.ratio)],
  [`owner pull ${2 * ENTRIES + 2 * WARMUP} (ms)`, syncPush.pullMs, ...runs.map((r) => r.pullMs)],
];
console.log(table.map((row) => row.map((cell, i) => String(cell).padEnd(i === 0 ? 27 : 10)).join(' ')).join('\n'));
if (SWEEP) console.log('push phase by batch size (ms):', Object.entries(syncPush.batchSweep).map(([size, s]) => `${size}: ${s.pushPhaseMs}`).join(', '));
console.log(`budget ${BUDGET_MS} ms: ${syncPush.withinBudget ? 'within' : 'OVER'}`);

mkdirSync(join(root, 'bench'), { recursive: true });
// Other benchmarks write their own keys into the same file: keep them.
const resultsPath = join(root, 'bench/results.json');
const previous = existsSync(resultsPath) ? JSON.parse(readFileSync(resultsPath, 'utf8')) : {};
writeFileSync(resultsPath, `${JSON.stringify({ ...previous, syncPush }, null, 2)}\n`);
console.log('-> bench/results.json (syncPush)');
