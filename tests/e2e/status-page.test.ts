// Publishing an approved public statement on the status page, end to end (Step 6, issue 7),
// against `npm start`'s app + embedded backend with the Deno functions running and a Cachet
// 3.x stand-in on loopback: the owner drafts a website statement, it is approved, "Publish to
// Status page" opens a Cachet incident and logs it with the incident's link; the next version,
// approved again, is added to that same incident as an update (its history stays), and the
// Cachet API key never comes back to the phone.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMusterUnderTest, type MusterUnderTest } from '../server/muster-under-test';
import { expectUsableOneHanded } from './a11y-checks';
import { eventually, gotoScreen, joinDemoWorkspace, saveDemoConnector, waitForAppReady } from './app-driver';
import { DIST_DIR, launchBrowser, type LaunchedBrowser } from './browser';

const CACHET_KEY = 'cachet3-key-7Qm2vX9pL4';
const CONNECTOR = 'Status page';
const TITLE = 'Mailbox incident';
const FIRST_TEXT = 'On 2 March we found a forwarding rule on one finance mailbox that we did not set up. We removed it and are investigating with outside specialists.';
const SECOND_TEXT = 'Update: the forwarding rule was active for two days. We have reset the mailbox password and are contacting the people whose messages it may have copied.';
const INCIDENT_ID = 41;
const UPDATE_ID = 7;

interface CachetRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
}

/**
 * Cachet 3.x's API stand-in (cachethq/core routes/api.php): POST /api/incidents opens incident
 * 41, POST /api/incidents/41/updates adds update 7. It answers as Cachet would when a request
 * is not as documented (401 without the Bearer key, 422 for a body it cannot take), and keeps
 * every request it got.
 */
