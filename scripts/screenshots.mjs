#!/usr/bin/env node
// Screenshots for the README, taken from the built app (it builds nothing: run `npm run build`
// first). Runs what `npm start` runs (dist/ and the embedded backend, on a throwaway PGlite
// with the seed), opens Muster in Chromium as a 360x760 phone (device scale factor 1), logs a
// few demo entries through the UI, signs in as the seeded owner, sets up Mattermost, Zammad and
// Nextcloud connectors (Zammad is a stand-in on loopback that this script starts; the other two
// are never called), opens a Zammad ticket from the cockpit, and writes
//   docs/screenshots/{log,entry-form,incident,report,contacts,import,contact-sheet,templates,settings,call-tree,calls,sync,team-log,alerts,integrations,tickets}.png
//
//   node scripts/screenshots.mjs [output-dir]

import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startMuster } from '../server/start.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(repoRoot, process.argv[2] ?? 'docs/screenshots');
const CHROMIUM = '/usr/bin/chromium';

const ENTRIES = [
  {
    type: 'leadership_update',
    who: 'Maria Lopez (Northwind Dental)',
    summary: 'First leadership update by phone: forwarding rule found on the finance mailbox, containment under way. Next update 14:00.',
  },
  {
    type: 'vendor_request',
    who: 'Bluebridge IT service desk (Bluebridge IT)',
    summary: 'Asked for sign-in logs and admin changes of the last 14 days, and to preserve session records. Ticket 48213.',
  },
  {
    type: 'insurance_notice',
    who: 'Claims hotline (Shoreline Mutual)',
    summary: 'Reported the incident on the claims hotline; an adjuster calls back within 2 hours.',
  },
];

const OWNER = { email: 'owner@demo.muster.test', password: 'correct horse battery' };
const ZAMMAD_TOKEN = 'zt-screenshots-7q5w';

