import { describe, expect, it } from 'vitest';
import { COMMUNICATION_TYPES, COMMUNICATION_TYPE_LABELS } from '../../src/domain/communication-types';
import { sealEntry } from '../../src/domain/hash-chain';
import {
  LOG_FIELDS,
  draftFromEntry,
  emptyLogDraft,
  hasUnsavedText,
  isQuickEntry,
  validateLogDraft,
  type LogDraft,
  type LogFieldName,
} from '../../src/domain/log-entry';
import { completeFields, entryMeta, quickFields, INCIDENT } from './log-entry-fixtures';

const NOW = new Date('2026-03-02T09:15:00.000Z');

/** What the quick-entry form hands over when the responder typed only type, who and what. */
function quickDraft(overrides: Partial<LogDraft> = {}): LogDraft {
  return {
    ...emptyLogDraft(INCIDENT, NOW),
    communication_type: 'vendor_request',
    contacted: 'Bluebridge IT service desk',
    message_summary: 'Asked for sign-in logs of the finance mailbox.',
    ...overrides,
  };
}

function errorsOf(draft: LogDraft): Partial<Record<LogFieldName, string>> {
  const result = validateLogDraft(draft);
  return result.ok ? {} : result.errors;
}

const QUICK_FIELDS: { name: LogFieldName; label: string }[] = [
  { name: 'incident_id', label: 'Incident ID' },
  { name: 'occurred_at', label: 'Date and time' },
  { name: 'communication_type', label: 'Communication type' },
  { name: 'contacted', label: 'Person or organization contacted' },
  { name: 'message_summary', label: 'Message summary' },
];

describe('the communication log template', () => {
  it('has the playbook\'s 13 fields, in the template\'s order', () => {
    expect(LOG_FIELDS.map((spec) => spec.label)).toEqual([
      'Incident ID',
      'Date and time',
      'Communication type',
      'Person or organization contacted',
      'Contact method',
      'Message summary',
      'Decision made',
      'Action requested',
      'Owner',
      'Deadline',
      'Response received',
      'Follow-up required',
      'Evidence or document location',
    ]);
  });

  it('offers every kind of communication Step 8 says the log should hold', () => {
    expect(COMMUNICATION_TYPES).toHaveLength(12);
    expect(COMMUNICATION_TYPES.map((type) => COMMUNICATION_TYPE_LABELS[type])).toEqual([
      'Internal update',
      'Leadership update',
      'Employee instruction',
      'Vendor / MSP request',
      'MSP action',
      'Insurance notice',
      'Legal guidance',
      'Regulatory notice',
      'Law-enforcement contact',
      'Customer / partner communication',
      'Public statement',
      'Decision',
    ]);
  });
});

