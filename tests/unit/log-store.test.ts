import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommunicationType } from '../../src/domain/communication-types';
import { sealEntry } from '../../src/domain/hash-chain';
import type { LogEntry, LogEntryFields } from '../../src/domain/log-entry';
import {
  appendLogEntry,
  correctionLinks,
  countLog,
  listLogPage,
  verifyIncidentLog,
  type LogFilter,
} from '../../src/store/log-repository';
import { nextChainTip } from '../../src/store/chain-tip';
import { openMusterDB, type MusterDatabase } from '../../src/store/open-database';
import { outboxSummary } from '../../src/store/outbox';
import { StoreError } from '../../src/store/store-error';
import { INCIDENT, WORKSPACE, completeFields, entryMeta, quickFields } from './log-entry-fixtures';
import { openTestDatabase } from './test-database';

let db: MusterDatabase;

beforeEach(async () => {
  db = await openTestDatabase();
});

afterEach(() => {
  db.close();
});

const AUTHOR = 'Tom Becker';

function append(fields: LogEntryFields, options: { corrects?: string | null; now?: Date } = {}): Promise<LogEntry> {
  return appendLogEntry(db, fields, {
    workspace_id: WORKSPACE,
    author: AUTHOR,
    corrects: options.corrects ?? null,
    ...(options.now ? { now: options.now } : {}),
  });
}

/** Appends `count` numbered entries, one after the other, as a responder would over a long incident. */
async function appendMany(count: number, fieldsFor: (n: number) => LogEntryFields = (n) => quickFields({ message_summary: `Update ${n}` })) {
  const entries: LogEntry[] = [];
  for (let n = 1; n <= count; n += 1) entries.push(await append(fieldsFor(n)));
  return entries;
}

/** Every page of the incident's log, newest first, as the list screen scrolls through it. */
async function readAllPages(filter: LogFilter, limit: number): Promise<LogEntry[][]> {
  const pages: LogEntry[][] = [];
  let beforeSeq: number | null = null;
  do {
    const page = await listLogPage(db, WORKSPACE, INCIDENT, filter, { beforeSeq, limit });
    pages.push(page.entries);
    beforeSeq = page.nextBeforeSeq;
  } while (beforeSeq !== null);
  return pages;
}

function seqs(entries: readonly LogEntry[]): number[] {
  return entries.map((entry) => entry.local_seq);
}

function descending(from: number, to: number): number[] {
  return Array.from({ length: from - to + 1 }, (_, index) => from - index);
}

describe('saving an entry', () => {
  it('saves the entry and queues it for the server in the same step', async () => {
    const savedAt = new Date('2026-03-02T09:16:00.000Z');

    const entry = await append(completeFields(), { now: savedAt });

    expect(await db.get('log', entry.id)).toEqual(entry);
    expect(await outboxSummary(db)).toEqual({ waiting: 1, oldestAt: '2026-03-02T09:16:00.000Z', rejected: 0 });
    expect(await db.get('outbox', entry.id)).toMatchObject({ table: 'log_entry', op: 'insert', payload: entry, attempts: 0, last_error: null });
  });

  it('shows how long the oldest change has been waiting, and how many wait', async () => {
    await append(quickFields(), { now: new Date('2026-03-02T09:16:00.000Z') });
    await append(quickFields(), { now: new Date('2026-03-02T09:40:00.000Z') });
    await append(quickFields(), { now: new Date('2026-03-02T10:05:00.000Z') });

    expect(await outboxSummary(db)).toEqual({ waiting: 3, oldestAt: '2026-03-02T09:16:00.000Z', rejected: 0 });
  });

  it('shows nothing waiting before anything was saved', async () => {
    expect(await outboxSummary(db)).toEqual({ waiting: 0, oldestAt: null, rejected: 0 });
  });

  it('records who saved it and when, as well as when it happened', async () => {
    const entry = await append(quickFields({ occurred_at: '2026-03-02T08:50:00.000Z' }), { now: new Date('2026-03-02T09:16:00.000Z') });

    expect(entry).toMatchObject({
      workspace_id: WORKSPACE,
      author: AUTHOR,
      occurred_at: '2026-03-02T08:50:00.000Z',
      device_recorded_at: '2026-03-02T09:16:00.000Z',
      corrects: null,
    });
  });
});

