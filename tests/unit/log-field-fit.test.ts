import { describe, expect, it } from 'vitest';
import { fitLogField } from '../../src/domain/log-field-fit';

describe('a sent message in the log', () => {
  it('is kept whole when it fits the field', () => {
    expect(fitLogField('message_summary', '  What happened: a forwarding rule.\nNext update: 11:00  ')).toBe('What happened: a forwarding rule.\nNext update: 11:00');
  });

  it('is cut at a word with an ellipsis when it is longer than the field allows', () => {
    const long = 'word '.repeat(1000);
    const fitted = fitLogField('message_summary', long);
    expect(fitted.length).toBeLessThanOrEqual(4000);
    expect(fitted.endsWith('word…')).toBe(true);
  });

  it('cuts a text without spaces too', () => {
    const fitted = fitLogField('contacted', 'x'.repeat(500));
    expect(fitted).toHaveLength(200);
    expect(fitted.endsWith('…')).toBe(true);
  });
});
