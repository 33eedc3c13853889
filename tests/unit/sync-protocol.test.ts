import { describe, expect, it } from 'vitest';
import { backoffDelay, classifyFailure, nextBatch, outcomesOf } from '../../src/sync/protocol';

describe('what the phone does with the server’s answer for each change', () => {
  it('drops applied and duplicate changes from the queue, parks rejected ones with the reason', () => {
    const outcomes = outcomesOf(
      ['a', 'b', 'c'],
      [
        { id: 'a', status: 'applied' },
        { id: 'b', status: 'duplicate' },
        { id: 'c', status: 'rejected', reason: 'viewers cannot add log entries' },
      ],
    );
    expect(outcomes).toEqual([
      { id: 'a', action: 'done' },
      { id: 'b', action: 'done' },
      { id: 'c', action: 'park', reason: 'viewers cannot add log entries' },
    ]);
  });

  it('keeps a change the server did not answer for, to send it again', () => {
    expect(outcomesOf(['a', 'b'], [{ id: 'a', status: 'applied' }])).toEqual([
      { id: 'a', action: 'done' },
      { id: 'b', action: 'retry', reason: 'The server did not answer for this change.' },
    ]);
  });

  it('ignores answers for changes it did not send', () => {
    expect(outcomesOf(['a'], [{ id: 'a', status: 'applied' }, { id: 'zz', status: 'applied' }])).toEqual([{ id: 'a', action: 'done' }]);
  });
});

describe('a failed request', () => {
  it('is retried when no answer came, on 5xx, 408, 429 and on serialization failures', () => {
    expect(classifyFailure({ status: null })).toBe('retry');
    expect(classifyFailure({ status: 500 })).toBe('retry');
    expect(classifyFailure({ status: 503 })).toBe('retry');
    expect(classifyFailure({ status: 408 })).toBe('retry');
    expect(classifyFailure({ status: 429 })).toBe('retry');
    expect(classifyFailure({ status: 409, code: '40001' })).toBe('retry');
  });

  it('refreshes the session on 401, never discarding the changes', () => {
    expect(classifyFailure({ status: 401 })).toBe('refresh-session');
    expect(classifyFailure({ status: 401, code: 'PGRST303' })).toBe('refresh-session');
  });

  it('parks the batch on a definite refusal', () => {
    expect(classifyFailure({ status: 403, code: '42501' })).toBe('park-batch');
    expect(classifyFailure({ status: 400, code: 'P0001' })).toBe('park-batch');
    expect(classifyFailure({ status: 404, code: 'PGRST202' })).toBe('park-batch');
  });
});

describe('waiting before the next try', () => {
  it('grows exponentially up to the cap, with full jitter', () => {
    expect(backoffDelay(0, 0.999)).toBe(999);
    expect(backoffDelay(3, 0.5)).toBe(4_000);
    expect(backoffDelay(30, 0.999)).toBe(299_700);
    expect(backoffDelay(5, 0)).toBe(0);
  });

  it('never waits longer than the cap, whatever the attempt count', () => {
    for (let attempt = 0; attempt < 100; attempt += 1) expect(backoffDelay(attempt, 0.9999)).toBeLessThan(300_000);
  });
});

describe('cutting the outbox into batches', () => {
  const change = (id: string, size: number) => ({ id, size });
  const sizeOf = (c: { size: number }) => c.size;

  it('takes the oldest changes first, up to the count limit', () => {
    const queue = Array.from({ length: 5 }, (_, i) => change(`c${i}`, 10));
    expect(nextBatch(queue, sizeOf, { maxChanges: 3, maxBytes: 1_000 }).map((c) => c.id)).toEqual(['c0', 'c1', 'c2']);
  });

  it('stops before the byte limit', () => {
    const queue = [change('a', 400), change('b', 400), change('c', 400)];
    expect(nextBatch(queue, sizeOf, { maxChanges: 10, maxBytes: 1_000 }).map((c) => c.id)).toEqual(['a', 'b']);
  });

  it('sends an oversized change alone instead of blocking the queue', () => {
    const queue = [change('huge', 5_000), change('b', 10)];
    expect(nextBatch(queue, sizeOf, { maxChanges: 10, maxBytes: 1_000 }).map((c) => c.id)).toEqual(['huge']);
  });

  it('returns nothing for an empty queue', () => {
    expect(nextBatch([], sizeOf)).toEqual([]);
  });
});
