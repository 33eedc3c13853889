// A call tree on a phone with no network (issue 5): an owner sets it up in Settings (two
// calls, the second with a backup caller and a backup contact), a responder starts it for an
// incident, checks a call off as "No answer" and sees it move to the backup contact, then
// lets a teammate's call run out on a controllable clock and sees it handed over, with an
// alert. Every checkoff is one log entry: who, whom, how, what outcome.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { expectUsableOneHanded } from './a11y-checks';
import { eventually, gotoScreen, listedEntries, openApp, openNewIncident, waitForAppReady, waitForServiceWorkerControl, type AppSession } from './app-driver';

const ME = 'Demo responder';
const TREE = 'Ransomware: first hour';

describe('a call tree, offline', () => {
  let session: AppSession;
  let page: Page;

  beforeAll(async () => {
    session = await openApp();
    page = session.page;
    await waitForServiceWorkerControl(page);
    // The clock is the page's from the next load on: time flows as usual until a test jumps it.
    await page.clock.install();
    await page.reload();
    await waitForAppReady(page);
    await session.context.setOffline(true);
  });
  afterAll(async () => {
    await session?.close();
  });


  function call(index: number): Locator {
    return page.getByTestId('call-node-fields').nth(index);
  }

  function myCall(name: string): Locator {
    return page.getByTestId('my-call').filter({ has: page.getByRole('heading', { name: `Call ${name}` }) });
  }

  function progressOf(name: string): Locator {
    return page.getByTestId('call-node').filter({ has: page.getByText(name, { exact: true }) });
  }

  it('sets up a call tree in Settings, refusing to save it while a call names nobody', async () => {
    await gotoScreen(page, 'Settings');
    await page.getByRole('button', { name: '+ New call tree' }).click();
    await page.getByLabel('Name of the call tree').fill(TREE);
    await call(0).getByLabel('Whom to call').selectOption({ label: 'Maria Lopez (Leadership)' });
    await call(0).getByLabel('Who calls (member name)').fill(ME);
    await call(0).getByRole('button', { name: '+ Backup contact for call 1' }).click();
    await call(0).getByLabel('Backup contact 1 (called if not reached)').selectOption({ label: 'Tom Becker (Leadership)' });
    await page.getByRole('button', { name: '+ Add a call' }).click();

    await page.getByRole('button', { name: 'Save call tree' }).click();
    await page.getByRole('alert').filter({ hasText: 'Not saved: fix what is marked' }).waitFor();
    await expect(call(1).locator('.field-error').textContent()).resolves.toContain('Choose whom this call is to.');
    await expect(call(1).locator('.field-error').textContent()).resolves.toContain('Nobody makes this call');

    await call(1).getByLabel('Whom to call').selectOption({ label: 'Bluebridge IT service desk (MSP)' });
    await expect(call(1).getByLabel('Called', { exact: true }).locator('option:checked').textContent()).resolves.toBe('After call 1 (Maria Lopez)');
    await call(1).getByLabel('Who calls (member name)').fill('Sam Rivera');
    await call(1).getByRole('button', { name: '+ Backup caller for call 2' }).click();
    await call(1).getByLabel('Backup caller 1 (takes over)').fill(ME);
    await call(1).getByRole('button', { name: '+ Backup contact for call 2' }).click();
    await call(1).getByLabel('Backup contact 1 (called if not reached)').selectOption({ label: 'Rapid response hotline (Incident response firm)' });
    await expect(call(1).getByLabel('Minutes before it moves to the backup').inputValue()).resolves.toBe('10');
    await expect(call(1).locator('.field-error').count()).resolves.toBe(0);
    await expectUsableOneHanded(page, 'call-tree editor');

    await page.getByRole('button', { name: 'Save call tree' }).click();
    await page.getByRole('status').filter({ hasText: `Saved ${TREE} (version 1).` }).waitFor();
    await page.getByRole('button', { name: `Edit call tree ${TREE}` }).waitFor();
  });

  it('keeps an edit when another tab saved the tree first, and saves it as the newest version on request', async () => {
    await page.getByRole('button', { name: `Edit call tree ${TREE}` }).click();
    await call(0).getByLabel('Minutes before it moves to the backup').fill('15');

    const other = await session.context.newPage();
    try {
      await other.goto(new URL('#settings', page.url()).href);
      await waitForAppReady(other);
      await other.getByRole('button', { name: `Edit call tree ${TREE}` }).click();
      await other.getByTestId('call-node-fields').nth(0).getByLabel('Minutes before it moves to the backup').fill('12');
      await other.getByRole('button', { name: 'Save call tree' }).click();
      await other.getByRole('status').filter({ hasText: `Saved ${TREE} (version 2).` }).waitFor();
    } finally {
      await other.close();
    }

    await page.getByRole('button', { name: 'Save call tree' }).click();
    await page.getByRole('alert').filter({ hasText: 'Not saved: this call tree was changed since you opened it' }).waitFor();
    await expect(call(0).getByLabel('Minutes before it moves to the backup').inputValue()).resolves.toBe('15');
    await page.getByRole('button', { name: 'Save mine as the newest version' }).click();
    await page.getByRole('status').filter({ hasText: `Saved ${TREE} (version 3).` }).waitFor();
  });

  it('starts the call tree for a new incident, with no network', async () => {
    await openNewIncident(page, { title: 'Ransom note on the file server', owner: 'Tom Becker', deputy: 'Maria Lopez' });
    await gotoScreen(page, 'Incident');
    await page.getByRole('link', { name: /Calls/ }).first().click();
    await page.locator('main h1').filter({ hasText: 'Calls' }).waitFor();
    await page.getByTestId('no-calls').waitFor();
    await page.getByLabel('Call tree to run').selectOption({ label: TREE });
    await page.getByRole('button', { name: 'Start calling (logged)' }).click();

    const maria = myCall('Maria Lopez');
    await maria.waitFor();
    await expect(maria.getByTestId('my-call-due').textContent()).resolves.toMatch(/^Check it off within (15|14) min/);
    await expect(maria.getByRole('link', { name: /^Call Maria Lopez/ }).getAttribute('href')).resolves.toBe('tel:+12025550101');
    await expect(maria.getByRole('link', { name: /^Text Maria Lopez/ }).getAttribute('href')).resolves.toBe('sms:+12025550101');
    await expect(maria.getByLabel('How you called').inputValue()).resolves.toBe('Phone (Mobile)');
    await expect(page.getByTestId('call-progress').textContent()).resolves.toBe('0 reached · 1 pending · 0 failed · 1 waiting');
    await expect(page.getByTestId('call-unreached').textContent()).resolves.toBe('Still unreached: Maria Lopez, Bluebridge IT service desk');
    await expectUsableOneHanded(page, 'calls');
  });

  it('checks a call off as "No answer": the same caller moves on to the backup contact', async () => {
    await myCall('Maria Lopez').getByRole('button', { name: 'No answer: Maria Lopez' }).click();
    const tom = myCall('Tom Becker');
    await tom.waitFor();
    await expect(tom.textContent()).resolves.toContain('Handed to you: Maria Lopez: no answer (Demo responder).');
    await expect(progressOf('Maria Lopez').getByTestId('call-status').textContent()).resolves.toMatch(/^Demo responder is calling Tom Becker since /);

    await tom.getByLabel('Note (optional)').fill('Joining the bridge at 10:30');
    await tom.getByRole('button', { name: 'Reached: Tom Becker' }).click();
    await page.getByTestId('no-calls').waitFor();
    await eventually(() => page.getByTestId('call-progress').textContent(), (text) => text === '1 reached · 1 pending · 0 failed · 0 waiting', 'progress after Tom was reached');
    await expect(progressOf('Bluebridge IT service desk').getByTestId('call-status').textContent()).resolves.toMatch(/^Sam Rivera is calling Bluebridge IT service desk since /);
    await expect(page.getByTestId('call-unreached').textContent()).resolves.toBe('Still unreached: Bluebridge IT service desk');
  });

  it('hands a call nobody checked off to the backup caller once its wait is up, and alerts them', async () => {
    await page.clock.fastForward('10:30');
    const bluebridge = myCall('Bluebridge IT service desk');
    await bluebridge.waitFor({ timeout: 10_000 });
    await expect(bluebridge.textContent()).resolves.toContain('Handed to you: Sam Rivera did not check the call to Bluebridge IT service desk off in time.');
    await expect(page.getByTestId('call-alerts').textContent()).resolves.toContain('A call is yours now: call Bluebridge IT service desk.');
    await expect(progressOf('Bluebridge IT service desk').getByTestId('call-status').textContent()).resolves.toMatch(/^Demo responder is calling Bluebridge IT service desk since /);

    // The alert fires once: it stays dismissed through the next ticks.
    await page.getByTestId('call-alerts').getByRole('button', { name: 'Dismiss' }).click();
    await page.clock.fastForward('00:30');
    await expect(page.getByTestId('call-alerts').count()).resolves.toBe(0);

    await bluebridge.getByRole('button', { name: 'No answer: Bluebridge IT service desk' }).click();
    const hotline = myCall('Rapid response hotline');
    await hotline.waitFor();
    await hotline.getByRole('button', { name: 'Reached: Rapid response hotline' }).click();
    await eventually(() => page.getByTestId('call-progress').textContent(), (text) => text === '2 reached · 0 pending · 0 failed · 0 waiting', 'progress once everyone was reached');
    await page.getByText('Everyone in this call tree is reached.').waitFor();

    const history = progressOf('Bluebridge IT service desk');
    await history.getByText(/History of the call to Bluebridge IT service desk/).click();
    const lines = await history.getByTestId('call-history').locator('li').allTextContents();
    expect(lines.map((line) => line.replace(/^\d{1,2}:\d{2}(\s?[AP]M)?\s/u, ''))).toEqual([
      'Sam Rivera → Bluebridge IT service desk: nothing checked off in time; moved on.',
      'Demo responder → Bluebridge IT service desk, Phone (24/7 security line): No answer',
      'Demo responder → Rapid response hotline, Phone (Hotline): Reached',
    ]);
    await expectUsableOneHanded(page, 'calls, all reached');
  });

  it('logs one entry per checkoff: who called whom, how, with what outcome', async () => {
    await gotoScreen(page, 'Log');
    const summaries = (await listedEntries(page)).map((entry) => entry.summary);
    expect(summaries.slice(0, 5)).toEqual([
      'Demo responder called Rapid response hotline: Reached.',
      'Demo responder called Bluebridge IT service desk: No answer.',
      'Demo responder called Tom Becker: Reached. Joining the bridge at 10:30',
      'Demo responder called Maria Lopez: No answer.',
      `Call tree ${TREE} started`,
    ]);
    const card = page.getByTestId('log-entry').filter({ hasText: 'Demo responder called Maria Lopez: No answer.' });
    await card.getByRole('button').first().click();
    const fields = await card.locator('dl').evaluate((list) => {
      const pairs: Record<string, string> = {};
      list.querySelectorAll('dt').forEach((term) => (pairs[term.textContent ?? ''] = term.nextElementSibling?.textContent ?? ''));
      return pairs;
    });
    expect(fields).toMatchObject({ 'Contact method': 'Phone (Mobile)', Owner: ME });
    await expect(card.locator('.entry-who').textContent()).resolves.toBe('Maria Lopez');
    expect(session.pageErrors).toEqual([]);
  });
});
