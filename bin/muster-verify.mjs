#!/usr/bin/env node
// muster-verify: checks a Muster log export (muster-<incident>-<date>.zip) away from the app.
//
//   npx muster-verify export.zip
//
// Prints "export.zip: Intact: N entries, chain head <hash>." and exits 0, or prints one line
// saying what broke (which file, which entry) on stderr and exits 1; exits 2 when the file
// cannot be read or the command is misused.
//
// It runs the app's own verify code (src/domain/export/verify-export.ts), so the two can
// never disagree. Node 20 cannot load TypeScript by itself, so the module goes through
// Vite's module runner (`runnerImport`, the same loader Vite uses for vite.config.ts): run it
// from a checkout of Muster with `npm ci` done. Nothing is written to disk.

import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const USAGE = 'Usage: npx muster-verify <export.zip>';
const args = process.argv.slice(2);

if (args.length !== 1 || args[0] === '-h' || args[0] === '--help') {
  (args.length === 1 ? console.log : console.error)(USAGE);
  process.exit(args.length === 1 ? 0 : 2);
}

const [path] = args;
let bytes;
try {
  bytes = new Uint8Array(await readFile(path));
} catch (error) {
  console.error(`muster-verify: cannot read ${path}: ${error.message}`);
  process.exit(2);
}

const root = fileURLToPath(new URL('..', import.meta.url));
const { runnerImport } = await import('vite');
const { module: verify } = await runnerImport(fileURLToPath(new URL('../src/domain/export/verify-export.ts', import.meta.url)), {
  configFile: false,
  root,
  logLevel: 'silent',
});

const verdict = await verify.verifyExport(bytes);
const line = `${path}: ${verify.describeVerdict(verdict)}`;
if (verdict.intact) {
  console.log(line);
  process.exit(0);
}
console.error(line);
process.exit(1);
