// Shared steps for the e2e tests: serve dist/, open Muster in a phone-sized Chromium, wait for
// the service worker, and drive the UI the way a user would (roles and labels, not internals).

import { vi } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { RunningServer, StartServerOptions } from '../../scripts/serve.mjs';
import type { MusterUnderTest } from '../server/muster-under-test';
import { launchBrowser, startApp, type LaunchedBrowser } from './browser';

export type ScreenName = 'Incident' | 'Log' | 'Contacts' | 'Templates' | 'Settings';

export interface AppSession {
  server: RunningServer;
  browser: LaunchedBrowser;
  context: BrowserContext;
  page: Page;
  /** Page errors (uncaught exceptions) seen so far; a test can assert there were none. */
  pageErrors: Error[];
  /** Closes the browser, then the server. Safe to call twice and after a failed start. */
  close(): Promise<void>;
}

type LaunchOverrides = Parameters<typeof launchBrowser>[0];

/**
 * Serves dist/ and opens the app in a fresh profile, on the Log screen with its data loaded.
 * Everything started is closed by session.close(), also when opening fails half-way.
 */
export async function openApp(options: { server?: StartServerOptions; browser?: LaunchOverrides; hash?: string } = {}): Promise<AppSession> {
  const server = await startApp(options.server);
  let browser: LaunchedBrowser | undefined;
  try {
    browser = await launchBrowser(options.browser);
    const context = browser.context;
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors: Error[] = [];
    page.on('pageerror', (error) => pageErrors.push(error));
    await page.goto(server.url + (options.hash ?? ''));
    await waitForAppReady(page);
    const launched = browser;
    let closing: Promise<void> | undefined;
    return {
      server,
      browser: launched,
      context,
      page,
      pageErrors,
      close() {
        closing ??= (async () => {
          try {
            await launched.close();
          } finally {
            await server.close();
          }
        })();
        return closing;
      },
    };
  } catch (error) {
    await browser?.close().catch(() => {});
    await server.close();
    throw error;
  }
}

/** The app has booted: the bottom navigation is rendered (it replaces "Opening Muster…"). */
export async function waitForAppReady(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).waitFor({ state: 'visible' });
  // The screen's heading is the first thing a user reads; lazy screens show "Opening…" first.
  await page.locator('main h1').first().waitFor({ state: 'visible' });
}

/**
 * Waits until a service worker controls the page. Muster's worker does not claim clients on
 * its first install, so the first visit needs one reload once the worker is active (which also
 * means the precache is complete: a worker activates only after its install step succeeded).
 */
export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
    await page.reload();
    await waitForAppReady(page);
  }
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 });
}

/** Taps a bottom-navigation link and waits for that screen's heading. */
export async function gotoScreen(page: Page, screen: ScreenName): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: screen, exact: true }).click();
  await page.waitForFunction((name) => location.hash === `#${name.toLowerCase()}`, screen);
  if (screen === 'Incident') {
    await page.locator('.incident-screen h1').first().waitFor({ state: 'visible' });
    return;
  }
  const headings: Record<Exclude<ScreenName, 'Incident'>, string> = {
    Log: 'Communication log',
    Contacts: 'Emergency contacts',
    Templates: 'Message templates',
    Settings: 'Settings',
  };
  await page.getByRole('heading', { level: 1, name: headings[screen], exact: true }).waitFor({ state: 'visible' });
}

/** The log entry form (its heading "New log entry" or "Correct or complete entry #N"). */
export function entryForm(page: Page): Locator {
  return page.locator('form.entry-form');
}

/** Opens the entry form from the Log screen ("+ Log communication" or "Continue your entry"). */
export async function openEntryForm(page: Page): Promise<Locator> {
  const form = entryForm(page);
  if (!(await form.isVisible())) {
    await page.getByRole('button', { name: /^(\+ Log communication|Continue your entry)$/ }).click();
  }
  await form.waitFor({ state: 'visible' });
  return form;
}

export interface QuickEntry {
  /** A communication type value, e.g. 'internal_update' or 'vendor_request'. */
  type: string;
  who: string;
  summary: string;
}

/** The cards of the log list, newest first. */
export function logEntries(page: Page): Locator {
  return page.locator('[data-testid=log-entry]');
}

async function topSeq(page: Page): Promise<number> {
  const first = logEntries(page).first();
  if ((await logEntries(page).count()) === 0) return 0;
  return Number(await first.getAttribute('data-seq'));
}

/**
 * Adds a log entry through the quick-entry form (type, who, summary; time left at "now") and
 * waits until it is listed at the top. Returns its sequence number (data-seq).
 */
