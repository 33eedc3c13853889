import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateContactDraft, draftFromContact } from '../../src/domain/contact-draft';
import { decodeImportFile } from '../../src/domain/contact-import/decode-file';
import { defaultCountryFrom, readPhoneNumber } from '../../src/domain/contact-import/phone-number';
import { matchCategory } from '../../src/domain/contact-import/categories';
import { cleanLine } from '../../src/domain/contact-import/clean-text';
import { readCsvTable } from '../../src/domain/contact-import/csv-table';
import { guessColumnMapping } from '../../src/domain/contact-import/csv-mapping';
import { importCandidates, openImportFile, planImport, type ImportSource } from '../../src/domain/contact-import/read-import';
import { MAX_IMPORT_BYTES } from '../../src/domain/contact-import/limits';
import { contactLink, type Contact } from '../../src/domain/contacts';
import { DEMO_WORKSPACE_ID, demoContacts } from '../../src/domain/demo-workspace';

const NOW = new Date('2026-03-02T09:00:00.000Z');
const OPTIONS = { country: 'US' as const, defaultCategory: 'leadership' as const };
const bytes = (text: string) => new TextEncoder().encode(text);
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url)));

function open(data: Uint8Array, name: string): ImportSource {
  const opened = openImportFile(data, name);
  if (!opened.ok) throw new Error(opened.reason);
  return opened.source;
}

function planFor(data: Uint8Array, name: string, existing: Contact[] = demoContacts(NOW.toISOString())) {
  const source = open(data, name);
  const mapping = source.format === 'csv' ? guessColumnMapping(source.table.header) : [];
  const read = importCandidates(source, mapping, OPTIONS);
  if (!read.ok) throw new Error(read.reason);
  return planImport(read.candidates, read.malformed, existing, { workspaceId: DEMO_WORKSPACE_ID, country: 'US', now: NOW });
}

describe('reading the file', () => {
  it('reads a Windows-1252 spreadsheet export (Excel on Windows) with its umlauts', () => {
    const decoded = decodeImportFile(fixture('contacts-windows-1252.csv'));

    expect(decoded).toMatchObject({ ok: true, encoding: 'windows-1252' });
    expect(decoded.ok && decoded.text).toContain('Jürgen Müller');
  });

  it('reads UTF-8 with and without a BOM, and UTF-16 "Unicode text"', () => {
    const withBom = decodeImportFile(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('Name\nZoë')]));
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from('Name\nZoë').flatMap((c) => [c.charCodeAt(0), 0])]);

    expect(withBom).toEqual({ ok: true, text: 'Name\nZoë', encoding: 'utf-8' });
    expect(decodeImportFile(utf16)).toEqual({ ok: true, text: 'Name\nZoë', encoding: 'utf-16le' });
  });

  it('refuses a file over 5 MB and an empty one, saying why', () => {
    const big = decodeImportFile(new Uint8Array(MAX_IMPORT_BYTES + 1));

    expect(big).toMatchObject({ ok: false });
    expect(!big.ok && big.reason).toMatch(/larger than 5\.0 MB/);
    expect(decodeImportFile(new Uint8Array(0))).toEqual({ ok: false, reason: 'This file is empty.' });
  });

  it('finds the delimiter: comma, semicolon, tab', () => {
    for (const delimiter of [',', ';', '\t']) {
      const table = readCsvTable(['Name', 'Phone'].join(delimiter) + '\n' + ['Ann', '+1 202 555 0150'].join(delimiter));
      expect(table.ok && table.table.rows[0]?.cells).toEqual(['Ann', '+1 202 555 0150']);
    }
  });

  it('keeps quoted delimiters and line breaks in a field, and counts lines from where each row starts', () => {
    const read = readCsvTable('Name,Notes\n"Lee, Ann","two\nlines"\nBob,x\n');

    expect(read.ok && read.table.rows).toEqual([
      { line: 2, cells: ['Lee, Ann', 'two\nlines'] },
      { line: 4, cells: ['Bob', 'x'] },
    ]);
  });

  it('lists rows with the wrong number of fields and broken quotes by line, and reads the rest', () => {
    const read = readCsvTable('Name,Phone\nAnn,1\nBob\nCid,2,extra\nDee,3,,\nEve,"4"x\n');

    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.table.rows.map((row) => row.cells[0])).toEqual(['Ann', 'Dee']);
    expect(read.table.malformed.map((record) => record.line)).toEqual([3, 4, 6]);
    expect(read.table.malformed[0]?.reason).toBe('Line 3: 1 field where the header has 2. Check for a missing or extra ",".');
  });
});

