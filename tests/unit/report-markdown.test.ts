import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildIncidentReport } from '../../src/domain/report/incident-report';
import { escapeMarkdownLine, mdBlock, mdInline, mdQuote, unescapeMarkdown } from '../../src/domain/report/markdown-escape';
import { reportToMarkdown } from '../../src/domain/report/report-markdown';
import { logNote } from '../../src/store/incident-actions';
import type { MusterDatabase } from '../../src/store/open-database';
import { readReportSources } from '../../src/ui/incident/report/report-sources';
import { at, recordRealisticIncident, SETTINGS } from './report-fixture';
import { openTestDatabase } from './test-database';

const SIGNIFICANT = new Set('\\`*_[]<>|~&$');

/** True when every Markdown-significant character is escaped (preceded by an odd run of backslashes). */
function allEscaped(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') {
      i++; // the escaped character
      continue;
    }
    if (SIGNIFICANT.has(text[i]!)) return false;
  }
  return true;
}

describe('escaping user text for Markdown', () => {
  it('leaves no markup character unescaped and loses nothing but outer blanks, for any line', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'\\`*_[]()<>|~&$#+-=!.:/ 1aZ\u202E\u200B😀é'.split('')), maxLength: 60 }), (line) => {
        const escaped = escapeMarkdownLine(line);
        expect(allEscaped(escaped)).toBe(true);
        expect(unescapeMarkdown(escaped)).toBe(line.replace(/^[ \t]+|[ \t]+$/g, ''));
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (line) => {
        const single = line.replace(/[\r\n\u2028\u2029\u0085\u000B\u000C]/g, ' ');
        expect(unescapeMarkdown(escapeMarkdownLine(single))).toBe(single.replace(/^[ \t]+|[ \t]+$/g, ''));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a line from starting a heading, a list, a quote or a rule', () => {
    expect(escapeMarkdownLine('# Not a heading')).toBe('\\# Not a heading');
    expect(escapeMarkdownLine('- not a list')).toBe('\\- not a list');
    expect(escapeMarkdownLine('+ not a list')).toBe('\\+ not a list');
    expect(escapeMarkdownLine('1. not a list')).toBe('1\\. not a list');
    expect(escapeMarkdownLine('2) not a list')).toBe('2\\) not a list');
    expect(escapeMarkdownLine('> not a quote')).toBe('\\> not a quote');
    expect(escapeMarkdownLine('---')).toBe('\\---');
    expect(escapeMarkdownLine('===')).toBe('\\===');
    expect(escapeMarkdownLine('    indented code')).toBe('indented code');
  });

  it('turns links, images, HTML, entities and autolinks into plain text', () => {
    expect(mdInline('[click](javascript:alert(1))')).toBe('\\[click\\](javascript:alert(1))');
    expect(mdInline('![x](https://evil.example/p.png)')).toBe('!\\[x\\](https\\://evil.example/p.png)');
    expect(mdInline('<img src=x onerror=alert(1)>')).toBe('\\<img src=x onerror=alert(1)\\>');
    expect(mdInline('&lt;script&gt;')).toBe('\\&lt;script\\&gt;');
    expect(mdInline('see www.evil.example')).toBe('see www\\.evil.example');
    expect(mdInline('**bold** _it_ `code` ~~gone~~ | cell $x$')).toBe('\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~\\~gone\\~\\~ \\| cell \\$x\\$');
  });

  it('keeps every line of a multi-line value inside its list item, and paragraphs of a quoted message', () => {
    expect(mdBlock('first\n# second\n\n  third', 2)).toBe('first\\\n  \\# second\\\n  third');
    expect(mdQuote('Dear customer,\n\nWe are investigating.\n- no list')).toBe('> Dear customer,\n>\n> We are investigating.\\\n> \\- no list');
    expect(mdQuote('   ')).toBe('> (empty)');
  });
});

describe('the report as Markdown', () => {
  let db: MusterDatabase;
  beforeEach(async () => {
    db = await openTestDatabase();
  });
  afterEach(() => db.close());

  it('has every part in order, and hostile text from the log stays text', async () => {
    const { incident, reportAt } = await recordRealisticIncident(db);
    await logNote(db, SETTINGS, incident.id, {
      type: 'customer_partner_communication',
      contacted: '[Acme](javascript:alert(1)) <script>',
      summary: '# Owned\n1. list\n<img src=x onerror=alert(1)>\n\u202Egnp.exe',
    }, at(230));
    const sources = await readReportSources(db, SETTINGS.workspace_id, incident.id);
    const markdown = reportToMarkdown(buildIncidentReport({ workspaceName: 'Northwind *Dental*', incident, ...sources, generatedAt: reportAt.toISOString(), generatedBy: 'Tom Becker', timeZone: 'Europe/Berlin' }));

    const headings = markdown.split('\n').filter((line) => line.startsWith('## '));
    expect(headings).toEqual([
      '## Incident summary',
      '## Timeline of communications and decisions',
      '## Leadership updates sent',
      '## Vendor requests',
      '## Notice obligations',
      '## External statements',
      '## Channel changes',
      '## Open follow-ups',
    ]);
    expect(markdown.startsWith('# Post-incident report: INC-2026-001 Forwarding rule on the finance mailbox\n')).toBe(true);
    expect(markdown).toContain('Northwind \\*Dental\\*. Generated Mon 2 Mar 2026, 14:00 CET by Tom Becker');
    expect(markdown).toContain('- **Contacted:** \\[Acme\\](javascript:alert(1)) \\<script\\>');
    expect(markdown).toContain('- **Summary:** \\# Owned\\\n  1\\. list\\\n  \\<img src=x onerror=alert(1)\\>\\\n  \u202Egnp.exe');
    // No line that user text produced starts a block of its own.
    expect(markdown).not.toMatch(/^(# Owned|1\. list|<img)/m);
    expect(markdown).toContain('- **Outcome:** Answered in 45 min, by the deadline');
    expect(markdown).toContain('- **Approval:** Legal by Lee Counsel, Mon 2 Mar 2026, 10:35 CET, v1 (voided by a later edit)');
  });
});
