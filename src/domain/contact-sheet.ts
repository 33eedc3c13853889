import { alternateChannelNotice, CHANNEL_LABELS, methodUsable, TALK_CHANNELS, type ChannelStates } from './channels';
import { CONTACT_CHANNEL_LABELS } from './contact-methods';
import { CONTACT_CATEGORIES, CONTACT_CATEGORY_LABELS, isReachable24x7, type Contact, type ContactCategory } from './contacts';

/**
 * Step 7: "an emergency contact list" on paper, for when the phone is flat, lost or not
 * trusted. The sheet is the list grouped by category in the playbook's order, every method
 * with its 24/7 marker, the policy and contract numbers a caller is asked for, and the
 * alternate-channel plan; it says when it was made and from which version of the list, so
 * an old printout is recognised as old.
 */

export interface SheetMethod {
  channel: string;
  label: string;
  value: string;
  available24x7: boolean;
  /** Set while the open incident has this method's channel marked suspect or compromised. */
  warning: string | null;
}

export interface SheetContact {
  name: string;
  organization: string;
  role: string;
  priority: number;
  available24x7: boolean;
  methods: SheetMethod[];
  references: { label: string; value: string }[];
  notes: string;
}

export interface SheetGroup {
  category: ContactCategory;
  title: string;
  contacts: SheetContact[];
}

/** Which version of the contact list the sheet shows. */
export interface ContactListVersion {
  count: number;
  /** The newest contact change (ISO), or null for an empty list. */
  lastChangedAt: string | null;
  /** Changes whenever any contact is added, removed or changed: compare two printouts by it. */
  fingerprint: string;
}

export interface AlternateChannelPlan {
  /** Talk channels in the order to fall back to them: out-of-band first. */
  fallbackOrder: string[];
  bridgeUrl: string | null;
  /** How many contacts have a method off the company's systems (phone, SMS, personal email). */
  outOfBandContacts: number;
  /** During an open incident: its notice text (which channels to avoid, which to use). */
  incidentNotice: { incidentId: string; text: string } | null;
  rules: string[];
}

export interface ContactSheet {
  workspaceName: string;
  generatedAt: string;
  version: ContactListVersion;
  groups: SheetGroup[];
  plan: AlternateChannelPlan;
}

export interface ContactSheetInput {
  workspaceName: string;
  contacts: readonly Contact[];
  bridgeUrl: string;
  /** The open incident, whose channel markings flag methods and fill the plan. */
  incident: { id: string; channels?: Record<string, string> | undefined } | null;
  generatedAt: string;
}

/** Step 7's rules, printed with the plan. */
export const STEP_7_RULES = [
  'Do not discuss sensitive incident details in a compromised mailbox or system.',
  'Do not send passwords, tokens, evidence files, or sensitive logs through casual chat.',
  'Use controlled storage for incident evidence and documents.',
];

const OUT_OF_BAND = new Set(['phone', 'sms', 'personal_email']);

/**
 * cyrb53: a fast 53-bit string hash (public domain, bryc). Not for security: it only has
 * to tell two versions of a list apart on paper, synchronously, without WebCrypto.
 */
function hash53(text: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/** The list's version: count, newest change, and a fingerprint of every contact's content, in id order. */
export function contactListVersion(contacts: readonly Contact[]): ContactListVersion {
  const sorted = [...contacts].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const canonical = JSON.stringify(
    sorted.map((c) => [c.id, c.version, c.updated_at, c.name, c.organization, c.role, c.category, c.priority, c.notes, c.methods.map((m) => [m.channel, m.value, m.label, m.available_24x7]), c.references.map((r) => [r.label, r.value])]),
  );
  const times = contacts.map((contact) => contact.updated_at).filter((time) => !Number.isNaN(Date.parse(time)));
  const lastChangedAt = times.length === 0 ? null : times.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
  return { count: contacts.length, lastChangedAt, fingerprint: hash53(canonical) };
}

function byPriorityThenName(a: Contact, b: Contact): number {
  return a.priority - b.priority || a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
}

export function buildContactSheet(input: ContactSheetInput): ContactSheet {
  const states = (input.incident?.channels ?? {}) as ChannelStates;
  const sheetContact = (contact: Contact): SheetContact => ({
    name: contact.name,
    organization: contact.organization,
    role: contact.role,
    priority: contact.priority,
    available24x7: isReachable24x7(contact),
    methods: contact.methods.map((method) => ({
      channel: CONTACT_CHANNEL_LABELS[method.channel] ?? method.channel,
      label: method.label,
      value: method.value,
      available24x7: method.available_24x7,
      warning: input.incident ? methodUsable(method.channel, states).warning : null,
    })),
    references: contact.references.map((reference) => ({ label: reference.label, value: reference.value })),
    notes: contact.notes,
  });
  // A category this version does not know (written by a newer one) is listed last, not dropped.
  const known = new Set<string>(CONTACT_CATEGORIES);
  const unknown = [...new Set(input.contacts.map((contact) => contact.category).filter((category) => !known.has(category)))].sort();
  const groups = [...CONTACT_CATEGORIES, ...unknown]
    .map((category) => ({
      category,
      title: CONTACT_CATEGORY_LABELS[category] ?? category,
      contacts: input.contacts.filter((contact) => contact.category === category).sort(byPriorityThenName).map(sheetContact),
    }))
    .filter((group) => group.contacts.length > 0);
  const bridgeUrl = input.bridgeUrl.trim() === '' ? null : input.bridgeUrl.trim();
  return {
    workspaceName: input.workspaceName,
    generatedAt: input.generatedAt,
    version: contactListVersion(input.contacts),
    groups,
    plan: {
      fallbackOrder: TALK_CHANNELS.map((channel) => CHANNEL_LABELS[channel]),
      bridgeUrl,
      outOfBandContacts: input.contacts.filter((contact) => contact.methods.some((method) => OUT_OF_BAND.has(method.channel))).length,
      incidentNotice: input.incident ? { incidentId: input.incident.id, text: alternateChannelNotice({ states, bridgeUrl, incidentId: input.incident.id }).text } : null,
      rules: STEP_7_RULES,
    },
  };
}

/** "14 contacts, fingerprint 003f9a1c2e07b1": the version as printed, short enough to read out on the phone. */
export function versionLabel(version: ContactListVersion): string {
  return `${version.count} contact${version.count === 1 ? '' : 's'}, fingerprint ${version.fingerprint}`;
}
