// Shared launcher for the e2e tests and benchmarks: Debian's Chromium (see
// scripts/ensure-chromium.mjs) driven by playwright-core, as a phone-sized touch device, with a
// fresh user-data-dir per launch so service workers, caches and IndexedDB start empty.

import { fileURLToPath } from 'node:url';
import type { chromium } from 'playwright-core';
import { launchChromium, type LaunchedChromium } from '../../scripts/chromium.mjs';
import { startServer, type RunningServer, type StartServerOptions } from '../../scripts/serve.mjs';

export { CHROMIUM_PATH } from '../../scripts/chromium.mjs';
export const DIST_DIR = fileURLToPath(new URL('../../dist', import.meta.url));

type PersistentContextOptions = NonNullable<Parameters<typeof chromium.launchPersistentContext>[1]>;

export type LaunchedBrowser = LaunchedChromium;

/**
 * Launches headless Chromium with a fresh profile, as a 360 px wide touch phone.
 * `overrides` are merged over the defaults (e.g. `{ offline: true }` or another viewport).
 */
export function launchBrowser(overrides: PersistentContextOptions = {}): Promise<LaunchedBrowser> {
  return launchChromium({ deviceScaleFactor: 2, isMobile: true, hasTouch: true, ...overrides });
}

/** Serves the built app (dist/) on a free port on 127.0.0.1. Run `npm run build` first. */
export function startApp(options: StartServerOptions = {}): Promise<RunningServer> {
  return startServer({ port: 0, ...options, root: options.root ?? DIST_DIR });
}
