// A monitor going down, on a responder's phone (issue 7). First on a phone alone: the monitor
// alert arrives by push (CDP ServiceWorker.deliverPushMessage, with the plaintext send-alert
// sends), the real service worker keeps it and shows the notification, the landing screen
// lists it with Acknowledge and "Open an incident", a tap on the notification opens the
// open-incident form prefilled from it, and the new incident's log says which monitor alert
// it came from. Then end to end against `npm start`'s backend: Uptime Kuma's webhook raises
// the alert, send-alert pushes it (to a push service stand-in, as in push-alerts.test.ts), and
// the incident opened from it reaches the server with its log and the acknowledgement.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptPayload, encodeBase64Url } from '../../supabase/functions/_shared/web-push';
import { DEMO_WORKSPACE_ID } from '../../src/domain/demo-workspace';
import { startMusterUnderTest, type MusterUnderTest } from '../server/muster-under-test';
import { expectUsableOneHanded } from './a11y-checks';
import { eventually, gotoScreen, joinDemoWorkspace, listedEntries, openApp, type AppSession, waitForAppReady, waitForServiceWorkerControl } from './app-driver';
import { DIST_DIR, launchBrowser, type LaunchedBrowser } from './browser';

const VPN = { id: '5f0c2a6e-7b1d-4c3e-9a8f-000000000001', title: 'Monitor down: VPN gateway' };
const MAIL = { id: '5f0c2a6e-7b1d-4c3e-9a8f-000000000002', title: 'Monitor down: Mail server' };

/** What send-alert pushes for an alert the uptime-kuma webhook raised: no incident, only the title and ids. */
const pushText = (alert: { id: string; title: string }) =>
  JSON.stringify({ v: 1, type: 'alert', alert_id: alert.id, workspace_id: DEMO_WORKSPACE_ID, incident_id: null, title: alert.title, round: 0, kind: 'send' });


