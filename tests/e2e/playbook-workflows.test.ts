// The playbook's steps as a responder does them on a phone with no network (issue 4): open an
// incident naming its owner, send a leadership update, tick ransomware, see whom to escalate
// to and the insurer's notice countdown, draft a statement that says "no data was affected",
// see it blocked until a verified finding is recorded, approve it and mark it sent. Every step
// lands in the communication log, in order, without typing it twice.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectUsableOneHanded } from './a11y-checks';
import { eventually, gotoScreen, listedEntries, openApp, openNewIncident, waitForServiceWorkerControl, type AppSession } from './app-driver';

describe('the playbook, offline', () => {
  let session: AppSession;
  let page: Page;

  beforeAll(async () => {
    session = await openApp();
    page = session.page;
    await waitForServiceWorkerControl(page);
    await session.context.setOffline(true);
  });
  afterAll(async () => {
    await session?.close();
  });

  async function openStep(name: RegExp): Promise<void> {
    await gotoScreen(page, 'Incident');
    await page.getByRole('link', { name }).first().click();
    await page.locator('main h1').filter({ hasText: name }).waitFor();
  }


  it('opens an incident with its communication owner, shown on every screen', async () => {
    await openNewIncident(page, { title: 'Ransom note on the file server', owner: 'Tom Becker', deputy: 'Maria Lopez' });
    for (const screen of ['Incident', 'Log', 'Contacts'] as const) {
      await gotoScreen(page, screen);
      await expect(page.getByTestId('incident-owner').textContent()).resolves.toContain('Owner: Tom Becker');
    }
    await gotoScreen(page, 'Incident');
    await expect(page.getByTestId('cockpit-owner').textContent()).resolves.toBe('Tom Becker, deputy Maria Lopez');
    await expectUsableOneHanded(page, 'cockpit');
  });

  it('sends the first leadership update and counts down to the next one', async () => {
    await openStep(/Leadership updates/);
    await page.getByRole('checkbox', { name: /^Operations/ }).check();
    await page.getByRole('status').filter({ hasText: 'Tell leadership now' }).waitFor();
    await page.getByLabel('What systems, users, or data may be affected').fill('File server FS01 and the shared drives');
    await page.getByRole('radio', { name: 'Yes' }).check();
    await page.getByLabel('What immediate actions have been taken').fill('File server taken off the network; backups checked');
    await page.getByRole('button', { name: 'In 1 h' }).click();
    await page.getByLabel('How it was sent').selectOption({ label: 'Phone' });
    await expectUsableOneHanded(page, 'leadership update');
    await page.getByRole('button', { name: 'Mark as sent' }).click();
    await eventually(() => page.getByTestId('next-update').textContent(), (text) => /^Next leadership update in (\d+ min|1 h( \d+ min)?)$/.test(text ?? ''), 'the countdown in the header');
  });

  it('ticks ransomware: escalate now, to the incident response firm first, with the contacts to call', async () => {
    await openStep(/Escalation and vendor requests/);
    await page.getByRole('checkbox', { name: /^Ransomware/ }).check();
    const advice = page.locator('main').getByText('Escalate now', { exact: false }).first();
    await advice.waitFor();
    await page.getByText('Rapid response hotline').first().waitFor();
    await expect(page.getByRole('link', { name: /^Call .*Rapid response hotline|^Call/ }).first().getAttribute('href')).resolves.toMatch(/^tel:/);
    await expectUsableOneHanded(page, 'escalation');
  });

  it('ticks ransomware for insurance and legal: the insurer notice counts down on the cockpit', async () => {
    await openStep(/Insurance, legal, compliance/);
    await page.getByRole('checkbox', { name: /^Ransomware/ }).check();
    await page.getByText('Do not wait for the investigation to finish', { exact: false }).first().waitFor();
    await expectUsableOneHanded(page, 'insurance, legal, compliance');
    await gotoScreen(page, 'Incident');
    const insurer = page.getByTestId('cockpit-obligations').locator('li').filter({ hasText: 'Cyber insurer' });
    // The shipped example: 48 h from the tick.
    await expect(insurer.textContent()).resolves.toMatch(/^Cyber insurer: due in (2 d|1 d 23 h|47 h \d+ min)$/);
    // Each notice is a follow-up with its deadline, as is the promised next leadership update.
    await expect(page.getByTestId('cockpit-follow-ups').textContent()).resolves.toMatch(/^\d+ open: 0 overdue/);
  });

  it('blocks a statement saying "no data was affected" until a verified finding is recorded, then approves and sends it', async () => {
    await openStep(/External statements/);
    await page.getByRole('button', { name: '+ New statement' }).click();
    await page.getByLabel('Title').fill('Customer notice');
    await page.getByLabel('Statement text').fill('On 2 March we found a ransom note on one file server. No data was affected. We will share an update by 17:00.');
    await page.getByRole('button', { name: 'Save as v1 (logged)' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved v1' }).waitFor();
    for (const role of ['Business', 'Legal', 'Leadership']) await expect(page.getByRole('button', { name: `Approve as ${role}` }).isDisabled()).resolves.toBe(true);

    await page.getByRole('button', { name: '‹ All statements' }).click();
    await page.getByText('Record a verified finding: no data was affected').click();
    await page.getByLabel('Verified by').fill('Harbor IR');
    await page.getByLabel('How it was verified, and where the evidence is').fill('Forensic review of FS01: no exfiltration; report in Nextcloud /INC/forensics');
    await page.getByRole('button', { name: 'Record the finding (logged as a decision)' }).click();
    await page.getByRole('button', { name: 'Open statement: Customer notice' }).click();

    for (const role of ['Business', 'Legal', 'Leadership']) {
      const approve = page.getByRole('button', { name: `Approve as ${role}` });
      await eventually(() => approve.isEnabled(), (enabled) => enabled, `approve as ${role} enabled`);
      await approve.click();
    }
    await page.getByLabel('Sent to').fill('All customers');
    await page.getByLabel('Sent via').fill('Email from the practice account');
    await page.getByRole('button', { name: 'Mark as sent (logged with the text)' }).click();
    await page.getByRole('button', { name: '‹ All statements' }).click();
    await page.locator('main li').filter({ hasText: 'Customer notice' }).filter({ hasText: /Sent/ }).waitFor();
  });

  it('has every step in the log, in order, with nothing typed twice', async () => {
    await gotoScreen(page, 'Log');
    const summaries = (await listedEntries(page)).map((entry) => entry.summary).reverse();
    const order = [
      /^Opened INC-\d{4}-\d{3}: Ransom note on the file server\. Communication owner: Tom Becker; deputy: Maria Lopez\.$/,
      /^Leadership trigger ticked: Operations/,
      /^What happened: Ransom note on the file server/,
      /^Escalation trigger ticked: Ransomware/,
      /Ransomware/,
      /Statement draft v1 saved: Customer notice/,
      /no data was affected/i,
      /approved by .*\(Business\)/,
      /approved by .*\(Legal\)/,
      /approved by .*\(Leadership\)/,
      /No data was affected/,
    ];
    let at = 0;
    for (const pattern of order) {
      const found = summaries.findIndex((summary, index) => index >= at && pattern.test(summary));
      expect(found, `${pattern} after entry ${at} in ${JSON.stringify(summaries, null, 1)}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
    const badge = (await page.getByTestId('outbox-badge').textContent()) ?? '';
    expect(badge).toMatch(new RegExp(`^${summaries.length} waiting to sync`));
    expect(session.pageErrors).toEqual([]);
  });
});
