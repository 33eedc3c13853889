import { describe, expect, it } from 'vitest';
import type { StatementRecord } from '../../src/domain/incident-records';
import { STATEMENT_AUDIENCES } from '../../src/domain/statement-lint';
import {
  approve,
  audienceLabel,
  canApprove,
  canEdit,
  canMarkSent,
  currentApprovals,
  markSent,
  missingRoles,
  newStatement,
  nextVersion,
  requiredRoles,
  sentLogType,
  setApprovers,
  STATEMENT_TEXT_MAX,
  statementStatus,
  statementVersion,
  validateStatementDraft,
  validateVerifiedFinding,
} from '../../src/domain/statement-workflow';

const AT = '2026-03-02T09:00:00.000Z';
const LATER = '2026-03-02T09:30:00.000Z';

function draftStatement(roles: string[] = ['business', 'legal', 'leadership']): StatementRecord {
  return newStatement({
    id: 'st-1',
    workspaceId: 'ws',
    incidentId: 'INC-2026-004',
    audience: 'customers',
    draft: { title: ' Customer notice ', text: ' We are investigating a security incident affecting email. ' },
    roles,
    by: 'Dana',
    at: AT,
  });
}

/** Applies a change the way the UI does: patch, then the next stored version. */
function applied<P>(record: StatementRecord, change: { ok: true; patch: P } | { ok: false; reason: string }): StatementRecord {
  if (!change.ok) throw new Error(change.reason);
  return { ...record, ...change.patch, version: record.version + 1 };
}

function approvedByAll(record: StatementRecord): StatementRecord {
  return requiredRoles(record.required_roles).reduce((current, role) => applied(current, approve(current, role, { blocking: 0, by: 'Dana', at: LATER })), record);
}

describe('a new statement', () => {
  it('starts as version 1 of a draft, trimmed, with the audience roles it needs and nothing approved', () => {
    const record = draftStatement();

    expect(record).toMatchObject({ kind: 'statement', version: 1, title: 'Customer notice', approvals: [], sent_at: null, sent_via: '' });
    expect(record.history).toEqual([{ version: 1, text: 'We are investigating a security incident affecting email.', at: AT, by: 'Dana' }]);
    expect(statementVersion(record)).toBe(1);
    expect(missingRoles(record)).toEqual(['business', 'legal', 'leadership']);
  });

  it('needs all three approvers when the setting names none: nothing goes out unreviewed', () => {
    expect(requiredRoles([])).toEqual(['business', 'legal', 'leadership']);
    expect(requiredRoles(undefined)).toEqual(['business', 'legal', 'leadership']);
    expect(requiredRoles(['legal', 'legal', ' '])).toEqual(['legal']);
  });

  it('asks for a title and a text, and keeps the text short enough for the log', () => {
    expect(validateStatementDraft({ title: ' ', text: '' })).toEqual({
      title: expect.stringContaining('short title'),
      text: 'Write the statement first.',
    });
    expect(validateStatementDraft({ title: 'Notice', text: 'x'.repeat(STATEMENT_TEXT_MAX + 1) }).text).toContain('too long');
    expect(validateStatementDraft({ title: 'Notice', text: 'We are investigating.' })).toEqual({});
  });
});

describe('where a statement stands', () => {
  it('is a draft while a finding blocks it, whatever was approved', () => {
    expect(statementStatus(approvedByAll(draftStatement()), 1)).toEqual({ state: 'draft', blocking: 1 });
  });

  it('awaits the roles that have not approved yet, in the required order', () => {
    const record = applied(draftStatement(), approve(draftStatement(), 'legal', { blocking: 0, by: 'Lee', at: LATER }));

    expect(statementStatus(record, 0)).toEqual({ state: 'awaiting_approval', missing: ['business', 'leadership'] });
  });

  it('is approved once every required role approved this version, and sent once marked', () => {
    const approved = approvedByAll(draftStatement());
    expect(statementStatus(approved, 0)).toEqual({ state: 'approved' });

    const sent = applied(approved, markSent(approved, { blocking: 0, via: 'Email', at: LATER }));
    expect(statementStatus(sent, 0)).toEqual({ state: 'sent', at: LATER, via: 'Email' });
  });
});

