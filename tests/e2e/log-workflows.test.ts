// The log as a responder uses it in Chromium: every field of the playbook's template,
// corrections that keep the original, filters, and the hash chain catching an edit made
// behind the app's back (straight into IndexedDB).

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addQuickEntry, entryForm, eventually, listedEntries, logEntries, openApp, openEntryForm, openNewIncident, verifyLog, type AppSession } from './app-driver';

let session: AppSession;

beforeEach(async () => {
  session = await openApp();
});

afterEach(async () => {
  expect(session.pageErrors).toEqual([]);
  await session.close();
});

describe('the communication log', () => {
  it('records all 13 fields of the playbook template and shows them on the entry', async () => {
    const { page } = session;
    const form = await openEntryForm(page);
    await form.getByRole('button', { name: 'All 13 fields' }).click();
    await form.getByLabel('Communication type').selectOption('insurance_notice');
    await form.getByLabel('Person or organization contacted').fill('Shoreline Mutual claims');
    await form.getByLabel('Message summary').fill('Gave early notice of a possible mailbox compromise.');
    await form.getByLabel('Date and time').fill('2026-12-04T08:05');
    await form.getByLabel('Incident ID').selectOption('INC-2026-001');
    await form.getByLabel('Contact method').fill('Phone');
    await form.getByLabel('Decision made').fill('Use the insurer panel firm.');
    await form.getByLabel('Action requested').fill('Send claim number.');
    await form.getByLabel('Owner (who made the contact / owns the follow-up)').fill('Tom Becker');
    await form.getByLabel('Deadline').fill('2026-12-05T17:00');
    await form.getByLabel('Response received').fill('Claim opened, adjuster assigned.');
    await form.getByLabel('Follow-up required (leave empty if none)').fill('Send written notice within 72 hours.');
    await form.getByLabel('Evidence or document location').fill('Nextcloud /incidents/INC-2026-001/insurer');
    await form.getByRole('button', { name: 'Save entry' }).click();
    await form.waitFor({ state: 'detached' });

    const card = logEntries(page).first();
    await card.getByRole('button').first().click();
    const details = await card.locator('.entry-details').innerText();
    for (const shown of [
      'Phone',
      'Use the insurer panel firm.',
      'Send claim number.',
      'Tom Becker',
      'Claim opened, adjuster assigned.',
      'Send written notice within 72 hours.',
      'Nextcloud /incidents/INC-2026-001/insurer',
    ])
      expect(details).toContain(shown);
    await expect(card.innerText()).resolves.toContain('Insurance notice');
    await expect(card.innerText()).resolves.toContain('Follow-up');
  });

  it('corrects an entry with a new one that references it, and lists both', async () => {
    const { page } = session;
    await addQuickEntry(page, { type: 'vendor_request', who: 'Bluebridge IT', summary: 'Asked for logs since Monday.' });
    await logEntries(page).first().getByRole('button').first().click();
    await page.getByRole('button', { name: 'Complete this entry' }).click();
    const form = entryForm(page);
    await expect(form.getByRole('heading').innerText()).resolves.toBe('Correct or complete entry #1');
    await expect(form.getByLabel('Communication type').inputValue()).resolves.toBe('vendor_request');
    await form.getByLabel('Message summary').fill('Asked for logs since Sunday.');
    await form.getByLabel('Response received').fill('Ticket 4411 opened.');
    await form.getByRole('button', { name: 'Save entry' }).click();
    await form.waitFor({ state: 'detached' });

    await eventually(() => listedEntries(page), (rows) => rows.length === 2, 'two entries listed');
    expect(await listedEntries(page)).toEqual([
      { seq: 2, summary: 'Asked for logs since Sunday.' },
      { seq: 1, summary: 'Asked for logs since Monday.' },
    ]);
    await expect(logEntries(page).nth(0).innerText()).resolves.toContain('Corrects #1');
    await expect(logEntries(page).nth(1).innerText()).resolves.toContain('Corrected by #2');
    expect(await verifyLog(page)).toBe('Log intact: 2 entries verified.');
  });

  it('opens a fresh entry after a correction was opened and left untouched', async () => {
    const { page } = session;
    await addQuickEntry(page, { type: 'internal_update', who: 'Response team', summary: 'Bridge opened.' });
    await logEntries(page).first().getByRole('button').first().click();
    await page.getByRole('button', { name: 'Complete this entry' }).click();
    await entryForm(page).getByRole('button', { name: 'Close (keeps text)' }).click();

    const form = await openEntryForm(page);

    await expect(form.getByRole('heading').innerText()).resolves.toBe('New log entry');
    await expect(form.getByLabel('Message summary').inputValue()).resolves.toBe('');
  });

  it('filters by communication type and by follow-up required', async () => {
    const { page } = session;
    await addQuickEntry(page, { type: 'leadership_update', who: 'Maria Lopez', summary: 'First update.' });
    await addQuickEntry(page, { type: 'vendor_request', who: 'Bluebridge IT', summary: 'Asked for logs.' });
    await addQuickEntry(page, { type: 'leadership_update', who: 'Maria Lopez', summary: 'Second update.' });

    await page.getByLabel('Communication type').selectOption('leadership_update');
    await eventually(() => listedEntries(page), (rows) => rows.length === 2, 'leadership updates only');
    expect((await listedEntries(page)).map((row) => row.summary)).toEqual(['Second update.', 'First update.']);
    await expect(page.getByTestId('log-count').innerText()).resolves.toBe('2 entries');

    await page.getByLabel('Follow-up required').check();
    await eventually(() => listedEntries(page), (rows) => rows.length === 0, 'no leadership update needs follow-up');
    await page.getByLabel('Communication type').selectOption('');
    await page.getByLabel('Follow-up required').uncheck();
    await eventually(() => listedEntries(page), (rows) => rows.length === 3, 'all entries again');
  });

  it('reports the entry that was edited directly in the phone storage', async () => {
    const { page } = session;
    for (const n of [1, 2, 3]) await addQuickEntry(page, { type: 'internal_update', who: 'Team', summary: `Update ${n}` });
    expect(await verifyLog(page)).toBe('Log intact: 3 entries verified.');

    // Someone with the unlocked phone rewrites entry #2 in IndexedDB.
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('muster');
          open.onsuccess = () => {
            const tx = open.result.transaction('log', 'readwrite');
            const log = tx.objectStore('log');
            log.openCursor().onsuccess = (event) => {
              const cursor = (event.target as IDBRequest<IDBCursorWithValue | null>).result;
              if (!cursor) return;
              if (cursor.value.local_seq === 2) cursor.update({ ...cursor.value, message_summary: 'Nothing happened.' });
              cursor.continue();
            };
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
    );

    await expect(verifyLog(page)).resolves.toBe(
      'Log broken at entry #2. Entry #2 was changed after it was recorded: its content no longer matches its hash.',
    );
  });
});

