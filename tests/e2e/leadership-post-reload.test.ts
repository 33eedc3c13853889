// Step 2 across a reload, against `npm start`'s app + embedded backend with the Deno functions
// running and a Mattermost incoming-webhook stand-in on loopback: a leadership update is
// marked sent, the page is reloaded (the phone was locked, the tab discarded), and "Post to
// Incident room" is still offered; posting it sends the text that was marked sent, word for
// word, not the draft the form holds now.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMusterUnderTest, type MusterUnderTest } from '../server/muster-under-test';
import { expectUsableOneHanded } from './a11y-checks';
import { eventually, gotoScreen, joinDemoWorkspace, saveDemoConnector, waitForAppReady } from './app-driver';
import { DIST_DIR, launchBrowser, type LaunchedBrowser } from './browser';

const HOOK_PATH = '/hooks/q4n8leadershipsecret';
const CONNECTOR = 'Incident room';

interface ChatPost {
  path: string;
  contentType: string | undefined;
  body: unknown;
}

/** Mattermost's incoming webhook stand-in: answers 200 "ok" as Mattermost does, keeps each post. */
async function startMattermost(): Promise<{ server: Server; url: string; received: ChatPost[] }> {
  const received: ChatPost[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', contentType: req.headers['content-type'], body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}


describe('posting the sent leadership update to chat after a reload', () => {
  let muster: MusterUnderTest;
  let chat: Awaited<ReturnType<typeof startMattermost>>;
  let browser: LaunchedBrowser;
  let page: Page;
  const pageErrors: Error[] = [];
  /** The update exactly as it was when marked sent. */
  let sentText = '';

  beforeAll(async () => {
    muster = await startMusterUnderTest('pglite', { supabaseDir: 'supabase', seed: true, root: DIST_DIR, alerts: { tickSeconds: 0 } });
    if (!muster.alerts.enabled) throw new Error(`The Deno functions did not start: ${muster.alerts.offReason}`);
    chat = await startMattermost();
    browser = await launchBrowser();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (error) => pageErrors.push(error));
    await page.goto(muster.url);
    await waitForAppReady(page);
  }, 90_000);
  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    chat?.server.close();
    await muster?.close();
  });

  async function openLeadershipUpdates(): Promise<void> {
    await gotoScreen(page, 'Incident');
    await page.getByRole('link', { name: /Leadership updates/ }).first().click();
    await page.locator('main h1').filter({ hasText: /Leadership updates/ }).waitFor();
  }

  const postButton = () => page.getByRole('button', { name: `Post to ${CONNECTOR}`, exact: true });
  const updateText = () => page.getByTestId('leadership-update-text').textContent().then((text) => text ?? '');

  it('the owner signs in; a Mattermost connector is set up for the workspace', async () => {
    await joinDemoWorkspace(page);

    await saveDemoConnector(muster, { kind: 'mattermost', name: CONNECTOR, config: {}, secret: { webhook_url: `${chat.url}${HOOK_PATH}` } });
  });

  it('offers no chat post until an update is marked sent, then offers it', async () => {
    await openLeadershipUpdates();
    await page.getByLabel('What systems, users, or data may be affected').fill('The finance mailbox and its forwarding rules');
    await page.getByRole('radio', { name: 'Yes' }).check();
    await page.getByLabel('What immediate actions have been taken').fill('Forwarding rule removed; mailbox password reset');
    await page.getByRole('button', { name: 'In 1 h' }).click();
    await page.getByLabel('How it was sent').selectOption({ label: 'Phone' });
    // Step 2: a draft is not an update leadership has had; chat gets only what was sent.
    await expect(postButton().count()).resolves.toBe(0);

    sentText = await updateText();
    expect(sentText).toContain('Forwarding rule removed; mailbox password reset');
    await page.getByRole('button', { name: 'Mark as sent' }).click();
    await page.getByRole('status').filter({ hasText: /^Logged as #\d+\. Next update due / }).waitFor();
    await postButton().waitFor();
    expect(chat.received).toEqual([]);
  });

  it('after a reload, "Post to Incident room" is still offered while the form holds a new draft', async () => {
    await page.reload();
    await waitForAppReady(page);
    await openLeadershipUpdates();
    await postButton().waitFor();
    // The next update is being written: the draft is no longer the update that was sent.
    await page.getByLabel('What immediate actions have been taken').fill('Forwarding rule removed; all finance passwords being reset');
    await eventually(updateText, (text) => text.includes('all finance passwords being reset'), 'the new draft in the preview');
    expect(await updateText()).not.toBe(sentText);
    await expectUsableOneHanded(page, 'leadership update after a reload');
  });

  it('posting it sends the update that was marked sent, word for word, and logs the post', async () => {
    await postButton().click();
    await page.getByRole('status').filter({ hasText: new RegExp(`^Posted to ${CONNECTOR}, logged as #\\d+\\.$`) }).waitFor({ timeout: 15_000 });
    expect(chat.received).toEqual([{ path: HOOK_PATH, contentType: expect.stringMatching(/^application\/json/), body: { text: sentText } }]);
    const stored = await muster.database.query('select source, status from public.connector_dispatch order by created_at');
    expect(stored.rows).toEqual([{ source: 'leadership_update', status: 'sent' }]);

    await gotoScreen(page, 'Log');
    await page.getByRole('group', { name: 'Whose entries' }).getByRole('button', { name: 'This phone' }).click();
    const entry = page.locator('[data-testid=log-entry]').filter({ hasText: `Posted to Mattermost (${CONNECTOR}):` });
    await eventually(() => entry.count(), (count) => count === 1, 'the post in the log');
    await expect(entry.locator('.entry-text').textContent()).resolves.toBe(`Posted to Mattermost (${CONNECTOR}):\n\n${sentText}`);
  });

  it('after the post and a hand-logged leadership entry, a reload still offers the sent update, not either entry', async () => {
    // A leadership entry logged by hand (a call to the CEO) is no sent update: it is never posted.
    await page.getByRole('button', { name: '+ Log communication' }).click();
    const form = page.locator('form.entry-form');
    await form.getByLabel('Communication type').selectOption('leadership_update');
    await form.getByLabel('Person or organization contacted').fill('CEO');
    await form.getByLabel('Message summary').fill('Called the CEO about the mailbox');
    await form.getByRole('button', { name: 'Save entry' }).click();
    await form.waitFor({ state: 'detached' });
    await page.reload();
    await waitForAppReady(page);
    await openLeadershipUpdates();
    await postButton().click();
    await page.getByRole('status').filter({ hasText: new RegExp(`^Posted to ${CONNECTOR}, logged as #\\d+\\.$`) }).waitFor({ timeout: 15_000 });
    expect(chat.received.map((post) => post.body)).toEqual([{ text: sentText }, { text: sentText }]);
    expect(pageErrors).toEqual([]);
  });
});