/** Delivers a push message to the page's service worker, as the push service would. */
async function deliverPush(context: BrowserContext, page: Page, origin: string, text: string): Promise<void> {
  const cdp = await context.newCDPSession(page);
  const registration = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const found = registrations.find((candidate) => !candidate.isDeleted);
      if (found) resolve(found.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.deliverPushMessage', { origin: origin.replace(/\/$/, ''), registrationId: await registration, data: text });
  await cdp.detach();
  // Reading the notifications while the worker still handles the push gets an empty list in this Chromium.
  await page.waitForTimeout(500);
}

/** The user taps the notification itself (not its Acknowledge button): the worker gets that click. */
async function tapNotification(context: BrowserContext, title: string): Promise<void> {
  const [worker] = context.serviceWorkers();
  await worker!.evaluate(async (wanted) => {
    const scope = self as unknown as ServiceWorkerGlobalScope;
    const notification = (await scope.registration.getNotifications()).find((shown) => shown.title === wanted);
    scope.dispatchEvent(new NotificationEvent('notificationclick', { notification: notification!, action: '' }));
  }, title);
}

const monitorCard = (page: Page) => page.locator('section.monitor-alerts');
const alertCard = (page: Page, title: string) => monitorCard(page).getByTestId('monitor-alert').filter({ has: page.getByRole('heading', { name: title }) });

describe('a monitor that went down, from the notification to an incident', () => {
  let session: AppSession;
  let page: Page;

  beforeAll(async () => {
    session = await openApp();
    page = session.page;
    await session.context.grantPermissions(['notifications'], { origin: session.server.url.replace(/\/$/, '') });
    await waitForServiceWorkerControl(page);
  });
  afterAll(async () => {
    await session?.close();
  });

  const deliver = (text: string) => deliverPush(session.context, page, session.server.url, text);
  const tap = (title: string) => tapNotification(session.context, title);
  const notifications = () =>
    page.evaluate(async () =>
      (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({
        title: n.title,
        body: n.body,
        actions: (n as Notification & { actions: { title: string }[] }).actions.map((a) => a.title),
      })),
    );

  it('lists a monitor alert pushed to the phone on the screen a responder lands on with no incident open', async () => {
    await gotoScreen(page, 'Settings');
    await page.getByLabel('Current incident').selectOption('');
    await gotoScreen(page, 'Log');
    expect(await monitorCard(page).count()).toBe(0);

    await deliver(pushText(VPN));

    const shown = await eventually(notifications, (list) => list.length === 1, 'the monitor alert notification');
    expect(shown).toEqual([{ title: VPN.title, body: 'Tap to open an incident for it, or Acknowledge so the team knows you saw it.', actions: ['Acknowledge'] }]);
    const card = alertCard(page, VPN.title);
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain('You have not acknowledged it yet.');
    await expect(card.getByRole('link', { name: 'Open an incident' }).getAttribute('href')).resolves.toBe(`#incident/open?alert=${VPN.id}`);
    await expect(card.getByRole('button', { name: 'Acknowledge' }).isVisible()).resolves.toBe(true);
    await expectUsableOneHanded(page, 'Log with a monitor alert and no incident');
  });

  it('a tap on the notification opens the open-incident form prefilled from the alert', async () => {
    await tap(VPN.title);

    await page.waitForFunction((hash) => location.hash === hash, `#incident/open?alert=${VPN.id}`);
    await page.getByRole('heading', { level: 1, name: 'Open an incident for a monitor alert' }).waitFor();
    await expect(page.getByLabel('Incident title').inputValue()).resolves.toBe(VPN.title);
    await expect(page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Incident', exact: true }).getAttribute('aria-current')).resolves.toBe('page');
    await expectUsableOneHanded(page, 'the open-incident form from a monitor alert');
  });

  it('opening it makes it the current incident and logs which monitor alert it came from; the alert counts as acknowledged', async () => {
    await page.getByLabel('Deputy').fill('Sam Reed');
    await page.getByRole('button', { name: 'Open incident' }).click();

    await page.waitForFunction(() => location.hash === '#incident');
    const heading = page.locator('.incident-screen h1').first();
    await eventually(() => heading.textContent(), (text) => (text ?? '').includes(VPN.title), 'the new incident’s cockpit');
    const incidentId = ((await heading.textContent()) ?? '').split(' ')[0]!;
    expect(incidentId).toMatch(/^INC-\d{4}-\d{3}$/);

    // The cockpit lists the alert still: acknowledged, with its incident open.
    const card = alertCard(page, VPN.title);
    await card.waitFor();
    await eventually(() => card.textContent(), (text) => (text ?? '').includes('You acknowledged at') && (text ?? '').includes(`${incidentId} is open for it.`), 'the alert acknowledged, its incident open');
    expect(await card.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);
    expect(await card.getByRole('link', { name: 'Open an incident' }).count()).toBe(0);
    await expectUsableOneHanded(page, 'the cockpit with a monitor alert');

    await gotoScreen(page, 'Log');
    const summaries = (await eventually(() => listedEntries(page), (list) => list.length >= 2, 'the new incident’s log')).map((entry) => entry.summary);
    expect(summaries[0]).toMatch(/^Opened from the monitor alert “Monitor down: VPN gateway” raised at \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC: monitoring reported VPN gateway down\.$/);
    expect(summaries[1]).toMatch(new RegExp(`^Opened ${incidentId}: Monitor down: VPN gateway\\. Communication owner: .+; deputy: Sam Reed\\.$`));
    // With an incident open, the Log screen is the incident's: the monitor alerts are on its cockpit.
    expect(await monitorCard(page).count()).toBe(0);
  });

  it('on the cockpit, another monitor alert can be acknowledged, and opened from its card', async () => {
    await deliver(pushText(MAIL));
    await gotoScreen(page, 'Incident');
    const card = alertCard(page, MAIL.title);
    await card.waitFor();
    await card.getByRole('button', { name: 'Acknowledge' }).click();
    await eventually(() => card.textContent(), (text) => (text ?? '').includes('You acknowledged at'), 'the acknowledgement on the card');
    await monitorCard(page).getByRole('status').filter({ hasText: `Acknowledged “${MAIL.title}”.` }).waitFor();
    // Newest first.
    await expect(monitorCard(page).getByRole('heading', { level: 3 }).allTextContents()).resolves.toEqual([MAIL.title, VPN.title]);

    await card.getByRole('link', { name: 'Open an incident' }).click();
    await page.getByRole('heading', { level: 1, name: 'Open an incident for a monitor alert' }).waitFor();
    await expect(page.getByLabel('Incident title').inputValue()).resolves.toBe(MAIL.title);
    expect(session.pageErrors).toEqual([]);
  });
});

const NORTHWIND = '00000000-0000-4000-8000-0000000000aa';
const OWNER = '00000000-0000-4000-8000-000000000001';
const WEBHOOK_SECRET = 'e2e0monitor0webhook0secret0'.padEnd(64, '0');

/** The push service stand-in: takes every message (201) and keeps it for the test to open. */
async function startPushService(): Promise<{ server: Server; url: string; received: Buffer[] }> {
  const received: Buffer[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push(Buffer.concat(chunks));
      res.writeHead(201, { location: `${req.url}/message` }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

/** A subscription at the stand-in in place of Chromium's, whose vendor push service is unreachable here (push-alerts.test.ts). */
async function stubPushManager(context: BrowserContext, subscription: { endpoint: string; p256dh: string; auth: string }): Promise<void> {
  await context.addInitScript((sub) => {
    let current: PushSubscription | null = null;
    PushManager.prototype.subscribe = async function subscribe() {
      current = {
        endpoint: sub.endpoint,
        expirationTime: null,
        options: { userVisibleOnly: true, applicationServerKey: null },
        getKey: () => null,
        toJSON: () => ({ endpoint: sub.endpoint, expirationTime: null, keys: { p256dh: sub.p256dh, auth: sub.auth } }),
        unsubscribe: async () => {
          current = null;
          return true;
        },
      } as unknown as PushSubscription;
      return current;
    };
    PushManager.prototype.getSubscription = async function getSubscription() {
      return current;
    };
  }, subscription);
}

describe('Uptime Kuma → backend → the on-call owner’s phone → an incident', () => {
  let muster: MusterUnderTest;
  let push: Awaited<ReturnType<typeof startPushService>>;
  let browser: LaunchedBrowser;
  let page: Page;
  let keys: { pair: CryptoKeyPair; publicRaw: Uint8Array; auth: Uint8Array };

  beforeAll(async () => {
    muster = await startMusterUnderTest('pglite', { supabaseDir: 'supabase', seed: true, root: DIST_DIR, alerts: { tickSeconds: 0 } });
    if (!muster.alerts.enabled) throw new Error(`The send-alert function did not start: ${muster.alerts.offReason}`);
    push = await startPushService();
    const pair = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits'])) as CryptoKeyPair;
    keys = { pair, publicRaw: new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)), auth: crypto.getRandomValues(new Uint8Array(16)) };
    browser = await launchBrowser();
    await browser.context.grantPermissions(['notifications'], { origin: muster.url.replace(/\/$/, '') });
    await stubPushManager(browser.context, { endpoint: `${push.url}/push/owner-phone`, p256dh: encodeBase64Url(keys.publicRaw), auth: encodeBase64Url(keys.auth) });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(muster.url);
    await waitForAppReady(page);
    await waitForServiceWorkerControl(page);
  }, 90_000);
  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    push?.server.close();
    await muster?.close();
  });

  async function syncNow(): Promise<void> {
    await gotoScreen(page, 'Settings');
    await page.getByRole('button', { name: 'Sync now' }).click();
    await eventually(() => page.getByRole('button', { name: /Sync now|Syncing/ }).textContent(), (text) => text === 'Sync now', 'sync finished', 15_000);
  }

  let alertId = '';

  it('a monitor going down in Uptime Kuma reaches the phone as a monitor alert, offering an incident', async () => {
    await gotoScreen(page, 'Settings');
    // The owner is on call: only owners and communication owners may open incidents on the server.
    await joinDemoWorkspace(page);
    await page.getByRole('heading', { name: 'Team alerts' }).scrollIntoViewIfNeeded();
    await page.getByRole('button', { name: 'Turn on alerts on this phone' }).click();
    await page.getByTestId('alerts-on').waitFor();
    // Nobody is on call yet: a monitor alert would ring everyone. The owner takes the call.
    await eventually(() => page.getByTestId('on-call-now').textContent(), (text) => text === 'Nobody is on call: monitor alerts ring everyone.', 'nobody on call');
    await page.getByRole('checkbox', { name: 'I am on call: monitor alerts ring me' }).check();
    await eventually(() => page.getByTestId('on-call-now').textContent(), (text) => /^On call now: .+\.$/.test(text ?? ''), 'the owner on call');
    expect((await muster.database.query('select count(*)::int as n from public.member where workspace_id = $1 and on_call', [NORTHWIND])).rows).toEqual([{ n: 1 }]);
    await expectUsableOneHanded(page, 'Settings › Team alerts with On call');

    // The owner set up the webhook (Settings › Integrations, integrations.test.ts); only its hash is stored.
    await muster.database.query(`insert into public.monitor_webhook_secret (workspace_id, secret_hash) values ($1, encode(sha256(convert_to($2, 'UTF8')), 'hex'))`, [NORTHWIND, WEBHOOK_SECRET]);
    const webhook = `${muster.base}/functions/v1/uptime-kuma?workspace=${NORTHWIND}&secret=${WEBHOOK_SECRET}`;
    const down = { heartbeat: { monitorID: 9, status: 0, time: '2026-03-02 09:00:00.000', msg: 'timeout' }, monitor: { id: 9, name: 'VPN gateway' }, msg: 'VPN gateway is down' };
    const answer = await fetch(webhook, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(down) });
    expect(answer.status).toBe(200);
    alertId = ((await answer.json()) as { alert_id: string }).alert_id;

    await muster.alerts.tick();
    const [message] = await eventually(async () => push.received, (list) => list.length > 0, 'the push message at the push service', 20_000);
    // It rang the member on call only, not the whole team.
    expect((await muster.database.query('select recipients from public.alert_round where alert_id = $1 and round = 0', [alertId])).rows).toEqual([{ recipients: 1 }]);
    const plaintext = new TextDecoder().decode(await decryptPayload({ body: new Uint8Array(message!), subscriptionPrivateKey: keys.pair.privateKey, subscriptionPublic: keys.publicRaw, auth: keys.auth }));
    expect(JSON.parse(plaintext)).toMatchObject({ type: 'alert', alert_id: alertId, workspace_id: NORTHWIND, incident_id: null, title: 'Monitor down: VPN gateway' });
    await deliverPush(browser.context, page, muster.url, plaintext);

    // The seeded INC-2026-004 is open: the alert is on its cockpit.
    await gotoScreen(page, 'Incident');
    const card = alertCard(page, 'Monitor down: VPN gateway');
    await card.waitFor();
    await expect(card.getByRole('link', { name: 'Open an incident' }).isVisible()).resolves.toBe(true);
    await expectUsableOneHanded(page, 'the cockpit with a monitor alert from Uptime Kuma');
  });

  it('the incident opened from it, its log entry saying where it came from, and the acknowledgement reach the server', async () => {
    await tapNotification(browser.context, 'Monitor down: VPN gateway');
    await page.getByRole('heading', { level: 1, name: 'Open an incident for a monitor alert' }).waitFor();
    await expect(page.getByLabel('Incident title').inputValue()).resolves.toBe('Monitor down: VPN gateway');
    await page.getByLabel('Communication owner').fill('Dana Owner');
    await page.getByLabel('Deputy').fill('Tom Becker');
    await page.getByRole('button', { name: 'Open incident' }).click();
    await eventually(() => page.evaluate(() => `${location.hash} ${document.querySelector('main')?.textContent}`), (text) => text.startsWith('#incident '), 'the cockpit');
    await eventually(() => page.locator('.incident-screen h1').first().textContent(), (text) => (text ?? '').includes('Monitor down: VPN gateway'), 'the new incident’s cockpit');

    await syncNow();
    const acks = await eventually(
      async () => (await muster.database.query(`select user_id from public.alert_ack where alert_id = $1`, [alertId])).rows,
      (rows) => rows.length === 1,
      'the acknowledgement on the server',
      20_000,
    );
    expect(acks).toEqual([{ user_id: OWNER }]);
    const logged = await eventually(
      async () => (await muster.database.query(`select message_summary from public.log_entry where message_summary like 'Opened from the monitor alert%'`)).rows,
      (rows) => rows.length > 0,
      'the log entry on the server',
    );
    expect(logged).toEqual([{ message_summary: expect.stringMatching(/^Opened from the monitor alert “Monitor down: VPN gateway” raised at .+ UTC: monitoring reported VPN gateway down\.$/) }]);
  });
});
