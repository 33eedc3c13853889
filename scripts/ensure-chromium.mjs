#!/usr/bin/env node
// Makes sure Debian's Chromium is at /usr/bin/chromium for the e2e tests and benchmarks
// (playwright-core never downloads a browser here). Installs it with apt-get when running
// as root on Debian; otherwise explains what to install and exits 1.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
const MISSING = 'Chromium is missing: install Debian\'s chromium package (apt-get install -y chromium) so /usr/bin/chromium exists.';

/** Returns Chromium's version line, or null when it is absent or does not run. */
function chromiumVersion() {
  if (!existsSync(CHROMIUM)) return null;
  try {
    // The Debian wrapper may print harmless shell warnings on stderr; only stdout matters.
    const out = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 });
    return out.trim() || null;
  } catch {
    return null;
  }
}

function aptGetAvailable() {
  return spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
}

function run(command, args) {
  console.log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

let version = chromiumVersion();
if (!version) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const isDebian = existsSync('/etc/debian_version');
  if (isRoot && isDebian && aptGetAvailable()) {
    console.log(existsSync(CHROMIUM) ? `${CHROMIUM} does not run; reinstalling Chromium with apt-get.` : 'Chromium is missing; installing it with apt-get.');
    if (run('apt-get', ['update']) && run('apt-get', ['install', '-y', 'chromium'])) version = chromiumVersion();
  }
}

if (!version) {
  console.error(MISSING);
  process.exit(1);
}
console.log(`Using ${version} at ${CHROMIUM}.`);
