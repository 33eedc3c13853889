import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../src/domain/log-entry';
import { appendLogEntry } from '../../src/store/log-repository';
import type { MusterDatabase } from '../../src/store/open-database';
import { oldestWaiting, outboxSummary, settleOutbox, waitingIds } from '../../src/store/outbox';
import { outcomesOf } from '../../src/sync/protocol';
import { WORKSPACE, quickFields } from './log-entry-fixtures';
import { openTestDatabase } from './test-database';

let db: MusterDatabase;

beforeEach(async () => {
  db = await openTestDatabase();
});

afterEach(() => {
  db.close();
});

async function logEntries(count: number): Promise<LogEntry[]> {
  const entries: LogEntry[] = [];
  for (let n = 1; n <= count; n += 1)
    entries.push(
      await appendLogEntry(db, quickFields({ message_summary: `Update ${n}` }), {
        workspace_id: WORKSPACE,
        author: 'Tom Becker',
        corrects: null,
        now: new Date(Date.UTC(2026, 2, 2, 9, n)),
      }),
    );
  return entries;
}

describe('the outbox as sync reads it', () => {
  it('hands out the oldest waiting changes first, as many as asked', async () => {
    const entries = await logEntries(5);
    const batch = await oldestWaiting(db, 3);
    expect(batch.map((row) => row.id)).toEqual(entries.slice(0, 3).map((entry) => entry.id));
    expect(batch[0]).toMatchObject({ table: 'log_entry', op: 'insert', attempts: 0, payload: { message_summary: 'Update 1' } });
  });
});

describe('entries saved within the same millisecond', () => {
  it('leave in the order they were logged, so a correction never overtakes what it corrects', async () => {
    const sameMoment = new Date('2026-03-02T09:30:00.000Z');
    const saved: LogEntry[] = [];
    for (const summary of ['First', 'Second', 'Third', 'Fourth'])
      saved.push(await appendLogEntry(db, quickFields({ message_summary: summary }), { workspace_id: WORKSPACE, author: 'Tom Becker', corrects: saved.at(-1)?.id ?? null, now: sameMoment }));

    const batch = await oldestWaiting(db, 10);

    expect(batch.map((row) => row.table === 'log_entry' && row.payload.message_summary)).toEqual(['First', 'Second', 'Third', 'Fourth']);
  });
});

describe('settling a batch with the server’s answer', () => {
  it('forgets what the server has, parks what it refused with the reason, and keeps the rest queued', async () => {
    const [applied, duplicate, refused, unanswered] = (await logEntries(4)) as [LogEntry, LogEntry, LogEntry, LogEntry];
    const outcomes = outcomesOf(
      [applied.id, duplicate.id, refused.id, unanswered.id],
      [
        { id: applied.id, status: 'applied' },
        { id: duplicate.id, status: 'duplicate' },
        { id: refused.id, status: 'rejected', reason: 'viewers cannot add log entries' },
      ],
    );

    await settleOutbox(db, outcomes, new Date('2026-03-02T10:00:00.000Z'));

    expect(await outboxSummary(db)).toEqual({ waiting: 1, oldestAt: '2026-03-02T09:04:00.000Z', rejected: 1 });
    expect(await waitingIds(db, [applied.id, duplicate.id, refused.id, unanswered.id])).toEqual(new Set([unanswered.id]));
    expect(await db.get('outbox', unanswered.id)).toMatchObject({ attempts: 1, last_error: 'The server did not answer for this change.' });
    expect(await db.get('rejected', refused.id)).toMatchObject({
      reason: 'viewers cannot add log entries',
      rejected_at: '2026-03-02T10:00:00.000Z',
      payload: { id: refused.id, message_summary: 'Update 3' },
    });
  });

  it('keeps the log itself untouched: a refused entry is still on the phone', async () => {
    const [entry] = (await logEntries(1)) as [LogEntry];
    await settleOutbox(db, [{ id: entry.id, action: 'park', reason: 'not a member of this workspace' }]);
    expect(await db.get('log', entry.id)).toEqual(entry);
  });

  it('skips a change another tab already settled', async () => {
    const [entry] = (await logEntries(1)) as [LogEntry];
    await settleOutbox(db, [{ id: entry.id, action: 'done' }]);
    await settleOutbox(db, [{ id: entry.id, action: 'park', reason: 'late answer' }]);
    expect(await outboxSummary(db)).toEqual({ waiting: 0, oldestAt: null, rejected: 0 });
  });
});