describe('mapping columns to Muster fields', () => {
  it('guesses the usual headers of a contact spreadsheet', () => {
    const mapping = guessColumnMapping(['Name', 'Company', 'Job title', 'Category', 'Phone', 'Mobile', 'E-mail', 'Private email', '24/7', '24/7 hotline', 'Policy number', 'Notes', 'First name', 'Last name', 'Fax?']);

    expect(mapping.map((column) => column.field)).toEqual([
      'name', 'organization', 'role', 'category', 'phone', 'mobile', 'corporate_email', 'personal_email', 'available_24x7', 'phone', 'reference', 'notes', 'given_name', 'family_name', 'ignore',
    ]);
  });

  it('reads the preview counts of the fixture: one added, one updated, two skipped, one malformed', () => {
    const plan = planFor(fixture('contacts-windows-1252.csv'), 'contacts.csv');

    expect(plan.added.map((addition) => addition.contact.name)).toEqual(['Jürgen Müller']);
    const jurgen = plan.added[0]!.contact;
    expect(jurgen).toMatchObject({ organization: 'Müller Forensik GmbH', category: 'incident_response', notes: 'Speaks German and English.\nCall after the insurer.' });
    expect(jurgen.methods.map((method) => [method.value, method.available_24x7])).toEqual([
      ['+4930901820', true],
      ['+491711234567', true],
      ['jm@forensik.example.com', true],
    ]);
    expect(plan.updated.map((update) => [update.before.name, update.changes])).toEqual([
      ['Claims hotline', ['Adds Email claims-desk@example.com', 'Adds Policy number CY-2026-118834-B']],
    ]);
    expect(plan.skipped).toEqual([
      { line: 6, name: 'Sam Ortiz', reason: 'Already in the list as Sam Ortiz, nothing new.' },
      { line: 7, name: 'Nobody', reason: 'Add at least one way to reach this contact.' },
    ]);
    expect(plan.malformed).toEqual([{ line: 5, reason: 'Line 5: 3 fields where the header has 10. Check for a missing or extra ";".' }]);
  });

  it('joins first and last name, files unknown categories under the default and says so', () => {
    const source = open(bytes('First name,Last name,Group,Phone\nAnn,Lee,Plumbers,+1 202 555 0150\n'), 'x.csv');
    const read = importCandidates(source, guessColumnMapping(['First name', 'Last name', 'Group', 'Phone']), { country: 'US', defaultCategory: 'msp' });

    expect(read.ok && read.candidates[0]).toMatchObject({ draft: { name: 'Ann Lee', category: 'msp' }, categoryGiven: false });
    expect(read.ok && read.candidates[0]?.warnings).toEqual(['Category “Plumbers” is not one of Muster\'s: filed under the default category.']);
  });

  it('refuses a row holding an oversized field, with its line', () => {
    const plan = planFor(bytes(`Name,Notes\nAnn,"${'x'.repeat(2001)}"\n`), 'x.csv');

    expect(plan.malformed).toEqual([{ line: 2, reason: 'Line 2: “Notes” holds 2,001 characters; at most 2,000 are accepted. The row was not imported.' }]);
  });

  it('matches categories by name, label and common words', () => {
    expect(matchCategory('Cyber insurance')).toBe('cyber_insurance');
    expect(matchCategory('cyber_insurance')).toBe('cyber_insurance');
    expect(matchCategory('Our lawyer')).toBe('legal');
    expect(matchCategory('Police')).toBe('law_enforcement');
    expect(matchCategory('Gardening')).toBeNull();
  });
});

