// On a 360 px phone: nothing scrolls sideways, the things a thumb taps are at least 44 px, and
// every control has a name a screen reader can announce.

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tooSmall, unnamedControls, WIDTH } from './a11y-checks';
import { addQuickEntry, entryForm, gotoScreen, openApp, openEntryForm, type AppSession } from './app-driver';


/** Long unbroken text, as pasted from a ticket or a phishing mail, must wrap, not widen the page. */
const LONG_WHO = 'security-operations-centre@bluebridge-managed-services.example.com';
const LONG_SUMMARY = `Forwarded https://portal.example.com/tickets/INC-2026-001/attachments/${'x'.repeat(80)} to the MSP`;

/** The states a user sees: each screen, plus the forms opened from them. */
const VIEWS: { name: string; open(page: Page): Promise<void> }[] = [
  { name: 'Log', open: (page) => gotoScreen(page, 'Log') },
  {
    name: 'Log entry form (all 13 fields)',
    open: async (page) => {
      await gotoScreen(page, 'Log');
      const form = await openEntryForm(page);
      await form.getByRole('button', { name: 'All 13 fields' }).click();
    },
  },
  {
    name: 'Contacts',
    open: async (page) => {
      await gotoScreen(page, 'Contacts');
      await page.getByTestId('contact').first().waitFor();
    },
  },
  { name: 'Templates', open: (page) => gotoScreen(page, 'Templates') },
  {
    name: 'Template composer',
    open: async (page) => {
      await gotoScreen(page, 'Templates');
      await page.getByRole('button', { name: /First leadership update/ }).click();
      await page.getByTestId('template-preview').waitFor();
    },
  },
  {
    name: 'Settings',
    open: async (page) => {
      await gotoScreen(page, 'Settings');
      await page.getByTestId('persistence').waitFor();
    },
  },
];

async function leaveForms(page: Page): Promise<void> {
  // A fresh page per view: forms left open (and their unsaved text) do not leak into the next view.
  await page.goto(new URL('#log', page.url()).href);
  await page.reload();
  await page.getByRole('navigation', { name: 'Screens' }).waitFor();
}

describe('accessibility at 360 px', () => {
  let session: AppSession | undefined;

  beforeAll(async () => {
    session = await openApp();
    await addQuickEntry(session.page, { type: 'vendor_request', who: LONG_WHO, summary: LONG_SUMMARY });
    await addQuickEntry(session.page, { type: 'internal_update', who: 'Tom Becker', summary: 'Bridge call opened' });
  });

  afterAll(async () => {
    await session?.close();
  });

  it('never scrolls sideways', async () => {
    const { page } = session!;
    expect(page.viewportSize()?.width).toBe(WIDTH);
    const overflowing: string[] = [];
    for (const view of VIEWS) {
      await leaveForms(page);
      await view.open(page);
      const widths = await page.evaluate(() => ({ document: document.documentElement.scrollWidth, body: document.body.scrollWidth }));
      if (Math.max(widths.document, widths.body) > WIDTH) overflowing.push(`${view.name}: ${widths.document} px wide`);
    }
    expect(overflowing).toEqual([]);
  });

  it('gives the bottom navigation, the entry form and contact methods targets of at least 44 px', async () => {
    const { page } = session!;
    await leaveForms(page);
    const problems: string[] = [];

    const nav = page.getByRole('navigation', { name: 'Screens' });
    problems.push(...(await tooSmall(nav.getByRole('link'), 'bottom navigation')));
    expect(await nav.getByRole('link').count()).toBe(5);

    await gotoScreen(page, 'Log');
    problems.push(...(await tooSmall(page.getByRole('button', { name: '+ Log communication' }), 'log')));
    const form = await openEntryForm(page);
    problems.push(...(await tooSmall(form.getByRole('button', { name: 'All 13 fields' }), 'entry form')));
    await form.getByRole('button', { name: 'All 13 fields' }).click();
    await form.getByLabel('Message summary').fill('Half-typed');
    problems.push(...(await tooSmall(form.locator('input, select, textarea, button'), 'entry form')));
    expect(await form.locator('input, select, textarea').count()).toBeGreaterThanOrEqual(12);
    await form.getByRole('button', { name: 'Discard this text' }).click();
    await form.getByRole('button', { name: 'Close (keeps text)' }).click();

    await gotoScreen(page, 'Contacts');
    await page.getByTestId('contact').first().waitFor();
    const methods = page.getByTestId('contact').getByRole('link');
    problems.push(...(await tooSmall(methods, 'contact methods')));
    expect(await methods.count()).toBeGreaterThan(10);

    expect(problems).toEqual([]);
  });

  it('names every control for screen readers', async () => {
    const { page } = session!;
    const problems: string[] = [];
    for (const view of VIEWS) {
      await leaveForms(page);
      await view.open(page);
      problems.push(...(await unnamedControls(page)).map((control) => `${view.name}: ${control}`));
    }
    // The same check must see the controls it claims to check.
    await leaveForms(page);
    await VIEWS[1]!.open(page);
    const named = await page.getByRole('combobox', { name: 'Communication type' }).count();
    expect(named).toBe(1);
    expect(problems).toEqual([]);
  });

  it('labels the entry form fields with visible text a user can tap', async () => {
    const { page } = session!;
    await leaveForms(page);
    await VIEWS[1]!.open(page);
    const unlabelled = await entryForm(page)
      .locator('input, select, textarea')
      .evaluateAll((controls) =>
        controls
          .filter((control) => {
            const labels = [...((control as HTMLInputElement).labels ?? [])];
            return !labels.some((label) => label.textContent?.trim() && label.getBoundingClientRect().height > 0);
          })
          .map((control) => control.id || control.outerHTML.slice(0, 60)),
      );
    expect(unlabelled).toEqual([]);
  });
});
