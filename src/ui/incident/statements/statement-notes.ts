/**
 * The log entries Step 6's actions write (PLAYBOOK: every action is logged, no double
 * entry). Each says which version it is about, so the log alone tells the statement's story.
 */
import type { VerifiedFinding } from '../../../domain/incident';
import type { StatementApproval, StatementRecord } from '../../../domain/incident-records';
import type { StatementFinding } from '../../../domain/statement-lint';
import { audienceLabel, currentApprovals, listOf, missingRoles, roleLabel, sentLogType, statementVersion } from '../../../domain/statement-workflow';
import type { LogNote } from '../../../store/incident-actions';

const TEAM = { contacted: 'Incident team', method: 'Muster' } as const;

function lintSummary(findings: readonly StatementFinding[]): string {
  if (findings.length === 0) return 'Lint: no findings.';
  const blocking = findings.filter((finding) => finding.blocking).length;
  return `Lint: ${findings.length} finding${findings.length === 1 ? '' : 's'}, ${blocking} blocking sending.`;
}

function approvalList(approvals: readonly StatementApproval[]): string {
  return listOf(approvals.map((approval) => `${approval.by} (${roleLabel(approval.role)})`));
}

/** "Statement draft v2 saved: <title>", with what voided and what is needed next. */
export function statementSavedNote(record: StatementRecord, findings: readonly StatementFinding[], voided: readonly StatementApproval[]): LogNote {
  const version = statementVersion(record);
  const parts = [`Statement draft v${version} saved: ${record.title} (to ${audienceLabel(record.audience)}).`, lintSummary(findings)];
  if (voided.length > 0) parts.push(`Approvals of v${version - 1} voided by the edit: ${approvalList(voided)}.`);
  const approvers = listOf(missingRoles(record).map(roleLabel));
  const blocking = findings.some((finding) => finding.blocking);
  return {
    type: 'internal_update',
    ...TEAM,
    summary: parts.join(' '),
    action: blocking ? `Fix the blocking findings, then get approval from ${approvers}.` : `Approval needed from ${approvers}.`,
  };
}

/** "Statement v2 approved by X (Legal)": a decision by the approver. */
export function statementApprovedNote(record: StatementRecord, approval: StatementApproval): LogNote {
  const who = `${approval.by} (${roleLabel(approval.role)})`;
  const missing = missingRoles(record);
  return {
    type: 'decision',
    contacted: who,
    method: 'Muster',
    summary: `Statement v${approval.version} approved by ${who}: ${record.title} (to ${audienceLabel(record.audience)}).`,
    decision: `${roleLabel(approval.role)} approved v${approval.version} of "${record.title}".`,
    action: missing.length > 0 ? `Still needs approval from ${listOf(missing.map(roleLabel))}.` : 'Ready to send: every required approver approved this version.',
    owner: approval.by,
  };
}

/** The sent statement, with its whole text, as the audience's communication type. */
export function statementSentNote(record: StatementRecord, recipients: string): LogNote {
  const version = statementVersion(record);
  const head = `Statement v${version} sent to ${audienceLabel(record.audience)} via ${record.sent_via}: ${record.title}. Approved by ${approvalList(currentApprovals(record))}.`;
  return {
    type: sentLogType(record.audience),
    contacted: recipients,
    method: record.sent_via,
    summary: `${head}\n\n${record.text}`,
    ...(record.sent_at ? { occurredAt: record.sent_at } : {}),
  };
}

export function verifiedFindingNote(finding: VerifiedFinding): LogNote {
  return {
    type: 'decision',
    ...TEAM,
    summary: `Verified finding recorded: no data was affected. Verified by ${finding.by}.`,
    decision: 'Statements may now say that no data was affected.',
    owner: finding.by,
    evidence: finding.evidence,
  };
}

export function findingWithdrawnNote(finding: VerifiedFinding): LogNote {
  return {
    type: 'decision',
    ...TEAM,
    summary: `Verified finding withdrawn (it was recorded by ${finding.by}): it is no longer verified that no data was affected.`,
    decision: 'Statements may no longer say that no data was affected; statements saying so are blocked until changed.',
  };
}

export function approversChangedNote(audience: string, roles: readonly string[]): LogNote {
  const summary = `Statement approvers for ${audienceLabel(audience)} set to ${listOf(roles.map(roleLabel))}.`;
  return { type: 'decision', ...TEAM, summary, decision: summary };
}
