import { describe, expect, it } from 'vitest';
import { CONTACT_CATEGORIES } from '../../src/domain/contacts';
import {
  ESCALATION_TRIGGERS,
  LEADERSHIP_TRIGGERS,
  LEGAL_TRIGGERS,
  NOTIFY_PARTIES,
  NOTIFY_PARTY_CATEGORIES,
  NOTIFY_PARTY_LABELS,
  escalationAdvice,
  leadershipVerdict,
  partiesToNotify,
  type PlaybookTrigger,
} from '../../src/domain/playbook-triggers';

// Step 4's providers plus the incident response firm: the only categories a technical escalation may call.
const TECHNICAL = [
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
];

function expectLabelledAndUnique(triggers: readonly PlaybookTrigger[]) {
  expect(new Set(triggers.map((trigger) => trigger.id)).size).toBe(triggers.length);
  for (const trigger of triggers) {
    expect(trigger.label.trim()).not.toBe('');
    expect(trigger.question).toMatch(/^[A-Z].*\?$/);
  }
}

describe('Step 2: when to tell leadership', () => {
  it('lists the seven areas of Step 2 in order, each labelled with a yes/no question', () => {
    expect(LEADERSHIP_TRIGGERS.map((trigger) => trigger.id)).toEqual([
      'operations',
      'finances',
      'customer_data',
      'employee_data',
      'legal_obligations',
      'reputation',
      'recovery_capability',
    ]);
    expectLabelledAndUnique(LEADERSHIP_TRIGGERS);
    expect(LEADERSHIP_TRIGGERS[0].question).toBe('Could this affect operations?');
  });

  it('says keep checking while nothing is ticked', () => {
    expect(leadershipVerdict([])).toEqual({
      mustNotify: false,
      reasons: [],
      message: 'No trigger ticked yet: keep checking as facts change.',
    });
  });

  it('says tell leadership now as soon as one area is ticked', () => {
    const verdict = leadershipVerdict(['reputation']);
    expect(verdict.mustNotify).toBe(true);
    expect(verdict.reasons).toEqual(['Reputation']);
    expect(verdict.message).toBe('Tell leadership now: this may affect reputation. Keep the first update short and factual.');
  });

  it('names every ticked area in the playbook order, whatever order they were ticked in', () => {
    const verdict = leadershipVerdict(['reputation', 'operations', 'customer_data']);
    expect(verdict.reasons).toEqual(['Operations', 'Customer data', 'Reputation']);
    expect(verdict.message).toMatch(/^Tell leadership now: this may affect operations, customer data and reputation\./);
  });

  it('ignores ids recorded by a newer version of the app', () => {
    expect(leadershipVerdict(['supply_chain']).mustNotify).toBe(false);
  });
});

describe('Step 4: when to escalate to technical support', () => {
  it('lists the ten triggers of Step 4 in order, each labelled and mapped to technical providers only', () => {
    expect(ESCALATION_TRIGGERS.map((trigger) => trigger.id)).toEqual([
      'ransomware',
      'active_attacker',
      'compromised_admin_accounts',
      'cloud_saas_compromise',
      'domain_dns_website_compromise',
      'backup_tampering',
      'sensitive_data_exposure',
      'multiple_systems',
      'unclear_scope',
      'vendor_managed_systems',
    ]);
    expectLabelledAndUnique(ESCALATION_TRIGGERS);
    for (const trigger of ESCALATION_TRIGGERS) {
      expect(trigger.categories.length).toBeGreaterThan(0);
      expect(new Set(trigger.categories).size).toBe(trigger.categories.length);
      for (const category of trigger.categories) expect(TECHNICAL).toContain(category);
    }
  });

  it('maps each trigger to the providers that can act on it', () => {
    const mapping = Object.fromEntries(ESCALATION_TRIGGERS.map((trigger) => [trigger.id, [...trigger.categories].sort()]));
    expect(mapping).toEqual({
      ransomware: ['backup', 'endpoint_protection', 'incident_response', 'it_provider', 'msp'],
      active_attacker: ['endpoint_protection', 'incident_response', 'it_provider', 'msp'],
      compromised_admin_accounts: ['cloud', 'incident_response', 'it_provider', 'msp', 'saas'],
      cloud_saas_compromise: ['cloud', 'it_provider', 'msp', 'saas'],
      domain_dns_website_compromise: ['dns', 'domain_registrar', 'hosting'],
      backup_tampering: ['backup', 'incident_response', 'it_provider', 'msp'],
      sensitive_data_exposure: ['incident_response', 'it_provider', 'msp'],
      multiple_systems: ['incident_response', 'it_provider', 'msp'],
      unclear_scope: ['incident_response', 'it_provider', 'msp'],
      vendor_managed_systems: ['cloud', 'hosting', 'it_provider', 'msp', 'saas'],
    });
  });

  it('advises no escalation while nothing is ticked', () => {
    const advice = escalationAdvice([]);
    expect(advice.escalateNow).toBe(false);
    expect(advice.categories).toEqual([]);
    expect(advice.message).toMatch(/^No escalation trigger ticked/);
  });

  it('calls the incident response firm first for ransomware, then MSP and IT provider', () => {
    expect(escalationAdvice(['ransomware']).categories).toEqual([
      'incident_response',
      'msp',
      'it_provider',
      'endpoint_protection',
      'backup',
    ]);
  });

  it('calls the incident response firm first when an attacker is active, even alongside other triggers', () => {
    expect(escalationAdvice(['domain_dns_website_compromise', 'active_attacker']).categories).toEqual([
      'incident_response',
      'msp',
      'it_provider',
      'hosting',
      'endpoint_protection',
      'domain_registrar',
      'dns',
    ]);
  });

  it('keeps the contact list order, incident response last, without an attacker at work', () => {
    expect(escalationAdvice(['backup_tampering', 'cloud_saas_compromise']).categories).toEqual([
      'msp',
      'it_provider',
      'cloud',
      'saas',
      'backup',
      'incident_response',
    ]);
    expect(escalationAdvice(['domain_dns_website_compromise']).categories).toEqual(['hosting', 'domain_registrar', 'dns']);
  });

  it('names each provider once however many triggers want it', () => {
    const categories = escalationAdvice(ESCALATION_TRIGGERS.map((trigger) => trigger.id)).categories;
    expect(new Set(categories).size).toBe(categories.length);
    expect([...categories].sort()).toEqual([...TECHNICAL].sort());
  });

  it('tells the responder whom to call and what to ask for (Step 4: precise requests)', () => {
    expect(escalationAdvice(['domain_dns_website_compromise']).message).toBe(
      'Escalate now to: Hosting provider, Domain registrar and DNS provider. Ask for logs, access history, ' +
        'session records, admin changes, recovery options, containment support, and confirmation of actions taken.',
    );
  });
});

