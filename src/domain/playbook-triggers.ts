import { CONTACT_CATEGORIES, CONTACT_CATEGORY_LABELS, type ContactCategory } from './contacts';

/**
 * The checklists a responder ticks as facts come in: when to tell leadership (Step 2), when
 * to escalate to technical support (Step 4), and when insurance, legal or compliance must be
 * contacted (Step 5). Each list is in the playbook's order. Ticked ids come from the store
 * and may include ids this version does not know (a newer phone): those are ignored.
 */
export interface PlaybookTrigger<Id extends string = string> {
  id: Id;
  label: string;
  /** A yes/no question the responder answers; "yes" ticks the trigger. */
  question: string;
}

// ---------------------------------------------------------------- Step 2: leadership

export const LEADERSHIP_TRIGGERS = [
  { id: 'operations', label: 'Operations', question: 'Could this affect operations?' },
  { id: 'finances', label: 'Finances', question: 'Could this affect finances?' },
  { id: 'customer_data', label: 'Customer data', question: 'Could customer data be affected?' },
  { id: 'employee_data', label: 'Employee data', question: 'Could employee data be affected?' },
  { id: 'legal_obligations', label: 'Legal obligations', question: 'Could this trigger legal obligations?' },
  { id: 'reputation', label: 'Reputation', question: 'Could this affect our reputation?' },
  { id: 'recovery_capability', label: 'Recovery capability', question: 'Could this affect our ability to recover (backups, admin access, key staff)?' },
] as const satisfies readonly PlaybookTrigger[];

export type LeadershipTriggerId = (typeof LEADERSHIP_TRIGGERS)[number]['id'];

export interface LeadershipVerdict {
  mustNotify: boolean;
  /** Labels of the ticked triggers, in the playbook's order. */
  reasons: string[];
  message: string;
}

/** Step 2: any one trigger is enough to tell leadership early, before the facts are complete. */
export function leadershipVerdict(ticked: readonly string[]): LeadershipVerdict {
  const reasons = LEADERSHIP_TRIGGERS.filter((trigger) => ticked.includes(trigger.id)).map((trigger) => trigger.label);
  if (reasons.length === 0)
    return { mustNotify: false, reasons, message: 'No trigger ticked yet: keep checking as facts change.' };
  const affected = listInWords(reasons.map((reason) => reason.toLowerCase()));
  return {
    mustNotify: true,
    reasons,
    message: `Tell leadership now: this may affect ${affected}. Keep the first update short and factual.`,
  };
}

// ---------------------------------------------------------------- Step 4: technical escalation

export interface EscalationTrigger<Id extends string = string> extends PlaybookTrigger<Id> {
  /** Step 4's providers to call for this trigger, before any priority ordering. */
  categories: readonly ContactCategory[];
}

/**
 * Mapping (Step 4's providers plus the incident response firm): attacker-driven triggers
 * need incident response and whoever runs the machines (MSP, IT provider); each
 * platform-specific trigger adds the provider of that platform. Insurance, legal and
 * compliance are Step 5's business, not technical escalation.
 */
