import { describe, expect, it } from 'vitest';
import { assessReadiness, READINESS_CHECKS, type ReadinessCheckId, type ReadinessInput } from '../../src/domain/readiness';

/** A company that has everything the section expects. */
const READY: ReadinessInput = {
  incidents: [{ comm_owner: 'Maria Lopez' }],
  defaultCommOwner: 'Maria Lopez',
  contactsByCategory: { leadership: 2, msp: 1, incident_response: 1, cyber_insurance: 1, legal: 1 },
  contactsWith24x7ByCategory: { msp: 1 },
  templatesByKind: { leadership_update: 1, employee_instructions: 1 },
  statementApprovers: 2,
  alternateChannelConfigured: true,
  contactMethodsByChannel: {},
  logEntries: 12,
  decisionEntries: 3,
};

const NOTHING: ReadinessInput = {
  incidents: [],
  contactsByCategory: {},
  contactsWith24x7ByCategory: {},
  templatesByKind: {},
  statementApprovers: 0,
  alternateChannelConfigured: false,
  logEntries: 0,
  decisionEntries: 0,
};

function check(input: ReadinessInput, id: ReadinessCheckId) {
  const found = assessReadiness(input).checks.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`No check ${id}`);
  return found;
}

describe('the expected outputs of the section', () => {
  it('checks the nine things the playbook expects, in its words and order', () => {
    expect(READINESS_CHECKS.map((item) => item.label)).toEqual([
      'A named communication owner',
      'A leadership notification process',
      'Employee instruction templates or guidance',
      'MSP, vendor, and external technical support contact paths',
      'Cyber insurance, legal, and compliance contact paths',
      'Rules for external communication',
      'A backup communication method',
      'A communication log',
      'A process for recording major decisions',
    ]);
  });

  it('scores a ready company nine out of nine', () => {
    const assessment = assessReadiness(READY);

    expect(assessment).toMatchObject({ met: 9, total: 9, percent: 100 });
    expect(assessment.checks.every((item) => item.ok && item.missing === '')).toBe(true);
  });

  it('says what to do for each missing output, in one sentence', () => {
    const assessment = assessReadiness(NOTHING);

    expect(assessment).toMatchObject({ met: 0, total: 9, percent: 0 });
    for (const item of assessment.checks) {
      expect(item.ok).toBe(false);
      expect(item.missing).toMatch(/^[A-Z][^.]*(\.[^ .][^.]*)*\.$/);
    }
  });

  it('rounds the percent to a whole number', () => {
    expect(assessReadiness({ ...NOTHING, logEntries: 1 }).percent).toBe(11);
    expect(assessReadiness({ ...READY, logEntries: 0 }).percent).toBe(89);
  });
});

describe('what counts as met', () => {
  it('communication owner: a default owner, or every incident names one', () => {
    expect(check({ ...READY, defaultCommOwner: ' ', incidents: [{ comm_owner: 'Maria' }, { comm_owner: 'Tom' }] }, 'communication_owner').ok).toBe(true);
    expect(check({ ...READY, defaultCommOwner: null, incidents: [{ comm_owner: 'Maria' }, {}] }, 'communication_owner')).toMatchObject({
      ok: false,
      missing: 'Name a default communication owner in Settings, so every new incident starts with one.',
    });
    expect(check({ ...READY, defaultCommOwner: '', incidents: [] }, 'communication_owner').ok).toBe(false);
    expect(check({ ...READY, incidents: [{ comm_owner: '' }] }, 'communication_owner').ok).toBe(true);
  });

  it('leadership notification: a leadership contact and a leadership update template', () => {
    expect(check({ ...READY, contactsByCategory: { ...READY.contactsByCategory, leadership: 0 } }, 'leadership_notification').missing).toBe(
      'Add at least one leadership contact.',
    );
    expect(check({ ...READY, templatesByKind: { employee_instructions: 1 } }, 'leadership_notification').missing).toBe('Add a leadership update template.');
    expect(check(NOTHING, 'leadership_notification').missing).toBe('Add a leadership contact and a leadership update template.');
  });

  it('employee instructions: an employee instructions template', () => {
    expect(check({ ...READY, templatesByKind: { leadership_update: 1 } }, 'employee_instructions').ok).toBe(false);
  });

  it('technical support: an MSP or IT provider, an incident response firm, and one of them 24/7', () => {
    const contacts = { leadership: 1, cyber_insurance: 1, legal: 1 };

    expect(check({ ...READY, contactsByCategory: { ...contacts, it_provider: 1, incident_response: 1 }, contactsWith24x7ByCategory: { incident_response: 1 } }, 'technical_support_paths').ok).toBe(true);
    expect(check({ ...READY, contactsByCategory: { ...contacts, incident_response: 1 } }, 'technical_support_paths').missing).toBe(
      'Add your MSP or IT provider to the contacts.',
    );
    expect(check({ ...READY, contactsByCategory: { ...contacts, msp: 1 } }, 'technical_support_paths').missing).toBe(
      'Add an external incident response firm to the contacts.',
    );
    expect(check({ ...READY, contactsWith24x7ByCategory: { legal: 1 } }, 'technical_support_paths').missing).toBe(
      'Add a 24/7 number for your MSP, IT provider or incident response firm.',
    );
  });

  it('insurance, legal and compliance: the insurer and legal or compliance counsel', () => {
    const base = { leadership: 1, msp: 1, incident_response: 1 };

    expect(check({ ...READY, contactsByCategory: { ...base, cyber_insurance: 1, compliance: 1 } }, 'insurance_legal_compliance_paths').ok).toBe(true);
    expect(check({ ...READY, contactsByCategory: { ...base, cyber_insurance: 1 } }, 'insurance_legal_compliance_paths').missing).toBe('Add a legal or compliance contact.');
    expect(check({ ...READY, contactsByCategory: { ...base, legal: 1 } }, 'insurance_legal_compliance_paths').missing).toBe(
      "Add your cyber insurer's breach hotline to the contacts.",
    );
  });

  it('external communication rules: at least one approver rule', () => {
    expect(check({ ...READY, statementApprovers: 1 }, 'external_communication_rules').ok).toBe(true);
    expect(check({ ...READY, statementApprovers: 0 }, 'external_communication_rules').ok).toBe(false);
  });

  it('backup communication: a configured alternate channel or a conference bridge among the contacts', () => {
    expect(check({ ...READY, alternateChannelConfigured: false, contactMethodsByChannel: { bridge: 1 } }, 'backup_communication').ok).toBe(true);
    expect(check({ ...READY, alternateChannelConfigured: false, contactMethodsByChannel: { phone: 9, chat: 3 } }, 'backup_communication').ok).toBe(false);
    expect(check({ ...READY, alternateChannelConfigured: false, contactMethodsByChannel: undefined }, 'backup_communication').ok).toBe(false);
  });

  it('communication log and decisions: at least one entry, and at least one decision', () => {
    expect(check({ ...READY, logEntries: 1 }, 'communication_log').ok).toBe(true);
    expect(check({ ...READY, logEntries: 0 }, 'communication_log').ok).toBe(false);
    expect(check({ ...READY, decisionEntries: 1 }, 'decision_recording').ok).toBe(true);
    expect(check({ ...READY, decisionEntries: 0 }, 'decision_recording').ok).toBe(false);
  });
});
