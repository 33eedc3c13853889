import { describe, expect, it } from 'vitest';
import { lastSentUpdateText } from '../../src/ui/incident/leadership/last-sent-update';

const entry = (message_summary: string, communication_type = 'leadership_update' as const) => ({ communication_type, message_summary, corrects: null });

describe('the leadership update that may be posted to chat after a reload (Step 2)', () => {
  it('is the newest update the log records as sent, not a later post of it to chat', () => {
    expect(
      lastSentUpdateText([
        entry('Posted to Mattermost (Ops):\n\nUpdate 10:00'),
        entry('Not posted to Zulip (Incidents):\n\nUpdate 10:00'),
        entry('Update 10:00: mailbox rule removed.'),
        entry('Update 09:00: investigating.'),
      ]),
    ).toBe('Update 10:00: mailbox rule removed.');
  });

  it('is empty when no update was marked sent yet', () => {
    expect(lastSentUpdateText([])).toBe('');
    expect(lastSentUpdateText([entry('Posted to Mattermost (Ops):\n\nUpdate')])).toBe('');
  });
});