/** Zammad's REST API, as far as opening a ticket goes: every ticket is id 42, number 31042. */
async function startZammadStandIn() {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const answer = (status, json) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      if (req.headers.authorization !== `Token token=${ZAMMAD_TOKEN}`) return answer(401, { error: 'authentication failed' });
      if (req.method === 'POST' && req.url === '/api/v1/tickets') return answer(201, { id: 42, number: '31042' });
      return answer(404, { error: 'no route' });
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Signs in to the backend as the seeded owner and saves connectors for Northwind Demo, as the app's setup form does. */
async function saveConnectors(server, connectors) {
  const headers = { apikey: server.anonKey, 'content-type': 'application/json' };
  const post = async (path, body, token) => {
    const response = await fetch(`${server.url.replace(/\/$/, '')}${path}`, {
      method: 'POST',
      headers: token ? { ...headers, authorization: `Bearer ${token}` } : headers,
      body: JSON.stringify(body),
    });
    const answer = await response.json().catch(() => null);
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(answer)}`);
    return answer;
  };
  const { access_token: token } = await post('/auth/v1/token?grant_type=password', OWNER);
  const workspaces = await post('/rest/v1/rpc/my_workspaces', {}, token);
  const workspaceId = workspaces.find((workspace) => workspace.name === 'Northwind Demo')?.id;
  if (!workspaceId) throw new Error('The owner has no Northwind Demo workspace.');
  for (const connector of connectors) {
    await post(
      '/rest/v1/rpc/save_connector',
      { p_workspace_id: workspaceId, p_id: null, p_kind: connector.kind, p_name: connector.name, p_config: connector.config, p_secret: connector.secret },
      token,
    );
  }
}

const HEADINGS = { incident: 'INC-2026-001', log: 'Communication log', contacts: 'Emergency contacts', templates: 'Message templates', settings: 'Settings' };

async function gotoScreen(page, screen) {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: screen[0].toUpperCase() + screen.slice(1), exact: true }).click();
  await page.getByRole('heading', { level: 1, name: HEADINGS[screen], exact: screen !== 'incident' }).first().waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
}

async function addEntry(page, entry) {
  const before = await page.locator('[data-testid=log-entry]').count();
  await page.getByRole('button', { name: '+ Log communication' }).click();
  const form = page.locator('form.entry-form');
  await form.getByLabel('Communication type').selectOption(entry.type);
  await form.getByLabel('Person or organization contacted').fill(entry.who);
  await form.getByLabel('Message summary').fill(entry.summary);
  await form.getByRole('button', { name: 'Save entry' }).click();
  await form.waitFor({ state: 'detached' });
  await page.locator('[data-testid=log-entry]').nth(before).waitFor();
}

/** Scrolls `locator` to just below the sticky app header (scrollIntoView alone tucks it under the header). */
async function scrollBelowHeader(locator) {
  await locator.evaluate((element) => {
    const header = document.querySelector('.app-header')?.getBoundingClientRect().bottom ?? 0;
    window.scrollBy(0, element.getBoundingClientRect().top - header - 12);
  });
}

async function shoot(page, name) {
  // Let focus rings, the datalist popup and transitions settle; no caret in the picture.
  await page.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
  await page.waitForTimeout(150);
  const path = join(outDir, `${name}.png`);
  await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
  console.log(`wrote ${path}`);
}

async function main() {
  const dataDir = await mkdtemp(join(tmpdir(), 'muster-screenshots-data-'));
  const server = await startMuster({ root: join(repoRoot, 'dist'), port: 0, dataDir, seed: true, alerts: { tickSeconds: 0 } });
  const userDataDir = await mkdtemp(join(tmpdir(), 'muster-screenshots-'));
  let context;
  let zammad;
  try {
    await mkdir(outDir, { recursive: true });
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 360, height: 760 },
      deviceScaleFactor: 1,
      isMobile: true,
      hasTouch: true,
      locale: 'en-US',
      timezoneId: 'UTC',
      colorScheme: 'light',
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(server.url);
    await page.getByRole('heading', { level: 1, name: 'Communication log' }).waitFor();

    for (const entry of ENTRIES) await addEntry(page, entry);
    await page.getByTestId('log-count').filter({ hasText: `${ENTRIES.length} entries` }).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shoot(page, 'log');

    await page.getByRole('button', { name: '+ Log communication' }).click();
    const form = page.locator('form.entry-form');
    await form.getByLabel('Communication type').selectOption('employee_instruction');
    await form.getByLabel('Person or organization contacted').fill('All staff (SMS group)');
    await form.getByLabel('Message summary').fill('Do not open emails about invoices; use the phone tree for');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shoot(page, 'entry-form');
    await form.getByRole('button', { name: 'Discard this text' }).click();
    await form.getByRole('button', { name: 'Close (keeps text)' }).click();

    // The cockpit with a leadership update due and the insurer's notice counting down.
    await page.goto(`${server.url}#incident/leadership`);
    await page.getByLabel('What systems, users, or data may be affected').fill('Finance mailbox; invoices sent last week');
    await page.getByRole('radio', { name: 'Yes' }).check();
    await page.getByLabel('What immediate actions have been taken').fill('Forwarding rule removed; password reset');
    await page.getByLabel('How it was sent').selectOption({ label: 'Phone' });
    await page.getByRole('button', { name: 'Mark as sent' }).click();
    await page.getByTestId('next-update').waitFor();
    await page.goto(`${server.url}#incident/legal`);
    await page.getByRole('checkbox', { name: /^Data theft/ }).check();
    await page.getByText('Do not wait for the investigation to finish', { exact: false }).first().waitFor();
    await gotoScreen(page, 'incident');
    await page.getByTestId('cockpit-obligations').waitFor();
    await shoot(page, 'incident');

    await page.goto(`${server.url}#incident/report`);
    await page.getByTestId('report-contents').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shoot(page, 'report');

    await gotoScreen(page, 'contacts');
    await page.getByTestId('contact').first().waitFor();
    await shoot(page, 'contacts');

    // Importing a spreadsheet export: the preview before anything changes.
    await page.getByRole('button', { name: 'Import contacts', exact: true }).click();
    await page.getByLabel('Choose a CSV or vCard file').setInputFiles(join(repoRoot, 'tests/fixtures/import/contacts-windows-1252.csv'));
    await page.getByTestId('import-counts').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shoot(page, 'import');
    await page.getByRole('button', { name: 'Cancel' }).first().click();
    await page.goto(`${server.url}#contacts/sheet`);
    await page.getByTestId('contact-sheet').waitFor();
    await shoot(page, 'contact-sheet');

    await gotoScreen(page, 'templates');
    await page.getByRole('button', { name: /First leadership update/ }).waitFor();
    await shoot(page, 'templates');

    await gotoScreen(page, 'settings');
    await page.getByTestId('persistence').waitFor();
    await shoot(page, 'settings');

    // A call tree: the CEO first, then the MSP, each with a backup.
    await page.getByRole('button', { name: '+ New call tree' }).click();
    await page.getByLabel('Name of the call tree').fill('Ransomware: first hour');
    const call = (index) => page.getByTestId('call-node-fields').nth(index);
    await call(0).getByLabel('Whom to call').selectOption({ label: 'Maria Lopez (Leadership)' });
    await call(0).getByLabel('Who calls (member name)').fill('Demo responder');
    await call(0).getByRole('button', { name: '+ Backup contact for call 1' }).click();
    await call(0).getByLabel('Backup contact 1 (called if not reached)').selectOption({ label: 'Tom Becker (Leadership)' });
    await page.getByRole('button', { name: '+ Add a call' }).click();
    await call(1).getByLabel('Whom to call').selectOption({ label: 'Bluebridge IT service desk (MSP)' });
    await call(1).getByLabel('Who calls (member name)').fill('Sam Rivera');
    await call(1).getByRole('button', { name: '+ Backup caller for call 2' }).click();
    await call(1).getByLabel('Backup caller 1 (takes over)').fill('Demo responder');
    await page.getByRole('heading', { name: 'Call trees' }).evaluate((heading) => heading.scrollIntoView());
    await shoot(page, 'call-tree');
    await page.getByRole('button', { name: 'Save call tree' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved Ransomware: first hour (version 1).' }).waitFor();

    await page.goto(`${server.url}#incident/calls`);
    await page.getByLabel('Call tree to run').selectOption({ label: 'Ransomware: first hour' });
    await page.getByRole('button', { name: 'Start calling (logged)' }).click();
    await page.getByRole('button', { name: 'No answer: Maria Lopez' }).click();
    await page.getByTestId('my-call').first().waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shoot(page, 'calls');
    await gotoScreen(page, 'settings');

    // Sign in as the seeded owner (the local backend lets a seeded address sign up once).
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
    await page.getByRole('button', { name: 'Create an account' }).click();
    await page.getByRole('button', { name: /^Use Northwind Demo/ }).click();
    await page.getByTestId('sync-status').waitFor();
    await page.getByRole('button', { name: 'Sync now' }).waitFor();
    await gotoScreen(page, 'log');
    await page.getByRole('button', { name: 'This phone' }).click();
    for (const entry of ENTRIES) await addEntry(page, entry);
    await page.getByRole('button', { name: 'Team (server)' }).click();
    await page.getByTestId('team-count').filter({ hasText: `${ENTRIES.length} entries on the server` }).waitFor({ timeout: 15_000 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await shoot(page, 'team-log');
    await gotoScreen(page, 'settings');
    await page.getByTestId('last-sync').filter({ hasNotText: 'never' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Sync with your team' }).evaluate((heading) => heading.scrollIntoView());
    await shoot(page, 'sync');

    // A team alert, waiting for the responder's acknowledgement.
    await page.goto(`${server.url}#incident/alerts`);
    await page.getByRole('button', { name: 'Move to the phone bridge now' }).click();
    await page.getByRole('button', { name: 'Send alert to the team' }).click();
    await page.getByTestId('alert-pending').waitFor({ timeout: 20_000 });
    await page.getByRole('heading', { name: 'Alerts', exact: true }).evaluate((heading) => heading.scrollIntoView());
    await shoot(page, 'alerts');

    // Connectors, saved through the backend as the owner: chat, a ticket tool and evidence storage.
    if (!server.dispatch.enabled) throw new Error(`The dispatch function did not start: ${server.dispatch.offReason}`);
    zammad = await startZammadStandIn();
    await saveConnectors(server, [
      { kind: 'mattermost', name: 'Incident room', config: {}, secret: { webhook_url: 'https://chat.northwind.example/hooks/abc' } },
      { kind: 'zammad', name: 'IT helpdesk', config: { site: zammad.url, group: 'Users', customer: 'it@northwind.example' }, secret: { token: ZAMMAD_TOKEN } },
      { kind: 'nextcloud', name: 'Evidence', config: { site: 'https://cloud.northwind.example', user: 'muster', folder: 'Muster' }, secret: { app_password: 'screenshots-app-password' } },
    ]);
    // The app read its (empty) list of ticket tools after sign-in: a reload reads it again.
    await page.reload();
    await gotoScreen(page, 'settings');
    await page.getByTestId('connector-state-zammad').filter({ hasText: 'IT helpdesk' }).waitFor();
    await scrollBelowHeader(page.getByRole('heading', { level: 3, name: 'Tickets and cases' }));
    await shoot(page, 'integrations');

    // The cockpit's Ticket card: one ticket in Zammad for the whole incident.
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Incident', exact: true }).click();
    const ticketCard = page.getByTestId('ticket-card');
    await ticketCard.getByRole('button', { name: 'Open a ticket in Zammad' }).click();
    await ticketCard.getByRole('link', { name: 'Zammad ticket 31042' }).waitFor({ timeout: 20_000 });
    await ticketCard.getByRole('status').filter({ hasText: /^Opened Zammad ticket 31042\./ }).waitFor();
    // The ticket's log entry goes to the team: the header says so until it has.
    await page.locator('.app-header').filter({ hasText: 'Nothing waiting to sync' }).waitFor({ timeout: 30_000 });
    await scrollBelowHeader(ticketCard);
    await shoot(page, 'tickets');
  } finally {
    await context?.close();
    await zammad?.close();
    await server.close();
    await rm(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    await rm(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
