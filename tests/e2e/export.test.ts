// Exporting an incident's log from the phone and checking the export, in Chromium: the zip is
// downloaded, verified intact in the app and by `muster-verify` (the Node command), and a
// byte flipped in its log.json is named by both.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sidewaysOverflow, tooSmall, unnamedControls } from './a11y-checks';
import { addQuickEntry, eventually, openApp, waitForServiceWorkerControl, type AppSession } from './app-driver';
import { filesOf, manifestOf, withFile } from '../unit/export-fixtures';

const BIN = fileURLToPath(new URL('../../bin/muster-verify.mjs', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'muster-export-e2e-'));
let session: AppSession;

beforeEach(async () => {
  session = await openApp();
});

afterEach(async () => {
  expect(session.pageErrors).toEqual([]);
  await session.close();
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

function exportSection(page: Page): Locator {
  return page.getByRole('region', { name: 'Export and verify' });
}

async function exportLog(page: Page): Promise<string> {
  const section = exportSection(page);
  const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: 'Export log (zip)' }).click()]);
  const path = join(folder, download.suggestedFilename());
  await download.saveAs(path);
  return path;
}

/** Picks the zip in "Verify export" and returns the verdict line once it is shown. */
async function verifyInApp(page: Page, path: string): Promise<string> {
  const section = exportSection(page);
  await section.getByLabel('Verify an export (pick its zip)').setInputFiles(path);
  const result = section.getByTestId('export-verify-result').locator('p');
  return eventually(async () => ((await result.count()) > 0 ? ((await result.textContent()) ?? '') : ''), (text) => text.includes(': Intact') || text.includes(': Broken'), 'export verdict', 20_000);
}

function musterVerify(path: string) {
  const run = spawnSync(process.execPath, [BIN, path], { encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, out: `${run.stdout}${run.stderr}` };
}

describe('log export', () => {
  it('downloads the log as a zip offline that verifies intact, and names log.json once a byte of it is flipped', async () => {
    const { page } = session;
    await addQuickEntry(page, { type: 'vendor_request', who: 'Bluebridge IT', summary: '=HYPERLINK("http://evil.example","Open")' });
    await addQuickEntry(page, { type: 'decision', who: 'Leadership group', summary: 'Decision: keep the mailbox online.' });
    await addQuickEntry(page, { type: 'internal_update', who: 'All staff', summary: '@everyone do not approve MFA prompts' });

    // Exported and checked with no network: the export's code comes from the service worker's cache.
    await waitForServiceWorkerControl(page);
    await session.context.setOffline(true);
    const path = await exportLog(page);
    expect(path).toMatch(/muster-INC-\d{4}-\d{3}-\d{4}-\d{2}-\d{2}\.zip$/);
    const zip = new Uint8Array(readFileSync(path));
    const manifest = manifestOf(zip);
    expect(manifest.files.map((file) => file.name)).toEqual(['log.csv', 'decisions.csv', 'log.json', 'log.pdf']);
    // The PDF, made on the phone, is in the zip and listed with its hash like the others.
    expect(new TextDecoder().decode(filesOf(zip).get('log.pdf')!.slice(0, 5))).toBe('%PDF-');
    expect(manifest.entries.count).toBeGreaterThanOrEqual(3);
    expect(manifest.entries.decisions).toBeGreaterThanOrEqual(1);
    await expect(exportSection(page).getByTestId('export-status').textContent()).resolves.toBe(`Exported ${manifest.entries.count} entries into ${path.split('/').at(-1)}.`);

    // The formula is in the CSV as text, behind a single quote.
    const rows = Papa.parse<string[]>(new TextDecoder().decode(filesOf(zip).get('log.csv')).slice(1), { skipEmptyLines: true }).data;
    const summaries = rows.map((row) => row[8]);
    expect(summaries).toContain(`'=HYPERLINK("http://evil.example","Open")`);
    expect(summaries).toContain("'@everyone do not approve MFA prompts");

    const verdict = await verifyInApp(page, path);
    expect(verdict).toBe(`${path.split('/').at(-1)}: Intact: ${manifest.entries.count} entries, chain head ${manifest.entries.chain_head_hash}.`);
    expect(musterVerify(path)).toEqual({ code: 0, out: `${path}: Intact: ${manifest.entries.count} entries, chain head ${manifest.entries.chain_head_hash}.\n` });

    // One byte of log.json flipped: "Bluebridge" becomes "Bluebridgf".
    const logJson = filesOf(zip).get('log.json') as Uint8Array;
    const at = new TextDecoder().decode(logJson).indexOf('Bluebridge') + 'Bluebridg'.length;
    const flipped = logJson.slice();
    flipped[at] = (flipped[at] as number) ^ 0x03;
    const tamperedPath = join(folder, 'tampered.zip');
    writeFileSync(tamperedPath, withFile(zip, 'log.json', flipped));

    const broken = await verifyInApp(page, tamperedPath);
    expect(broken).toMatch(/^tampered\.zip: Broken: log\.json: does not match its SHA-256 in the manifest/);
    const problems = await exportSection(page).getByRole('list', { name: 'Everything that does not check out' }).innerText();
    expect(problems).toMatch(/log\.json: Row \d+ \(entry #\d+\) was changed: its fields no longer match its content_hash/);
    const cli = musterVerify(tamperedPath);
    expect(cli.code).toBe(1);
    expect(cli.out).toMatch(/tampered\.zip: Broken: log\.json: does not match its SHA-256/);
    expect(cli.out.trimEnd().split('\n')).toHaveLength(1);
  });

  it('fits a 360 px phone, with every control named and big enough to tap', async () => {
    const { page } = session;
    await addQuickEntry(page, { type: 'internal_update', who: 'All staff', summary: 'Use the phone bridge from now on.' });
    const path = await exportLog(page);
    await verifyInApp(page, path);
    const section = exportSection(page);
    await section.scrollIntoViewIfNeeded();
    expect(await sidewaysOverflow(page)).toBe(0);
    expect([
      ...(await tooSmall(section.getByRole('button'), 'export')),
      ...(await tooSmall(section.getByRole('link'), 'export')),
      ...(await tooSmall(section.locator('input[type=file]'), 'verify export')),
    ]).toEqual([]);
    expect(await unnamedControls(page)).toEqual([]);
  });
});
