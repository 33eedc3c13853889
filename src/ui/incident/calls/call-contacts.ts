import { CONTACT_CHANNEL_LABELS } from '../../../domain/contact-methods';
import { CONTACT_CATEGORIES, CONTACT_CATEGORY_LABELS, type Contact, type ContactMethod } from '../../../domain/contacts';

/** Whom a call is to, as far as this phone knows: enough to name and dial them. */
export interface CallContact {
  name: string;
  methods: ContactMethod[];
  /** Role or organisation, when the contact list has them. */
  detail: string;
}

/** A run may carry the contacts it names as the starting phone had them (a teammate may lack them). */
type RunContacts = { contacts?: Record<string, { name: string; methods: ContactMethod[] }> };

/**
 * Looks a call's contact up: this phone's contact list first (the freshest numbers), then the
 * copy the run carries; a contact found nowhere is named as such, never as its id alone.
 */
export function contactLookup(contacts: readonly Contact[], run?: object): (contactId: string) => CallContact {
  const byId = new Map(contacts.map((contact) => [contact.id, contact]));
  const carried = (run as RunContacts | undefined)?.contacts ?? {};
  return (contactId) => {
    const contact = byId.get(contactId);
    if (contact) return { name: contact.name, methods: contact.methods, detail: [contact.role, contact.organization].filter(Boolean).join(' · ') };
    const copy = Object.hasOwn(carried, contactId) ? carried[contactId] : undefined;
    if (copy) return { name: copy.name, methods: copy.methods, detail: '' };
    return { name: 'A contact no longer in the list', methods: [], detail: '' };
  };
}

/** The contacts a call can be to, in the contact list's order: by category, first called first, then by name. */
export function contactChoices(contacts: readonly Contact[]): { id: string; label: string }[] {
  const rank = (contact: Contact) => CONTACT_CATEGORIES.indexOf(contact.category);
  return [...contacts]
    .sort((a, b) => rank(a) - rank(b) || a.priority - b.priority || a.name.localeCompare(b.name))
    .map((contact) => ({ id: contact.id, label: `${contact.name} (${CONTACT_CATEGORY_LABELS[contact.category] ?? contact.category})` }));
}

/**
 * How a call was made, as the log records it: the channel and the method's own label,
 * e.g. "Phone (Mobile)" or "SMS (SMS group)"; the channel alone when the label adds nothing.
 */
export function callMethodLabel(method: Pick<ContactMethod, 'channel' | 'label'>): string {
  const channel = CONTACT_CHANNEL_LABELS[method.channel] ?? method.channel;
  const label = method.label.trim();
  return label === '' || label.toLocaleLowerCase() === channel.toLocaleLowerCase() ? channel : `${channel} (${label})`;
}
