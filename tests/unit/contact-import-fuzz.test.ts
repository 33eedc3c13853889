// Hostile files against the Muster side of the import (decoding, mapping, cleaning,
// normalising, planning): whatever papaparse and ical.js make of them, the app must not
// crash or hang, and every contact it would write must pass the contact form's validation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { draftFromContact, validateContactDraft } from '../../src/domain/contact-draft';
import { readCsvTable } from '../../src/domain/contact-import/csv-table';
import { MAX_IMPORT_BYTES } from '../../src/domain/contact-import/limits';
import { guessColumnMapping, importCandidates, openImportFile, planImport, type ImportPlan } from '../../src/domain/contact-import/read-import';
import { readVcards } from '../../src/domain/contact-import/vcard';
import { contactLink } from '../../src/domain/contacts';
import { DEMO_WORKSPACE_ID, demoContacts } from '../../src/domain/demo-workspace';

const NOW = new Date('2026-03-02T09:00:00.000Z');
const EXISTING = demoContacts(NOW.toISOString());
const INVISIBLE_OR_BIDI = /[\u061C\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/;

// The pieces hostile files are made of.
const hostilePiece = fc.constantFrom(
  '"', '""', ',', ';', '\t', '|', '\n', '\r\n', '\r', ' ', '\u200B', '\u200D', '\u202E', '\u2066', '\u061C', '\uFEFF', '\u0000',
  '\uD800', 'javascript:alert(1)', 'tel:', 'mailto:', '=HYPERLINK("x")', '+1 202 555 0150', '0171 1234567', 'a@b.example',
  'https://x.example', 'BEGIN:VCARD', 'END:VCARD', 'TEL;TYPE=CELL:', 'EMAIL:', '\\n', '\\,', 'ü', '😀', 'ﷺ', 'שלום',
);
const hostileText = fc.oneof(
  fc.array(hostilePiece, { maxLength: 12 }).map((pieces) => pieces.join('')),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.tuple(hostilePiece, fc.integer({ min: 1, max: 3000 })).map(([piece, times]) => piece.repeat(times)),
);
const HEADERS = ['Name', 'Company', 'Role', 'Category', 'Phone', 'Mobile', 'Email', 'Private email', '24/7', 'Policy number', 'Notes', 'Portal', 'Bridge', 'First name', 'Last name'];

function csvCell(text: string, quote: boolean): string {
  return quote ? `"${text.replaceAll('"', '""')}"` : text;
}

const hostileCsv = fc
  .record({
    header: fc.subarray(HEADERS, { minLength: 1 }),
    delimiter: fc.constantFrom(',', ';', '\t'),
    rows: fc.array(fc.array(fc.tuple(hostileText, fc.boolean()), { maxLength: 16 }), { maxLength: 12 }),
    newline: fc.constantFrom('\n', '\r\n'),
  })
  .map(({ header, delimiter, rows, newline }) => [header.join(delimiter), ...rows.map((row) => row.map(([text, quote]) => csvCell(text, quote)).join(delimiter))].join(newline));

const hostileVcard = fc
  .array(
    fc.record({
      version: fc.constantFrom('3.0', '4.0', '2.1', ''),
      properties: fc.array(fc.tuple(fc.constantFrom('FN', 'N', 'ORG', 'TITLE', 'TEL;TYPE=CELL', 'TEL;VALUE=uri', 'EMAIL;TYPE=HOME', 'EMAIL', 'NOTE', 'CATEGORIES', 'URL', 'X-EVIL'), hostileText, fc.boolean()), { maxLength: 10 }),
      closed: fc.boolean(),
    }),
    { maxLength: 6 },
  )
  .map((cards) =>
    cards
      .map(({ version, properties, closed }) => {
        // Folding (a line break and a space) splits a long value the way address books do.
        const lines = properties.map(([name, value, fold]) => `${name}:${fold && value.length > 10 ? `${value.slice(0, 10)}\r\n ${value.slice(10)}` : value}`);
        return ['BEGIN:VCARD', ...(version ? [`VERSION:${version}`] : []), ...lines, ...(closed ? ['END:VCARD'] : [])].join('\r\n');
      })
      .join('\r\n'),
  );

function expectOnlyValidContacts(plan: ImportPlan): void {
  for (const contact of [...plan.added.map((addition) => addition.contact), ...plan.updated.map((update) => update.after)]) {
    const draft = draftFromContact(contact);
    const checked = validateContactDraft(draft);
    expect(checked.ok).toBe(true);
    // Already clean: validation would not trim or drop anything.
    expect(checked.ok && checked.draft).toEqual(draft);
    expect(contact.name).not.toMatch(INVISIBLE_OR_BIDI);
    for (const method of contact.methods) {
      expect(method.value).not.toMatch(INVISIBLE_OR_BIDI);
      const link = contactLink(method);
      if (link.href !== null) expect(link.href).toMatch(/^(tel:|sms:|mailto:|https:)/);
      else expect(method.channel).toBe('in_person');
    }
  }
}

function importFile(text: string, fileName: string): ImportPlan | string {
  const started = performance.now();
  const opened = openImportFile(new TextEncoder().encode(text), fileName);
  if (!opened.ok) return opened.reason;
  const mapping = opened.source.format === 'csv' ? guessColumnMapping(opened.source.table.header) : [];
  const read = importCandidates(opened.source, mapping, { country: 'DE', defaultCategory: 'leadership' });
  if (!read.ok) return read.reason;
  const plan = planImport(read.candidates, read.malformed, EXISTING, { workspaceId: DEMO_WORKSPACE_ID, country: 'DE', now: NOW });
  expect(performance.now() - started).toBeLessThan(1000);
  return plan;
}

describe('hostile import files', () => {
  it('never crashes on hostile CSV, and everything it would write is a valid contact', () => {
    fc.assert(
      fc.property(hostileCsv, (csv) => {
        const plan = importFile(csv, 'hostile.csv');
        if (typeof plan === 'string') expect(plan.length).toBeGreaterThan(0);
        else expectOnlyValidContacts(plan);
      }),
      { numRuns: 300 },
    );
  });

  it('never crashes on hostile vCard files, and everything it would write is a valid contact', () => {
    fc.assert(
      fc.property(hostileVcard, (vcf) => {
        const plan = importFile(vcf, 'hostile.vcf');
        if (typeof plan === 'string') expect(plan.length).toBeGreaterThan(0);
        else expectOnlyValidContacts(plan);
      }),
      { numRuns: 300 },
    );
  });

  it('never crashes on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.constantFrom('x.csv', 'x.vcf'), (bytes, name) => {
        const opened = openImportFile(bytes, name);
        if (!opened.ok) return;
        const mapping = opened.source.format === 'csv' ? guessColumnMapping(opened.source.table.header) : [];
        const read = importCandidates(opened.source, mapping, { country: null, defaultCategory: 'msp' });
        if (read.ok) expectOnlyValidContacts(planImport(read.candidates, read.malformed, EXISTING, { workspaceId: DEMO_WORKSPACE_ID, country: null, now: NOW }));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a 10 MB line at once, as bytes and as text, in well under a second', () => {
    const line = 'x'.repeat(10 * 1024 * 1024);
    const started = performance.now();

    expect(openImportFile(new TextEncoder().encode(`Name,Notes\nAnn,${line}\n`), 'big.csv')).toMatchObject({ ok: false });
    expect(readCsvTable(`Name,Notes\nAnn,"${line}"\n`)).toMatchObject({ ok: false });
    expect(readVcards(`BEGIN:VCARD\r\nFN:${line}\r\nEND:VCARD`, { country: null, defaultCategory: 'leadership' })).toMatchObject({ ok: false });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('reads a file of nearly 5 MB of escaped quotes in one field in under a second', () => {
    const csv = `Name;Notes\nAnn;"${'""'.repeat((MAX_IMPORT_BYTES - 100) / 2)}"\n`;

    const plan = importFile(csv, 'quotes.csv');

    expect(typeof plan !== 'string' && plan.malformed.map((record) => record.line)).toEqual([2]);
  });

  it('lists a 4 MB field (under the file limit) as a malformed row with its line, in under a second', () => {
    const field = 'x,"y"\n\u200B'.repeat(400_000);
    const csv = `Name,Notes\nAnn,"${field.replaceAll('"', '""')}"\nBob,"+49 30 901820"\n`;
    expect(new TextEncoder().encode(csv).byteLength).toBeLessThan(MAX_IMPORT_BYTES);

    const plan = importFile(csv, 'long.csv');

    expect(typeof plan === 'string' ? plan : plan.malformed).toEqual([{ line: 2, reason: 'Line 2: “Notes” holds 2,800,000 characters; at most 2,000 are accepted. The row was not imported.' }]);
    expect(typeof plan !== 'string' && plan.skipped.map((skip) => [skip.line, skip.reason])).toEqual([[400_003, 'Add at least one way to reach this contact.']]);
  });
});
