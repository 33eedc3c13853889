// Tickets end to end, against `npm start`'s app + embedded backend with the Deno functions
// running and a Zammad stand-in on loopback: the owner opens a Zammad ticket from a follow-up,
// sees "Zammad ticket 31001" linked on the card and the log entry, still sees it after a
// reload, adds an update; opens the incident's ticket from the cockpit (the open follow-ups as
// lines, the log as a CSV attachment); a teammate's phone shows that ticket after its sync.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMusterUnderTest, type MusterUnderTest } from '../server/muster-under-test';
import { sidewaysOverflow, tooSmall, unnamedControls } from './a11y-checks';
import { eventually, gotoScreen, openEntryForm, waitForAppReady } from './app-driver';
import { DIST_DIR, launchBrowser, type LaunchedBrowser } from './browser';

const PASSWORD = 'correct horse battery';
const ZAMMAD_TOKEN = 'zt-9f3k2m7q5w';
const FOLLOW_UP = 'Ask Contoso for the VPN gateway logs since Friday';

interface ZammadRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
}

/** Zammad's REST API stand-in: tickets get ids 31, 32, … numbered 31001, 31002, …; articles are taken. */
async function startZammad(): Promise<{ server: Server; url: string; received: ZammadRequest[] }> {
  const received: ZammadRequest[] = [];
  let next = 31;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      received.push({ method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization, body });
      const answer = (status: number, json: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      if (req.headers.authorization !== `Token token=${ZAMMAD_TOKEN}`) return answer(401, { error: 'authentication failed' });
      if (req.method === 'POST' && req.url === '/api/v1/tickets') {
        const id = next++;
        return answer(201, { id, number: String(id * 1000 + 1), title: body.title });
      }
      if (req.method === 'POST' && req.url === '/api/v1/ticket_articles') return answer(201, { id: 900 + received.length, ticket_id: body.ticket_id });
      return answer(404, { error: 'no route' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

async function expectUsableOneHanded(page: Page, view: string): Promise<void> {
  expect(await sidewaysOverflow(page), `${view} scrolls sideways`).toBe(0);
  expect(await tooSmall(page.locator('main button:visible, main a.ticket-link:visible, main textarea:visible'), view)).toEqual([]);
  expect(await unnamedControls(page)).toEqual([]);
}

describe('tickets in Zammad, opened from Muster', () => {
  let muster: MusterUnderTest;
  let zammad: Awaited<ReturnType<typeof startZammad>>;
  const browsers: LaunchedBrowser[] = [];
  let page: Page;
  const pageErrors: Error[] = [];

  async function openPhone(): Promise<Page> {
    const browser = await launchBrowser();
    browsers.push(browser);
    const opened = browser.context.pages()[0] ?? (await browser.context.newPage());
    opened.on('pageerror', (error) => pageErrors.push(error));
    await opened.goto(muster.url);
    await waitForAppReady(opened);
    return opened;
  }

  async function signIn(on: Page, email: string, role: string): Promise<void> {
    await gotoScreen(on, 'Settings');
    await on.getByLabel('Email').fill(email);
    await on.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await on.getByRole('button', { name: 'Create an account' }).click();
    await on.getByRole('button', { name: `Use Northwind Demo (${role})` }).click();
    await on.getByTestId('sync-status').waitFor();
  }

  async function syncNow(on: Page): Promise<void> {
    await gotoScreen(on, 'Settings');
    await on.getByRole('button', { name: 'Sync now' }).click();
    await on.getByTestId('last-sync').filter({ hasNotText: 'never' }).waitFor();
    await eventually(() => on.getByRole('button', { name: /Sync now|Syncing/ }).textContent(), (text) => text === 'Sync now', 'sync finished', 15_000);
  }

  async function openFollowUps(on: Page): Promise<void> {
    await gotoScreen(on, 'Incident');
    await on.getByRole('link', { name: /Decisions and follow-ups/ }).first().click();
    await on.locator('#follow-ups-title').waitFor();
  }

  const followUpCard = (text = FOLLOW_UP) => page.locator('li.follow-up').filter({ hasText: text });

  async function logFollowUp(text: string): Promise<void> {
    await gotoScreen(page, 'Log');
    const form = await openEntryForm(page);
    await form.getByRole('button', { name: 'All 13 fields' }).click();
    await form.getByLabel('Communication type').selectOption('vendor_request');
    await form.getByLabel('Person or organization contacted').fill('Contoso IT');
    await form.getByLabel('Message summary').fill('Called Contoso about the VPN gateway.');
    await form.getByLabel('Owner (who made the contact / owns the follow-up)').fill('Tom Becker');
    await form.getByLabel('Follow-up required (leave empty if none)').fill(text);
    await form.getByRole('button', { name: 'Save entry' }).click();
    await form.waitFor({ state: 'detached' });
  }

  beforeAll(async () => {
    muster = await startMusterUnderTest('pglite', { supabaseDir: 'supabase', seed: true, root: DIST_DIR, alerts: { tickSeconds: 0 } });
    if (!muster.alerts.enabled) throw new Error(`The Deno functions did not start: ${muster.alerts.offReason}`);
    zammad = await startZammad();
    page = await openPhone();
  }, 90_000);
  afterAll(async () => {
    for (const browser of browsers) await browser.close().catch(() => undefined);
    zammad?.server.close();
    await muster?.close();
  });

  it('the owner signs in; a Zammad connector is set up for the workspace', async () => {
    await signIn(page, 'owner@demo.muster.test', 'owner');
    const owner = muster.client();
    const { error: signInError } = await owner.auth.signInWithPassword({ email: 'owner@demo.muster.test', password: PASSWORD });
    expect(signInError).toBeNull();
    const { data: workspaces } = await owner.rpc('my_workspaces', {});
    const workspaceId = (workspaces as { id: string; name: string }[]).find((workspace) => workspace.name === 'Northwind Demo')?.id;
    const { error } = await owner.rpc('save_connector', {
      p_workspace_id: workspaceId,
      p_id: null,
      p_kind: 'zammad',
      p_name: 'Helpdesk',
      p_config: { site: zammad.url, group: 'Users', customer: 'it@northwind.test' },
      p_secret: { token: ZAMMAD_TOKEN },
    });
    expect(error).toBeNull();
  });

  it('opens a Zammad ticket from a follow-up and shows "Zammad ticket 31001" linked on its card', async () => {
    await logFollowUp(FOLLOW_UP);
    await openFollowUps(page);
    await followUpCard().getByRole('button', { name: 'Open a ticket in Zammad' }).click();
    await followUpCard().getByRole('status').filter({ hasText: /^Opened Zammad ticket 31001\. Logged as #\d+\.$/ }).waitFor({ timeout: 15_000 });

    const link = followUpCard().getByRole('link', { name: 'Zammad ticket 31001' });
    await expect(link.getAttribute('href')).resolves.toBe(`${zammad.url}/#ticket/zoom/31`);
    await expect(link.getAttribute('target')).resolves.toBe('_blank');
    await expect(link.getAttribute('rel')).resolves.toBe('noopener');
    await expect(followUpCard().getByRole('button', { name: 'Open a ticket in Zammad' }).count()).resolves.toBe(0);

    expect(zammad.received).toHaveLength(1);
    const [opened] = zammad.received;
    expect(opened).toMatchObject({
      method: 'POST',
      path: '/api/v1/tickets',
      authorization: `Token token=${ZAMMAD_TOKEN}`,
      body: {
        title: `Follow-up: ${FOLLOW_UP}`,
        group: 'Users',
        customer_id: 'guess:it@northwind.test',
        article: { subject: `Follow-up: ${FOLLOW_UP}`, type: 'note', internal: false, content_type: 'text/plain', body: expect.stringContaining(FOLLOW_UP) },
      },
    });
    expect((opened?.body.article as { body: string }).body).toMatch(/Owner: Tom Becker\nDeadline: none set/);
    await expectUsableOneHanded(page, 'a follow-up with its ticket');
  });

  it('logs the ticket with its number and link, and the backend keeps it as a sent ticket for the follow-up', async () => {
    await gotoScreen(page, 'Log');
    const log = await eventually(() => page.locator('main').innerText(), (text) => text.includes('Opened Zammad ticket 31001 (Helpdesk) for follow-up #'), 'the ticket in the log');
    expect(log).toContain(`Follow-up: ${FOLLOW_UP}`);
    const stored = await muster.database.query(`select status, subject, remote_id, remote_label, remote_url from public.connector_dispatch where source = 'ticket'`);
    expect(stored.rows).toEqual([{ status: 'sent', subject: expect.stringMatching(/^entry:[0-9a-f-]{36}$/), remote_id: '31', remote_label: '31001', remote_url: `${zammad.url}/#ticket/zoom/31` }]);
  });

  it('still shows the ticket on the follow-up after a reload', async () => {
    await page.reload();
    await waitForAppReady(page);
    await openFollowUps(page);
    await followUpCard().getByRole('link', { name: 'Zammad ticket 31001' }).waitFor();
  });

  it('adds an update to the ticket, as an internal note, and logs it', async () => {
    await followUpCard().getByRole('button', { name: 'Add an update to Zammad ticket 31001' }).click();
    const update = followUpCard().getByLabel('Update for Zammad ticket 31001');
    await expect(update.inputValue()).resolves.toContain(FOLLOW_UP);
    await update.fill('Contoso sent the VPN logs; the MSP is reading them.');
    await expectUsableOneHanded(page, 'a follow-up with its update form');
    await followUpCard().getByRole('button', { name: 'Send update' }).click();
    await followUpCard().getByRole('status').filter({ hasText: /^Update added to Zammad ticket 31001\. Logged as #\d+\.$/ }).waitFor({ timeout: 15_000 });

    expect(zammad.received.at(-1)).toMatchObject({
      method: 'POST',
      path: '/api/v1/ticket_articles',
      authorization: `Token token=${ZAMMAD_TOKEN}`,
      body: { ticket_id: 31, body: 'Contoso sent the VPN logs; the MSP is reading them.', type: 'note', internal: true, content_type: 'text/plain' },
    });
    await gotoScreen(page, 'Log');
    await eventually(() => page.locator('main').innerText(), (text) => text.includes('Added an update to Zammad ticket 31001 (Helpdesk)'), 'the update in the log');
  });

  it('opens the incident’s ticket from the cockpit with the open follow-ups and the log as CSV', async () => {
    await gotoScreen(page, 'Incident');
    const card = page.getByTestId('ticket-card');
    await card.getByRole('heading', { name: 'Ticket' }).waitFor();
    await card.getByRole('button', { name: 'Open a ticket in Zammad' }).click();
    await card.getByRole('status').filter({ hasText: /^Opened Zammad ticket 32001\./ }).waitFor({ timeout: 15_000 });
    await card.getByRole('link', { name: 'Zammad ticket 32001' }).waitFor();

    const opened = zammad.received.at(-1);
    expect(opened?.body).toMatchObject({ title: expect.stringMatching(/^INC-2026-004: /) });
    const article = opened?.body.article as { body: string; attachments?: { filename: string; data: string; 'mime-type': string }[] };
    expect(article.body).toMatch(/^Security incident INC-2026-004: /);
    for (const line of ['Type: ', 'Severity: ', 'Started: detected ', 'Affected systems: ', 'Current status: open']) expect(article.body).toContain(line);
    expect(article.body).toContain(`- ${FOLLOW_UP}`);
    expect(article.attachments).toEqual([{ filename: 'INC-2026-004-log.csv', data: expect.any(String), 'mime-type': 'text/csv' }]);
    const csv = Buffer.from(article.attachments?.[0]?.data ?? '', 'base64').toString('utf8');
    expect(csv).toContain('Opened Zammad ticket 31001 (Helpdesk)');
    await expectUsableOneHanded(page, 'the cockpit with the ticket card');
  });

  it('a teammate’s phone shows the incident’s ticket after its sync', async () => {
    const teammate = await openPhone();
    await signIn(teammate, 'responder@demo.muster.test', 'responder');
    await syncNow(teammate);
    await gotoScreen(teammate, 'Incident');
    const card = teammate.getByTestId('ticket-card');
    const link = card.getByRole('link', { name: 'Zammad ticket 32001' });
    await link.waitFor({ timeout: 15_000 });
    await expect(link.getAttribute('href')).resolves.toBe(`${zammad.url}/#ticket/zoom/32`);
    // The follow-up's ticket is for an entry on the owner's phone only: it is not the incident's.
    await expect(card.getByRole('link', { name: 'Zammad ticket 31001' }).count()).resolves.toBe(0);
  });

  it('a ticket asked for while offline is kept, and "Try again" opens it once, under the same dispatch id', async () => {
    const offlineFollowUp = 'Confirm with the MSP that the admin sessions were revoked';
    await logFollowUp(offlineFollowUp);
    await openFollowUps(page);
    const card = followUpCard(offlineFollowUp);
    const creates = () => zammad.received.filter((request) => request.path === '/api/v1/tickets').length;
    const before = creates();

    await browsers[0]!.context.setOffline(true);
    await card.getByRole('button', { name: 'Open a ticket in Zammad' }).click();
    await card.getByRole('alert').filter({ hasText: /^Not sent: no answer from the Muster backend .*Kept on this phone: Try again/ }).waitFor({ timeout: 15_000 });
    await card.getByText('Zammad ticket (Helpdesk): not confirmed yet').waitFor();
    const pending = await page.evaluate(
      () =>
        new Promise<{ id: string; status: string }[]>((resolve, reject) => {
          const open = indexedDB.open('muster');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const request = open.result.transaction('tickets').objectStore('tickets').getAll();
            request.onsuccess = () => {
              resolve((request.result as { id: string; status: string }[]).filter((ticket) => ticket.status !== 'sent'));
              open.result.close();
            };
          };
        }),
    );
    expect(pending).toHaveLength(1);

    await browsers[0]!.context.setOffline(false);
    await card.getByRole('button', { name: 'Try again' }).click();
    await card.getByRole('status').filter({ hasText: /^Opened Zammad ticket 33001\./ }).waitFor({ timeout: 15_000 });
    await card.getByRole('link', { name: 'Zammad ticket 33001' }).waitFor();
    expect(creates()).toBe(before + 1);
    const stored = await muster.database.query(`select id::text from public.connector_dispatch where remote_label = '33001'`);
    expect(stored.rows).toEqual([{ id: pending[0]?.id }]);
  });

  it('no page error on either phone', () => {
    expect(pageErrors).toEqual([]);
  });
});