async function startCachet3(): Promise<{ server: Server; url: string; received: CachetRequest[] }> {
  const received: CachetRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let body: unknown = null;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = null;
      }
      received.push({ method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization, body });
      const answer = (status: number, json: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      if (req.headers.authorization !== `Bearer ${CACHET_KEY}`) return answer(401, { message: 'Unauthenticated.' });
      if (!/^application\/json/.test(req.headers['content-type'] ?? '')) return answer(415, { message: 'Send JSON.' });
      const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
      const statusOk = Number.isInteger(fields.status) && (fields.status as number) >= 1 && (fields.status as number) <= 4;
      if (req.method === 'POST' && req.url === '/api/incidents') {
        if (typeof fields.name !== 'string' || typeof fields.message !== 'string' || !statusOk || fields.visible !== true) {
          return answer(422, { message: 'The given data was invalid.' });
        }
        return answer(200, { data: { id: INCIDENT_ID, type: 'incidents', attributes: { name: fields.name, message: fields.message, status: fields.status, visible: true } } });
      }
      if (req.method === 'POST' && req.url === `/api/incidents/${INCIDENT_ID}/updates`) {
        if (typeof fields.message !== 'string' || !statusOk) return answer(422, { message: 'The given data was invalid.' });
        return answer(200, { data: { id: UPDATE_ID, type: 'incidentUpdates', attributes: { message: fields.message, status: fields.status } } });
      }
      return answer(404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}


describe('publishing an approved statement on the Cachet 3.x status page', () => {
  let muster: MusterUnderTest;
  let cachet: Awaited<ReturnType<typeof startCachet3>>;
  let browser: LaunchedBrowser;
  let page: Page;
  const pageErrors: Error[] = [];
  /** Every answer the backend gave the phone: none may carry the Cachet API key. */
  const backendAnswers: Promise<string>[] = [];

  beforeAll(async () => {
    muster = await startMusterUnderTest('pglite', { supabaseDir: 'supabase', seed: true, root: DIST_DIR, alerts: { tickSeconds: 0 } });
    if (!muster.alerts.enabled) throw new Error(`The Deno functions did not start: ${muster.alerts.offReason}`);
    cachet = await startCachet3();
    browser = await launchBrowser();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (error) => pageErrors.push(error));
    page.on('response', (response) => {
      if (/\/(rest|functions|auth)\/v1\//.test(response.url())) backendAnswers.push(response.text().catch(() => ''));
    });
    await page.goto(muster.url);
    await waitForAppReady(page);
  }, 90_000);
  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    cachet?.server.close();
    await muster?.close();
  });

  async function openStatements(): Promise<void> {
    await gotoScreen(page, 'Incident');
    await page.getByRole('link', { name: /External statements/ }).first().click();
    await page.locator('main h1').filter({ hasText: /External statements/ }).waitFor();
  }

  /** The Log screen, showing this phone's entries (signed in, it opens on the team's). */
  async function openPhoneLog(): Promise<void> {
    await gotoScreen(page, 'Log');
    await page.getByRole('group', { name: 'Whose entries' }).getByRole('button', { name: 'This phone' }).click();
  }

  /** Step 6: Business, Legal and Leadership approve the saved version (the owner holds all three roles here). */
  async function approveAllRoles(): Promise<void> {
    const yourName = page.getByLabel('Your name');
    if (await yourName.isVisible()) {
      await yourName.fill('Olivia Owner');
      await page.getByRole('button', { name: 'Save my name' }).click();
    }
    for (const role of ['Business', 'Legal', 'Leadership']) {
      const approve = page.getByRole('button', { name: `Approve as ${role}` });
      await eventually(() => approve.isEnabled(), (enabled) => enabled, `approve as ${role} enabled`);
      await approve.click();
      await page.locator('.approval-done').filter({ hasText: `${role}: approved by` }).waitFor();
    }
  }

  it('the owner signs in; a Cachet 3.x connector is set up for the workspace', async () => {
    await joinDemoWorkspace(page);

    await saveDemoConnector(muster, { kind: 'cachet3', name: CONNECTOR, config: { site: cachet.url, status: '2' }, secret: { token: CACHET_KEY } });
  });

  it('offers no publishing before the website statement is approved', async () => {
    await openStatements();
    await page.getByRole('button', { name: '+ New statement' }).click();
    await page.getByLabel('Audience').selectOption({ label: 'Website visitors' });
    await page.getByLabel('Title').fill(TITLE);
    await page.getByLabel('Statement text').fill(FIRST_TEXT);
    await page.getByRole('button', { name: 'Save as v1 (logged)' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved v1' }).waitFor();
    await expect(page.getByRole('button', { name: new RegExp(`^Publish .*${CONNECTOR}$`) }).count()).resolves.toBe(0);
  });

  const alreadyPublished = () => page.getByText(`This version is on ${CONNECTOR} (Cachet incident ${INCIDENT_ID}).`, { exact: true });

  it('"Publish to Status page" opens one Cachet incident with the statement, visible, as the connector\'s status', async () => {
    await approveAllRoles();
    const publish = page.getByRole('button', { name: `Publish to ${CONNECTOR}`, exact: true });
    await publish.waitFor();
    await expectUsableOneHanded(page, 'an approved website statement');
    await publish.click();
    await page.getByRole('status').filter({ hasText: new RegExp(`^Published on ${CONNECTOR}, logged as #\\d+\\.$`) }).waitFor({ timeout: 15_000 });

    expect(cachet.received).toEqual([
      { method: 'POST', path: '/api/incidents', authorization: `Bearer ${CACHET_KEY}`, body: { name: TITLE, message: FIRST_TEXT, status: 2, visible: true } },
    ]);
    const stored = await muster.database.query(`select source, status, subject, remote_id, remote_url from public.connector_dispatch order by created_at`);
    expect(stored.rows).toEqual([
      { source: 'statement', status: 'sent', subject: expect.stringMatching(/^statement:.+:v1$/), remote_id: String(INCIDENT_ID), remote_url: `${cachet.url}/incidents/${INCIDENT_ID}` },
    ]);
    // This version is on the page now: it is not offered again (a second tap would post it twice).
    await alreadyPublished().waitFor();
    await expect(page.getByRole('button', { name: new RegExp(`^Publish .*${CONNECTOR}$`) }).count()).resolves.toBe(0);
  });

  it('logs the publish as a public statement with the status page incident\'s link', async () => {
    await openPhoneLog();
    const entry = page.locator('[data-testid=log-entry]').filter({ hasText: `Posted to Cachet (${CONNECTOR}):` });
    await eventually(() => entry.count(), (count) => count === 1, 'the publish in the log');
    await expect(entry.locator('.entry-text').textContent()).resolves.toBe(`Posted to Cachet (${CONNECTOR}):\n\n${FIRST_TEXT}`);
    await expect(entry.locator('.entry-type').textContent()).resolves.toBe('Public statement');
    await entry.locator('.entry-summary').click();
    await expect(entry.locator('.entry-details').innerText()).resolves.toContain(`Posted: ${cachet.url}/incidents/${INCIDENT_ID}`);
  });

  it('the next version, approved again, reads "Publish update to Status page"', async () => {
    await openStatements();
    await page.getByRole('button', { name: `Open statement: ${TITLE}` }).click();
    // Reopened, the published version still says where it is, and offers nothing to press.
    await alreadyPublished().waitFor();
    await expect(page.getByRole('button', { name: new RegExp(`^Publish .*${CONNECTOR}$`) }).count()).resolves.toBe(0);
    await page.getByLabel('Statement text').fill(SECOND_TEXT);
    // Typed but unsaved text is not what was approved: nothing about publishing shows for it.
    await eventually(() => alreadyPublished().count(), (count) => count === 0, 'publishing hidden while editing');
    await page.getByRole('button', { name: 'Save as v2 (logged)' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved v2' }).waitFor();
    await expect(page.getByRole('button', { name: new RegExp(`^Publish .*${CONNECTOR}$`) }).count()).resolves.toBe(0);

    await approveAllRoles();
    await page.getByRole('button', { name: `Publish update to ${CONNECTOR}`, exact: true }).waitFor();
    await expect(page.getByRole('button', { name: `Publish to ${CONNECTOR}`, exact: true }).count()).resolves.toBe(0);
    await expectUsableOneHanded(page, 'a published statement\'s approved next version');
  });

  it('pressing it adds an update to Cachet incident 41 instead of opening a second incident', async () => {
    await page.getByRole('button', { name: `Publish update to ${CONNECTOR}`, exact: true }).click();
    await page.getByRole('status').filter({ hasText: new RegExp(`^Update published on ${CONNECTOR}, logged as #\\d+\\.$`) }).waitFor({ timeout: 15_000 });

    expect(cachet.received).toHaveLength(2);
    expect(cachet.received[1]).toEqual({
      method: 'POST',
      path: `/api/incidents/${INCIDENT_ID}/updates`,
      authorization: `Bearer ${CACHET_KEY}`,
      body: { message: SECOND_TEXT, status: 2 },
    });
    const stored = await muster.database.query(`select status, remote_id, remote_url from public.connector_dispatch where source = 'statement' order by created_at`);
    expect(stored.rows).toEqual([
      { status: 'sent', remote_id: String(INCIDENT_ID), remote_url: `${cachet.url}/incidents/${INCIDENT_ID}` },
      { status: 'sent', remote_id: String(INCIDENT_ID), remote_url: `${cachet.url}/incidents/${INCIDENT_ID}` },
    ]);

    await alreadyPublished().waitFor();
    await expect(page.getByRole('button', { name: new RegExp(`^Publish .*${CONNECTOR}$`) }).count()).resolves.toBe(0);

    await openPhoneLog();
    const entry = page.locator('[data-testid=log-entry]').filter({ hasText: SECOND_TEXT }).filter({ hasText: `Posted to Cachet (${CONNECTOR}):` });
    await eventually(() => entry.count(), (count) => count === 1, 'the update in the log');
    await entry.locator('.entry-summary').click();
    await expect(entry.locator('.entry-details').innerText()).resolves.toContain(`Posted: ${cachet.url}/incidents/${INCIDENT_ID}`);
  });

  it('no answer from the backend ever carried the Cachet API key, and the page never shows it', async () => {
    const answers = await Promise.all(backendAnswers);
    expect(answers.length).toBeGreaterThan(5);
    expect(answers.filter((text) => text.includes(CACHET_KEY))).toEqual([]);
    await expect(page.content()).resolves.not.toContain(CACHET_KEY);
    expect(pageErrors).toEqual([]);
  });
});