describe('a full phone', () => {
  it('says the entry was not saved, keeps every typed character, and saves it once there is space', async () => {
    const { page } = session;
    // Chromium's IndexedDB refuses new log entries the way it does when the disk is full.
    await page.evaluate(() => {
      const realAdd = IDBObjectStore.prototype.add;
      Object.assign(window, { __freeDisk: () => (IDBObjectStore.prototype.add = realAdd) });
      IDBObjectStore.prototype.add = function add(this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
        if (this.name === 'log') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return realAdd.apply(this, args);
      };
    });
    const form = await openEntryForm(page);
    await form.getByLabel('Communication type').selectOption('legal_guidance');
    await form.getByLabel('Person or organization contacted').fill('Dana Whitfield');
    await form.getByLabel('Message summary').fill('Counsel: notify the insurer today, hold customer notice until scope is known.');
    await form.getByRole('button', { name: 'Save entry' }).click();

    const alert = form.getByRole('alert');
    await alert.waitFor();
    await expect(alert.innerText()).resolves.toContain("Not saved: this phone's storage is full. Your text is still in the form.");
    await expect(form.getByLabel('Person or organization contacted').inputValue()).resolves.toBe('Dana Whitfield');
    await expect(form.getByLabel('Message summary').inputValue()).resolves.toBe(
      'Counsel: notify the insurer today, hold customer notice until scope is known.',
    );
    await expect(page.getByTestId('outbox-badge').innerText()).resolves.toBe('Nothing waiting to sync');

    await page.evaluate(() => (window as unknown as { __freeDisk: () => void }).__freeDisk());
    await form.getByRole('button', { name: 'Save entry' }).click();
    await form.waitFor({ state: 'detached' });
    await eventually(() => listedEntries(page), (rows) => rows.length === 1, 'the entry is listed');
    await eventually(() => page.getByTestId('outbox-badge').innerText(), (text) => text.startsWith('1 waiting to sync'), 'queued once');
  });
});

describe('starting with your own company', () => {
  it('clears the demo, opens an incident and keeps a new contact across a reload', async () => {
    const { page } = session;
    await addQuickEntry(page, { type: 'decision', who: 'Demo', summary: 'Demo entry to be cleared.' });
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('button', { name: 'Clear demo data…' }).click();
    await page.getByLabel("Your company's name").fill('Harbor Dental');
    await page.getByRole('button', { name: 'Delete demo data and start' }).click();
    await page.getByTestId('demo-banner').waitFor({ state: 'detached' });
    await eventually(() => page.getByTestId('outbox-badge').innerText(), (text) => text === 'Nothing waiting to sync', 'the demo entry left the outbox');

    await openNewIncident(page, { title: 'Finance mailbox compromised', owner: 'Dana Owner', deputy: 'Tom Becker' });
    await eventually(() => page.locator('.incident-line').innerText(), (text) => /^INC-\d{4}-001 Finance mailbox compromised$/.test(text), 'the new incident in the header');

    await page.getByRole('link', { name: 'Contacts', exact: true }).click();
    await page.getByText('No contacts yet.').waitFor();
    await page.getByRole('button', { name: '+ Add contact' }).click();
    await page.getByLabel('Name (person or organization)').fill('Bluebridge IT');
    await page.getByLabel('Category').selectOption('msp');
    await page.getByLabel('Number, address or link').fill('+1 202 555 0110');
    await page.getByLabel('Answered 24/7').check();
    await page.getByRole('button', { name: 'Save contact' }).click();
    // Saved means the editor closed and the list shows the contact; then the phone restarts.
    await page.getByRole('link', { name: /^Call Bluebridge IT/ }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'MSP' }).waitFor();
    const call = page.getByRole('link', { name: /^Call Bluebridge IT/ });
    await expect(call.getAttribute('href')).resolves.toBe('tel:+12025550110');
    await expect(page.getByTestId('contact').innerText()).resolves.toContain('24/7');
  });
});

describe('two tabs on one phone', () => {
  it('shows an entry saved in one tab in the other, with the same outbox count', async () => {
    const { page, context, server } = session;
    const other = await context.newPage();
    await other.goto(server.url);
    await other.getByRole('heading', { name: 'Communication log' }).waitFor();

    await addQuickEntry(page, { type: 'internal_update', who: 'Response team', summary: 'Switched to the phone bridge.' });

    await eventually(() => listedEntries(other), (rows) => rows[0]?.summary === 'Switched to the phone bridge.', 'the other tab lists the entry');
    await eventually(() => other.getByTestId('outbox-badge').innerText(), (text) => text.startsWith('1 waiting to sync'), 'the other tab counts it');
    await other.close();
  });
});
