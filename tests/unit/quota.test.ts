import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendLogEntry, countLog } from '../../src/store/log-repository';
import type { MusterDatabase } from '../../src/store/open-database';
import { outboxSummary } from '../../src/store/outbox';
import { StoreError } from '../../src/store/store-error';
import { INCIDENT, WORKSPACE, quickFields } from './log-entry-fixtures';
import { fillDiskFor } from './full-disk';
import { openTestDatabase } from './test-database';

let db: MusterDatabase;
let freeDisk: (() => void) | null = null;

beforeEach(async () => {
  db = await openTestDatabase();
});

afterEach(() => {
  freeDisk?.();
  freeDisk = null;
  db.close();
});

const context = { workspace_id: WORKSPACE, author: 'Tom Becker', corrects: null };

describe('saving when the phone storage is full', () => {
  it('says storage is full and that the text is still in the form', async () => {
    freeDisk = fillDiskFor('log');

    const attempt = appendLogEntry(db, quickFields(), context);

    await expect(attempt).rejects.toBeInstanceOf(StoreError);
    await expect(attempt).rejects.toMatchObject({ reason: 'quota' });
    const error = (await attempt.catch((caught: unknown) => caught)) as StoreError;
    expect(error.message).toMatch(/storage is full/);
    expect(error.message).toMatch(/text is still in the form/);
  });

  it('writes neither the entry nor a waiting change', async () => {
    freeDisk = fillDiskFor('log');

    await expect(appendLogEntry(db, quickFields(), context)).rejects.toMatchObject({ reason: 'quota' });

    expect(await countLog(db, WORKSPACE, INCIDENT, {})).toBe(0);
    expect(await outboxSummary(db)).toEqual({ waiting: 0, oldestAt: null, rejected: 0 });
  });

  it('does not keep the entry when only the outbox is refused', async () => {
    freeDisk = fillDiskFor('outbox');

    await expect(appendLogEntry(db, quickFields(), context)).rejects.toMatchObject({ reason: 'quota' });

    expect(await countLog(db, WORKSPACE, INCIDENT, {})).toBe(0);
    expect(await outboxSummary(db)).toEqual({ waiting: 0, oldestAt: null, rejected: 0 });
  });

  it('saves the same entry as entry #1 once space is free again', async () => {
    freeDisk = fillDiskFor('log');
    await expect(appendLogEntry(db, quickFields(), context)).rejects.toMatchObject({ reason: 'quota' });
    freeDisk();
    freeDisk = null;

    const entry = await appendLogEntry(db, quickFields(), context);

    expect(entry.local_seq).toBe(1);
    expect(await countLog(db, WORKSPACE, INCIDENT, {})).toBe(1);
    expect((await outboxSummary(db)).waiting).toBe(1);
  });
});
