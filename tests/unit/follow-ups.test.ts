import { describe, expect, it } from 'vitest';
import { dueNotifications, followUpState, needsFollowUp, notificationKey, openFollowUps } from '../../src/domain/follow-ups';
import type { LogEntry, LogEntryFields } from '../../src/domain/log-entry';
import { completeFields, quickFields, WORKSPACE } from './log-entry-fixtures';

const NOW = new Date('2026-03-02T10:00:00.000Z');
const minutes = (count: number) => count * 60_000;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs).toISOString();

function entry(id: string, fields: Partial<LogEntryFields>, corrects: string | null = null): LogEntry {
  const all = completeFields(fields);
  return {
    ...all,
    id,
    workspace_id: WORKSPACE,
    author: 'Tom Becker',
    device_recorded_at: all.occurred_at,
    corrects,
    local_seq: 1,
    content_hash: '',
    prev_hash: '',
    hash: '',
    follow_up: all.follow_up_required === '' ? 0 : 1,
  };
}

const ids = (items: { entry: LogEntry }[]) => items.map((item) => item.entry.id);

describe('which log entries need a follow-up', () => {
  it('is an entry with "Follow-up required" filled in, or with a deadline', () => {
    expect(needsFollowUp(completeFields({ deadline: null }))).toBe(true);
    expect(needsFollowUp(quickFields({ deadline: at(minutes(30)) }))).toBe(true);
    expect(needsFollowUp(quickFields({ follow_up_required: '   ' }))).toBe(false);
  });
});

describe('the open follow-ups', () => {
  it('lists overdue first, then by deadline, then those without one', () => {
    const entries = [
      entry('no-deadline', { deadline: null, follow_up_required: 'Ask legal about the contract clause.' }),
      entry('later', { deadline: at(minutes(180)) }),
      entry('overdue-5', { deadline: at(-minutes(5)) }),
      entry('nothing-to-do', quickFields()),
      entry('soon', { deadline: at(minutes(20)), follow_up_required: '' }),
      entry('overdue-90', { deadline: at(-minutes(90)) }),
    ];

    const items = openFollowUps(entries, new Set(), NOW);

    expect(items.map((item) => [item.entry.id, item.state])).toEqual([
      ['overdue-90', 'overdue'],
      ['overdue-5', 'overdue'],
      ['soon', 'due_soon'],
      ['later', 'open'],
      ['no-deadline', 'no_deadline'],
    ]);
    expect(items[0]?.due).toBe(at(-minutes(90)));
    expect(items[4]?.due).toBeNull();
  });

  it('is due soon within the hour, still due soon at the deadline, and overdue a moment after', () => {
    expect(followUpState(at(minutes(60) + 1), NOW)).toBe('open');
    expect(followUpState(at(minutes(60)), NOW)).toBe('due_soon');
    expect(followUpState(at(0), NOW)).toBe('due_soon');
    expect(followUpState(at(-1), NOW)).toBe('overdue');
    expect(followUpState(null, NOW)).toBe('no_deadline');
  });

  it('leaves out entries completed or corrected by a later entry', () => {
    const original = entry('original', { deadline: at(-minutes(5)) });
    const correction = entry('correction', { deadline: at(minutes(30)) }, 'original');
    const completed = entry('completed', { deadline: at(-minutes(10)) });

    const items = openFollowUps([original, correction, completed], new Set(['completed']), NOW);

    expect(ids(items)).toEqual(['correction']);
  });

  it('shows a deadline that does not parse as no deadline, rather than dropping the entry', () => {
    const items = openFollowUps([entry('odd', { deadline: 'next Tuesday' })], new Set(), NOW);

    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ due: null, state: 'no_deadline' });
  });

  it('orders entries without a deadline oldest first', () => {
    const items = openFollowUps(
      [
        entry('newer', { deadline: null, occurred_at: '2026-03-02T09:30:00.000Z' }),
        entry('older', { deadline: null, occurred_at: '2026-03-02T08:30:00.000Z' }),
      ],
      new Set(),
      NOW,
    );

    expect(ids(items)).toEqual(['older', 'newer']);
  });

  it('keeps hostile text in an entry untouched', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const items = openFollowUps([entry('x', { follow_up_required: hostile, deadline: null })], new Set(), NOW);

    expect(items[0]?.entry.follow_up_required).toBe(hostile);
  });
});

describe('follow-up notifications', () => {
  const items = () =>
    openFollowUps(
      [entry('overdue', { deadline: at(-minutes(1)) }), entry('soon', { deadline: at(minutes(45)) }), entry('later', { deadline: at(minutes(61)) }), entry('none', { deadline: null })],
      new Set(),
      NOW,
    );

  it('notifies what is due soon or overdue, once each', () => {
    expect(dueNotifications(items(), new Set(), NOW)).toEqual([
      { entryId: 'overdue', state: 'overdue', key: 'overdue:overdue' },
      { entryId: 'soon', state: 'due_soon', key: 'soon:due_soon' },
    ]);
    expect(dueNotifications(items(), new Set([notificationKey('overdue', 'overdue'), notificationKey('soon', 'due_soon')]), NOW)).toEqual([]);
  });

  it('notifies again when a due-soon follow-up becomes overdue', () => {
    const notified = new Set([notificationKey('soon', 'due_soon'), notificationKey('overdue', 'overdue')]);

    expect(dueNotifications(items(), notified, new Date(NOW.getTime() + minutes(46)))).toEqual([
      { entryId: 'soon', state: 'overdue', key: 'soon:overdue' },
      { entryId: 'later', state: 'due_soon', key: 'later:due_soon' },
    ]);
  });

  it('sends only the overdue notification for one that passed its deadline while the app was closed', () => {
    const notifications = dueNotifications(items(), new Set(), new Date(NOW.getTime() + minutes(120)));

    expect(notifications.map((notification) => notification.key)).toEqual(['overdue:overdue', 'soon:overdue', 'later:overdue']);
  });

  it('never notifies an entry without a deadline', () => {
    expect(dueNotifications(items(), new Set(), new Date('2030-01-01T00:00:00.000Z')).map((notification) => notification.entryId)).not.toContain('none');
  });
});