describe('listing the log', () => {
  it('lists 20 entries newest first, numbered 1 to 20 in the order they were saved', async () => {
    await appendMany(20);

    const page = await listLogPage(db, WORKSPACE, INCIDENT, {}, { limit: 50 });

    expect(seqs(page.entries)).toEqual(descending(20, 1));
    expect(page.entries.map((entry) => entry.message_summary)).toEqual(descending(20, 1).map((n) => `Update ${n}`));
    expect(page.nextBeforeSeq).toBeNull();
  });

  it('pages through 120 entries as 50, 50 and 20 with no entry missing or shown twice', async () => {
    await appendMany(120);

    const pages = await readAllPages({}, 50);

    expect(pages.map((page) => page.length)).toEqual([50, 50, 20]);
    expect(pages.flatMap(seqs)).toEqual(descending(120, 1));
  });

  it('ends on a full last page without an empty extra page', async () => {
    await appendMany(100);

    const pages = await readAllPages({}, 50);

    expect(pages.map((page) => page.length)).toEqual([50, 50]);
  });

  describe('with filters', () => {
    /** Entry n is a decision when n % 3 is 0, a leadership update when 1, a vendor request when 2. */
    const TYPES: CommunicationType[] = ['decision', 'leadership_update', 'vendor_request'];
    /** ...and it needs follow-up when n is even. */
    const fieldsFor = (n: number) =>
      quickFields({
        communication_type: TYPES[n % 3] as CommunicationType,
        message_summary: `Update ${n}`,
        follow_up_required: n % 2 === 0 ? `Chase update ${n}` : '',
      });
    const expected = (keep: (n: number) => boolean) => descending(18, 1).filter(keep);

    beforeEach(async () => {
      await appendMany(18, fieldsFor);
    });

    it('shows only the leadership updates when filtered by type, and counts them', async () => {
      const page = await listLogPage(db, WORKSPACE, INCIDENT, { type: 'leadership_update' }, { limit: 50 });

      expect(seqs(page.entries)).toEqual(expected((n) => n % 3 === 1));
      expect(await countLog(db, WORKSPACE, INCIDENT, { type: 'leadership_update' })).toBe(6);
    });

    it('shows only entries that need follow-up, and counts them', async () => {
      const page = await listLogPage(db, WORKSPACE, INCIDENT, { followUpOnly: true }, { limit: 50 });

      expect(seqs(page.entries)).toEqual(expected((n) => n % 2 === 0));
      expect(page.entries.every((entry) => entry.follow_up_required !== '')).toBe(true);
      expect(await countLog(db, WORKSPACE, INCIDENT, { followUpOnly: true })).toBe(9);
    });

    it('combines type and follow-up, and counts the same entries it lists', async () => {
      const filter = { type: 'decision', followUpOnly: true } as const;

      const page = await listLogPage(db, WORKSPACE, INCIDENT, filter, { limit: 50 });

      expect(seqs(page.entries)).toEqual(expected((n) => n % 3 === 0 && n % 2 === 0));
      expect(seqs(page.entries)).toEqual([18, 12, 6]);
      expect(await countLog(db, WORKSPACE, INCIDENT, filter)).toBe(3);
    });

    it('pages a combined filter one entry at a time without skipping a match', async () => {
      const pages = await readAllPages({ type: 'decision', followUpOnly: true }, 1);

      expect(pages.map(seqs)).toEqual([[18], [12], [6]]);
    });

    it('pages a type filter without skipping a match', async () => {
      const pages = await readAllPages({ type: 'vendor_request' }, 4);

      expect(pages.map((page) => page.length)).toEqual([4, 2]);
      expect(pages.flatMap(seqs)).toEqual(expected((n) => n % 3 === 2));
    });

    it('counts every entry when no filter is set', async () => {
      expect(await countLog(db, WORKSPACE, INCIDENT, {})).toBe(18);
    });
  });
});