describe('Step 5: when to contact insurance, legal or compliance', () => {
  it('lists the eleven triggers of Step 5 in order, each labelled', () => {
    expect(LEGAL_TRIGGERS.map((trigger) => trigger.id)).toEqual([
      'data_theft',
      'personal_information',
      'customer_confidential_data',
      'employee_data',
      'payment_fraud',
      'ransomware',
      'business_interruption',
      'legal_claims',
      'regulatory_notification',
      'customer_notification',
      'third_party_systems',
    ]);
    expectLabelledAndUnique(LEGAL_TRIGGERS);
  });

  it('maps each trigger to the parties that must be told', () => {
    const mapping = Object.fromEntries(LEGAL_TRIGGERS.map((trigger) => [trigger.id, trigger.parties]));
    expect(mapping).toEqual({
      data_theft: ['insurer', 'legal', 'compliance'],
      personal_information: ['insurer', 'legal', 'compliance', 'regulator'],
      customer_confidential_data: ['insurer', 'legal', 'customers'],
      employee_data: ['insurer', 'legal', 'compliance', 'regulator'],
      payment_fraud: ['insurer', 'legal', 'compliance', 'bank'],
      ransomware: ['insurer', 'legal'],
      business_interruption: ['insurer', 'legal'],
      legal_claims: ['insurer', 'legal'],
      regulatory_notification: ['insurer', 'legal', 'compliance', 'regulator'],
      customer_notification: ['insurer', 'legal', 'customers'],
      third_party_systems: ['insurer', 'legal'],
    });
  });

  it('lists each trigger’s parties in the fixed party order', () => {
    for (const trigger of LEGAL_TRIGGERS) {
      const positions = trigger.parties.map((party) => NOTIFY_PARTIES.indexOf(party));
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    }
  });

  it('finds every party in the contact list, except the bank, which has no category', () => {
    expect(NOTIFY_PARTY_CATEGORIES).toEqual({
      insurer: ['cyber_insurance'],
      legal: ['legal'],
      compliance: ['compliance'],
      regulator: ['regulator'],
      customers: ['customer_partner'],
      bank: [],
    });
    for (const categories of Object.values(NOTIFY_PARTY_CATEGORIES))
      for (const category of categories) expect(CONTACT_CATEGORIES).toContain(category);
    for (const party of NOTIFY_PARTIES) expect(NOTIFY_PARTY_LABELS[party].trim()).not.toBe('');
  });

  it('collects the parties of all ticked triggers, each once', () => {
    expect(partiesToNotify([])).toEqual([]);
    expect(partiesToNotify(['ransomware'])).toEqual(['insurer', 'legal']);
    expect(partiesToNotify(['payment_fraud', 'customer_notification', 'personal_information', 'unknown'])).toEqual([
      'insurer',
      'legal',
      'compliance',
      'regulator',
      'customers',
      'bank',
    ]);
  });
});