describe('validating a draft before it is saved', () => {
  it('accepts a quick entry with only type, who and summary (incident and time pre-filled)', () => {
    const result = validateLogDraft(quickDraft({ contacted: '  Bluebridge IT service desk  ' }));

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.fields).toEqual(quickFields({ message_summary: 'Asked for sign-in logs of the finance mailbox.' }));
  });

  for (const { name, label } of QUICK_FIELDS) {
    it(`refuses a quick entry without "${label}" and says which field is missing`, () => {
      expect(errorsOf(quickDraft({ [name]: '' }))[name]).toBe(`${label} is required.`);
      expect(errorsOf(quickDraft({ [name]: '   ' }))[name]).toBe(`${label} is required.`);
    });
  }

  it('refuses a summary of 4001 characters and names the 4000-character limit', () => {
    expect(validateLogDraft(quickDraft({ message_summary: 'a'.repeat(4000) })).ok).toBe(true);

    expect(errorsOf(quickDraft({ message_summary: 'a'.repeat(4001) })).message_summary).toBe(
      'Message summary is too long: 4001 characters, at most 4000.',
    );
  });

  for (const spec of LOG_FIELDS) {
    it(`refuses "${spec.label}" longer than ${spec.maxLength} characters and says the limit`, () => {
      const message = errorsOf(quickDraft({ [spec.name]: 'x'.repeat(spec.maxLength + 1) }))[spec.name];

      expect(message).toContain(spec.label);
      expect(message).toContain(`at most ${spec.maxLength}`);
    });
  }

  it('refuses a date and time that is not a date', () => {
    expect(errorsOf(quickDraft({ occurred_at: 'this morning' })).occurred_at).toBe('Date and time is not a valid date.');
  });

  it('refuses a deadline that is not a date, and accepts a blank one', () => {
    expect(errorsOf(quickDraft({ deadline: 'by noon' })).deadline).toBe('Deadline is not a valid date.');

    const blank = validateLogDraft(quickDraft({ deadline: '  ' }));
    expect(blank.ok && blank.fields.deadline).toBeNull();
  });

  it('stores times in UTC, whatever offset they were typed with', () => {
    const result = validateLogDraft(quickDraft({ occurred_at: '2026-03-02T10:15:00+01:00', deadline: '2026-03-02T14:00:00+01:00' }));

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.fields.occurred_at).toBe('2026-03-02T09:15:00.000Z');
    expect(result.fields.deadline).toBe('2026-03-02T13:00:00.000Z');
  });

  it('refuses a communication type that is not in the list', () => {
    expect(errorsOf(quickDraft({ communication_type: 'gossip' })).communication_type).toBe('Pick a communication type from the list.');
  });

  for (const type of COMMUNICATION_TYPES) {
    it(`accepts a "${COMMUNICATION_TYPE_LABELS[type]}" entry`, () => {
      const result = validateLogDraft(quickDraft({ communication_type: type }));

      expect(result.ok && result.fields.communication_type).toBe(type);
    });
  }

  it('reports every problem of a draft at once, not one per save', () => {
    const errors = errorsOf(quickDraft({ contacted: '', message_summary: '', deadline: 'soon' }));

    expect(Object.keys(errors).sort()).toEqual(['contacted', 'deadline', 'message_summary']);
  });
});

describe('quick entries and completing them later', () => {
  it('offers "Complete" for an entry that has only the quick fields', () => {
    expect(isQuickEntry(quickFields())).toBe(true);
  });

  it('does not offer "Complete" once any other field is filled in', () => {
    expect(isQuickEntry(quickFields({ owner: 'Tom Becker' }))).toBe(false);
    expect(isQuickEntry(quickFields({ deadline: '2026-03-02T12:00:00.000Z' }))).toBe(false);
    expect(isQuickEntry(completeFields())).toBe(false);
  });

  it('starts a correction from the earlier entry, with every field as it was recorded', async () => {
    const entry = await sealEntry(quickFields({ follow_up_required: 'Call back at 11:30' }), entryMeta(), null);

    const draft = draftFromEntry(entry);

    expect(draft).toEqual({
      ...quickDraft({ message_summary: entry.message_summary, follow_up_required: 'Call back at 11:30' }),
      occurred_at: entry.occurred_at,
      deadline: '',
    });
    const revalidated = validateLogDraft(draft);
    expect(revalidated.ok && revalidated.fields).toEqual(quickFields({ follow_up_required: 'Call back at 11:30' }));
  });

  it('keeps the deadline of a complete entry when starting its correction', async () => {
    const entry = await sealEntry(completeFields(), entryMeta(), null);

    expect(draftFromEntry(entry).deadline).toBe('2026-03-02T12:00:00.000Z');
  });

  it('warns about unsaved text only when something other than the time was typed', () => {
    const pristine = emptyLogDraft(INCIDENT, NOW);

    expect(hasUnsavedText({ ...pristine, occurred_at: '2026-03-02T08:00:00.000Z' }, pristine)).toBe(false);
    expect(hasUnsavedText({ ...pristine, contacted: '   ' }, pristine)).toBe(false);
    expect(hasUnsavedText({ ...pristine, contacted: 'Maria' }, pristine)).toBe(true);
  });
});