describe('several saves at the same moment', () => {
  it('keeps one gap-free, intact chain when 30 entries are saved at once', async () => {
    const saved = await Promise.all(
      Array.from({ length: 30 }, (_, index) => append(quickFields({ message_summary: `Parallel update ${index + 1}` }))),
    );

    expect(seqs(saved).sort((a, b) => a - b)).toEqual(descending(30, 1).reverse());
    expect(await verifyIncidentLog(db, WORKSPACE, INCIDENT)).toEqual({ intact: true, checked: 30 });
    expect((await outboxSummary(db)).waiting).toBe(30);
  });
});

describe('another tab saving to the same incident at the same moment', () => {
  /**
   * Simulates a second tab (its own connection, outside this tab's lock) that saves an entry
   * each time this tab has read the chain tip and is hashing its own entry, the window the
   * tip check in appendLogEntry guards. Returns how many entries the other tab saved.
   */
  async function otherTabSavesWhileHashing(times: number, task: () => Promise<unknown>): Promise<number> {
    const otherTab = await openMusterDB(db.name);
    const realDigest = crypto.subtle.digest;
    let saved = 0;
    let inOtherTab = false;
    crypto.subtle.digest = async function digest(algorithm: AlgorithmIdentifier, data: BufferSource) {
      const text = new TextDecoder().decode(data as Uint8Array);
      if (!inOtherTab && saved < times && text.startsWith('muster-log-v1')) {
        inOtherTab = true;
        // What the other tab's appendLogEntry writes: the entry and its chain's new tip, together.
        const tip = await otherTab.get('chain-tips', [WORKSPACE, INCIDENT]);
        const entry = await sealEntry(quickFields({ message_summary: `Saved in the other tab (${saved + 1})` }), entryMeta(), tip ?? null);
        const tx = otherTab.transaction(['log', 'chain-tips'], 'readwrite');
        await Promise.all([
          tx.objectStore('log').add(entry),
          tx.objectStore('chain-tips').put(nextChainTip(tip, entry)),
          tx.done,
        ]);
        saved += 1;
        inOtherTab = false;
      }
      return realDigest.call(crypto.subtle, algorithm, data);
    };
    try {
      await task();
    } finally {
      crypto.subtle.digest = realDigest;
      otherTab.close();
    }
    return saved;
  }

  it("places this tab's entry after the other tab's, keeping the chain intact", async () => {
    await append(quickFields({ message_summary: 'First' }));
    let mine: LogEntry | undefined;

    const otherTabSaved = await otherTabSavesWhileHashing(1, async () => {
      mine = await append(quickFields({ message_summary: 'Mine' }));
    });

    expect(otherTabSaved).toBe(1);
    expect(mine?.local_seq).toBe(3);
    const page = await listLogPage(db, WORKSPACE, INCIDENT, {}, { limit: 50 });
    expect(page.entries.map((entry) => entry.message_summary)).toEqual(['Mine', 'Saved in the other tab (1)', 'First']);
    expect(await verifyIncidentLog(db, WORKSPACE, INCIDENT)).toEqual({ intact: true, checked: 3 });
  });

  it('asks to save again, writing nothing, when the other tab keeps saving first', async () => {
    await append(quickFields({ message_summary: 'First' }));
    const waitingBefore = (await outboxSummary(db)).waiting;
    let attempt: Promise<LogEntry> | undefined;

    await otherTabSavesWhileHashing(3, async () => {
      attempt = append(quickFields({ message_summary: 'Mine' }));
      await attempt.catch(() => undefined);
    });

    await expect(attempt).rejects.toMatchObject({ name: 'StoreError', reason: 'chain-busy', message: expect.stringContaining('tap Save again') });
    const page = await listLogPage(db, WORKSPACE, INCIDENT, {}, { limit: 50 });
    expect(page.entries.map((entry) => entry.message_summary)).not.toContain('Mine');
    expect((await outboxSummary(db)).waiting).toBe(waitingBefore);
    expect(await verifyIncidentLog(db, WORKSPACE, INCIDENT)).toEqual({ intact: true, checked: 4 });
  });
});

