// Issue 6, offline: the emergency contact sheet prints without the app around it and downloads
// as a PDF made on the phone; the incident's post-incident report downloads as Markdown and PDF.
// Everything here runs with the network off and the server gone.

import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sidewaysOverflow, tooSmall, unnamedControls } from './a11y-checks';
import { addQuickEntry, gotoScreen, openApp, waitForAppReady, waitForServiceWorkerControl, type AppSession } from './app-driver';

const HOSTILE = '[Acme](javascript:alert(1)) <img src=x onerror=alert(1)> \u202Egnp.exe 🔥';

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), click()]);
  const path = await download.path();
  return { download, bytes: await readFile(path) };
}

async function a11yProblems(page: Page, where: string): Promise<string[]> {
  const problems: string[] = [];
  const overflow = await sidewaysOverflow(page);
  if (overflow > 0) problems.push(`${where}: scrolls sideways by ${overflow} px`);
  problems.push(...(await tooSmall(page.locator('main button:visible, main .segmented label:visible, main summary:visible'), where)));
  problems.push(...(await unnamedControls(page)).map((control) => `${where}: unnamed ${control}`));
  return problems;
}

describe('contact sheet and post-incident report, offline', () => {
  let session: AppSession | undefined;

  beforeAll(async () => {
    session = await openApp();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('prints the contact sheet without the app chrome and downloads it as a PDF', async () => {
    const { page, context, server } = session!;
    await waitForServiceWorkerControl(page);
    // A hostile entry in the demo incident's log, for the report below.
    await addQuickEntry(page, { type: 'customer_partner_communication', who: HOSTILE, summary: `# Owned ${HOSTILE}` });
    await context.setOffline(true);
    await server.close();
    await page.reload();
    await waitForAppReady(page);

    await gotoScreen(page, 'Contacts');
    await page.getByRole('link', { name: /contact sheet/i }).click();
    await page.getByRole('heading', { level: 1, name: 'Emergency contact sheet' }).waitFor();
    const sheet = page.getByTestId('contact-sheet');
    await sheet.getByRole('heading', { level: 2, name: 'Cyber insurance' }).waitFor();
    await expect(sheet.textContent()).resolves.toContain('CY-2026-118834');
    await expect(sheet.getByRole('heading', { level: 2, name: 'Alternate-channel plan' }).isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('sheet-version').textContent()).resolves.toMatch(/list version \d+ contacts, fingerprint [0-9a-f]{14}/);
    expect(await sheet.locator('.sheet-247').count()).toBeGreaterThan(0);
    expect(await a11yProblems(page, 'contact sheet')).toEqual([]);

    // Print preview: only the sheet; no header, bottom navigation or buttons.
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: 'Screens' }).isVisible()).resolves.toBe(false);
    await expect(page.locator('.app-header').isVisible()).resolves.toBe(false);
    await expect(page.getByRole('button', { name: 'Print' }).isVisible()).resolves.toBe(false);
    await expect(page.getByRole('button', { name: 'Download PDF' }).isVisible()).resolves.toBe(false);
    await expect(sheet.isVisible()).resolves.toBe(true);
    await expect(sheet.getByRole('heading', { level: 2, name: 'Cyber insurance' }).isVisible()).resolves.toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await expect(page.getByRole('navigation', { name: 'Screens' }).isVisible()).resolves.toBe(true);

    for (const [paper, label] of [['letter', 'US Letter'], ['wallet', 'Wallet card']] as const) {
      await page.getByText(label, { exact: true }).click();
      const { download, bytes } = await downloaded(page, () => page.getByRole('button', { name: 'Download PDF' }).click());
      expect(download.suggestedFilename()).toMatch(new RegExp(`contact-sheet-${paper}\\.pdf$`));
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(bytes.length).toBeGreaterThan(3000);
    }
    await page.getByRole('status').filter({ hasText: 'PDF ready (Wallet card' }).waitFor();
  });

  it('downloads the post-incident report as Markdown and as PDF', async () => {
    const { page } = session!;
    await gotoScreen(page, 'Incident');
    await page.getByRole('link', { name: /Post-incident report/ }).click();
    await page.getByRole('heading', { level: 1, name: /Post-incident report/ }).waitFor();
    await page.getByTestId('report-contents').waitFor();
    expect(await a11yProblems(page, 'post-incident report')).toEqual([]);

    const markdown = await downloaded(page, () => page.getByRole('button', { name: 'Download Markdown' }).click());
    expect(markdown.download.suggestedFilename()).toBe('INC-2026-001-post-incident-report.md');
    const text = markdown.bytes.toString('utf8');
    expect(text.startsWith('# Post-incident report: INC-2026-001 ')).toBe(true);
    expect(text).toContain('## Timeline of communications and decisions');
    expect(text).toContain('## Open follow-ups');
    expect(text).toContain('\\[Acme\\](javascript:alert(1)) \\<img src=x onerror=alert(1)\\>');
    expect(text).not.toMatch(/^# Owned/m);

    await page.getByText('US Letter', { exact: true }).click();
    const pdf = await downloaded(page, () => page.getByRole('button', { name: 'Download PDF' }).click());
    expect(pdf.download.suggestedFilename()).toBe('INC-2026-001-post-incident-report-letter.pdf');
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.bytes.length).toBeGreaterThan(3000);
    expect(session!.pageErrors).toEqual([]);
  });
});