describe('phone numbers', () => {
  it('stores numbers in E.164 using the default country, keeping extensions as a pause', () => {
    expect(readPhoneNumber('0171 1234567', 'DE')).toEqual({ value: '+491711234567', e164: true });
    expect(readPhoneNumber('(202) 555-0147', 'US')).toEqual({ value: '+12025550147', e164: true });
    expect(readPhoneNumber('+44 20 7946 0958', 'US')).toEqual({ value: '+442079460958', e164: true });
    expect(readPhoneNumber('+1 202 555 0147 ext. 22', 'US')).toEqual({ value: '+12025550147,22', e164: true });
  });

  it('keeps short and service codes as typed, and refuses what does not dial', () => {
    expect(readPhoneNumber('112', 'DE')).toEqual({ value: '112', e164: false });
    expect(readPhoneNumber('*99#', 'US')).toEqual({ value: '*99#', e164: false });
    expect(readPhoneNumber('javascript:alert(1)', 'US')).toBeNull();
    expect(readPhoneNumber('+1\u200B202\u202E555 0147', 'US')).toEqual({ value: '+12025550147', e164: true });
  });

  it('takes the default country from the phone\'s languages', () => {
    expect(defaultCountryFrom(['de-DE', 'en'])).toBe('DE');
    expect(defaultCountryFrom(['en', 'zh-Hant-TW'])).toBe('TW');
    expect(defaultCountryFrom(['fr'])).toBe('US');
  });

  it('matches an existing contact by the same number written differently', () => {
    const plan = planFor(bytes('Name,Phone,Email\nMaria,(202) 555-0101,maria.new@example.com\n'), 'x.csv');

    expect(plan.updated.map((update) => update.before.name)).toEqual(['Maria Lopez']);
  });
});

describe('vCard', () => {
  it('reads several cards, 3.0 and 4.0, with several TEL and EMAIL, folded lines, and lists the broken card by line', () => {
    const plan = planFor(fixture('contacts.vcf'), 'contacts.vcf');

    expect(plan.added.map((addition) => addition.contact.name)).toEqual(['Priya Raman', 'Kai Nakamura']);
    const [priya, kai] = plan.added.map((addition) => addition.contact);
    expect(priya?.methods.map((method) => [method.channel, method.value, method.label])).toEqual([
      ['phone', '+12025550141', 'Mobile'],
      ['phone', '+12025550142', 'Work'],
      ['corporate_email', 'priya.raman@example.com', 'Work'],
      ['personal_email', 'priya@example.org', 'Home'],
    ]);
    expect(priya).toMatchObject({ organization: 'Northwind Dental', role: 'Practice lead', category: 'leadership' });
    expect(kai).toMatchObject({ category: 'dns', notes: 'Escalation contact for the DNS provider, after hours too.' });
    expect(kai?.methods[0]?.value).toBe('+12025550143');
    expect(plan.malformed).toHaveLength(1);
    expect(plan.malformed[0]?.line).toBe(24);
  });

  it('says which card has no END:VCARD', () => {
    const plan = planFor(bytes('BEGIN:VCARD\nVERSION:3.0\nFN:Ann\nTEL:+12025550150\n'), 'a.vcf');

    expect(plan.malformed).toEqual([{ line: 1, reason: 'Line 1: this card has no END:VCARD.' }]);
  });
});

describe('what will be written', () => {
  it('never builds a link from a hostile value: such methods are left out with a warning', () => {
    const plan = planFor(bytes('Name,Phone,Email,Portal\nEve,javascript:alert(1),mailto:x@y.z?bcc=a@b.c,javascript:alert(2)\nEve2,+1 202 555 0160,,http://evil.example\n'), 'x.csv', []);

    expect(plan.skipped[0]).toMatchObject({ line: 2, reason: 'Add at least one way to reach this contact.' });
    const eve2 = plan.added[0]!;
    expect(eve2.contact.methods.map((method) => method.value)).toEqual(['+12025550160']);
    expect(eve2.warnings).toEqual(['Portal “http://evil.example” is not a https:// link: left out.']);
    for (const method of eve2.contact.methods) expect(contactLink(method).href).toMatch(/^tel:/);
  });

  it('skips a second row with the same number as an earlier one, naming its line', () => {
    const plan = planFor(bytes('Name,Phone\nAnn,+1 202 555 0150\nAnn again,202-555-0150\n'), 'x.csv', []);

    expect(plan.skipped).toEqual([{ line: 3, name: 'Ann again', reason: 'Same phone number or email as line 2.' }]);
  });

  it('removes right-to-left overrides and zero-width characters from names', () => {
    expect(cleanLine('Ann\u202Egnp.exe\u200B Lee')).toBe('Anngnp.exe Lee');
  });

  it('every contact it would add or update passes the contact form\'s validation', () => {
    const plan = planFor(fixture('contacts-windows-1252.csv'), 'contacts.csv');
    for (const contact of [...plan.added.map((a) => a.contact), ...plan.updated.map((u) => u.after)]) {
      expect(validateContactDraft(draftFromContact(contact)).ok).toBe(true);
    }
  });
});