describe('editing a statement', () => {
  it('keeps every version and voids the approvals of the one before', () => {
    const approved = approvedByAll(draftStatement(['legal']));
    const result = nextVersion(approved, { title: 'Customer notice', text: 'We are investigating an incident affecting email.' }, { roles: ['legal', 'business'], by: 'Sam', at: LATER });
    if (!result.ok) throw new Error(result.reason);
    const edited = { ...approved, ...result.next.patch, version: approved.version + 1 };

    expect(result.next.version).toBe(2);
    expect(result.next.voided).toEqual([{ role: 'legal', by: 'Dana', at: LATER, version: 1 }]);
    expect(edited.history.map((version) => version.version)).toEqual([1, 2]);
    expect(edited.history[0]?.text).toBe('We are investigating a security incident affecting email.');
    expect(currentApprovals(edited)).toEqual([]);
    expect(edited.approvals).toHaveLength(1);
    expect(missingRoles(edited)).toEqual(['legal', 'business']);
    expect(statementStatus(edited, 0)).toEqual({ state: 'awaiting_approval', missing: ['legal', 'business'] });
  });

  it('makes no new version when nothing changed', () => {
    const record = draftStatement();

    expect(nextVersion(record, { title: 'Customer notice', text: record.text }, { roles: [], by: 'Dana', at: LATER })).toEqual({
      ok: false,
      reason: 'Nothing changed since the last version.',
    });
  });

  it('refuses to change a statement that was sent: an update is a new statement', () => {
    const approved = approvedByAll(draftStatement());
    const sent = applied(approved, markSent(approved, { blocking: 0, via: 'Website', at: LATER }));

    expect(canEdit(sent).ok).toBe(false);
    expect(nextVersion(sent, { title: 'x', text: 'y' }, { roles: [], by: 'Dana', at: LATER }).ok).toBe(false);
  });
});

describe('approving a statement', () => {
  it('records who approved which version as which role', () => {
    const record = draftStatement();
    const change = approve(record, 'legal', { blocking: 0, by: ' Lee Counsel ', at: LATER });

    expect(change).toEqual({ ok: true, patch: { approvals: [{ role: 'legal', by: 'Lee Counsel', at: LATER, version: 1 }] } });
  });

  it('is refused while a blocking finding remains', () => {
    const verdict = canApprove(draftStatement(), 'legal', { blocking: 2, by: 'Lee' });

    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.reason).toContain('blocks sending');
  });

  it('needs the approver’s name', () => {
    expect(canApprove(draftStatement(), 'legal', { blocking: 0, by: '  ' })).toEqual({ ok: false, reason: 'Enter your name first: an approval records who gave it.' });
  });

  it('refuses a role the audience does not need, and a second approval of the same role', () => {
    const record = draftStatement(['legal']);
    expect(canApprove(record, 'business', { blocking: 0, by: 'Lee' })).toEqual({ ok: false, reason: 'This statement does not need Business approval.' });

    const approved = applied(record, approve(record, 'legal', { blocking: 0, by: 'Lee', at: LATER }));
    expect(canApprove(approved, 'legal', { blocking: 0, by: 'Kim' })).toEqual({ ok: false, reason: 'Legal already approved v1.' });
  });
});

describe('marking a statement sent', () => {
  it('is refused until every required role approved the current version', () => {
    const record = applied(draftStatement(), approve(draftStatement(), 'legal', { blocking: 0, by: 'Lee', at: LATER }));

    expect(canMarkSent(record, 0)).toEqual({ ok: false, reason: 'Still needs approval from Business and Leadership.' });
  });

  it('is refused when a blocking finding appeared after approval (the verified finding was withdrawn)', () => {
    expect(canMarkSent(approvedByAll(draftStatement()), 1).ok).toBe(false);
  });

  it('records when and how it went out, and only once', () => {
    const approved = approvedByAll(draftStatement());
    expect(markSent(approved, { blocking: 0, via: ' ', at: LATER }).ok).toBe(false);

    const sent = applied(approved, markSent(approved, { blocking: 0, via: ' Email to all customers ', at: LATER }));
    expect(sent).toMatchObject({ sent_at: LATER, sent_via: 'Email to all customers' });
    expect(canMarkSent(sent, 0)).toEqual({ ok: false, reason: 'This statement was already marked sent.' });
  });

  it('is logged with the communication type of its audience', () => {
    expect(Object.fromEntries(STATEMENT_AUDIENCES.map((audience) => [audience.id, sentLogType(audience.id)]))).toEqual({
      customers: 'customer_partner_communication',
      partners: 'customer_partner_communication',
      vendors: 'customer_partner_communication',
      regulators: 'regulatory_notice',
      law_enforcement: 'law_enforcement_contact',
      media: 'public_statement',
      website: 'public_statement',
      public: 'public_statement',
    });
  });
});

describe('approver roles per audience', () => {
  it('changes one audience, keeping the roles in their usual order', () => {
    expect(setApprovers({ media: ['leadership'] }, 'customers', ['legal', 'business'])).toEqual({
      ok: true,
      patch: { media: ['leadership'], customers: ['business', 'legal'] },
    });
  });

  it('refuses an audience with no approver', () => {
    const change = setApprovers({}, 'regulators', []);

    expect(change.ok).toBe(false);
    expect(!change.ok && change.reason).toBe('Regulators needs at least one approver: external statements are approved before they are sent.');
    expect(audienceLabel('website')).toBe('Website visitors');
  });
});

describe('the verified "no data was affected" finding', () => {
  it('needs who verified it and how', () => {
    expect(validateVerifiedFinding({ by: '', evidence: ' ' })).toEqual({
      by: 'Name who verified it.',
      evidence: 'Say how it was verified and where the evidence is.',
    });
    expect(validateVerifiedFinding({ by: 'IR firm', evidence: 'Mailbox audit log reviewed; report in the vault' })).toEqual({});
  });
});
