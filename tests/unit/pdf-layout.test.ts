import fc from 'fast-check';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { PAPER } from '../../src/export/pdf/paper';
import { PdfTextWriter } from '../../src/export/pdf/text-writer';
import { pdfSafeLine, PLACEHOLDER, WIN_ANSI_CODE_POINTS } from '../../src/export/pdf/win-ansi';

const HOSTILE = [
  '“Quoted” ‘text’ – and — dashes…',
  'Emoji 🔥👨‍👩‍👧 and 👍🏽 and flags 🇫🇷',
  'RTL \u202Egnp.exe\u202C and Arabic مرحبا and Hebrew שלום',
  'Zero\u200Bwidth\u200C\u200D\uFEFF joiners',
  'Lone surrogate \uD800 and \uDFFF',
  'Controls \u0000\u0007\u001B\u007F\u0085',
  'Łódź, Dvořák, Ærøskøbing, İstanbul, ſ, 日本語, Ελληνικά, Кириллица',
  'Tab\tand\r\nCRLF\u2028line separator',
  'x'.repeat(5000),
];

describe('text the standard PDF fonts can draw', () => {
  it('knows exactly the characters pdf-lib can encode in Helvetica and Courier', async () => {
    const pdf = await PDFDocument.create();
    for (const name of [StandardFonts.Helvetica, StandardFonts.HelveticaBold, StandardFonts.HelveticaOblique, StandardFonts.Courier]) {
      const font = await pdf.embedFont(name);
      expect([...font.getCharacterSet()].sort((a, b) => a - b)).toEqual([...WIN_ANSI_CODE_POINTS].sort((a, b) => a - b));
    }
  });

  it('maps any text to encodable characters, never throwing, for hostile and random input', async () => {
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    const check = (text: string) => {
      const safe = pdfSafeLine(text);
      for (const char of safe) expect(WIN_ANSI_CODE_POINTS.has(char.codePointAt(0)!)).toBe(true);
      expect(() => font.widthOfTextAtSize(safe, 10)).not.toThrow();
      expect(() => font.encodeText(safe)).not.toThrow();
    };
    HOSTILE.forEach(check);
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => check(text)), { numRuns: 300 });
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 100 }), (text) => check(text)), { numRuns: 300 });
  });

  it('keeps what the fonts have, transliterates look-alikes and shows the rest as a placeholder', () => {
    expect(pdfSafeLine('“Quoted” – Café €5')).toBe('“Quoted” – Café €5');
    expect(pdfSafeLine('Łódź ‐ x → y ≤ 3')).toBe('Lódz - x -> y <= 3');
    expect(pdfSafeLine('ship 🔥 it')).toBe(`ship ${PLACEHOLDER} it`);
    expect(pdfSafeLine('👍🏽')).toBe(PLACEHOLDER);
    expect(pdfSafeLine('a\u202Eb\u200Bc')).toBe(`a${PLACEHOLDER}b${PLACEHOLDER}c`);
    expect(pdfSafeLine('tab\there\u00A0nbsp\u2003em')).toBe('tab here\u00A0nbsp em');
  });
});

describe('the PDF text layout', () => {
  const options = { title: 'Test', header: 'Header 🔥', footer: 'Footer \u202E', author: 'Tom', createdAt: '2026-03-02T10:00:00.000Z' } as const;

  it('makes A4, Letter and wallet-card pages of the right size', async () => {
    for (const paper of ['a4', 'letter', 'wallet'] as const) {
      const writer = await PdfTextWriter.create({ ...options, paper });
      writer.paragraph('Hello');
      const pdf = await PDFDocument.load(await writer.save());
      const { width, height } = pdf.getPage(0).getSize();
      expect([Math.round(width), Math.round(height)]).toEqual([Math.round(PAPER[paper].width), Math.round(PAPER[paper].height)]);
    }
    expect(Math.round(PAPER.a4.width)).toBe(595);
    expect([PAPER.letter.width, PAPER.letter.height]).toEqual([612, 792]);
    expect(Math.round(PAPER.wallet.width)).toBe(243);
  });

  it('wraps long text and breaks pages, hostile text included, and numbers every page', async () => {
    const writer = await PdfTextWriter.create({ ...options, paper: 'a4' });
    writer.heading('Heading', 1);
    for (const text of HOSTILE) writer.field('Field', text);
    writer.paragraph('word '.repeat(20_000));
    const bytes = await writer.save();
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBeGreaterThan(10);
    expect(pdf.getPageCount()).toBe(writer.pageCount);
    expect(pdf.getTitle()).toBe('Test');
  });

  it('gives the same bytes for the same content', async () => {
    const make = async () => {
      const writer = await PdfTextWriter.create({ ...options, paper: 'letter' });
      writer.paragraph('Same');
      return writer.save();
    };
    expect(await make()).toEqual(await make());
  });
});
