// Settings › Integrations on a 360 px phone, against `npm start`'s app + embedded backend: the
// owner finds each connector kind under its heading (Chat, Status page, Tickets and cases,
// Evidence storage, Monitoring), sets up two Zammad groups and a Nextcloud evidence store
// through the forms, and a refused address is explained next to its field. Sending through
// the connectors is integrations.test.ts's (chat) and the Deno tests' (tickets, uploads).

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMusterUnderTest, type MusterUnderTest } from '../server/muster-under-test';
import { expectUsableOneHanded } from './a11y-checks';
import { eventually, joinDemoWorkspace, waitForAppReady } from './app-driver';
import { DIST_DIR, launchBrowser, type LaunchedBrowser } from './browser';

const ZAMMAD_TOKEN = 'zammad-token-7f3k2q9x';
const NEXTCLOUD_PASSWORD = 'Kq4mP-9xTzW-Lr2nB-Hs7dF-Jv3cY';


describe('setting up ticket and evidence storage connectors', () => {
  let muster: MusterUnderTest;
  let browser: LaunchedBrowser;
  let page: Page;
  /** Every answer the backend gave the phone: none may carry a secret. */
  const backendAnswers: Promise<string>[] = [];

  beforeAll(async () => {
    muster = await startMusterUnderTest('pglite', { supabaseDir: 'supabase', seed: true, root: DIST_DIR });
    browser = await launchBrowser();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('response', (response) => {
      if (/\/(rest|functions)\/v1\//.test(response.url())) backendAnswers.push(response.text().catch(() => ''));
    });
    await page.goto(muster.url);
    await waitForAppReady(page);
  }, 90_000);
  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await muster?.close();
  });

  const integrations = () => page.locator('section[aria-labelledby="integrations-title"]');
  const group = (heading: string) => integrations().getByRole('region', { name: heading, exact: true });
  /** The field (label, control, hint, error) of the control labelled `label`. */
  const fieldOf = (label: string) => integrations().locator('.field', { has: page.getByLabel(label, { exact: true }) });
  const stored = async (kind: string) => (await muster.database.query('select name, config from public.connector where kind = $1 order by created_at', [kind])).rows;

  it('lists every kind under its heading, each not set up, once the owner is signed in', async () => {
    await joinDemoWorkspace(page);

    // Joining the workspace reloads it: wait until the list of its connectors has been read.
    await eventually(
      () => integrations().locator('section[aria-labelledby^="connector-group-"] > h3').allTextContents(),
      (headings) => headings.join('|') === 'Chat|Status page|Tickets and cases|Evidence storage|Monitoring',
      'the connector groups under their headings',
    );
    // The list is read again once the workspace is joined (and may be drawn anew meanwhile):
    // wait for every group's tools at once, not just the headings.
    const tools = async () =>
      Promise.all(['Chat', 'Status page', 'Tickets and cases', 'Evidence storage'].map(async (name) => (await group(name).locator('h4').allTextContents()).join(', ')));
    await eventually(
      tools,
      (listed) => listed.join(' | ') === 'Mattermost, Rocket.Chat, Zulip | Cachet | Zammad, osTicket, GLPI, Jira Service Management, TheHive | Nextcloud',
      'every tool under its heading',
    );
    await expect(group('Monitoring').getByTestId('monitoring-webhook').count()).resolves.toBe(1);
    await eventually(() => group('Tickets and cases').getByTestId('connector-state-zammad').textContent(), (text) => text === 'Not set up.', 'Zammad not set up');
    // Not set up yet: the setup help is open, and reads what to create in the tool.
    await group('Tickets and cases').getByText(/^In Zammad, open your avatar › Profile › Token Access/).waitFor({ state: 'visible' });
    await expectUsableOneHanded(page, 'Settings › Integrations, nothing set up');
  });

  it('refuses an http:// Zammad address and says why next to the address field; nothing is saved', async () => {
    const tickets = group('Tickets and cases');
    await tickets.getByRole('button', { name: 'Set up Zammad' }).click();
    await tickets.getByLabel('Name', { exact: true }).fill('IT security desk');
    await tickets.getByLabel('Zammad address').fill('http://tickets.northwind.example');
    await tickets.getByLabel('Group').fill('IT Security');
    await tickets.getByLabel('Customer e-mail').fill('it-security@northwind.example');
    await tickets.getByLabel('Access token').fill(ZAMMAD_TOKEN);
    await expect(tickets.getByLabel('Access token').getAttribute('type')).resolves.toBe('password');
    await expectUsableOneHanded(page, 'Settings › Integrations with the Zammad form');
    await tickets.getByRole('button', { name: 'Save Zammad connector' }).click();

    const address = tickets.getByLabel('Zammad address');
    const reason = fieldOf('Zammad address').getByRole('alert');
    await expect(reason.textContent()).resolves.toBe('The Zammad address must start with https://.');
    await expect(address.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(address.getAttribute('aria-describedby')).resolves.toBe(await reason.getAttribute('id'));
    await expect(address.evaluate((input) => input === document.activeElement)).resolves.toBe(true);
    expect(await stored('zammad')).toEqual([]);
  });

  it('saves the Zammad connector once the address is https://, listed under Tickets and cases as not checked yet', async () => {
    const tickets = group('Tickets and cases');
    await tickets.getByLabel('Zammad address').fill('https://tickets.northwind.example/#dashboard');
    await tickets.getByRole('button', { name: 'Save Zammad connector' }).click();
    await tickets.getByRole('status').filter({ hasText: 'Zammad connector saved: check the connection to see that it works.' }).waitFor();
    await eventually(
      () => tickets.getByTestId('connector-state-zammad').allTextContents(),
      (texts) => texts.join('|') === 'IT security desk: Set up; not checked yet (check the connection).',
      'the saved Zammad connector under Tickets and cases',
    );
    await expect(tickets.getByRole('button', { name: 'Check connection' }).count()).resolves.toBe(1);
    expect(await stored('zammad')).toEqual([
      { name: 'IT security desk', config: { site: 'https://tickets.northwind.example', group: 'IT Security', customer: 'it-security@northwind.example' } },
    ]);

    // Changing the setup shows the settings back, never the token.
    await tickets.getByRole('button', { name: 'Change the Zammad setup (IT security desk)' }).click();
    await expect(tickets.getByLabel('Group').inputValue()).resolves.toBe('IT Security');
    await expect(tickets.getByLabel('Access token').inputValue()).resolves.toBe('');
    await expect(page.content()).resolves.not.toContain(ZAMMAD_TOKEN);
    await tickets.getByRole('button', { name: 'Change the Zammad setup (IT security desk)' }).click();
  });

  it('adds a second Zammad connector for another group with "Add another Zammad"', async () => {
    const tickets = group('Tickets and cases');
    await tickets.getByRole('button', { name: 'Add another Zammad' }).click();
    await tickets.getByLabel('Name', { exact: true }).fill('Facilities desk');
    await tickets.getByLabel('Zammad address').fill('https://tickets.northwind.example');
    await tickets.getByLabel('Group').fill('Facilities');
    await tickets.getByLabel('Customer e-mail').fill('facilities@northwind.example');
    await tickets.getByLabel('Access token').fill('zammad-token-facilities');
    await tickets.getByRole('button', { name: 'Save Zammad connector' }).click();
    await eventually(
      () => tickets.getByTestId('connector-state-zammad').allTextContents(),
      (texts) => texts.length === 2 && texts[1] === 'Facilities desk: Set up; not checked yet (check the connection).',
      'both Zammad connectors listed',
    );
    expect((await stored('zammad')).map((row) => row.config.group)).toEqual(['IT Security', 'Facilities']);
    // Set up: the help folds away behind its summary.
    await expect(tickets.getByText(/^In Zammad, open your avatar/).isVisible()).resolves.toBe(false);
  });

  it('sets up Nextcloud under Evidence storage; the base folder starts as "Muster"', async () => {
    const evidence = group('Evidence storage');
    await evidence.getByRole('button', { name: 'Set up Nextcloud' }).click();
    await expect(evidence.getByLabel('Base folder').inputValue()).resolves.toBe('Muster');
    await evidence.getByLabel('Name', { exact: true }).fill('Evidence store');
    await evidence.getByLabel('Nextcloud address').fill('https://cloud.northwind.example');
    await evidence.getByLabel('User name').fill('muster bot');
    await evidence.getByLabel('App password').fill(NEXTCLOUD_PASSWORD);
    await expect(evidence.getByLabel('App password').getAttribute('type')).resolves.toBe('password');
    await expectUsableOneHanded(page, 'Settings › Integrations with the Nextcloud form');
    await evidence.getByRole('button', { name: 'Save Nextcloud connector' }).click();
    await expect(fieldOf('User name').getByRole('alert').textContent()).resolves.toMatch(/^Enter the Nextcloud user name .*without spaces/);

    await evidence.getByLabel('User name').fill('muster');
    await evidence.getByRole('button', { name: 'Save Nextcloud connector' }).click();
    await evidence.getByRole('status').filter({ hasText: 'Nextcloud connector saved' }).waitFor();
    await eventually(
      () => evidence.getByTestId('connector-state-nextcloud').textContent(),
      (text) => text === 'Evidence store: Set up; not checked yet (check the connection).',
      'the saved Nextcloud connector under Evidence storage',
    );
    expect(await stored('nextcloud')).toEqual([{ name: 'Evidence store', config: { site: 'https://cloud.northwind.example', user: 'muster', folder: 'Muster' } }]);
    await expect(evidence.getByRole('button', { name: 'Add another Nextcloud' }).count()).resolves.toBe(1);
    await expectUsableOneHanded(page, 'Settings › Integrations with Zammad and Nextcloud set up');
  });

  it('stays on screen while a sync runs: Settings does not blank and redraw on each run', async () => {
    await page.evaluate(() => {
      const w = window as unknown as { integrationsGone: number };
      w.integrationsGone = 0;
      new MutationObserver(() => {
        if (!document.querySelector('[aria-labelledby="integrations-title"]')) w.integrationsGone += 1;
      }).observe(document.body, { subtree: true, childList: true });
    });
    await page.getByRole('button', { name: 'Sync now' }).click();
    await eventually(() => page.getByRole('button', { name: /Sync now|Syncing/ }).textContent(), (text) => text === 'Sync now', 'sync finished', 15_000);
    await page.getByRole('button', { name: 'Sync now' }).click();
    await eventually(() => page.getByRole('button', { name: /Sync now|Syncing/ }).textContent(), (text) => text === 'Sync now', 'sync finished again', 15_000);
    await expect(page.evaluate(() => (window as unknown as { integrationsGone: number }).integrationsGone)).resolves.toBe(0);
  });

  it('no answer from the backend ever carried a token or password', async () => {
    const answers = await Promise.all(backendAnswers);
    expect(answers.length).toBeGreaterThan(3);
    expect(answers.filter((text) => text.includes(ZAMMAD_TOKEN) || text.includes(NEXTCLOUD_PASSWORD))).toEqual([]);
  });
});
