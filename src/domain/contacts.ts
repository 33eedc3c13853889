import type { ContactChannel } from './contact-methods';

/**
 * Who must be reachable during an incident (Step 1's coordination list, Step 4's providers,
 * Step 5's insurance/legal/compliance). The order is the order of the contact list.
 */
export const CONTACT_CATEGORIES = [
  'leadership',
  'employee_group',
  'msp',
  'it_provider',
  'hosting',
  'cloud',
  'saas',
  'endpoint_protection',
  'backup',
  'domain_registrar',
  'dns',
  'incident_response',
  'cyber_insurance',
  'legal',
  'compliance',
  'regulator',
  'law_enforcement',
  'customer_partner',
  'media',
] as const;

export type ContactCategory = (typeof CONTACT_CATEGORIES)[number];

export const CONTACT_CATEGORY_LABELS: Record<ContactCategory, string> = {
  leadership: 'Leadership',
  employee_group: 'Employee groups',
  msp: 'MSP',
  it_provider: 'IT provider',
  hosting: 'Hosting provider',
  cloud: 'Cloud provider',
  saas: 'SaaS vendors',
  endpoint_protection: 'Endpoint protection',
  backup: 'Backup provider',
  domain_registrar: 'Domain registrar',
  dns: 'DNS provider',
  incident_response: 'Incident response firm',
  cyber_insurance: 'Cyber insurance',
  legal: 'Legal',
  compliance: 'Compliance',
  regulator: 'Regulators',
  law_enforcement: 'Law enforcement',
  customer_partner: 'Customers and partners',
  media: 'Media',
};

export interface ContactMethod {
  id: string;
  channel: ContactChannel;
  value: string;
  /** e.g. "24/7 hotline", "Mobile", "After hours". */
  label: string;
  available_24x7: boolean;
}

/** Policy, contract or account numbers the caller will be asked for. */
export interface ContactReference {
  label: string;
  value: string;
}

export interface Contact {
  id: string;
  workspace_id: string;
  name: string;
  organization: string;
  role: string;
  category: ContactCategory;
  methods: ContactMethod[];
  references: ContactReference[];
  notes: string;
  /** 1 is called first within its category. */
  priority: number;
  version: number;
  updated_at: string;
}

/** True when any method is marked as answered around the clock. */
export function isReachable24x7(contact: Contact): boolean {
  return contact.methods.some((method) => method.available_24x7);
}

export type ContactLink = { href: string; action: 'Call' | 'Text' | 'Email' | 'Open' } | { href: null; reason: string };

// A dial string: digits, a leading +, pauses and the keys * and #. Spaces, dots, dashes and
// brackets are only formatting and are dropped. Anything else (letters, ':' of a scheme) is refused.
const DIALABLE = /^\+?[0-9*#,;]{3,32}$/;
const FORMATTING = /[\s().-]/g;
const EMAIL = /^[^\s@<>()"',;:\\]+@[^\s@<>()"',;:\\]+\.[^\s@<>()"',;:\\]+$/;

export function dialString(value: string): string | null {
  const digits = value.replace(FORMATTING, '');
  return DIALABLE.test(digits) ? digits : null;
}

// RFC 3966: '#' must be written %23, or the browser takes it as a fragment and the dialer
// never gets the closing '#' of a bridge PIN.
function encodeDial(dial: string): string {
  return dial.replaceAll('#', '%23');
}

function telHref(dial: string): string {
  return `tel:${encodeDial(dial)}`;
}

function httpsUrl(value: string): string | null {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * The link a method's button opens. Only tel:, sms:, mailto: and https: are ever produced,
 * built from validated values; a stored value such as "javascript:alert(1)" yields no link.
 */
export function contactLink(method: Pick<ContactMethod, 'channel' | 'value'>): ContactLink {
  const value = method.value.trim();
  switch (method.channel) {
    case 'phone':
    case 'sms': {
      const dial = dialString(value);
      if (dial === null) return { href: null, reason: 'Not a phone number: check this entry.' };
      return method.channel === 'phone' ? { href: telHref(dial), action: 'Call' } : { href: `sms:${encodeDial(dial)}`, action: 'Text' };
    }
    case 'personal_email':
    case 'corporate_email':
      return EMAIL.test(value)
        ? { href: `mailto:${encodeURIComponent(value).replace('%40', '@')}`, action: 'Email' }
        : { href: null, reason: 'Not an email address: check this entry.' };
    case 'bridge':
    case 'portal':
    case 'chat': {
      const dial = method.channel === 'bridge' ? dialString(value) : null;
      if (dial !== null) return { href: telHref(dial), action: 'Call' };
      const url = httpsUrl(value);
      return url ? { href: url, action: 'Open' } : { href: null, reason: 'Only https:// links open from Muster.' };
    }
    case 'in_person':
      return { href: null, reason: 'Meet in person.' };
  }
}
