// A new version of Muster is applied only when the user taps "Update now", and never while
// the entry form holds unsaved text: the reload that activates the new worker would lose it.

import type { Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addQuickEntry,
  entryForm,
  eventually,
  listedEntries,
  openApp,
  openEntryForm,
  waitForAppReady,
  waitForServiceWorkerControl,
  type AppSession,
} from './app-driver';

declare global {
  interface Window {
    __marker?: number;
  }
}

/**
 * Makes the server hand out a new sw.js. Besides the comment that makes it a new version, the
 * appended code answers a 'TEST_VERSION' message, so the test can ask which worker controls it.
 */
function publishNewWorker(session: AppSession): string {
  const version = `v2-${Date.now()}`;
  session.server.setSwSuffix(
    `\n// ${version}\nself.addEventListener('message', (event) => { if (event.data && event.data.type === 'TEST_VERSION') event.ports[0].postMessage(${JSON.stringify(version)}); });\n`,
  );
  return version;
}

async function checkForUpdate(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration?.update();
  });
}

/** The version the controlling worker reports, or 'original' when it does not answer (the build's own sw.js). */
async function controllingVersion(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const controller = navigator.serviceWorker.controller;
        if (!controller) return resolve('none');
        const channel = new MessageChannel();
        channel.port1.onmessage = (event) => resolve(String(event.data));
        setTimeout(() => resolve('original'), 500);
        controller.postMessage({ type: 'TEST_VERSION' }, [channel.port2]);
      }),
  );
}

/**
 * Null when the user can tap `target` (its centre is not under another element) after scrolling
 * it into view or after scrolling to the very bottom; otherwise what covers it.
 */
async function coveredInEveryScrollPosition(page: Page, target: Locator): Promise<string | null> {
  const coveredBy = () =>
    target.evaluate((element) => {
      const box = element.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      if (hit && element.contains(hit)) return null;
      return (hit?.closest('[data-testid], nav, header') ?? hit)?.outerHTML.slice(0, 80) ?? 'nothing (off screen)';
    });
  await target.scrollIntoViewIfNeeded();
  const inView = await coveredBy();
  if (inView === null) return null;
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  return coveredBy();
}

function updatePrompt(page: Page) {
  return page.getByTestId('update-prompt');
}

async function fieldValues(page: Page) {
  const form = entryForm(page);
  return {
    who: await form.getByLabel('Person or organization contacted').inputValue(),
    summary: await form.getByLabel('Message summary').inputValue(),
  };
}