export async function addQuickEntry(page: Page, entry: QuickEntry): Promise<number> {
  const before = await topSeq(page);
  const form = await openEntryForm(page);
  await form.getByLabel('Communication type').selectOption(entry.type);
  await form.getByLabel('Person or organization contacted').fill(entry.who);
  await form.getByLabel('Message summary').fill(entry.summary);
  await form.getByRole('button', { name: 'Save entry' }).click();
  await form.waitFor({ state: 'detached' });
  let seq = 0;
  await vi.waitFor(
    async () => {
      seq = await topSeq(page);
      if (seq <= before) throw new Error(`the new entry is not listed yet (top is #${seq})`);
      const text = await logEntries(page).first().locator('.entry-text').textContent();
      if (text !== entry.summary) throw new Error(`top entry says ${JSON.stringify(text)}, not ${JSON.stringify(entry.summary)}`);
    },
    { timeout: 10_000, interval: 25 },
  );
  return seq;
}

/** What the list shows, top to bottom: sequence number and summary of every card. */
export async function listedEntries(page: Page): Promise<{ seq: number; summary: string }[]> {
  return logEntries(page).evaluateAll((cards) =>
    cards.map((card) => ({
      seq: Number(card.getAttribute('data-seq')),
      summary: card.querySelector('.entry-text')?.textContent ?? '',
    })),
  );
}

/** Taps "Verify log" and returns the final verdict text (after "Checking…"). */
export async function verifyLog(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Verify log' }).click();
  const result = page.getByTestId('verify-result');
  await vi.waitFor(
    async () => {
      const text = (await result.textContent()) ?? '';
      if (text === '' || text.startsWith('Checking')) throw new Error(`verification still running: ${text}`);
    },
    { timeout: 15_000, interval: 50 },
  );
  return (await result.textContent()) ?? '';
}

/** Polls until `read()` returns a value accepted by `accept`, and returns it. */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, what: string, timeout = 10_000): Promise<T> {
  let last: T | undefined;
  return vi.waitFor(
    async () => {
      last = await read();
      if (!accept(last)) throw new Error(`${what}: last seen ${JSON.stringify(last)}`);
      return last;
    },
    { timeout, interval: 50 },
  );
}

/** Settings › Incident: opens a new incident with its communication owner and deputy (Step 1), and makes it current. */
export async function openNewIncident(page: Page, incident: { title: string; owner: string; deputy: string }): Promise<void> {
  await gotoScreen(page, 'Settings');
  await page.getByLabel('Incident title').fill(incident.title);
  await page.getByLabel('Communication owner').fill(incident.owner);
  await page.getByLabel('Deputy').fill(incident.deputy);
  await page.getByRole('button', { name: 'Open incident' }).click();
  await page.locator('.incident-line').filter({ hasText: incident.title }).waitFor();
}

/** The password the e2e tests give the seed's demo accounts (supabase/seed.sql) when they sign up. */
export const DEMO_PASSWORD = 'correct horse battery';

/**
 * Settings › Sync: signs up as the seed's demo owner or responder (`<role>@demo.muster.test`)
 * and uses Northwind Demo with that role; resolves once the sync card shows.
 */
export async function joinDemoWorkspace(page: Page, role: 'owner' | 'responder' = 'owner'): Promise<void> {
  await gotoScreen(page, 'Settings');
  await page.getByLabel('Email').fill(`${role}@demo.muster.test`);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Create an account' }).click();
  await page.getByRole('button', { name: `Use Northwind Demo (${role})` }).click();
  await page.getByTestId('sync-status').waitFor();
}

/**
 * The demo owner saves a connector on the backend (save_connector), as Settings › Integrations
 * would, for tests about using one; resolves with its id. Call after joinDemoWorkspace.
 */
export async function saveDemoConnector(
  muster: MusterUnderTest,
  connector: { kind: string; name: string; config: Record<string, unknown>; secret: Record<string, unknown> },
): Promise<string> {
  const owner = muster.client();
  const { error: signInError } = await owner.auth.signInWithPassword({ email: 'owner@demo.muster.test', password: DEMO_PASSWORD });
  if (signInError) throw new Error(`The demo owner could not sign in: ${signInError.message}`);
  const { data: workspaces } = await owner.rpc('my_workspaces', {});
  const workspaceId = (workspaces as { id: string; name: string }[] | null)?.find((workspace) => workspace.name === 'Northwind Demo')?.id;
  if (!workspaceId) throw new Error('The demo owner is not in Northwind Demo.');
  const { data, error } = await owner.rpc('save_connector', {
    p_workspace_id: workspaceId,
    p_id: null,
    p_kind: connector.kind,
    p_name: connector.name,
    p_config: connector.config,
    p_secret: connector.secret,
  });
  if (error) throw new Error(`save_connector refused the ${connector.kind} connector: ${error.message}`);
  return data as string;
}
