import { createRoot } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countLog, listLogPage } from '../../src/store/log-repository';
import type { MusterDatabase } from '../../src/store/open-database';
import { outboxSummary } from '../../src/store/outbox';
import { createEntryDraft } from '../../src/ui/log/entry-draft';
import { fillDiskFor } from './full-disk';
import { INCIDENT, WORKSPACE } from './log-entry-fixtures';
import { openTestDatabase } from './test-database';

/** The Web Storage API as a browser offers it (sessionStorage/localStorage), kept in memory. */
class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, String(value));
  }
}

let db: MusterDatabase;
let storage: MemoryStorage;
let freeDisk: (() => void) | null = null;
const FIXED_NOW = new Date('2026-12-04T09:30:00Z');

function newDraft() {
  return createRoot(() =>
    createEntryDraft({ db, storage, workspaceId: () => WORKSPACE, author: () => 'Tom Becker', incidentId: () => INCIDENT, now: () => FIXED_NOW }),
  );
}

function typeQuickEntry(draft: ReturnType<typeof newDraft>) {
  draft.set('communication_type', 'vendor_request');
  draft.set('contacted', 'Bluebridge IT');
  draft.set('message_summary', 'Asked for sign-in logs of the finance mailbox since Monday.');
}

beforeEach(async () => {
  db = await openTestDatabase();
  storage = new MemoryStorage();
});

afterEach(() => {
  freeDisk?.();
  freeDisk = null;
  db.close();
});

describe('the log entry being typed', () => {
  it('keeps every typed character when the phone storage is full, and saves it once space is free', async () => {
    const draft = newDraft();
    typeQuickEntry(draft);
    freeDisk = fillDiskFor('log');

    const failed = await draft.save();

    expect(failed).toEqual({ saved: false, message: expect.stringContaining('storage is full') });
    expect(draft.saveError()).toContain('Your text is still in the form');
    expect(draft.draft().contacted).toBe('Bluebridge IT');
    expect(draft.draft().message_summary).toBe('Asked for sign-in logs of the finance mailbox since Monday.');
    expect(draft.unsaved()).toBe(true);
    expect(await countLog(db, WORKSPACE, INCIDENT, {})).toBe(0);
    expect((await outboxSummary(db)).waiting).toBe(0);

    freeDisk();
    freeDisk = null;
    const saved = await draft.save();

    expect(saved.saved).toBe(true);
    expect(draft.unsaved()).toBe(false);
    expect(draft.saveError()).toBeNull();
    const { entries } = await listLogPage(db, WORKSPACE, INCIDENT, {}, { limit: 10 });
    expect(entries.map((entry) => entry.contacted)).toEqual(['Bluebridge IT']);
    expect((await outboxSummary(db)).waiting).toBe(1);
  });

  it('survives a reload: a new form on the same phone picks up the unsaved text', () => {
    const first = newDraft();
    typeQuickEntry(first);

    const afterReload = newDraft();

    expect(afterReload.draft().contacted).toBe('Bluebridge IT');
    expect(afterReload.unsaved()).toBe(true);
  });

  it('records the moment of saving as the time when the user left the time alone', async () => {
    const draft = newDraft();
    typeQuickEntry(draft);
    const outcome = await draft.save();
    expect(outcome.saved && outcome.entry.occurred_at).toBe(FIXED_NOW.toISOString());
    expect(outcome.saved && outcome.entry.incident_id).toBe(INCIDENT);
  });

  it('keeps the time the user typed', async () => {
    const draft = newDraft();
    typeQuickEntry(draft);
    draft.set('occurred_at', '2026-12-04T07:15:00Z');
    const outcome = await draft.save();
    expect(outcome.saved && outcome.entry.occurred_at).toBe('2026-12-04T07:15:00.000Z');
  });

  it('refuses a quick entry without a summary, names the field, and writes nothing', async () => {
    const draft = newDraft();
    draft.set('communication_type', 'decision');
    draft.set('contacted', 'Maria Lopez');
    const outcome = await draft.save();
    expect(outcome.saved).toBe(false);
    expect(draft.errors().message_summary).toBe('Message summary is required.');
    expect(draft.draft().contacted).toBe('Maria Lopez');
    expect(await countLog(db, WORKSPACE, INCIDENT, {})).toBe(0);
  });

  it('writes a correction as a new entry that references the original, leaving the original as it was', async () => {
    const draft = newDraft();
    typeQuickEntry(draft);
    const first = await draft.save();
    if (!first.saved) throw new Error(first.message);

    draft.startCorrection(first.entry);
    expect(draft.unsaved()).toBe(false);
    draft.set('message_summary', 'Asked for sign-in logs since Sunday, not Monday.');
    const second = await draft.save();

    expect(second.saved && second.entry.corrects).toBe(first.entry.id);
    const { entries } = await listLogPage(db, WORKSPACE, INCIDENT, {}, { limit: 10 });
    expect(entries.map((entry) => entry.message_summary)).toEqual([
      'Asked for sign-in logs since Sunday, not Monday.',
      'Asked for sign-in logs of the finance mailbox since Monday.',
    ]);
  });

  it('warns before saving an entry that holds a password, names the field, and keeps the text', async () => {
    const draft = newDraft();
    typeQuickEntry(draft);
    draft.set('action_requested', 'Log in to the admin console, password: Sommer2026!');

    const outcome = await draft.save();

    expect(outcome).toEqual({ saved: false, message: expect.stringContaining('contains a password') });
    expect(draft.secretWarning()).toEqual({ message: expect.stringContaining('share them by phone or a controlled vault'), fields: ['action_requested'] });
    expect(draft.draft().action_requested).toBe('Log in to the admin console, password: Sommer2026!');
    expect(draft.unsaved()).toBe(true);
    expect(await countLog(db, WORKSPACE, INCIDENT, {})).toBe(0);
  });

  it('saves the entry as typed when the user chooses "Save anyway"', async () => {
    const draft = newDraft();
    typeQuickEntry(draft);
    draft.set('message_summary', 'Vendor sent a key: AKIAIOSFODNN7EXAMPLE');
    await draft.save();

    const outcome = await draft.save({ allowSecrets: true });

    expect(outcome.saved && outcome.entry.message_summary).toBe('Vendor sent a key: AKIAIOSFODNN7EXAMPLE');
    expect(draft.secretWarning()).toBeNull();
  });

  it('checks again after the user edits: "Save anyway" applies to the text it warned about', async () => {
    const draft = newDraft();
    typeQuickEntry(draft);
    draft.set('message_summary', 'password: Sommer2026!');
    await draft.save();

    draft.set('message_summary', 'Password was reset by the MSP.');

    expect(draft.secretWarning()).toBeNull();
    const outcome = await draft.save();
    expect(outcome.saved).toBe(true);
  });
});
