import { describe, expect, it } from 'vitest';
import { findingSegments } from '../../src/domain/finding-segments';
import { lintStatement } from '../../src/domain/statement-lint';

const unverified = { verifiedNoDataFinding: false };

describe('a statement with its findings marked in place', () => {
  it('is one unmarked run when nothing is found', () => {
    expect(findingSegments('We are investigating.', [])).toEqual([{ text: 'We are investigating.', rules: [], blocking: false }]);
  });

  it('marks each finding where it is, and keeps the rest of the text', () => {
    const text = 'We believe email will be restored by tomorrow.';
    const segments = findingSegments(text, lintStatement(text, unverified));

    expect(segments.map((segment) => segment.text).join('')).toBe(text);
    expect(segments.filter((segment) => segment.rules.length > 0).map((segment) => [segment.text, segment.rules])).toEqual([
      ['We believe', ['speculation']],
      ['will be restored by tomorrow', ['promise']],
    ]);
  });

  it('marks an unverified no-data claim as blocking', () => {
    const text = 'No customer data was accessed.';
    const marked = findingSegments(text, lintStatement(text, unverified)).find((segment) => segment.rules.length > 0);

    expect(marked).toMatchObject({ rules: ['no_data_claim'], blocking: true });
  });

  it('never shows a secret: only its masked excerpt, once', () => {
    const text = 'Use password: Sommer2026! to sign in.';
    const segments = findingSegments(text, lintStatement(text, unverified));
    const shown = segments.map((segment) => segment.text).join('');

    expect(shown).not.toContain('Sommer2026');
    expect(segments.find((segment) => segment.rules.includes('secret'))).toMatchObject({ text: 'Som…', blocking: true });
  });

  it('lists every rule on overlapping findings', () => {
    const findings = [
      { rule: 'speculation', message: '', start: 0, end: 10, match: '', blocking: false },
      { rule: 'blame', message: '', start: 5, end: 15, match: '', blocking: false },
    ] as const;

    expect(findingSegments('abcdefghijklmnopq', [...findings]).map((segment) => [segment.text, segment.rules])).toEqual([
      ['abcde', ['speculation']],
      ['fghij', ['speculation', 'blame']],
      ['klmno', ['blame']],
      ['pq', []],
    ]);
  });
});
