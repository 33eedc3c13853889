// After one visit, Muster opens and records with no network at all: the browser is offline and
// the server is gone, so everything comes from the service worker's precache and IndexedDB.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addQuickEntry,
  gotoScreen,
  listedEntries,
  openApp,
  verifyLog,
  waitForAppReady,
  waitForServiceWorkerControl,
  type AppSession,
} from './app-driver';

describe('offline', () => {
  let session: AppSession | undefined;

  beforeAll(async () => {
    session = await openApp();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('works with no network after the first visit', async () => {
    const { page, context, server } = session!;
    await waitForServiceWorkerControl(page);

    await context.setOffline(true);
    await server.close();

    // Reload with no network and no server: the Log screen still opens.
    await page.reload();
    await waitForAppReady(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Communication log' }).isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('demo-banner').isVisible()).resolves.toBe(true);

    // Contacts (a lazily loaded screen) are there, grouped, with one-tap call links.
    await gotoScreen(page, 'Contacts');
    const insurance = page.locator('section.contact-group', { has: page.getByRole('heading', { level: 2, name: 'Cyber insurance' }) });
    await insurance.waitFor({ state: 'visible' });
    const call = insurance.getByRole('link', { name: /^Call / }).first();
    expect(await call.getAttribute('href')).toMatch(/^tel:\+?[0-9]+$/);
    expect(await page.getByTestId('contact').count()).toBeGreaterThan(5);

    // Templates: open one, type, the preview follows.
    await gotoScreen(page, 'Templates');
    await page.getByRole('button', { name: /First leadership update/ }).click();
    await page.getByLabel('What happened').fill('Finance mailbox forwarding rule found');
    await expect(page.getByTestId('template-preview').textContent()).resolves.toContain('What happened: Finance mailbox forwarding rule found');

    // Back on the log: twenty quick entries, still offline.
    await gotoScreen(page, 'Log');
    const types = ['internal_update', 'vendor_request', 'leadership_update', 'msp_action'];
    for (let n = 1; n <= 20; n++) {
      await addQuickEntry(page, { type: types[n % types.length]!, who: `Contact ${n}`, summary: `Entry ${n}` });
    }

    // Reload again, still offline with the server stopped: every entry survived, in order.
    await page.reload();
    await waitForAppReady(page);
    await page.getByTestId('log-count').filter({ hasText: '20 entries' }).waitFor();
    const listed = await listedEntries(page);
    expect(listed).toEqual(Array.from({ length: 20 }, (_, i) => ({ seq: 20 - i, summary: `Entry ${20 - i}` })));

    const badge = (await page.getByTestId('outbox-badge').textContent()) ?? '';
    expect(badge).toMatch(/^20 waiting to sync, oldest /);
    expect(badge).toContain('No safe channel configured');

    expect(await verifyLog(page)).toBe('Log intact: 20 entries verified.');
    expect(session!.pageErrors).toEqual([]);
  });
});
