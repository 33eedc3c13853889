import { PDFDocument, PDFPage } from 'pdf-lib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildContactSheet } from '../../src/domain/contact-sheet';
import type { Contact } from '../../src/domain/contacts';
import { demoContacts } from '../../src/domain/demo-workspace';
import { buildIncidentReport } from '../../src/domain/report/incident-report';
import { renderContactSheetPdf } from '../../src/export/pdf/contact-sheet-pdf';
import { renderLogPdf } from '../../src/export/pdf/log-pdf';
import { renderReportPdf } from '../../src/export/pdf/report-pdf';
import { logNote } from '../../src/store/incident-actions';
import type { MusterDatabase } from '../../src/store/open-database';
import { readReportSources } from '../../src/ui/incident/report/report-sources';
import { at, recordRealisticIncident, SETTINGS } from './report-fixture';
import { openTestDatabase } from './test-database';

const HOSTILE_NAME = '\u202Eevil\u200B 🔥 “Boss” مدير <script>alert(1)</script> \uD800';

function startsAsPdf(bytes: Uint8Array): boolean {
  return new TextDecoder().decode(bytes.slice(0, 5)) === '%PDF-';
}

describe('the PDFs', () => {
  let db: MusterDatabase;
  beforeEach(async () => {
    db = await openTestDatabase();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    db.close();
  });

  it('renders the log: every entry in seq order with its fields, corrections and hashes; hostile text does not throw', async () => {
    const { incident, reportAt } = await recordRealisticIncident(db);
    await logNote(db, SETTINGS, incident.id, { type: 'internal_update', contacted: HOSTILE_NAME, summary: `${HOSTILE_NAME}\n`.repeat(30) }, at(250));
    const { entries } = await readReportSources(db, SETTINGS.workspace_id, incident.id);
    const drawn: string[] = [];
    const original = PDFPage.prototype.drawText;
    vi.spyOn(PDFPage.prototype, 'drawText').mockImplementation(function (this: PDFPage, text, options) {
      drawn.push(text);
      return original.call(this, text, options);
    });
    const bytes = await renderLogPdf({ workspaceName: 'Northwind Dental', incident, entries: [...entries].reverse(), generatedAt: reportAt.toISOString(), generatedBy: 'Tom Becker', paper: 'a4' });
    expect(startsAsPdf(bytes)).toBe(true);
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBeGreaterThan(3);
    expect(drawn.at(-1)).toBe(`Page ${pdf.getPageCount()} of ${pdf.getPageCount()}`);

    const text = drawn.join('\n');
    const headings = drawn.filter((line) => /^#\d+ .+, \d{4}-\d\d-\d\dT/.test(line)).map((line) => Number(line.slice(1, line.indexOf(' '))));
    expect(headings).toEqual(entries.map((entry) => entry.local_seq));
    for (const entry of entries) {
      expect(text).toContain(entry.hash);
      expect(text).toContain(entry.content_hash);
      expect(text).toContain(entry.id);
    }
    for (const label of ['Incident ID: ', 'Date and time: ', 'Communication type: ', 'Person or organization contacted: ', 'Contact method: ', 'Message summary: ', 'Decision made: ', 'Action requested: ', 'Owner: ', 'Deadline: ', 'Response received: ', 'Follow-up required: ', 'Evidence or document location: ', 'prev_hash: ', 'Recorded by: ']) {
      expect(drawn.filter((line) => line === label)).toHaveLength(entries.length);
    }
    const correction = entries.find((entry) => entry.message_summary === 'Password reset for 4 users.')!;
    const corrected = entries.find((entry) => entry.id === correction.corrects)!;
    expect(text).toContain(`#${corrected.local_seq} (${corrected.id})`);
    expect(text).toContain(`#${correction.local_seq}`);
  });

  it('renders the report on A4 and Letter', async () => {
    const { incident, reportAt } = await recordRealisticIncident(db);
    const sources = await readReportSources(db, SETTINGS.workspace_id, incident.id);
    const report = buildIncidentReport({ workspaceName: HOSTILE_NAME, incident, ...sources, generatedAt: reportAt.toISOString(), generatedBy: HOSTILE_NAME, timeZone: 'Not/AZone' });
    for (const paper of ['a4', 'letter'] as const) {
      const bytes = await renderReportPdf(report, paper);
      expect(startsAsPdf(bytes)).toBe(true);
      expect((await PDFDocument.load(bytes)).getPageCount()).toBeGreaterThan(2);
    }
  });

  it('renders the contact sheet on A4, Letter and wallet cards, a hostile contact name included', async () => {
    const contacts: Contact[] = demoContacts('2026-03-01T09:00:00.000Z');
    contacts[0] = { ...contacts[0]!, name: HOSTILE_NAME, notes: HOSTILE_NAME.repeat(50), references: [{ label: HOSTILE_NAME, value: 'P-1' }] };
    const sheet = buildContactSheet({ workspaceName: HOSTILE_NAME, contacts, bridgeUrl: 'https://meet.example.com/acme', incident: { id: 'INC-2026-001', channels: { corporate_email: 'compromised' } }, generatedAt: '2026-03-02T10:00:00.000Z' });
    const pages: Record<string, number> = {};
    for (const paper of ['a4', 'letter', 'wallet'] as const) {
      const bytes = await renderContactSheetPdf(sheet, paper, 'Europe/Berlin');
      expect(startsAsPdf(bytes)).toBe(true);
      expect(bytes.length).toBeGreaterThan(2000);
      pages[paper] = (await PDFDocument.load(bytes)).getPageCount();
    }
    expect(pages.a4).toBeGreaterThanOrEqual(1);
    expect(pages.wallet).toBeGreaterThan(pages.a4!);
  });
});