describe('correcting an entry (append-only)', () => {
  it('keeps the corrected entry and shows the correction next to it', async () => {
    const original = await append(quickFields({ contacted: 'Bluebridge IT', message_summary: 'Asked for logs since Monday.' }));
    const storedBefore = await db.get('log', original.id);

    const correction = await append(quickFields({ contacted: 'Bluebridge IT', message_summary: 'Asked for logs since Friday.' }), {
      corrects: original.id,
    });

    expect(correction.id).not.toBe(original.id);
    expect(correction.corrects).toBe(original.id);
    expect(await db.get('log', original.id)).toEqual(storedBefore);
    expect(await countLog(db, WORKSPACE, INCIDENT, {})).toBe(2);

    const page = await listLogPage(db, WORKSPACE, INCIDENT, {}, { limit: 50 });
    const links = await correctionLinks(db, page.entries);
    expect(links.correctedBy.get(original.id)).toEqual([correction]);
    expect(links.corrects.get(correction.id)).toEqual(original);
    expect(links.correctedBy.has(correction.id)).toBe(false);
    expect(links.corrects.has(original.id)).toBe(false);
  });

  it('lists several corrections of one entry oldest first', async () => {
    const original = await append(quickFields());
    const first = await append(quickFields({ owner: 'Tom Becker' }), { corrects: original.id });
    const second = await append(quickFields({ owner: 'Maria Lopez' }), { corrects: original.id });

    const links = await correctionLinks(db, [original]);

    expect(links.correctedBy.get(original.id)).toEqual([first, second]);
    expect(await verifyIncidentLog(db, WORKSPACE, INCIDENT)).toEqual({ intact: true, checked: 3 });
  });

  it('refuses to correct an entry of another incident and saves nothing', async () => {
    const elsewhere = await append(quickFields({ incident_id: 'INC-2026-003' }));
    await append(quickFields());
    const before = { count: await countLog(db, WORKSPACE, INCIDENT, {}), outbox: await outboxSummary(db) };

    const attempt = append(quickFields({ message_summary: 'Correction' }), { corrects: elsewhere.id });

    await expect(attempt).rejects.toBeInstanceOf(StoreError);
    await expect(attempt).rejects.toMatchObject({ reason: 'invalid', message: expect.stringContaining('not in this incident') });
    expect(await countLog(db, WORKSPACE, INCIDENT, {})).toBe(before.count);
    expect(await outboxSummary(db)).toEqual(before.outbox);
  });

  it('refuses to correct an entry that does not exist and saves nothing', async () => {
    await append(quickFields());
    const before = { count: await countLog(db, WORKSPACE, INCIDENT, {}), outbox: await outboxSummary(db) };

    const attempt = append(quickFields({ message_summary: 'Correction' }), { corrects: crypto.randomUUID() });

    await expect(attempt).rejects.toMatchObject({ name: 'StoreError', reason: 'invalid' });
    expect(await countLog(db, WORKSPACE, INCIDENT, {})).toBe(before.count);
    expect(await outboxSummary(db)).toEqual(before.outbox);
  });

  it('keeps saving normally after a refused correction', async () => {
    await append(quickFields());
    await expect(append(quickFields(), { corrects: 'no-such-entry' })).rejects.toMatchObject({ reason: 'invalid' });

    const next = await append(quickFields());

    expect(next.local_seq).toBe(2);
    expect(await verifyIncidentLog(db, WORKSPACE, INCIDENT)).toEqual({ intact: true, checked: 2 });
  });
});

