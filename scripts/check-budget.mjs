#!/usr/bin/env node
// Enforces Muster's bundle budget after `vite build` (see the chunkReport plugin in vite.config.ts,
// which writes dist/.vite/chunks.json).
//
// Initial JS = the entry chunk(s) plus every chunk reachable from them through static `imports`
// (not `dynamicImports`): what a first visit must download before the app runs. It must stay
// within 30 KB gzipped and must not contain supabase-js, which is loaded only when a backend is
// configured. The service worker (dist/sw.js) is reported separately: it is not page JS.
//
//   node scripts/check-budget.mjs [distDir]
//   MUSTER_EXPECT_SUPABASE_CHUNK=1   also fail when no chunk at all holds @supabase modules
//
// Writes the figures to dist/.vite/budget.json. measureBundle(distDir) is exported for benchmarks.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const BUDGET_BYTES = 30 * 1024;
const SUPABASE = 'node_modules/@supabase/';

const gzipBytes = (buf) => gzipSync(buf, { level: 9 }).length;
const hasSupabase = (chunk) => chunk.modules.some((id) => id.replaceAll('\\', '/').includes(SUPABASE));

/**
 * Measures a built dist/ folder. Throws if dist/.vite/chunks.json is missing or has no entry.
 * @param {string} [distDir] default: the repository's dist/
 */
export function measureBundle(distDir = join(repoRoot, 'dist')) {
  const reportPath = join(distDir, '.vite', 'chunks.json');
  if (!existsSync(reportPath)) {
    throw new Error(`${relative(process.cwd(), reportPath) || reportPath} is missing: run npm run build first (vite.config.ts's chunkReport plugin writes it).`);
  }
  /** @type {{file: string, isEntry: boolean, imports: string[], dynamicImports: string[], modules: string[]}[]} */
  const chunks = JSON.parse(readFileSync(reportPath, 'utf8'));
  const byFile = new Map(chunks.map((c) => [c.file, c]));
  const entries = chunks.filter((c) => c.isEntry);
  if (entries.length === 0) throw new Error(`${reportPath} lists no entry chunk, so the initial JS cannot be measured.`);

  // Entry chunks plus their static-import closure, in discovery order.
  const initial = [];
  const seen = new Set();
  const queue = entries.map((c) => c.file);
  while (queue.length > 0) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    const chunk = byFile.get(file);
    if (!chunk) throw new Error(`${reportPath} refers to ${file}, which it does not describe.`);
    initial.push(chunk);
    queue.push(...chunk.imports);
  }

  const sizes = new Map(chunks.map((c) => [c.file, gzipBytes(readFileSync(join(distDir, c.file)))]));
  const initialChunks = initial.map((c) => ({ file: c.file, gzipBytes: sizes.get(c.file) }));
  const initialGzipBytes = initialChunks.reduce((sum, c) => sum + c.gzipBytes, 0);
  const totalJsGzipBytes = [...sizes.values()].reduce((sum, n) => sum + n, 0);
  const swPath = join(distDir, 'sw.js');
  const swGzipBytes = existsSync(swPath) ? gzipBytes(readFileSync(swPath)) : null;
  const supabaseInitialChunks = initial.filter(hasSupabase).map((c) => c.file);
  const supabaseChunks = chunks.filter(hasSupabase).map((c) => c.file);

  return {
    initialGzipBytes,
    budgetBytes: BUDGET_BYTES,
    initialChunks,
    supabaseInInitial: supabaseInitialChunks.length > 0,
    supabaseInitialChunks,
    supabaseChunks,
    lazyChunks: chunks.filter((c) => !seen.has(c.file)).map((c) => ({ file: c.file, gzipBytes: sizes.get(c.file) })),
    swGzipBytes,
    totalJsGzipBytes,
  };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

function printTable(m) {
  const rows = [
    ...m.initialChunks.map((c) => ['initial', c.file, kb(c.gzipBytes)]),
    ...m.lazyChunks.map((c) => ['lazy', c.file, kb(c.gzipBytes)]),
    ['', 'initial JS total', `${kb(m.initialGzipBytes)} of ${kb(m.budgetBytes)}`],
    ['', 'all JS chunks', kb(m.totalJsGzipBytes)],
    ['', 'service worker (sw.js)', m.swGzipBytes === null ? 'not found' : kb(m.swGzipBytes)],
  ];
  const w0 = Math.max(4, ...rows.map((r) => r[0].length));
  const w1 = Math.max(5, ...rows.map((r) => r[1].length));
  console.log(`${'load'.padEnd(w0)}  ${'chunk'.padEnd(w1)}  gzip`);
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`);
}

function main() {
  const distDir = process.argv[2] ? resolve(process.argv[2]) : join(repoRoot, 'dist');
  let m;
  try {
    m = measureBundle(distDir);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  printTable(m);
  writeFileSync(
    join(distDir, '.vite', 'budget.json'),
    JSON.stringify(
      {
        initialGzipBytes: m.initialGzipBytes,
        budgetBytes: m.budgetBytes,
        initialChunks: m.initialChunks,
        supabaseInInitial: m.supabaseInInitial,
        swGzipBytes: m.swGzipBytes,
        totalJsGzipBytes: m.totalJsGzipBytes,
      },
      null,
      2,
    ) + '\n',
  );

  const failures = [];
  if (m.initialGzipBytes > m.budgetBytes) {
    failures.push(
      `Initial JS is ${m.initialGzipBytes} bytes gzipped (${kb(m.initialGzipBytes)}), over the ${m.budgetBytes}-byte (${kb(m.budgetBytes)}) budget by ${m.initialGzipBytes - m.budgetBytes} bytes.`,
    );
  }
  if (m.supabaseInInitial) {
    failures.push(`supabase-js is in the initial JS (${m.supabaseInitialChunks.join(', ')}): it must only be loaded through a dynamic import().`);
  }
  if (process.env.MUSTER_EXPECT_SUPABASE_CHUNK === '1' && m.supabaseChunks.length === 0) {
    failures.push('No chunk holds supabase-js modules although MUSTER_EXPECT_SUPABASE_CHUNK=1: the lazy backend chunk is missing from the build.');
  }
  if (failures.length > 0) {
    for (const f of failures) console.error(`Budget check failed: ${f}`);
    process.exit(1);
  }
  console.log(`Budget check passed: initial JS ${kb(m.initialGzipBytes)} gzipped of ${kb(m.budgetBytes)}, no supabase-js in it.`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main();
}
