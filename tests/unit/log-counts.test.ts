import { describe, expect, it } from 'vitest';
import { countMatching, countsAfter, NO_ENTRIES, type LogCounts } from '../../src/domain/log-counts';
import type { CommunicationType } from '../../src/domain/communication-types';

function logOf(entries: [CommunicationType, 0 | 1][]): LogCounts {
  return entries.reduce((counts, [communication_type, follow_up]) => countsAfter(counts, { communication_type, follow_up }), NO_ENTRIES);
}

describe('the counts the Log screen shows', () => {
  const counts = logOf([
    ['leadership_update', 0],
    ['vendor_request', 1],
    ['leadership_update', 1],
    ['vendor_request', 1],
    ['decision', 0],
  ]);

  it('counts all entries and those needing follow-up', () => {
    expect(countMatching(counts, {})).toBe(5);
    expect(countMatching(counts, { followUpOnly: true })).toBe(3);
  });

  it('counts one communication type, with and without the follow-up filter', () => {
    expect(countMatching(counts, { type: 'leadership_update' })).toBe(2);
    expect(countMatching(counts, { type: 'leadership_update', followUpOnly: true })).toBe(1);
    expect(countMatching(counts, { type: 'vendor_request', followUpOnly: true })).toBe(2);
  });

  it('says 0 for a type never logged', () => {
    expect(countMatching(counts, { type: 'public_statement' })).toBe(0);
    expect(countMatching(counts, { type: 'decision', followUpOnly: true })).toBe(0);
  });

  it('never changes the counts it started from', () => {
    const before = logOf([['decision', 1]]);
    const snapshot = structuredClone(before);
    countsAfter(before, { communication_type: 'decision', follow_up: 1 });
    expect(before).toEqual(snapshot);
  });
});