describe('verifying a long log', () => {
  const LONG = 1205;

  it('verifies 1205 entries as intact, reporting progress past the first thousand', async () => {
    await appendMany(LONG);
    const progress: number[] = [];

    const verdict = await verifyIncidentLog(db, WORKSPACE, INCIDENT, (checked) => progress.push(checked));

    expect(verdict).toEqual({ intact: true, checked: LONG });
    expect(progress).toEqual([1000]);
  });

  it('points at entry #1100 after its summary was edited directly in the store', async () => {
    await appendMany(LONG);
    const target = (await listLogPage(db, WORKSPACE, INCIDENT, {}, { beforeSeq: 1101, limit: 1 })).entries[0] as LogEntry;
    expect(target.local_seq).toBe(1100);
    await db.put('log', { ...target, message_summary: 'Nothing was shared with the vendor.' });

    const verdict = await verifyIncidentLog(db, WORKSPACE, INCIDENT);

    expect(verdict.intact).toBe(false);
    if (verdict.intact) return;
    expect(verdict.entry?.id).toBe(target.id);
    expect(verdict.entry?.local_seq).toBe(1100);
    expect(verdict.reason).toBe('content');
    expect(verdict.checked).toBe(1099);
  });

  it('points at the entry after one deleted directly from the store', async () => {
    const entries = await appendMany(12);
    await db.delete('log', (entries[6] as LogEntry).id);

    const verdict = await verifyIncidentLog(db, WORKSPACE, INCIDENT);

    expect(verdict.intact).toBe(false);
    if (verdict.intact) return;
    expect(verdict.reason).toBe('sequence');
    expect(verdict.entry?.local_seq).toBe(8);
  });
});

describe('removing the newest entries', () => {
  it('is reported, because the phone keeps where each chain ends', async () => {
    const entries = await appendMany(5);
    await db.delete('log', (entries[4] as LogEntry).id);
    await db.delete('log', (entries[3] as LogEntry).id);

    const verdict = await verifyIncidentLog(db, WORKSPACE, INCIDENT);

    expect(verdict).toMatchObject({
      intact: false,
      reason: 'missing',
      checked: 3,
      explanation: 'The log ends at entry #3, but this phone recorded 5 entries: the newest were removed.',
    });
  });

  it('is reported even when every entry of the incident was removed', async () => {
    const entries = await appendMany(2);
    for (const entry of entries) await db.delete('log', entry.id);

    const verdict = await verifyIncidentLog(db, WORKSPACE, INCIDENT);

    expect(verdict).toMatchObject({ intact: false, reason: 'missing', entry: null, checked: 0 });
  });
});

describe('separate incidents', () => {
  it('keeps a separate chain for each incident, each starting at entry #1', async () => {
    const other = 'INC-2026-005';
    const saved: LogEntry[] = [];
    for (const incident of [INCIDENT, other, INCIDENT, other, INCIDENT]) saved.push(await append(quickFields({ incident_id: incident })));

    expect(saved.map((entry) => [entry.incident_id, entry.local_seq])).toEqual([
      [INCIDENT, 1],
      [other, 1],
      [INCIDENT, 2],
      [other, 2],
      [INCIDENT, 3],
    ]);
    expect(await verifyIncidentLog(db, WORKSPACE, INCIDENT)).toEqual({ intact: true, checked: 3 });
    expect(await verifyIncidentLog(db, WORKSPACE, other)).toEqual({ intact: true, checked: 2 });
    expect(await countLog(db, WORKSPACE, other, {})).toBe(2);
    const otherPage = await listLogPage(db, WORKSPACE, other, {}, { limit: 50 });
    expect(otherPage.entries.every((entry) => entry.incident_id === other)).toBe(true);
  });

  it('keeps the same incident id of two workspaces apart', async () => {
    await append(quickFields());
    const otherWorkspace = await appendLogEntry(db, quickFields(), { workspace_id: 'ws-other', author: AUTHOR, corrects: null });

    expect(otherWorkspace.local_seq).toBe(1);
    expect(await countLog(db, WORKSPACE, INCIDENT, {})).toBe(1);
    expect(await verifyIncidentLog(db, 'ws-other', INCIDENT)).toEqual({ intact: true, checked: 1 });
  });
});
