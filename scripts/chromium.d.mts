// Types for scripts/chromium.mjs.
import type { BrowserContext, chromium } from 'playwright-core';

type PersistentContextOptions = NonNullable<Parameters<typeof chromium.launchPersistentContext>[1]>;

export const CHROMIUM_PATH: string;
export const CHROMIUM_ARGS: string[];

export interface LaunchedChromium {
  context: BrowserContext;
  /** The temporary user-data-dir (removed by close()). */
  userDataDir: string;
  /** Closes the browser and removes its user-data-dir. */
  close(): Promise<void>;
}

export function launchChromium(options?: PersistentContextOptions): Promise<LaunchedChromium>;
