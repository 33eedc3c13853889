// Chat connectors end to end, against `npm start`'s app + embedded backend with the Deno
// functions running: the owner sets up a Mattermost connector whose incoming webhook is a
// stand-in on loopback, "Send test" reaches it, the alternate-channel notice (with a freshly
// generated Jitsi link) is posted and logged, and marking chat compromised pauses posting.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMusterUnderTest, type MusterUnderTest } from '../server/muster-under-test';
import { expectUsableOneHanded } from './a11y-checks';
import { eventually, gotoScreen, joinDemoWorkspace, waitForAppReady } from './app-driver';
import { DIST_DIR, launchBrowser, type LaunchedBrowser } from './browser';

const HOOK_PATH = '/hooks/x7k2mattermostsecret';

interface ChatPost {
  path: string;
  contentType: string | undefined;
  body: unknown;
}

/** Mattermost's incoming webhook stand-in: answers 200 "ok" as Mattermost does, keeps each post. */
async function startMattermost(): Promise<{ server: Server; url: string; received: ChatPost[]; answer: { status: number } }> {
  const received: ChatPost[] = [];
  const answer = { status: 200 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', contentType: req.headers['content-type'], body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') });
      res.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.status === 200 ? 'ok' : 'Not Found');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, answer };
}


describe('posting to the team chat through a connector', () => {
  let muster: MusterUnderTest;
  let chat: Awaited<ReturnType<typeof startMattermost>>;
  let browser: LaunchedBrowser;
  let page: Page;
  /** Every answer the backend gave the phone: none may carry the webhook URL. */
  const backendAnswers: Promise<string>[] = [];

  beforeAll(async () => {
    muster = await startMusterUnderTest('pglite', { supabaseDir: 'supabase', seed: true, root: DIST_DIR, alerts: { tickSeconds: 0 } });
    if (!muster.alerts.enabled) throw new Error(`The Deno functions did not start: ${muster.alerts.offReason}`);
    chat = await startMattermost();
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
    chat?.server.close();
    await muster?.close();
  });

  const integrations = () => page.locator('section[aria-labelledby="integrations-title"]');

  it('asks for sign-in before connectors can be set up', async () => {
    await gotoScreen(page, 'Settings');
    await expect(integrations().getByTestId('integrations-signed-out').textContent()).resolves.toMatch(/Sign in to the Muster backend/);
  });

  it('the owner sets up Mattermost; the webhook URL is stored on the server and never shown back', async () => {
    await joinDemoWorkspace(page);

    await integrations().getByRole('button', { name: 'Set up Mattermost' }).click();
    await integrations().getByLabel('Name').fill('Incident room');
    await integrations().getByLabel('Incoming webhook URL').fill(`${chat.url}${HOOK_PATH}`);
    await expectUsableOneHanded(page, 'Settings › Integrations with the Mattermost form');
    await integrations().getByRole('button', { name: 'Save Mattermost connector' }).click();
    await integrations().getByRole('status').filter({ hasText: 'Mattermost connector saved' }).waitFor();
    // The card reads the list again after the save: its state follows a moment later.
    await eventually(() => integrations().getByTestId('connector-state-mattermost').textContent(), (text) => text === 'Incident room: Set up; nothing posted yet (send a test).', 'the saved connector on its card');

    await integrations().getByRole('button', { name: 'Change the Mattermost setup' }).click();
    await expect(integrations().getByLabel('Incoming webhook URL').inputValue()).resolves.toBe('');
    await expect(page.content()).resolves.not.toContain(HOOK_PATH);
    await integrations().getByRole('button', { name: 'Change the Mattermost setup' }).click();
    await expectUsableOneHanded(page, 'Settings › Integrations');
  });

  it('"Send test" reaches the webhook with {"text": …} and the connector shows as working', async () => {
    await integrations().getByRole('button', { name: 'Send test' }).click();
    await integrations().getByRole('status').filter({ hasText: 'Test posted to Incident room.' }).waitFor({ timeout: 15_000 });
    expect(chat.received).toEqual([{ path: HOOK_PATH, contentType: expect.stringMatching(/^application\/json/), body: { text: expect.stringMatching(/^Muster test for /) } }]);
    await eventually(() => integrations().getByTestId('connector-state-mattermost').textContent(), (text) => /^Incident room: Working: last post /.test(text ?? ''), 'the connector working');
  });

  it('makes the Uptime Kuma webhook address once; a monitor going down there raises one team alert', async () => {
    const card = page.getByTestId('monitoring-webhook');
    await card.getByRole('button', { name: 'Make the webhook address' }).click();
    const address = await card.getByLabel('Webhook address (shown once: copy it now)').inputValue();
    expect(address).toMatch(/\/functions\/v1\/uptime-kuma\?workspace=[0-9a-f-]{36}&secret=[0-9a-f]{64}$/);
    await card.getByTestId('monitoring-status').filter({ hasText: 'Webhook address made' }).waitFor();
    await expectUsableOneHanded(page, 'Settings › Integrations with the webhook address');

    const down = { heartbeat: { monitorID: 9, status: 0, time: '2026-03-02 09:00:00.000', msg: 'timeout' }, monitor: { id: 9, name: 'VPN gateway' }, msg: 'VPN gateway is down' };
    for (const time of ['2026-03-02 09:00:00.000', '2026-03-02 09:01:00.000']) {
      const answer = await fetch(address, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...down, heartbeat: { ...down.heartbeat, time } }) });
      expect(answer.status).toBe(200);
    }
    const raised = await muster.database.query(`select message from public.alert where message like 'Monitor down:%'`);
    expect(raised.rows).toEqual([{ message: 'Monitor down: VPN gateway' }]);
  });

  it('a generated Jitsi link goes into the alternate-channel notice, which is posted to chat and logged with the result', async () => {
    await gotoScreen(page, 'Incident');
    await page.getByRole('link', { name: /Safe channels/ }).first().click();
    await page.getByLabel('Jitsi server').fill('meet.jit.si');
    await page.getByRole('button', { name: 'Generate a Jitsi link' }).click();
    await expect(page.getByTestId('jitsi-warning').textContent()).resolves.toMatch(/Google, GitHub or Facebook/);
    const link = await page.getByLabel('Bridge link (optional)').inputValue();
    expect(link).toMatch(/^https:\/\/meet\.jit\.si\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    await page.getByRole('button', { name: 'Save bridge link' }).click();
    await page.getByRole('status').filter({ hasText: /^Saved, logged as #\d+\.$/ }).waitFor();
    await eventually(() => page.getByTestId('channel-notice').textContent(), (text) => (text ?? '').includes(`Join the bridge: ${link}`), 'the link in the notice');
    await expectUsableOneHanded(page, 'Safe channels with a chat connector');

    await page.getByRole('button', { name: 'Post to Incident room' }).click();
    await page.getByRole('status').filter({ hasText: /^Posted to Incident room, logged as #\d+\.$/ }).waitFor({ timeout: 15_000 });
    const notice = chat.received.at(-1);
    expect(notice).toMatchObject({ path: HOOK_PATH, body: { text: expect.stringContaining(`Join the bridge: ${link}`) } });
    const stored = await muster.database.query('select source, status, incident_id from public.connector_dispatch order by created_at');
    expect(stored.rows).toEqual([
      { source: 'test', status: 'sent', incident_id: null },
      { source: 'alternate_channel', status: 'sent', incident_id: expect.stringMatching(/^INC-/) },
    ]);

    await gotoScreen(page, 'Log');
    const log = await eventually(() => page.locator('main').innerText(), (text) => text.includes('Posted to Mattermost (Incident room):'), 'the post in the log');
    expect(log).toContain(`Join the bridge:`);
  });

  it('a post the chat refuses is shown and logged as not posted', async () => {
    await gotoScreen(page, 'Incident');
    await page.getByRole('link', { name: /Safe channels/ }).first().click();
    chat.answer.status = 404;
    await page.getByRole('button', { name: 'Post to Incident room' }).click();
    await page.getByRole('alert').filter({ hasText: /^Not posted to Incident room: .*HTTP 404.* Logged as #\d+\.$/ }).waitFor({ timeout: 15_000 });
    chat.answer.status = 200;
    const stored = await muster.database.query("select status from public.connector_dispatch where source = 'alternate_channel' order by created_at");
    expect(stored.rows).toEqual([{ status: 'sent' }, { status: 'failed' }]);
    await gotoScreen(page, 'Log');
    await eventually(() => page.locator('main').innerText(), (text) => text.includes('Not posted to Mattermost (Incident room):'), 'the failed post in the log');
  });

  it('no answer from the backend ever carried the webhook URL', async () => {
    const answers = await Promise.all(backendAnswers);
    expect(answers.length).toBeGreaterThan(5);
    expect(answers.filter((text) => text.includes(HOOK_PATH))).toEqual([]);
  });

  it('marking chat compromised pauses the button', async () => {
    await gotoScreen(page, 'Incident');
    await page.getByRole('link', { name: /Safe channels/ }).first().click();
    await page.getByRole('group', { name: 'Chat', exact: true }).locator('label').filter({ hasText: 'Compromised' }).click();
    const button = page.getByRole('button', { name: 'Post to Incident room' });
    await eventually(() => button.isDisabled(), (disabled) => disabled, 'the post button disabled');
    await expect(page.getByText('Paused: chat is marked compromised for this incident').count()).resolves.toBe(1);
    expect(chat.received).toHaveLength(3);
  });
});