export const ESCALATION_TRIGGERS = [
  {
    id: 'ransomware',
    label: 'Ransomware',
    question: 'Are files encrypted or is there a ransom note?',
    categories: ['incident_response', 'msp', 'it_provider', 'endpoint_protection', 'backup'],
  },
  {
    id: 'active_attacker',
    label: 'Active attacker access',
    question: 'Could an attacker still have access right now?',
    categories: ['incident_response', 'msp', 'it_provider', 'endpoint_protection'],
  },
  {
    id: 'compromised_admin_accounts',
    label: 'Compromised administrator accounts',
    question: 'Could an administrator account be compromised?',
    // Admin accounts live with whoever runs the directory: on premises or in the cloud/SaaS tenant.
    categories: ['incident_response', 'msp', 'it_provider', 'cloud', 'saas'],
  },
  {
    id: 'cloud_saas_compromise',
    label: 'Cloud or SaaS compromise',
    question: 'Is a cloud or SaaS account or tenant involved?',
    categories: ['cloud', 'saas', 'msp', 'it_provider'],
  },
  {
    id: 'domain_dns_website_compromise',
    label: 'Domain, DNS or website compromise',
    question: 'Has the domain, DNS or website been changed or taken over?',
    categories: ['domain_registrar', 'dns', 'hosting'],
  },
  {
    id: 'backup_tampering',
    label: 'Backup deletion or tampering',
    question: 'Have backups been deleted, changed or made unreachable?',
    // Backups are attacked before ransomware is launched: bring in incident response too.
    categories: ['backup', 'msp', 'it_provider', 'incident_response'],
  },
  {
    id: 'sensitive_data_exposure',
    label: 'Sensitive data exposure',
    question: 'Could sensitive data have been exposed or copied?',
    categories: ['incident_response', 'msp', 'it_provider'],
  },
  {
    id: 'multiple_systems',
    label: 'Multiple affected systems',
    question: 'Is more than one system affected?',
    categories: ['msp', 'it_provider', 'incident_response'],
  },
  {
    id: 'unclear_scope',
    label: 'Unclear scope',
    question: 'Is it unclear what is affected or how far it goes?',
    categories: ['incident_response', 'msp', 'it_provider'],
  },
  {
    id: 'vendor_managed_systems',
    label: 'Systems managed by a vendor',
    question: 'Is an affected system managed by a vendor?',
    categories: ['msp', 'it_provider', 'hosting', 'cloud', 'saas'],
  },
] as const satisfies readonly EscalationTrigger[];

export type EscalationTriggerId = (typeof ESCALATION_TRIGGERS)[number]['id'];

export interface EscalationAdvice {
  escalateNow: boolean;
  /** Who to call, each once, most urgent first. */
  categories: ContactCategory[];
  message: string;
}

// With an attacker at work, the incident response firm is called before anyone else.
const ATTACKER_AT_WORK: readonly string[] = ['ransomware', 'active_attacker'];

/**
 * Step 4: "escalate quickly" when any trigger is ticked. Providers are ordered as in the
 * contact list (MSP and IT provider first, incident response last), except that the
 * incident response firm comes first for ransomware or active attacker access.
 */
export function escalationAdvice(ticked: readonly string[]): EscalationAdvice {
  const triggers = ESCALATION_TRIGGERS.filter((trigger) => ticked.includes(trigger.id));
  if (triggers.length === 0)
    return {
      escalateNow: false,
      categories: [],
      message: 'No escalation trigger ticked: escalate as soon as the company cannot safely contain or investigate alone.',
    };
  const wanted = new Set<ContactCategory>(triggers.flatMap((trigger) => trigger.categories));
  const inListOrder = CONTACT_CATEGORIES.filter((category) => wanted.has(category));
  const responseFirst = triggers.some((trigger) => ATTACKER_AT_WORK.includes(trigger.id));
  const categories = responseFirst && wanted.has('incident_response')
    ? ['incident_response' as const, ...inListOrder.filter((category) => category !== 'incident_response')]
    : inListOrder;
  const whom = listInWords(categories.map((category) => CONTACT_CATEGORY_LABELS[category]));
  return {
    escalateNow: true,
    categories,
    message:
      `Escalate now to: ${whom}. Ask for logs, access history, session records, admin changes, ` +
      'recovery options, containment support, and confirmation of actions taken.',
  };
}

// ---------------------------------------------------------------- Step 5: insurance, legal, compliance

/** Who a Step 5 trigger obliges the company to tell. */
export const NOTIFY_PARTIES = ['insurer', 'legal', 'compliance', 'regulator', 'customers', 'bank'] as const;

export type NotifyParty = (typeof NOTIFY_PARTIES)[number];

export const NOTIFY_PARTY_LABELS: Record<NotifyParty, string> = {
  insurer: 'Cyber insurer',
  legal: 'Legal counsel',
  compliance: 'Compliance',
  regulator: 'Regulator',
  customers: 'Customers',
  bank: 'Bank',
};

