// Team alerts end to end, against `npm start`'s app + embedded backend with the send-alert
// Edge Function running under Deno: the responder turns alerts on (the browser's push
// subscription points at a push service stand-in on loopback, since headless Chromium cannot
// subscribe at a vendor's), the owner alerts the team, the function's Web Push request
// reaches the stand-in and decrypts with the subscription's keys, the push is delivered to
// the responder's real service worker (CDP ServiceWorker.deliverPushMessage), the
// notification's Acknowledge button is pressed, and the owner sees the acknowledgement.

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { decryptPayload, encodeBase64Url } from '../../supabase/functions/_shared/web-push';
import { startMusterUnderTest, type MusterUnderTest } from '../server/muster-under-test';
import { expectUsableOneHanded } from './a11y-checks';
import { eventually, gotoScreen, joinDemoWorkspace, listedEntries, waitForAppReady, waitForServiceWorkerControl } from './app-driver';
import { DIST_DIR, launchBrowser, type LaunchedBrowser } from './browser';

const ALERT = 'Move to the phone bridge now';

interface ReceivedPush {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** The push service stand-in: takes every message (201), keeps it for the test to open. */
async function startPushService(): Promise<{ server: Server; url: string; received: ReceivedPush[] }> {
  const received: ReceivedPush[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(201, { location: `${req.url}/message` }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

/** A phone's push keys: what the browser would make for a subscription (RFC 8291). */
async function subscriptionKeys() {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits'])) as CryptoKeyPair;
  const publicRaw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const auth = crypto.getRandomValues(new Uint8Array(16));
  return { pair, publicRaw, p256dh: encodeBase64Url(publicRaw), auth: encodeBase64Url(auth), authBytes: auth };
}

/**
 * Replaces PushManager's subscribe/getSubscription in the page with a subscription at the
 * stand-in: Chromium's own needs its vendor's push service, which is unreachable here.
 */
async function stubPushManager(context: BrowserContext, subscription: { endpoint: string; p256dh: string; auth: string }): Promise<void> {
  await context.addInitScript((sub) => {
    let current: PushSubscription | null = null;
    const make = () =>
      ({
        endpoint: sub.endpoint,
        expirationTime: null,
        options: { userVisibleOnly: true, applicationServerKey: null },
        getKey: () => null,
        toJSON: () => ({ endpoint: sub.endpoint, expirationTime: null, keys: { p256dh: sub.p256dh, auth: sub.auth } }),
        unsubscribe: async () => {
          current = null;
          return true;
        },
      }) as unknown as PushSubscription;
    PushManager.prototype.subscribe = async function subscribe(options?: PushSubscriptionOptionsInit) {
      if (!options?.userVisibleOnly || !options.applicationServerKey) throw new DOMException('userVisibleOnly and applicationServerKey are required', 'NotAllowedError');
      current = make();
      return current;
    };
    PushManager.prototype.getSubscription = async function getSubscription() {
      return current;
    };
  }, subscription);
}

describe('a team alert from the owner’s phone to the responder’s, and the acknowledgement back', () => {
  let muster: MusterUnderTest;
  let push: Awaited<ReturnType<typeof startPushService>>;
  const browsers: LaunchedBrowser[] = [];

  beforeAll(async () => {
    muster = await startMusterUnderTest('pglite', { supabaseDir: 'supabase', seed: true, root: DIST_DIR, alerts: { tickSeconds: 0 } });
    if (!muster.alerts.enabled) throw new Error(`The send-alert function did not start: ${muster.alerts.offReason}`);
    push = await startPushService();
  }, 90_000);
  afterAll(async () => {
    for (const browser of browsers) await browser.close().catch(() => undefined);
    push?.server.close();
    await muster?.close();
  });

  async function openPhone(prepare?: (context: BrowserContext) => Promise<void>): Promise<{ browser: LaunchedBrowser; page: Page }> {
    const browser = await launchBrowser();
    browsers.push(browser);
    await browser.context.grantPermissions(['notifications'], { origin: muster.url.replace(/\/$/, '') });
    await prepare?.(browser.context);
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(muster.url);
    await waitForAppReady(page);
    await waitForServiceWorkerControl(page);
    return { browser, page };
  }


  async function syncNow(page: Page): Promise<void> {
    await gotoScreen(page, 'Settings');
    await page.getByRole('button', { name: 'Sync now' }).click();
    await eventually(() => page.getByRole('button', { name: /Sync now|Syncing/ }).textContent(), (text) => text === 'Sync now', 'sync finished', 15_000);
  }

  async function openAlerts(page: Page): Promise<void> {
    await gotoScreen(page, 'Incident');
    await page.getByRole('link', { name: /Team alerts/ }).first().click();
    await page.getByRole('heading', { name: 'Alert the team' }).waitFor();
  }


  let responder: { browser: LaunchedBrowser; page: Page };
  let owner: { browser: LaunchedBrowser; page: Page };
  let keys: Awaited<ReturnType<typeof subscriptionKeys>>;

  it('the responder turns alerts on after reading why; the subscription is stored for their account', async () => {
    keys = await subscriptionKeys();
    responder = await openPhone((context) => stubPushManager(context, { endpoint: `${push.url}/push/responder-phone`, p256dh: keys.p256dh, auth: keys.auth }));
    await joinDemoWorkspace(responder.page, 'responder');
    const { page } = responder;
    await page.getByRole('heading', { name: 'Team alerts' }).scrollIntoViewIfNeeded();
    await page.getByRole('button', { name: 'Turn on alerts on this phone' }).click();
    await page.getByTestId('alerts-on').waitFor();
    await expectUsableOneHanded(page, 'settings with alerts on');

    const stored = await muster.database.query('select user_id, endpoint, device_label from public.push_subscription');
    expect(stored.rows).toEqual([{ user_id: '00000000-0000-4000-8000-000000000002', endpoint: `${push.url}/push/responder-phone`, device_label: 'Linux computer' }]);
  });

  let plaintext = '';

  it('the owner alerts the team; the push service gets an encrypted message with nothing but the title and ids', async () => {
    owner = await openPhone();
    await joinDemoWorkspace(owner.page, 'owner');
    await openAlerts(owner.page);
    await owner.page.getByRole('button', { name: ALERT }).click();
    await owner.page.getByRole('button', { name: 'Send alert to the team' }).click();
    await owner.page.getByRole('status').filter({ hasText: 'Alert queued and logged' }).waitFor();
    await expectUsableOneHanded(owner.page, 'team alerts');

    const [message] = await eventually(async () => push.received, (list) => list.length > 0, 'the push message at the push service', 20_000);
    expect(message!.path).toBe('/push/responder-phone');
    expect(message!.headers['content-encoding']).toBe('aes128gcm');
    expect(message!.headers['ttl']).toBeDefined();
    expect(message!.headers['authorization']).toMatch(/^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]+$/);
    const body = await decryptPayload({ body: new Uint8Array(message!.body), subscriptionPrivateKey: keys.pair.privateKey, subscriptionPublic: keys.publicRaw, auth: keys.authBytes });
    plaintext = new TextDecoder().decode(body);
    const payload = JSON.parse(plaintext) as Record<string, unknown>;
    expect(Object.keys(payload).sort()).toEqual(['alert_id', 'incident_id', 'kind', 'round', 'title', 'type', 'v', 'workspace_id']);
    expect(payload).toMatchObject({ v: 1, type: 'alert', incident_id: 'INC-2026-004', title: ALERT, round: 0, kind: 'send' });
    expect(plaintext).not.toMatch(/@|Dana|Tom|\+1 555/);
  });

  it('the responder’s phone shows it with an Acknowledge button; pressing it logs the acknowledgement', async () => {
    const { page, browser } = responder;
    // Synced, the responder's cockpit already says an alert waits for them.
    await syncNow(page);
    await gotoScreen(page, 'Incident');
    await expect(page.getByTestId('cockpit-alerts').textContent()).resolves.toBe('1 waiting for your acknowledgement.');
    const cdp = await browser.context.newCDPSession(page);
    const registrations = new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations: list }) => {
        const found = list.find((registration) => !registration.isDeleted);
        if (found) resolve(found.registrationId);
      });
    });
    await cdp.send('ServiceWorker.enable');
    const registrationId = await registrations;
    await cdp.send('ServiceWorker.deliverPushMessage', { origin: muster.url.replace(/\/$/, ''), registrationId, data: plaintext });
    // Asking for the notifications while the worker is still handling the push gets an empty
    // list from this Chromium on that read and every later one; give the push event a moment.
    await page.waitForTimeout(500);
    const shown = await eventually(
      () =>
        page.evaluate(async () =>
          (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({
            title: n.title,
            body: n.body,
            tag: n.tag,
            actions: (n as Notification & { actions: { title: string }[] }).actions.map((a) => a.title),
          })),
        ),
      (list) => list.length === 1,
      'the alert notification',
    );
    expect(shown).toEqual([{ title: ALERT, body: 'Incident INC-2026-004. Tap Acknowledge so the team knows you saw it.', tag: expect.stringMatching(/^alert:/), actions: ['Acknowledge'] }]);

    // The user taps "Acknowledge" on the notification: the worker gets that click.
    const [worker] = browser.context.serviceWorkers();
    await worker!.evaluate(async () => {
      const scope = self as unknown as ServiceWorkerGlobalScope;
      const [notification] = await scope.registration.getNotifications();
      scope.dispatchEvent(new NotificationEvent('notificationclick', { notification: notification!, action: 'ack' }));
    });

    await gotoScreen(page, 'Log');
    await page.getByRole('button', { name: 'This phone' }).click();
    await eventually(() => listedEntries(page), (list) => list.some((entry) => entry.summary === `Acknowledged team alert: ${ALERT}`), 'the acknowledgement in the log');
    await eventually(() => page.getByTestId('outbox-badge').textContent(), (text) => (text ?? '').startsWith('Nothing waiting to sync'), 'the ack synced', 20_000);
    await gotoScreen(page, 'Incident');
    await expect(page.getByTestId('cockpit-alerts').textContent()).resolves.toBe('Every alert acknowledged.');
  });

  it('the owner sees who acknowledged; nobody is left to remind', async () => {
    const { page } = owner;
    await syncNow(page);
    await openAlerts(page);
    const acks = await eventually(() => page.getByTestId('alert-acks').first().textContent(), (text) => (text ?? '').includes('Tom Becker'), 'the acknowledgement on the owner’s phone', 20_000);
    expect(acks).toMatch(/^Acknowledged \(1\): Tom Becker at /);
    expect(await page.getByTestId('alert-pending').count()).toBe(0);
    // A tick now sends nothing: everyone acknowledged, so there is no reminder to send.
    const before = push.received.length;
    await muster.alerts.tick();
    expect(push.received.length).toBe(before);
  });
});
