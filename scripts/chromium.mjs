// How Muster drives Debian's Chromium (tests and benchmarks): the flags this machine needs
// (no sandbox as root, no background networking on a closed network) and a fresh profile.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A persistent context (service workers and installability need one) on a new temp profile. */
export async function launchChromium(options = {}) {
  const userDataDir = await mkdtemp(join(tmpdir(), 'muster-chromium-'));
  // Chromium's helper processes can still be flushing files for a moment after close.
  const removeProfile = () => rm(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 360, height: 760 },
      ...options,
    });
  } catch (error) {
    await removeProfile();
    throw error;
  }
  let closing;
  return {
    context,
    userDataDir,
    close() {
      closing ??= context.close().catch(() => undefined).then(removeProfile);
      return closing;
    },
  };
}
