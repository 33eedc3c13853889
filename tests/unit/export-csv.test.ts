import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { escapeCell, isFormulaLike, unescapeCell } from '../../src/domain/export/csv-cell';
import { ENTRY_KEYS } from '../../src/domain/export/export-columns';
import { CSV_BOM, csvChunk, parseCsv } from '../../src/domain/export/log-csv';
import type { LogEntry } from '../../src/domain/log-entry';
import { sealedChain } from './export-fixtures';

const DANGEROUS = ['=', '+', '-', '@', '\t', '\r'];

/** Text a hostile entry could hold: formulas, quotes, separators, line breaks, RTL and zero-width marks. */
const hostileText = fc.string({
  unit: fc.oneof(fc.constantFrom(...DANGEROUS, "'", '"', ',', ';', '\n', '\r\n', '\u202e', '\u200b', 'é', '漢'), fc.string({ maxLength: 1, unit: 'grapheme' })),
  maxLength: 40,
});

describe('CSV formula escaping', () => {
  it.each(DANGEROUS.map((char) => [JSON.stringify(char), char]))('puts a single quote before a cell starting with %s', (_, char) => {
    expect(escapeCell(`${char}cmd|' /C calc'!A0`)).toBe(`'${char}cmd|' /C calc'!A0`);
  });

  it('leaves ordinary text as it is', () => {
    expect(escapeCell('Called Bluebridge at 09:15')).toBe('Called Bluebridge at 09:15');
    expect(escapeCell('')).toBe('');
    expect(escapeCell('a=1')).toBe('a=1');
  });

  it('never returns a cell a spreadsheet would evaluate, and the escape can be undone exactly', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const cell = escapeCell(text);
        expect(isFormulaLike(cell)).toBe(false);
        expect(unescapeCell(cell)).toBe(text);
      }),
    );
  });

  it('escapes a leading quote too, so a text that already looks escaped keeps its meaning', () => {
    expect(escapeCell("'=1+1")).toBe("''=1+1");
    expect(unescapeCell(escapeCell("'=1+1"))).toBe("'=1+1");
  });
});

describe('log.csv', () => {
  it('starts with a byte order mark and the header row of every field', async () => {
    const text = csvChunk(await sealedChain(1), true);
    expect(text.startsWith(CSV_BOM)).toBe(true);
    expect(parseCsv(text)[0]).toEqual([...ENTRY_KEYS]);
  });

  it('round-trips hostile entries through papaparse: every cell comes back as typed, none is a formula', async () => {
    const [template] = await sealedChain(1);
    const texts = fc.record({ contacted: hostileText, message_summary: hostileText, owner: hostileText, evidence_location: hostileText });
    await fc.assert(
      fc.asyncProperty(fc.array(texts, { minLength: 1, maxLength: 8 }), async (rows) => {
        const entries = rows.map((fields, index) => ({ ...(template as LogEntry), ...fields, local_seq: index + 1 }));
        const text = csvChunk(entries, true) + csvChunk([], false);
        // A plain papaparse read, as anyone opening the file with a CSV library would do.
        const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
        expect(parsed).toHaveLength(entries.length + 1);
        for (const [index, entry] of entries.entries()) {
          const row = parsed[index + 1] as string[];
          for (const cell of row) expect(isFormulaLike(cell)).toBe(false);
          for (const key of ['contacted', 'message_summary', 'owner', 'evidence_location'] as const)
            expect(unescapeCell(row[ENTRY_KEYS.indexOf(key)] as string)).toBe(entry[key]);
          expect(row[ENTRY_KEYS.indexOf('deadline')]).toBe(entry.deadline ?? '');
        }
      }),
      { numRuns: 60 },
    );
  });
});
