// Tickets end to end, against `npm start`'s app + embedded backend with the Deno functions
// running and a Zammad stand-in on loopback: the owner opens a Zammad ticket from a follow-up,
// sees "Zammad ticket 31001" linked on the card and the log entry, still sees it after a
// reload, adds an update; opens the incident's ticket from the cockpit (the open follow-ups as
// lines, the log as a CSV attachment); a teammate's phone shows that ticket after its sync. The
// responder sends a vendor request from Step 4 and opens its ticket from the request's item: the
// request's asks in the ticket, "Zammad ticket <number>" on the item, the log entry, the backend's row.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMusterUnderTest, type MusterUnderTest } from '../server/muster-under-test';
import { expectUsableOneHanded, tooSmall } from './a11y-checks';
import { eventually, gotoScreen, joinDemoWorkspace, openEntryForm, saveDemoConnector, waitForAppReady } from './app-driver';
import { DIST_DIR, launchBrowser, type LaunchedBrowser } from './browser';

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


describe('tickets in Zammad, opened from Muster', () => {
  let muster: MusterUnderTest;
  let zammad: Awaited<ReturnType<typeof startZammad>>;
  const browsers: LaunchedBrowser[] = [];
  let page: Page;
  /** The responder's phone, signed in by "a teammate's phone shows the incident's ticket". */
  let teammate: Page;
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
    await joinDemoWorkspace(page, 'owner');
    await saveDemoConnector(muster, { kind: 'zammad', name: 'Helpdesk', config: { site: zammad.url, group: 'Users', customer: 'it@northwind.test' }, secret: { token: ZAMMAD_TOKEN } });
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
    teammate = await openPhone();
    await joinDemoWorkspace(teammate, 'responder');
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

  describe('a vendor request’s ticket, on the responder’s phone', () => {
    const VENDOR = 'Contoso IT';
    /** The request as the composer showed it before "Mark as sent". */
    let composed = '';
    let ticketId = 0;
    let ticketNumber = '';
    const vendorItem = () => teammate.getByTestId('vendor-request').filter({ has: teammate.getByRole('heading', { name: VENDOR, exact: true }) });

    async function openEscalationStep(on: Page): Promise<void> {
      await gotoScreen(on, 'Incident');
      await on.getByRole('link', { name: /Escalation and vendor requests/ }).first().click();
      await on.locator('main h1').filter({ hasText: /Escalation and vendor requests/ }).waitFor();
    }

    /** The responder phone's stored vendor request to VENDOR, with the id of its log entry (as sent). */
    const storedRequest = () =>
      teammate.evaluate(
        (vendor) =>
          new Promise<{ id: string; log_entry_id?: string; asks: string[] } | undefined>((resolve, reject) => {
            const open = indexedDB.open('muster');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const request = open.result.transaction('records').objectStore('records').getAll();
              request.onsuccess = () => {
                resolve((request.result as { kind: string; vendor: string; id: string; log_entry_id?: string; asks: string[] }[]).find((record) => record.kind === 'vendor_request' && record.vendor === vendor));
                open.result.close();
              };
            };
          }),
        VENDOR,
      );

    it('composes a vendor request in Step 4 and marks it sent', async () => {
      await openEscalationStep(teammate);
      await teammate.getByRole('button', { name: 'Write a vendor request' }).click();
      const composer = teammate.locator('section.vendor-composer');
      await composer.getByRole('heading', { name: 'New vendor request' }).waitFor();
      await composer.getByLabel('Vendor or MSP').fill(VENDOR);
      await composer.getByLabel('Affected systems').fill('VPN gateway, Microsoft 365');
      await composer.getByLabel('Reply to (a channel that is safe now)').fill('call Tom Becker on +1 202 555 0102');
      await composer.getByLabel('Owner (follows up the reply)').fill('Maria Lopez');
      await composer.getByLabel('How did it go out?').selectOption('portal');
      composed = await eventually(() => composer.getByTestId('vendor-request-preview').innerText(), (text) => text.startsWith(`To: ${VENDOR} support`) && !text.includes('['), 'the composed request');
      await composer.getByRole('button', { name: 'Mark as sent' }).click();
      await teammate.getByRole('status').filter({ hasText: new RegExp(`^Request to ${VENDOR} marked as sent and logged as #\\d+\\.$`) }).waitFor();
      await vendorItem().waitFor();
      await expect(vendorItem().getByText(/^Waiting for a reply, due in /).count()).resolves.toBe(1);
    });

    it('opens a Zammad ticket for the vendor request, with the request’s asks, and links it on the item', async () => {
      const creates = () => zammad.received.filter((request) => request.path === '/api/v1/tickets');
      const before = creates().length;
      // The stand-in numbers its tickets 31001, 32001, …: the next one is the one this opens.
      ticketId = 31 + before;
      ticketNumber = String(ticketId * 1000 + 1);
      await vendorItem().getByRole('button', { name: 'Open a ticket in Zammad' }).click();
      await vendorItem()
        .getByRole('status')
        .filter({ hasText: new RegExp(`^Opened Zammad ticket ${ticketNumber}\\. Logged as #\\d+\\.$`) })
        .waitFor({ timeout: 15_000 });
      expect(creates()).toHaveLength(before + 1);
      const opened = creates().at(-1);
      expect(opened).toMatchObject({
        method: 'POST',
        path: '/api/v1/tickets',
        authorization: `Token token=${ZAMMAD_TOKEN}`,
        body: {
          title: `Vendor request: ${VENDOR}`,
          group: 'Users',
          customer_id: 'guess:it@northwind.test',
          article: { subject: `Vendor request: ${VENDOR}`, type: 'note', internal: false, content_type: 'text/plain', body: expect.any(String) },
        },
      });
      const body = (opened?.body.article as { body: string }).body;
      // The request as the composer wrote it, line by line: whom, which incident, systems and
      // window, then the asks in Step 4's order.
      const lines = composed.split('\n');
      expect(lines.filter((line) => /^\d+\. /.test(line)).map((line) => line.replace(/^\d+\. ([^:]+):.*$/, '$1'))).toEqual([
        'Logs',
        'Access history',
        'Session records',
        'Admin changes',
        'Recovery options',
        'Containment support',
        'Confirmation of actions taken',
      ]);
      // Every line of the request as sent, none cut (the log keeps the whole request).
      const sent = body.split('\n');
      for (const line of lines) expect(sent).toContain(line);
      expect(sent.slice(0, lines.length)).toEqual(lines);
      // What was asked of whom, every ask named, by when and where to reply; and who follows it up.
      expect(body).toMatch(
        /\n\nAction requested: Asked Contoso IT for logs, access history, session records, admin changes, recovery options, containment support and confirmation of actions taken on VPN gateway and Microsoft 365 \(.+\); reply by .+ via call Tom Becker on \+1 202 555 0102\.\nOwner: Maria Lopez$/,
      );

      const link = vendorItem().getByRole('link', { name: `Zammad ticket ${ticketNumber}` });
      await expect(link.getAttribute('href')).resolves.toBe(`${zammad.url}/#ticket/zoom/${ticketId}`);
      await expect(vendorItem().getByRole('button', { name: 'Open a ticket in Zammad' }).count()).resolves.toBe(0);
    });

    it('is usable one-handed at 360 px with the ticket on the item', async () => {
      await vendorItem().scrollIntoViewIfNeeded();
      expect(await tooSmall(vendorItem().locator('button:visible, a:visible, textarea:visible'), 'the vendor request with its ticket')).toEqual([]);
      await expectUsableOneHanded(teammate, 'Step 4 with a vendor request’s ticket');
    });

    it('logs the ticket for the vendor request; the backend keeps it as a ticket for the request’s log entry', async () => {
      await gotoScreen(teammate, 'Log');
      await eventually(
        () => teammate.locator('main').innerText(),
        (text) => text.includes(`Opened Zammad ticket ${ticketNumber} (Helpdesk) for the vendor request to ${VENDOR}`),
        'the vendor request’s ticket in the log',
      );
      const request = await storedRequest();
      expect(request?.log_entry_id).toMatch(/^[0-9a-f-]{36}$/);
      const stored = await muster.database.query(`select status, source, subject, remote_label, remote_url from public.connector_dispatch where remote_label = $1`, [ticketNumber]);
      expect(stored.rows).toEqual([
        { status: 'sent', source: 'ticket', subject: `entry:${request?.log_entry_id}`, remote_label: ticketNumber, remote_url: `${zammad.url}/#ticket/zoom/${ticketId}` },
      ]);
    });
  });

  it('no page error on either phone', () => {
    expect(pageErrors).toEqual([]);
  });
});
