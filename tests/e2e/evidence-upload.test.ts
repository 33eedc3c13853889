// Step 7's controlled storage end to end, in Chromium against `npm start`'s app + embedded
// backend with the Deno functions running, and a real WebDAV server (the `webdav-server`
// package, in this process) standing in for Nextcloud at <site>/remote.php/dav/files/<user>/
// with Basic auth: the log zip is uploaded into /Muster/<incident>/ byte for byte, a second
// upload is kept as "(2)", a refusal and no network are shown and logged, and Settings ›
// Evidence locations and the entry form offer the folder.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v2 as webdav } from 'webdav-server';
import { startMusterUnderTest, type MusterUnderTest } from '../server/muster-under-test';
import { expectUsableOneHanded } from './a11y-checks';
import { eventually, gotoScreen, joinDemoWorkspace, listedEntries, logEntries, openEntryForm, saveDemoConnector, waitForAppReady } from './app-driver';
import { DIST_DIR, launchBrowser, type LaunchedBrowser } from './browser';

const DAV_USER = 'dana';
const APP_PASSWORD = 'Xk3bq-1sX7F-zUa8J-v9eA9';
const CLOUD = 'Company cloud';

interface StandInNextcloud {
  server: Server;
  site: string;
  user: webdav.IUser & { password: string };
  /** The stored file's bytes, or null when there is none (GET with the user's Basic auth). */
  read(path: string): Promise<Uint8Array | null>;
}

/** Nextcloud's WebDAV as far as Muster uses it: one user's files under /remote.php/dav/files/<user>/. */
async function startNextcloud(): Promise<StandInNextcloud> {
  const users = new webdav.SimpleUserManager();
  const user = users.addUser(DAV_USER, APP_PASSWORD, false) as webdav.IUser & { password: string };
  const privileges = new webdav.SimplePathPrivilegeManager();
  privileges.setRights(user, '/', ['all']);
  const dav = new webdav.WebDAVServer({ httpAuthentication: new webdav.HTTPBasicAuthentication(users, 'Nextcloud'), privilegeManager: privileges, requireAuthentification: true });
  const prefix = `/remote.php/dav/files/${DAV_USER}`;
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path !== prefix && !path.startsWith(`${prefix}/`)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not a Nextcloud WebDAV path');
      return;
    }
    // webdav-server serves paths from its own root; rootPath only prefixes the hrefs it answers.
    req.url = path.slice(prefix.length) || '/';
    dav.executeRequest(req, res, prefix);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const site = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    server,
    site,
    user,
    async read(path) {
      const answer = await fetch(`${site}${prefix}${path.split('/').map(encodeURIComponent).join('/')}`, {
        headers: { Authorization: `Basic ${Buffer.from(`${DAV_USER}:${APP_PASSWORD}`).toString('base64')}` },
      });
      return answer.status === 200 ? new Uint8Array(await answer.arrayBuffer()) : null;
    },
  };
}


