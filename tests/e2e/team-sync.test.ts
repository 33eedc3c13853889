// Three phones against `npm start`'s app + embedded backend (migrations and seed on PGlite):
// a responder logs while offline and comes back online, the owner of the same workspace sees
// the entries in the team log, and a user of another company sees none of them.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startMusterUnderTest, type MusterUnderTest } from '../server/muster-under-test';
import { expectUsableOneHanded } from './a11y-checks';
import { addQuickEntry, eventually, gotoScreen, listedEntries, openNewIncident, waitForAppReady, waitForServiceWorkerControl } from './app-driver';
import { DIST_DIR, launchBrowser, type LaunchedBrowser } from './browser';

const PASSWORD = 'correct horse battery';

interface Phone {
  browser: LaunchedBrowser;
  page: Page;
  errors: Error[];
}

describe('two members of a workspace and an outsider, each on a phone', () => {
  let muster: MusterUnderTest;
  const phones: Phone[] = [];

  async function openPhone(): Promise<Phone> {
    const browser = await launchBrowser();
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const phone = { browser, page, errors: [] as Error[] };
    page.on('pageerror', (error) => phone.errors.push(error));
    phones.push(phone);
    await page.goto(muster.url);
    await waitForAppReady(page);
    await waitForServiceWorkerControl(page);
    return phone;
  }

  /** Settings › Sync: the backend is prefilled (served from this origin); create the account and sign in. */
  async function signUp(page: Page, email: string): Promise<void> {
    await gotoScreen(page, 'Settings');
    await expect(page.getByLabel('Backend address').inputValue()).resolves.toBe(muster.url.replace(/\/$/, ''));
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Create an account' }).click();
    await page.getByTestId('workspace-chooser').waitFor();
  }

  async function syncedBadge(page: Page): Promise<string> {
    return eventually(
      async () => (await page.getByTestId('outbox-badge').textContent()) ?? '',
      (text) => text.startsWith('Nothing waiting to sync'),
      'badge after sync',
      15_000,
    );
  }

  async function syncNow(page: Page): Promise<void> {
    await gotoScreen(page, 'Settings');
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.getByTestId('last-sync').filter({ hasNotText: 'never' }).waitFor();
    await eventually(() => page.getByRole('button', { name: /Sync now|Syncing/ }).textContent(), (text) => text === 'Sync now', 'sync finished', 15_000);
  }

  /** At 360 px: nothing scrolls sideways, every button is a thumb's size, every control has a name. */

  async function teamSummaries(page: Page): Promise<string[]> {
    return page.locator('[data-testid=team-entry] .entry-text').allTextContents();
  }

  beforeAll(async () => {
    muster = await startMusterUnderTest('pglite', { supabaseDir: 'supabase', seed: true, root: DIST_DIR });
  }, 60_000);
  afterAll(async () => {
    for (const phone of phones) await phone.browser.close().catch(() => undefined);
    await muster?.close();
  });

  let responder: Phone;
  let owner: Phone;

  it('the responder joins the seeded workspace: the demo goes, the server incident comes', async () => {
    responder = await openPhone();
    await signUp(responder.page, 'responder@demo.muster.test');
    await responder.page.getByRole('button', { name: 'Use Northwind Demo (responder)' }).click();
    await responder.page.getByTestId('sync-status').waitFor();
    await expect(responder.page.getByTestId('sync-state').textContent()).resolves.toBe('Sync is on.');
    await expect(responder.page.getByTestId('demo-banner').count()).resolves.toBe(0);
    await expect(responder.page.locator('.incident-line').textContent()).resolves.toContain('INC-2026-004');
    await syncedBadge(responder.page);
  });

  it('logs three entries offline; they wait with the reason, and go out when the phone is back online', async () => {
    const { page, browser } = responder;
    await gotoScreen(page, 'Log');
    await page.getByRole('button', { name: 'This phone' }).click();
    await browser.context.setOffline(true);
    for (const n of [1, 2, 3]) await addQuickEntry(page, { type: 'vendor_request', who: 'Bluebridge IT', summary: `Offline call ${n}` });
    const waiting = (await page.getByTestId('outbox-badge').textContent()) ?? '';
    expect(waiting).toMatch(/^3 waiting to sync, oldest .* · Offline$/);

    await browser.context.setOffline(false);

    await syncedBadge(page);
    await page.getByRole('button', { name: 'Team (server)' }).click();
    await eventually(() => teamSummaries(page), (list) => list.length === 3, 'the team log with the three entries');
    expect(await teamSummaries(page)).toEqual(['Offline call 3', 'Offline call 2', 'Offline call 1']);
  });

  it("shows the owner's phone the responder's entries, in the server's order", async () => {
    owner = await openPhone();
    await signUp(owner.page, 'owner@demo.muster.test');
    await owner.page.getByRole('button', { name: 'Use Northwind Demo (owner)' }).click();
    await owner.page.getByTestId('sync-status').waitFor();
    await syncedBadge(owner.page);
    await gotoScreen(owner.page, 'Log');
    await eventually(() => teamSummaries(owner.page), (list) => list.length === 3, "the responder's entries on the owner's phone");
    expect(await teamSummaries(owner.page)).toEqual(['Offline call 3', 'Offline call 2', 'Offline call 1']);
    await expect(owner.page.getByTestId('team-count').textContent()).resolves.toBe('3 entries on the server');
    await expectUsableOneHanded(owner.page, 'team log');

    // The owner's own entry reaches the responder the same way.
    await owner.page.getByRole('button', { name: 'This phone' }).click();
    await addQuickEntry(owner.page, { type: 'leadership_update', who: 'Leadership', summary: 'Bridge call at 10:00' });
    await syncedBadge(owner.page);
    await syncNow(responder.page);
    await gotoScreen(responder.page, 'Log');
    await eventually(() => teamSummaries(responder.page), (list) => list[0] === 'Bridge call at 10:00', "the owner's entry on the responder's phone");
    expect(await listedEntries(responder.page)).toEqual([]);
  });

  it('holds everything while the backend is marked compromised or the user signed out, and loses nothing', async () => {
    const { page } = responder;
    await gotoScreen(page, 'Settings');
    await page.getByTestId('backend-compromised').check();
    await page.getByTestId('sync-state').filter({ hasText: 'Muster backend marked compromised' }).waitFor();
    await gotoScreen(page, 'Log');
    await page.getByRole('button', { name: 'This phone' }).click();
    await addQuickEntry(page, { type: 'internal_update', who: 'Team', summary: 'Moved to the phone bridge' });
    // The marking itself is a logged decision: two entries wait.
    expect(await page.getByTestId('outbox-badge').textContent()).toMatch(/^2 waiting to sync, oldest .* · Muster backend marked compromised$/);

    await gotoScreen(page, 'Settings');
    await expectUsableOneHanded(page, 'sync settings, signed in');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'not on the server yet' }).textContent()).resolves.toContain('2 entries are not on the server yet');
    await page.getByRole('button', { name: 'Sign out, keep them on this phone' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.getByTestId('backend-compromised').uncheck();
    await page.getByTestId('sync-state').filter({ hasText: 'Not signed in to the Muster workspace' }).waitFor();
    expect(await page.getByTestId('outbox-badge').textContent()).toMatch(/^3 waiting to sync, .* · Not signed in to the Muster workspace$/);

    await expect(page.getByLabel('Email').inputValue()).resolves.toBe('responder@demo.muster.test');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('sync-status').waitFor();
    await syncedBadge(page);
    await gotoScreen(page, 'Log');
    await page.getByRole('button', { name: 'Team (server)' }).click();
    await eventually(() => teamSummaries(page), (list) => list[0] === 'Muster backend channel marked safe again: syncing resumes.', 'the held entries on the server');
  });

  it('a user of another company sees none of it, and their own entries stay theirs', async () => {
    const outsider = await openPhone();
    await signUp(outsider.page, 'dana@southwind.example');
    await expect(outsider.page.getByTestId('workspace-chooser').textContent()).resolves.toContain('not a member of any workspace yet');
    await expectUsableOneHanded(outsider.page, 'workspace chooser');
    await outsider.page.getByLabel('Or create your company’s workspace').fill('Southwind');
    await outsider.page.getByRole('button', { name: 'Create workspace (you become its owner)' }).click();
    await outsider.page.getByTestId('sync-status').waitFor();
    await syncNow(outsider.page);

    const held = await outsider.page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('muster');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const count = (store: string) =>
        new Promise<number>((resolve) => {
          const request = db.transaction(store).objectStore(store).count();
          request.onsuccess = () => resolve(request.result);
        });
      const result = { pulled: await count('pulled'), incidents: await count('incidents') };
      db.close();
      return result;
    });
    expect(held).toEqual({ pulled: 0, incidents: 0 });

    // Their own incident and entry sync to their workspace, and never reach Northwind's phones.
    await openNewIncident(outsider.page, { title: 'Phishing wave', owner: 'Dana South', deputy: 'Sam South' });
    await gotoScreen(outsider.page, 'Log');
    await outsider.page.getByRole('button', { name: 'This phone' }).click();
    await addQuickEntry(outsider.page, { type: 'internal_update', who: 'Southwind staff', summary: 'Southwind only' });
    await syncedBadge(outsider.page);
    await outsider.page.getByRole('button', { name: 'Team (server)' }).click();
    // Opening the incident is logged too (Step 1: the owner is a decision).
    await eventually(() => teamSummaries(outsider.page), (list) => list.length === 2 && list[0] === 'Southwind only', "the outsider's own entries");

    await syncNow(owner.page);
    await gotoScreen(owner.page, 'Log');
    await owner.page.getByRole('button', { name: 'Team (server)' }).click();
    const northwind = await eventually(() => teamSummaries(owner.page), (list) => list.length === 7, "the owner's team log");
    expect(northwind.slice(-4)).toEqual(['Bridge call at 10:00', 'Offline call 3', 'Offline call 2', 'Offline call 1']);
    expect(northwind.some((summary) => /Southwind|Phishing wave/.test(summary))).toBe(false);
    for (const phone of phones) expect(phone.errors).toEqual([]);
  });
});
