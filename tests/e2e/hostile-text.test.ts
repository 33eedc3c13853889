// Text typed into Muster (or pasted from a phishing mail) is shown as text, never run as HTML:
// in the log list, in an entry's details, after a reload, in a template's preview, and in a
// contact card; and a contact method never becomes a javascript: link.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addQuickEntry, gotoScreen, logEntries, openApp, waitForAppReady, type AppSession } from './app-driver';

declare global {
  interface Window {
    __pwned?: number;
  }
}

const HOSTILE = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>`;
const HOSTILE_WHO = `<svg onload="window.__pwned=1">Evil Corp</svg>`;

describe('hostile text', () => {
  let session: AppSession | undefined;

  beforeAll(async () => {
    session = await openApp();
    session.page.on('dialog', (dialog) => void dialog.dismiss());
  });

  afterAll(async () => {
    await session?.close();
  });

  it('shows markup typed into a log entry as literal text', async () => {
    const { page } = session!;
    await addQuickEntry(page, { type: 'vendor_request', who: HOSTILE_WHO, summary: HOSTILE });

    const check = async (when: string) => {
      const card = logEntries(page).first();
      expect(await card.locator('.entry-text').textContent(), when).toBe(HOSTILE);
      expect(await card.locator('.entry-who').textContent(), when).toBe(HOSTILE_WHO);
      expect(await page.locator('.entry-list img, .entry-list script, .entry-list svg').count(), when).toBe(0);
      expect(await page.evaluate(() => window.__pwned), when).toBeUndefined();
    };
    await check('just saved');

    // Open the entry's details (every field is rendered there too).
    await logEntries(page).first().getByRole('button').first().click();
    await page.locator('.entry-details').first().waitFor({ state: 'visible' });
    await check('details open');

    // Rendered again from IndexedDB.
    await page.reload();
    await waitForAppReady(page);
    await logEntries(page).first().waitFor();
    await page.waitForTimeout(300); // an onerror handler would run as soon as the image fails
    await check('after reload');
  });

  it('shows markup typed into a template field as literal text in the preview', async () => {
    const { page } = session!;
    await gotoScreen(page, 'Templates');
    await page.getByRole('button', { name: /First leadership update/ }).click();
    await page.getByLabel('What happened').fill(HOSTILE);
    await page.getByLabel('Incident ID').fill(HOSTILE_WHO);

    const preview = page.getByTestId('template-preview');
    expect(await preview.textContent()).toContain(`What happened: ${HOSTILE}`);
    expect(await page.getByTestId('template-subject').textContent()).toBe(`${HOSTILE_WHO}: incident update`);
    await page.waitForTimeout(300);
    expect(await page.locator('main img, main script, main svg').count()).toBe(0);
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();

    // The SMS and mail links carry the text URL-encoded, not as markup.
    const sms = await page.getByRole('link', { name: 'Text (SMS)' }).getAttribute('href');
    expect(sms).toMatch(/^sms:\?body=/);
    expect(decodeURIComponent(sms!.slice('sms:?body='.length))).toContain(`What happened: ${HOSTILE}`);
    expect(session!.pageErrors).toEqual([]);
  });

  it('refuses a javascript: contact link and shows a hostile contact name as text', async () => {
    const { page } = session!;
    await gotoScreen(page, 'Contacts');
    await page.getByRole('button', { name: '+ Add contact' }).click();
    const editor = page.locator('form.contact-editor');
    await editor.waitFor({ state: 'visible' });
    await editor.getByLabel('Name (person or organization)').fill(HOSTILE_WHO);
    await editor.getByLabel('Category').selectOption('msp');

    // As a portal link and as a phone number, "javascript:" is refused with a reason.
    const value = editor.getByLabel('Number, address or link');
    for (const channel of ['portal', 'phone']) {
      await editor.getByLabel('Method 1').selectOption(channel);
      await value.fill('javascript:window.__pwned=1');
      await editor.getByRole('button', { name: 'Save contact' }).click();
      await editor.getByRole('alert').first().waitFor({ state: 'visible' });
      expect(await editor.isVisible(), `${channel}: the editor stays open`).toBe(true);
    }

    // "In person" keeps any text, shown inert; a second method with a real number is a link.
    await editor.getByLabel('Method 1').selectOption('in_person');
    await editor.getByRole('button', { name: '+ Add a way to reach them' }).click();
    await editor.getByLabel('Method 2').selectOption('phone');
    await editor.locator('#method-value-1').fill('+1 202 555 0199');
    await editor.getByRole('button', { name: 'Save contact' }).click();
    await editor.waitFor({ state: 'detached' });

    const card = page.getByTestId('contact').filter({ hasText: 'Evil Corp' });
    await card.waitFor({ state: 'visible' });
    expect(await card.locator('h3').textContent()).toContain(HOSTILE_WHO);
    expect(await card.textContent()).toContain('javascript:window.__pwned=1');
    const hrefs = await card.getByRole('link').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(hrefs).toEqual(['tel:+12025550199']);
    expect(await page.locator('a[href^="javascript:" i], [href^=" javascript:" i]').count()).toBe(0);
    expect(await page.locator('main svg, main img, main script').count()).toBe(0);
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    expect(session!.pageErrors).toEqual([]);
  });
});