/**
 * Where each party is found in the contact list. The contact list has no bank category:
 * `bank` maps to nothing, and the screen asks the user to add the bank's fraud line under
 * another category rather than guessing one (compliance is not who stops a payment).
 */
export const NOTIFY_PARTY_CATEGORIES: Record<NotifyParty, readonly ContactCategory[]> = {
  insurer: ['cyber_insurance'],
  legal: ['legal'],
  compliance: ['compliance'],
  regulator: ['regulator'],
  customers: ['customer_partner'],
  bank: [],
};

export interface LegalTrigger<Id extends string = string> extends PlaybookTrigger<Id> {
  /** Who must be told, in NOTIFY_PARTIES order. */
  parties: readonly NotifyParty[];
}

/**
 * Mapping (review against the policy, contracts and regulators before relying on it, as
 * Step 5 says): the insurer for every trigger, because cyber policies ask for notice of any
 * circumstance that may lead to a claim; legal counsel for every trigger, because each may
 * carry contractual or statutory duties; compliance wherever personal data, regulators or
 * payments are involved; the regulator for personal information (employee records included)
 * and explicit regulatory notification; customers for their confidential data and explicit
 * customer notification; the bank only for payment fraud, where it may still stop the money.
 */
export const LEGAL_TRIGGERS = [
  {
    id: 'data_theft',
    label: 'Data theft',
    question: 'Could data have been stolen?',
    parties: ['insurer', 'legal', 'compliance'],
  },
  {
    id: 'personal_information',
    label: 'Personal information',
    question: 'Could personal information be involved?',
    parties: ['insurer', 'legal', 'compliance', 'regulator'],
  },
  {
    id: 'customer_confidential_data',
    label: 'Customer confidential data',
    question: 'Could customer confidential data be involved?',
    parties: ['insurer', 'legal', 'customers'],
  },
  {
    id: 'employee_data',
    label: 'Employee data',
    question: 'Could employee data be involved?',
    parties: ['insurer', 'legal', 'compliance', 'regulator'],
  },
  {
    id: 'payment_fraud',
    label: 'Payment fraud',
    question: 'Could a payment have been redirected or made fraudulently?',
    parties: ['insurer', 'legal', 'compliance', 'bank'],
  },
  {
    id: 'ransomware',
    label: 'Ransomware',
    question: 'Is ransomware involved?',
    parties: ['insurer', 'legal'],
  },
  {
    id: 'business_interruption',
    label: 'Business interruption',
    question: 'Is the business interrupted?',
    parties: ['insurer', 'legal'],
  },
  {
    id: 'legal_claims',
    label: 'Legal claims',
    question: 'Could someone bring a legal claim?',
    parties: ['insurer', 'legal'],
  },
  {
    id: 'regulatory_notification',
    label: 'Regulatory notification',
    question: 'Could a regulator need to be notified?',
    parties: ['insurer', 'legal', 'compliance', 'regulator'],
  },
  {
    id: 'customer_notification',
    label: 'Customer notification',
    question: 'Could customers need to be notified?',
    parties: ['insurer', 'legal', 'customers'],
  },
  {
    id: 'third_party_systems',
    label: 'Third-party systems or vendors',
    question: 'Are third-party systems or vendors involved?',
    parties: ['insurer', 'legal'],
  },
] as const satisfies readonly LegalTrigger[];

export type LegalTriggerId = (typeof LEGAL_TRIGGERS)[number]['id'];

/** Every party the ticked Step 5 triggers require, each once, in NOTIFY_PARTIES order. */
export function partiesToNotify(ticked: readonly string[]): NotifyParty[] {
  const wanted = new Set<NotifyParty>(
    LEGAL_TRIGGERS.filter((trigger) => ticked.includes(trigger.id)).flatMap((trigger) => trigger.parties),
  );
  return NOTIFY_PARTIES.filter((party) => wanted.has(party));
}

/** "a", "a and b", "a, b and c". */
function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
