import { CONTACT_CHANNELS, type ContactChannel } from './contact-methods';
import { CONTACT_CATEGORIES, contactLink, type Contact, type ContactCategory } from './contacts';

/** A contact as the form holds it: every value a string, methods and references as rows. */
export interface ContactDraft {
  name: string;
  organization: string;
  role: string;
  category: string;
  notes: string;
  methods: { channel: string; value: string; label: string; available_24x7: boolean }[];
  references: { label: string; value: string }[];
}

export type ContactErrors = Partial<Record<'name' | 'category' | 'methods' | 'notes', string>> & { methodRows?: Record<number, string> };

export type ContactValidation = { ok: true; draft: ContactDraft } | { ok: false; errors: ContactErrors };

const MAX_TEXT = 200;
const MAX_NOTES = 2000;

export function emptyContactDraft(category: ContactCategory = 'leadership'): ContactDraft {
  return { name: '', organization: '', role: '', category, notes: '', methods: [{ channel: 'phone', value: '', label: '', available_24x7: false }], references: [] };
}

export function draftFromContact(contact: Contact): ContactDraft {
  return {
    name: contact.name,
    organization: contact.organization,
    role: contact.role,
    category: contact.category,
    notes: contact.notes,
    methods: contact.methods.map(({ channel, value, label, available_24x7 }) => ({ channel, value, label, available_24x7 })),
    references: contact.references.map((reference) => ({ ...reference })),
  };
}

/**
 * A contact is useful in an emergency only if it can be reached: a name and at least one
 * method whose value really dials, texts, mails or opens. Empty method rows are dropped.
 */
export function validateContactDraft(draft: ContactDraft): ContactValidation {
  const errors: ContactErrors = {};
  const name = draft.name.trim();
  if (name === '') errors.name = 'Name is required.';
  else if ([draft.name, draft.organization, draft.role].some((text) => text.length > MAX_TEXT))
    errors.name = `Name, organization and role are limited to ${MAX_TEXT} characters each.`;
  if (draft.notes.length > MAX_NOTES) errors.notes = `Notes are limited to ${MAX_NOTES} characters.`;
  if (!(CONTACT_CATEGORIES as readonly string[]).includes(draft.category)) errors.category = 'Pick a category from the list.';
  const methods = draft.methods.filter((method) => method.value.trim() !== '');
  if (methods.length === 0) errors.methods = 'Add at least one way to reach this contact.';
  const methodRows: Record<number, string> = {};
  draft.methods.forEach((method, index) => {
    if (method.value.trim() === '') return;
    if (!(CONTACT_CHANNELS as readonly string[]).includes(method.channel)) methodRows[index] = 'Pick how this is reached.';
    else if (method.value.length > MAX_TEXT) methodRows[index] = `At most ${MAX_TEXT} characters.`;
    else {
      const link = contactLink({ channel: method.channel as ContactChannel, value: method.value });
      if (link.href === null && method.channel !== 'in_person') methodRows[index] = link.reason;
    }
  });
  if (Object.keys(methodRows).length > 0) errors.methodRows = methodRows;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    draft: {
      ...draft,
      name,
      organization: draft.organization.trim(),
      role: draft.role.trim(),
      notes: draft.notes.trim(),
      methods: methods.map((method) => ({ ...method, value: method.value.trim(), label: method.label.trim() })),
      references: draft.references.filter((reference) => reference.value.trim() !== '').map((reference) => ({ label: reference.label.trim() || 'Reference', value: reference.value.trim() })),
    },
  };
}

/** The stored contact: a new one, or the next version of `previous`. */
export function contactFromDraft(draft: ContactDraft, workspaceId: string, previous: Contact | null, now: Date): Contact {
  const id = previous?.id ?? crypto.randomUUID();
  return {
    id,
    workspace_id: workspaceId,
    name: draft.name,
    organization: draft.organization,
    role: draft.role,
    category: draft.category as ContactCategory,
    notes: draft.notes,
    methods: draft.methods.map((method, index) => ({ id: `${id}-m${index + 1}`, channel: method.channel as ContactChannel, value: method.value, label: method.label, available_24x7: method.available_24x7 })),
    references: draft.references,
    priority: previous?.priority ?? 100,
    version: (previous?.version ?? 0) + 1,
    updated_at: now.toISOString(),
  };
}