describe('uploading exports to Nextcloud (Step 7: controlled storage for evidence)', () => {
  let muster: MusterUnderTest;
  let cloud: StandInNextcloud;
  let browser: LaunchedBrowser;
  let page: Page;
  let zip: { name: string; bytes: Uint8Array; incident: string };
  const pageErrors: Error[] = [];

  beforeAll(async () => {
    muster = await startMusterUnderTest('pglite', { supabaseDir: 'supabase', seed: true, root: DIST_DIR, alerts: { tickSeconds: 0 } });
    if (!muster.evidenceUpload.enabled) throw new Error(`The evidence-upload function did not start: ${muster.evidenceUpload.offReason}`);
    cloud = await startNextcloud();
    browser = await launchBrowser();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (error) => pageErrors.push(error));
    await page.goto(muster.url);
    await waitForAppReady(page);
  }, 90_000);
  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    cloud?.server.close();
    await muster?.close();
  });

  const exportSection = () => page.getByRole('region', { name: 'Export and verify' });
  const uploadGroup = () => exportSection().getByRole('group', { name: `Upload ${zip.name}` });
  const saved = (name: string): Locator => uploadGroup().getByRole('status').filter({ hasText: new RegExp(`^Saved as ${name.replace(/[.()]/g, '\\$&')} in /Muster/${zip.incident}, logged as #\\d+\\.$`) });

  it('signs in; an owner sets up the Nextcloud connector (save_connector)', async () => {
    await joinDemoWorkspace(page);

    await saveDemoConnector(muster, { kind: 'nextcloud', name: CLOUD, config: { site: cloud.site, user: DAV_USER, folder: 'Muster' }, secret: { app_password: APP_PASSWORD } });
  });

  it('exports the log and uploads the zip into /Muster/<incident>/ with the same bytes, logged with its SHA-256', async () => {
    await gotoScreen(page, 'Log');
    // This phone's own entries: the team's log shows them only once synced.
    await page.getByRole('group', { name: 'Whose entries' }).getByRole('button', { name: 'This phone' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), exportSection().getByRole('button', { name: 'Export log (zip)' }).click()]);
    const name = download.suggestedFilename();
    const incident = /^muster-(.+)-\d{4}-\d{2}-\d{2}\.zip$/.exec(name)?.[1];
    if (!incident) throw new Error(`unexpected export name ${name}`);
    zip = { name, incident, bytes: new Uint8Array(readFileSync(await download.path())) };

    await uploadGroup().getByRole('button', { name: 'Upload to Nextcloud' }).click();
    await saved(name).waitFor({ timeout: 20_000 });
    expect(await cloud.read(`/Muster/${incident}/${name}`)).toEqual(zip.bytes);

    const folderLink = uploadGroup().getByRole('link', { name: `Open /Muster/${incident} in Nextcloud` });
    expect(await folderLink.getAttribute('href')).toBe(`${cloud.site}/apps/files/?dir=${encodeURIComponent(`/Muster/${incident}`)}`);
    await expectUsableOneHanded(page, 'Log › Export with the upload done');

    const sha = createHash('sha256').update(zip.bytes).digest('hex').slice(0, 16);
    const entries = await eventually(() => listedEntries(page), (list) => list[0]?.summary.startsWith(`Uploaded ${name}`) ?? false, 'the upload in the log');
    expect(entries[0]?.summary).toMatch(new RegExp(`^Uploaded ${name.replace(/[.]/g, '\\.')} \\(\\d+ KB, SHA-256 ${sha}\\) to Nextcloud$`));
    const card = logEntries(page).first();
    await card.getByRole('button').first().click();
    const details = await card.locator('.entry-details').innerText();
    expect(details).toContain(`Contact method\n${'Nextcloud'}`);
    expect(details).toContain(`Evidence or document location\n${cloud.site}/apps/files/?dir=`);
    await expect(card.locator('.entry-who').textContent()).resolves.toBe(CLOUD);
  });

  it('uploads it again without overwriting: Nextcloud keeps the second as "(2)"', async () => {
    const second = zip.name.replace(/\.zip$/, ' (2).zip');
    await uploadGroup().getByRole('button', { name: 'Upload to Nextcloud again' }).click();
    await saved(second).waitFor({ timeout: 20_000 });
    expect(await cloud.read(`/Muster/${zip.incident}/${second}`)).toEqual(zip.bytes);
    expect(await cloud.read(`/Muster/${zip.incident}/${zip.name}`)).toEqual(zip.bytes);
    await eventually(() => listedEntries(page), (list) => list[0]?.summary.endsWith(`to Nextcloud as "${second}"`) ?? false, 'the second upload in the log');

    const stored = await muster.database.query(`select source, status, remote_label from public.connector_dispatch where source = 'evidence' order by created_at`);
    expect(stored.rows).toEqual([
      { source: 'evidence', status: 'sent', remote_label: zip.name },
      { source: 'evidence', status: 'sent', remote_label: second },
    ]);
  });

  it('shows and logs a refusal by Nextcloud (wrong app password), and "Try again" works once it is fixed', async () => {
    cloud.user.password = 'revoked';
    await uploadGroup().getByRole('button', { name: 'Upload to Nextcloud again' }).click();
    const refused = uploadGroup().getByRole('alert');
    await refused.waitFor({ timeout: 30_000 });
    expect(await refused.textContent()).toMatch(new RegExp(`^Not uploaded to ${CLOUD}: Nextcloud refused the user and app password \\(HTTP 401\\).* Logged as #\\d+\\.$`));
    await eventually(() => listedEntries(page), (list) => list[0]?.summary.startsWith(`Not uploaded to Nextcloud: ${zip.name}`) ?? false, 'the refusal in the log');
    await expectUsableOneHanded(page, 'Log › Export with a refused upload');

    cloud.user.password = APP_PASSWORD;
    await uploadGroup().getByRole('button', { name: 'Try again' }).click();
    await saved(zip.name.replace(/\.zip$/, ' (3).zip')).waitFor({ timeout: 20_000 });
  });

  it('offline: says "Not uploaded: offline", logs it, and "Try again" uploads once back online', async () => {
    await browser.context.setOffline(true);
    await uploadGroup().getByRole('button', { name: 'Upload to Nextcloud again' }).click();
    const offline = uploadGroup().getByRole('alert');
    await offline.waitFor();
    expect(await offline.textContent()).toMatch(/^Not uploaded: offline\. Try again when this phone has a connection\. Logged as #\d+\.$/);
    await eventually(() => listedEntries(page), (list) => list[0]?.summary.startsWith(`Not uploaded to Nextcloud: ${zip.name}`) ?? false, 'the offline attempt in the log');

    await browser.context.setOffline(false);
    await uploadGroup().getByRole('button', { name: 'Try again' }).click();
    await saved(zip.name.replace(/\.zip$/, ' (4).zip')).waitFor({ timeout: 20_000 });
    expect(await cloud.read(`/Muster/${zip.incident}/${zip.name.replace(/\.zip$/, ' (4).zip')}`)).toEqual(zip.bytes);
  });

  it('Settings › Evidence locations adds the Nextcloud folder in one tap and checks a CryptPad link', async () => {
    await gotoScreen(page, 'Settings');
    const section = page.getByRole('region', { name: 'Evidence locations' });
    const base = `${cloud.site}/apps/files/?dir=/Muster`;
    await expect(section.getByTestId('nextcloud-folder-suggestion').textContent()).resolves.toContain(base);
    await section.getByRole('button', { name: `Add the Nextcloud folder of ${CLOUD}` }).click();
    const list = section.getByRole('list', { name: 'Evidence locations' });
    await eventually(() => list.innerText(), (text) => text.includes(`Nextcloud: ${base}`), 'the folder in the list');
    await expect(section.getByTestId('nextcloud-folder-suggestion').count()).resolves.toBe(0);

    const cryptPad = section.getByLabel('Add a CryptPad link');
    await cryptPad.fill('https://cryptpad.fr/pad/');
    await section.getByRole('button', { name: 'Add CryptPad link' }).click();
    await expect(section.getByText(/has no key \(the part after #\)/).count()).resolves.toBe(1);
    await expect(cryptPad.getAttribute('aria-invalid')).resolves.toBe('true');
    const pad = 'https://cryptpad.fr/pad/#/2/pad/edit/Xk3bq1-0sX7FzUa8+Jv9eA9n/';
    await cryptPad.fill(pad);
    await section.getByRole('button', { name: 'Add CryptPad link' }).click();
    await eventually(() => list.innerText(), (text) => text.includes(`CryptPad: ${pad}`), 'the CryptPad link, key and all, in the list');
    await expect(section.getByText(/Anyone who holds this link can read the document/).count()).resolves.toBe(1);
    await expectUsableOneHanded(page, 'Settings › Evidence locations');
  });

  it('the entry form suggests the incident’s Nextcloud folder, then the listed locations', async () => {
    await gotoScreen(page, 'Log');
    const form = await openEntryForm(page);
    await form.getByRole('button', { name: 'All 13 fields' }).click();
    const incidentFolder = `${cloud.site}/apps/files/?dir=/Muster/${zip.incident}`;
    const options = await eventually(
      () => form.locator('#entry-evidence-list option').evaluateAll((nodes) => nodes.map((node) => (node as HTMLOptionElement).value)),
      (values) => values.includes(incidentFolder),
      'the incident folder among the suggestions',
    );
    expect(options[0]).toBe(incidentFolder);
    expect(options).toContain(`${cloud.site}/apps/files/?dir=/Muster`);
    expect(options).toContain('https://cryptpad.fr/pad/#/2/pad/edit/Xk3bq1-0sX7FzUa8+Jv9eA9n/');
    await expectUsableOneHanded(page, 'the entry form with all fields');
  });

  it('the decision form suggests the same folder first', async () => {
    await gotoScreen(page, 'Incident');
    await page.getByRole('link', { name: /Decisions and follow-ups/ }).first().click();
    const incidentFolder = `${cloud.site}/apps/files/?dir=/Muster/${zip.incident}`;
    const options = await eventually(
      () => page.locator('#decision-evidence-list option').evaluateAll((nodes) => nodes.map((node) => (node as HTMLOptionElement).value)),
      (values) => values.includes(incidentFolder),
      'the incident folder among the decision form suggestions',
    );
    expect(options[0]).toBe(incidentFolder);
  });

  it('"Check connection" in Settings › Integrations reaches the WebDAV server and shows Nextcloud as working', async () => {
    await gotoScreen(page, 'Settings');
    const storage = page.getByRole('region', { name: 'Evidence storage', exact: true });
    await storage.getByRole('button', { name: 'Check connection' }).click();
    await storage.getByRole('status').filter({ hasText: `${CLOUD} works: Muster can open the user’s files.` }).waitFor({ timeout: 15_000 });
    await eventually(
      () => storage.getByTestId('connector-state-nextcloud').textContent(),
      (text) => (text ?? '').startsWith(`${CLOUD}: Working: last reached `),
      'Nextcloud shown as working',
    );
    const checks = await muster.database.query(`select status, source from public.connector_dispatch where source = 'test'`);
    expect(checks.rows).toEqual([{ status: 'sent', source: 'test' }]);
  });

  it('threw no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
