import { methodUsable, type ChannelStates } from './channels';
import { CONTACT_CHANNEL_LABELS, CONTACT_CHANNELS, type ContactChannel } from './contact-methods';
import { contactLink, dialString, type Contact, type ContactCategory, type ContactMethod } from './contacts';

/**
 * Who a group message goes to (Step 2's leadership, Step 3's employee groups) and on which
 * channels, once Step 7 has marked some channels compromised: methods on a compromised
 * channel are hidden and the reason is said; methods on a suspect one carry the warning.
 */
export interface OfferedMethod {
  method: ContactMethod;
  /** Step 7's warning for a suspect channel; null when the channel is safe. */
  warning: string | null;
}

export interface HiddenMethod {
  method: ContactMethod;
  reason: string;
}

export interface GroupMember {
  contact: Contact;
  offered: OfferedMethod[];
  hidden: HiddenMethod[];
}

/** The contacts of `category`, first-called first (priority, then name), with their methods sorted out. */
export function groupMembers(contacts: readonly Contact[], category: ContactCategory, states: ChannelStates): GroupMember[] {
  return contacts
    .filter((contact) => contact.category === category)
    .sort((a, b) => a.priority - b.priority || a.name.localeCompare(b.name))
    .map((contact) => {
      const offered: OfferedMethod[] = [];
      const hidden: HiddenMethod[] = [];
      for (const method of contact.methods) {
        const { usable, warning } = methodUsable(method.channel, states);
        if (usable) offered.push({ method, warning });
        else hidden.push({ method, reason: warning ?? 'Its channel is marked compromised.' });
      }
      return { contact, offered, hidden };
    });
}

export interface EmailAddress {
  address: string;
  channel: Extract<ContactChannel, 'corporate_email' | 'personal_email'>;
}

export interface GroupAddresses {
  /** One address per member: their first usable email method, in the contact's order. */
  emails: EmailAddress[];
  /** One number per member: their first usable SMS method that a text can go to. */
  smsNumbers: string[];
}

// A text goes to plain numbers; a dial string with pauses or keys (",,4455#") is a bridge PIN.
const TEXTABLE = /^\+?[0-9]{3,20}$/;

export function groupAddresses(members: readonly GroupMember[]): GroupAddresses {
  const emails: EmailAddress[] = [];
  const smsNumbers: string[] = [];
  for (const member of members) {
    const email = member.offered.find(
      ({ method }) => (method.channel === 'corporate_email' || method.channel === 'personal_email') && contactLink(method).href !== null,
    );
    if (email && !emails.some((known) => known.address === email.method.value.trim()))
      emails.push({ address: email.method.value.trim(), channel: email.method.channel as EmailAddress['channel'] });
    const sms = member.offered
      .filter(({ method }) => method.channel === 'sms')
      .map(({ method }) => dialString(method.value.trim()))
      .find((dial): dial is string => dial !== null && TEXTABLE.test(dial));
    if (sms && !smsNumbers.includes(sms)) smsNumbers.push(sms);
  }
  return { emails, smsNumbers };
}

/** mailto: with every address in To, the subject and the text; only validated addresses are ever passed in. */
export function groupMailHref(addresses: readonly string[], subject: string, text: string): string {
  const to = addresses.map((address) => encodeURIComponent(address).replace('%40', '@')).join(',');
  return `mailto:${to}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(text)}`;
}

/** RFC 5724: sms: with a comma-separated list of numbers and the text as body. */
export function groupSmsHref(numbers: readonly string[], text: string): string {
  return `sms:${numbers.join(',')}?body=${encodeURIComponent(text)}`;
}

export interface SendingChannel {
  channel: ContactChannel;
  label: string;
  /** Offered: Step 7's warning for a suspect channel, or null. Hidden: why it is hidden. */
  note: string | null;
}

// What a message to people can go out on, out-of-band first; a support portal is a vendor's.
const SENDING_ORDER: readonly ContactChannel[] = ['sms', 'phone', 'bridge', 'personal_email', 'chat', 'corporate_email', 'in_person'];

/** The channels a message may be sent on now (not compromised, suspect with its warning) and those hidden, with why. */
export function sendingChannels(states: ChannelStates): { offered: SendingChannel[]; hidden: SendingChannel[] } {
  const offered: SendingChannel[] = [];
  const hidden: SendingChannel[] = [];
  for (const channel of SENDING_ORDER) {
    const { usable, warning } = methodUsable(channel, states);
    (usable ? offered : hidden).push({ channel, label: CONTACT_CHANNEL_LABELS[channel], note: warning });
  }
  return { offered, hidden };
}

export function isContactChannel(value: string): value is ContactChannel {
  return (CONTACT_CHANNELS as readonly string[]).includes(value);
}

/**
 * The log's "Person or organization contacted" for a group message: "Leadership: Maria
 * Lopez, Tom Becker", cut to "… and 3 more" to fit `max` characters; the group alone when
 * no one is named.
 */
export function recipientsLabel(group: string, names: readonly string[], max = 200): string {
  const named = names.map((name) => name.trim()).filter((name) => name !== '');
  if (named.length === 0) return group;
  for (let shown = named.length; shown > 0; shown -= 1) {
    const rest = named.length - shown;
    const label = `${group}: ${named.slice(0, shown).join(', ')}${rest > 0 ? ` and ${rest} more` : ''}`;
    if (label.length <= max) return label;
  }
  return `${group}: ${named.length} people`.slice(0, max);
}

export interface EmailOffer {
  allowed: boolean;
  /** Said next to the Email button: the phone's mail app may well be the corporate mailbox. */
  warning: string | null;
}

/**
 * Whether to offer "Email" at all. The phone's mail app usually sends from the corporate
 * mailbox: with corporate email compromised, email is offered only to addresses on a usable
 * channel (personal ones), with the reminder to send from a personal mailbox.
 */
export function emailOffer(emails: readonly EmailAddress[], states: ChannelStates): EmailOffer {
  const corporate = methodUsable('corporate_email', states);
  if (corporate.usable) return { allowed: true, warning: corporate.warning };
  return { allowed: emails.length > 0, warning: `${corporate.warning} Send from a personal mailbox.` };
}
