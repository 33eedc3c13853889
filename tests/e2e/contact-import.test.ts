// Contacts come in from a spreadsheet (CSV, Windows-1252) and an address book (vCard)
// through the file picker: the preview says what will be added, updated, skipped and which
// row is malformed; nothing changes before Confirm; an import can be undone; the imported
// contacts are still there offline.

import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sidewaysOverflow, tooSmall, unnamedControls } from './a11y-checks';
import { gotoScreen, openApp, waitForAppReady, waitForServiceWorkerControl, type AppSession } from './app-driver';

const CSV = fileURLToPath(new URL('../fixtures/import/contacts-windows-1252.csv', import.meta.url));
const VCF = fileURLToPath(new URL('../fixtures/import/contacts.vcf', import.meta.url));

async function openImport(page: Page): Promise<void> {
  await gotoScreen(page, 'Contacts');
  await page.getByRole('button', { name: 'Import contacts', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: 'Import contacts' }).waitFor({ state: 'visible' });
}

async function pickFile(page: Page, path: string): Promise<void> {
  await page.getByLabel('Choose a CSV or vCard file').setInputFiles(path);
  await page.getByTestId('import-counts').waitFor({ state: 'visible' });
  // The file is read with the same default country on every machine running the tests.
  await page.locator('.import-settings summary').click();
  await page.getByLabel('Country for numbers without +').selectOption('US');
}

async function expectUsableAt360(page: Page, what: string): Promise<void> {
  expect(await sidewaysOverflow(page), `${what}: sideways scroll`).toBe(0);
  expect(await tooSmall(page.locator('.contact-import').locator('button, select, input'), what)).toEqual([]);
  expect(await unnamedControls(page), `${what}: unnamed controls`).toEqual([]);
}

const contactNames = (page: Page) => page.getByTestId('contact').locator('h3').allTextContents();

describe('contact import', () => {
  let session: AppSession | undefined;

  beforeAll(async () => {
    session = await openApp();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('imports a CSV and a vCard file with a preview, undoes one import, and keeps the rest offline', async () => {
    const { page, context, server } = session!;
    await waitForServiceWorkerControl(page);
    await gotoScreen(page, 'Contacts');
    await page.getByTestId('contact').first().waitFor();
    const before = (await contactNames(page)).length;

    await openImport(page);
    await expectUsableAt360(page, 'import view');

    // CSV: Windows-1252, semicolons, a multi-line quoted note, a malformed row on line 5.
    await pickFile(page, CSV);
    expect(await page.getByTestId('import-counts').textContent()).toBe('1 to add, 1 to update, 2 skipped, 1 malformed row');
    expect(await page.getByTestId('import-added').textContent()).toContain('Jürgen Müller');
    expect(await page.getByTestId('import-updated').textContent()).toContain('Adds Email claims-desk@example.com');
    expect(await page.getByTestId('import-skipped').textContent()).toContain('Line 6: Sam Ortiz. Already in the list as Sam Ortiz, nothing new.');
    expect(await page.getByTestId('import-malformed').textContent()).toBe('Line 5: 3 fields where the header has 10. Check for a missing or extra ";".');
    await expectUsableAt360(page, 'CSV preview');

    // Changing a column's meaning redraws the preview: without the Email column the update has less to add.
    await page.getByLabel('Column 7: Email').selectOption('ignore');
    expect(await page.getByTestId('import-updated').textContent()).not.toContain('claims-desk@example.com');
    await page.getByLabel('Column 7: Email').selectOption('corporate_email');

    // Nothing is written before Confirm.
    await page.getByRole('button', { name: 'Back to contacts' }).click();
    await page.getByTestId('contact').first().waitFor();
    expect(await contactNames(page)).toHaveLength(before);
    await openImport(page);
    await pickFile(page, CSV);
    await page.getByRole('button', { name: 'Import 2 contacts' }).click();
    await page.getByRole('status').filter({ hasText: /^Imported from contacts-windows-1252\.csv: 1 added, 1 updated, 2 skipped, 1 malformed row left out\. Logged as entry #\d+\.$/ }).waitFor();

    await page.getByRole('button', { name: 'Back to contacts' }).click();
    await page.getByRole('heading', { level: 3, name: 'Jürgen Müller' }).waitFor();
    expect(await page.getByRole('link', { name: /claims-desk@example\.com|Email/ }).count()).toBeGreaterThan(0);

    // vCard: two cards (3.0 with folded name, 4.0 with a tel: URI) and a broken one.
    await openImport(page);
    await pickFile(page, VCF);
    expect(await page.getByTestId('import-counts').textContent()).toBe('2 to add, 0 to update, 0 skipped, 1 malformed row');
    expect(await page.getByTestId('import-added').textContent()).toContain('Priya Raman');
    expect(await page.getByTestId('import-malformed').textContent()).toMatch(/^Line 24: this card could not be read/);
    await expectUsableAt360(page, 'vCard preview');
    await page.getByRole('button', { name: 'Import 2 contacts' }).click();
    await page.getByRole('status').filter({ hasText: /^Imported from contacts\.vcf: 2 added/ }).waitFor();
    await page.getByRole('button', { name: 'Back to contacts' }).click();
    await page.getByRole('heading', { level: 3, name: 'Priya Raman' }).waitFor();
    expect(await contactNames(page)).toHaveLength(before + 3);

    // Undo the vCard import (from the list of earlier imports, as after a reload).
    await page.reload();
    await waitForAppReady(page);
    await openImport(page);
    await page.getByRole('button', { name: 'Undo this import: contacts.vcf' }).click();
    await page.getByRole('status').filter({ hasText: 'Import of contacts.vcf undone: 2 removed, 0 restored.' }).waitFor();
    await expectUsableAt360(page, 'import history');
    await page.getByRole('button', { name: 'Back to contacts' }).click();
    await page.getByRole('heading', { level: 3, name: 'Jürgen Müller' }).waitFor();
    expect(await contactNames(page)).toHaveLength(before + 1);
    expect(await contactNames(page)).not.toContain('Priya Raman');

    // Offline, server gone: the imported contacts are still on the phone.
    await context.setOffline(true);
    await server.close();
    await page.reload();
    await waitForAppReady(page);
    await gotoScreen(page, 'Contacts');
    await page.getByRole('heading', { level: 3, name: 'Jürgen Müller' }).waitFor();
    const jurgen = page.getByTestId('contact').filter({ has: page.getByRole('heading', { name: 'Jürgen Müller' }) });
    expect(await jurgen.getByRole('link').first().getAttribute('href')).toBe('tel:+4930901820');
    expect(await contactNames(page)).not.toContain('Priya Raman');
    expect(session!.pageErrors).toEqual([]);
  });
});
