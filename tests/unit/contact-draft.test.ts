import { describe, expect, it } from 'vitest';
import { contactFromDraft, draftFromContact, emptyContactDraft, validateContactDraft } from '../../src/domain/contact-draft';
import { contactLink } from '../../src/domain/contacts';

function insurerDraft() {
  return {
    ...emptyContactDraft('cyber_insurance'),
    name: 'Claims hotline',
    organization: 'Shoreline Mutual',
    methods: [
      { channel: 'phone', value: '+1 202 555 0121', label: 'Claims', available_24x7: true },
      { channel: 'phone', value: '   ', label: '', available_24x7: false },
    ],
    references: [{ label: 'Policy', value: 'CY-2026-118834' }, { label: '', value: '' }],
  };
}

describe('adding an emergency contact', () => {
  it('accepts a named contact with a method that dials, dropping empty rows', () => {
    const checked = validateContactDraft(insurerDraft());
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.draft.methods).toHaveLength(1);
    expect(checked.draft.references).toEqual([{ label: 'Policy', value: 'CY-2026-118834' }]);
  });

  it('refuses a contact nobody could reach', () => {
    const checked = validateContactDraft({ ...insurerDraft(), methods: [] });
    expect(checked).toEqual({ ok: false, errors: { methods: 'Add at least one way to reach this contact.' } });
  });

  it('refuses a phone number that is really a script, pointing at its row', () => {
    const draft = insurerDraft();
    draft.methods.push({ channel: 'phone', value: 'javascript:alert(1)', label: 'Mobile', available_24x7: false });
    const checked = validateContactDraft(draft);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors.methodRows).toEqual({ 2: 'Not a phone number: check this entry.' });
  });

  it('requires a name and a known category, and limits long text', () => {
    const checked = validateContactDraft({ ...insurerDraft(), name: ' ', category: 'astrologer' });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors.name).toBe('Name is required.');
    expect(checked.errors.category).toBe('Pick a category from the list.');
    const long = validateContactDraft({ ...insurerDraft(), notes: 'x'.repeat(2001) });
    expect(!long.ok && long.errors.notes).toBe('Notes are limited to 2000 characters.');
  });

  it('stores version 1 for a new contact and the next version after an edit, keeping the id', () => {
    const checked = validateContactDraft(insurerDraft());
    if (!checked.ok) throw new Error('invalid');
    const created = contactFromDraft(checked.draft, 'ws-1', null, new Date('2026-12-04T10:00:00Z'));
    expect(created.version).toBe(1);
    expect(contactLink(created.methods[0]!)).toEqual({ href: 'tel:+12025550121', action: 'Call' });
    const edited = contactFromDraft({ ...draftFromContact(created), role: 'Claims' }, 'ws-1', created, new Date());
    expect(edited).toMatchObject({ id: created.id, version: 2, role: 'Claims' });
  });
});