describe('update prompt', () => {
  let session: AppSession | undefined;

  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('an update prompt does not discard a half-typed entry', async () => {
    session = await openApp();
    const { page } = session;
    await waitForServiceWorkerControl(page);
    expect(await controllingVersion(page)).toBe('original');

    const form = await openEntryForm(page);
    await form.getByLabel('Person or organization contacted').fill('Bluebridge IT service desk');
    await form.getByLabel('Message summary').fill('Asked for sign-in logs of the last');
    await page.evaluate(() => {
      window.__marker = 1;
    });

    const version = publishNewWorker(session);
    await checkForUpdate(page);

    const prompt = updatePrompt(page);
    await prompt.waitFor({ state: 'visible', timeout: 15_000 });
    const updateNow = prompt.getByRole('button', { name: 'Update now' });
    expect(await updateNow.isDisabled()).toBe(true);
    expect(await prompt.textContent()).toContain('Save or discard your text first');

    // Nothing was lost and nothing reloaded; the new worker waits for consent.
    expect(await fieldValues(page)).toEqual({ who: 'Bluebridge IT service desk', summary: 'Asked for sign-in logs of the last' });
    expect(await page.evaluate(() => window.__marker)).toBe(1);
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting !== null)).toBe(true);
    expect(await controllingVersion(page)).toBe('original');

    // Finish and save the entry. Submitted from the keyboard (Enter / "Go"): at 360 px the
    // prompt covers the "Save entry" button, which the next test pins down.
    await form.getByLabel('Communication type').selectOption('vendor_request');
    await form.getByLabel('Message summary').fill('Asked for sign-in logs of the last 14 days');
    await form.getByLabel('Person or organization contacted').press('Enter');
    await form.waitFor({ state: 'detached' });
    await eventually(() => listedEntries(page), (rows) => rows[0]?.summary === 'Asked for sign-in logs of the last 14 days', 'the saved entry is listed');

    await eventually(() => updateNow.isEnabled(), Boolean, '"Update now" becomes enabled once the text is saved');
    expect(await prompt.textContent()).not.toContain('Save or discard');

    const reloaded = page.waitForEvent('load');
    await updateNow.click();
    await reloaded;
    await waitForAppReady(page);

    expect(await page.evaluate(() => window.__marker)).toBeUndefined();
    await eventually(() => controllingVersion(page), (seen) => seen === version, 'the new worker controls the page');
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null)).toBeNull();
    expect(await updatePrompt(page).count()).toBe(0);
    const rows = await eventually(() => listedEntries(page), (seen) => seen.length === 1, 'the saved entry is listed after the update');
    expect(rows[0]!.summary).toBe('Asked for sign-in logs of the last 14 days');
    expect(session.pageErrors).toEqual([]);
  });

  it('restores half-typed text after a reload, and keeps the update blocked', async () => {
    session = await openApp();
    const { page } = session;
    await waitForServiceWorkerControl(page);
    await addQuickEntry(page, { type: 'internal_update', who: 'Tom Becker', summary: 'Bridge call opened' });

    const form = await openEntryForm(page);
    await form.getByLabel('Communication type').selectOption('leadership_update');
    await form.getByLabel('Person or organization contacted').fill('Maria Lopez');
    await form.getByLabel('Message summary').fill('Told her the finance mailbox is');
    const typed = { who: 'Maria Lopez', summary: 'Told her the finance mailbox is' };

    // The page is reloaded (or the phone killed the tab): the form reopens with every character.
    await page.reload();
    await waitForAppReady(page);
    await entryForm(page).waitFor({ state: 'visible' });
    expect(await fieldValues(page)).toEqual(typed);

    // Closing the form keeps the text; the log offers to continue it.
    await entryForm(page).getByRole('button', { name: 'Close (keeps text)' }).click();
    const continueEntry = page.getByRole('button', { name: 'Continue your entry' });
    await continueEntry.waitFor({ state: 'visible' });
    expect(await page.getByRole('button', { name: '+ Log communication' }).count()).toBe(0);
    expect((await listedEntries(page)).map((row) => row.summary)).toEqual(['Bridge call opened']);
    await continueEntry.click();
    expect(await fieldValues(page)).toEqual(typed);

    // A new version arrives and the page is reloaded again: the text is back, the update still waits.
    publishNewWorker(session);
    await checkForUpdate(page);
    await updatePrompt(page).waitFor({ state: 'visible', timeout: 15_000 });
    await page.reload();
    await waitForAppReady(page);
    await entryForm(page).waitFor({ state: 'visible' });
    expect(await fieldValues(page)).toEqual(typed);
    await updatePrompt(page).waitFor({ state: 'visible', timeout: 15_000 });
    expect(await updatePrompt(page).getByRole('button', { name: 'Update now' }).isDisabled()).toBe(true);
    expect(await controllingVersion(page)).toBe('original');
    expect(session.pageErrors).toEqual([]);
  });

  it('leaves "Continue your entry" and "Save entry" tappable while the update prompt is shown', async () => {
    session = await openApp();
    const { page } = session;
    await waitForServiceWorkerControl(page);
    const form = await openEntryForm(page);
    await form.getByLabel('Communication type').selectOption('vendor_request');
    await form.getByLabel('Person or organization contacted').fill('Bluebridge IT service desk');
    await form.getByLabel('Message summary').fill('Asked for sign-in logs of the last 14 days');
    await form.getByRole('button', { name: 'Close (keeps text)' }).click();

    publishNewWorker(session);
    await checkForUpdate(page);
    await updatePrompt(page).waitFor({ state: 'visible', timeout: 15_000 });

    // The prompt says "save or discard your text first", so both ways back to the text must be
    // tappable: in some scroll position, no fixed element (the prompt, the bottom navigation)
    // may sit on the button's centre.
    const problems: string[] = [];
    const continueEntry = page.getByRole('button', { name: 'Continue your entry' });
    const covering = await coveredInEveryScrollPosition(page, continueEntry);
    if (covering) problems.push(`"Continue your entry" is covered by ${covering}`);
    await continueEntry.press('Enter'); // reachable by keyboard either way

    const save = entryForm(page).getByRole('button', { name: 'Save entry' });
    await save.waitFor({ state: 'visible' });
    const saveCovering = await coveredInEveryScrollPosition(page, save);
    if (saveCovering) problems.push(`"Save entry" is covered by ${saveCovering}`);
    expect(problems).toEqual([]);

    await save.click({ timeout: 5_000 });
    await entryForm(page).waitFor({ state: 'detached' });
    const updateNow = updatePrompt(page).getByRole('button', { name: 'Update now' });
    await eventually(() => updateNow.isEnabled(), Boolean, '"Update now" enabled after saving');
  });

  it('shows the communication type a restored entry will be saved with', async () => {
    session = await openApp();
    const { page } = session;
    let form = await openEntryForm(page);
    await form.getByLabel('Communication type').selectOption('leadership_update');
    await form.getByLabel('Person or organization contacted').fill('Maria Lopez');
    await form.getByLabel('Message summary').fill('Told her the finance mailbox is');

    // Closed and reopened: the select must still say what was chosen.
    await form.getByRole('button', { name: 'Close (keeps text)' }).click();
    form = await openEntryForm(page);
    expect(await form.getByLabel('Communication type').inputValue(), 'after "Continue your entry"').toBe('leadership_update');

    // Reloaded: the same.
    await page.reload();
    await waitForAppReady(page);
    form = entryForm(page);
    await form.waitFor({ state: 'visible' });
    expect(await form.getByLabel('Communication type').inputValue(), 'after a reload').toBe('leadership_update');
  });
});
