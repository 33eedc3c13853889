import { describe, expect, it } from 'vitest';
import { completionFields, followUpText } from '../../src/domain/follow-up-completion';
import { reminderFor, parseNotifiedKeys } from '../../src/domain/follow-up-reminder';
import type { LogEntry, LogEntryFields } from '../../src/domain/log-entry';
import { completeFields, WORKSPACE } from './log-entry-fixtures';

function entry(fields: Partial<LogEntryFields> = {}): LogEntry {
  return {
    ...completeFields(fields),
    id: 'original',
    workspace_id: WORKSPACE,
    author: 'Tom Becker',
    device_recorded_at: '2026-03-02T09:16:00.000Z',
    corrects: null,
    local_seq: 7,
    content_hash: '',
    prev_hash: '',
    hash: '',
    follow_up: 1,
  };
}

describe('marking a follow-up done', () => {
  it('writes the original fields again, with follow-up and deadline cleared and what was done in the response', () => {
    const original = entry({ response_received: '' });

    const fields = completionFields(original, 'Logs arrived by mail, stored in Nextcloud.');

    expect(fields).toEqual({
      ...completeFields(),
      deadline: null,
      follow_up_required: '',
      response_received: 'Follow-up done: Call back at 11:30 if no logs yet. Outcome: Logs arrived by mail, stored in Nextcloud.',
    });
  });

  it('keeps the response received earlier, before the completion', () => {
    const fields = completionFields(entry(), '');
    expect(fields.response_received).toBe('Ticket BB-88121 opened, engineer assigned.\nFollow-up done: Call back at 11:30 if no logs yet.');
  });

  it('still fits the response field when the earlier response is already long', () => {
    const fields = completionFields(entry({ response_received: 'r'.repeat(2000) }), 'o'.repeat(1000));
    expect(fields.response_received.length).toBeLessThanOrEqual(2000);
    expect(fields.response_received).toContain('Follow-up done:');
  });

  it('describes a deadline-only entry by its action, or else its summary', () => {
    expect(followUpText(entry({ follow_up_required: '' }))).toBe('Export sign-in logs for finance@ from 28 Feb.');
    expect(followUpText(entry({ follow_up_required: '', action_requested: '' }))).toBe(
      'Asked for sign-in logs and admin changes on the finance mailbox since Friday.',
    );
  });
});

describe('what a reminder on the lock screen says', () => {
  it('carries the follow-up text only, no contact or summary', () => {
    const reminder = reminderFor(entry(), 'overdue');
    expect(reminder).toEqual({ title: 'Muster: follow-up overdue', body: 'Call back at 11:30 if no logs yet.' });
    expect(JSON.stringify(reminder)).not.toContain('Bluebridge');
  });

  it('names only the entry number when the entry has a deadline but no follow-up text', () => {
    expect(reminderFor(entry({ follow_up_required: '' }), 'due_soon')).toEqual({
      title: 'Muster: follow-up due soon',
      body: 'Log entry #7 reaches its deadline.',
    });
  });

  it('reads back the keys already notified, and treats anything unreadable as none', () => {
    expect(parseNotifiedKeys('["a:overdue","b:due_soon"]')).toEqual(new Set(['a:overdue', 'b:due_soon']));
    expect(parseNotifiedKeys(null)).toEqual(new Set());
    expect(parseNotifiedKeys('{broken')).toEqual(new Set());
    expect(parseNotifiedKeys('[1, "a:overdue"]')).toEqual(new Set(['a:overdue']));
  });
});
