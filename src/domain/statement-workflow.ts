import type { CommunicationType } from './communication-types';
import type { StatementApproval, StatementRecord, StatementVersion } from './incident-records';
import { STATEMENT_AUDIENCES } from './statement-lint';
import { APPROVER_ROLE_LABELS, APPROVER_ROLES, DEFAULT_STATEMENT_APPROVERS, type ApproverRole } from './workspace';

/**
 * Step 6: "External communication should be approved before it is sent." A statement is
 * drafted, linted, approved by every role its audience needs, then marked sent. Approvals
 * belong to one version of the text: saving a new version leaves the older approvals in the
 * record, as history, but they no longer count. A sent statement is final; when facts
 * change, an update is a new statement ("If facts change, update the message carefully").
 *
 * `record.version` counts stored changes (conflict detection); the statement's own version,
 * the one approvers approve and the log names ("v2"), is the last entry of `history`.
 */

export const STATEMENT_TITLE_MAX = 120;
/** The sent statement's log entry carries the whole text, and a log summary holds at most 4000 characters. */
export const STATEMENT_TEXT_MAX = 3000;
export const SENT_VIA_MAX = 200;

export type Verdict = { ok: true } | { ok: false; reason: string };
export type Change<P> = { ok: true; patch: P } | { ok: false; reason: string };

export function audienceLabel(audience: string): string {
  return STATEMENT_AUDIENCES.find((entry) => entry.id === audience)?.label ?? audience;
}

/** A role this version does not know (written by a newer one) is shown as stored. */
export function roleLabel(role: string): string {
  return (APPROVER_ROLES as readonly string[]).includes(role) ? APPROVER_ROLE_LABELS[role as ApproverRole] : role;
}

export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * The roles that must approve, each once. An empty list means all three: Step 6 wants every
 * external statement approved, so no setting can let one go out unreviewed.
 */
export function requiredRoles(configured: readonly string[] | undefined): string[] {
  const roles = [...new Set((configured ?? []).map((role) => role.trim()).filter((role) => role !== ''))];
  return roles.length > 0 ? roles : [...DEFAULT_STATEMENT_APPROVERS];
}

/** The statement's own version: the last one written. */
export function statementVersion(record: Pick<StatementRecord, 'history'>): number {
  return record.history.at(-1)?.version ?? 1;
}

export function currentApprovals(record: Pick<StatementRecord, 'history' | 'approvals'>): StatementApproval[] {
  const version = statementVersion(record);
  return record.approvals.filter((approval) => approval.version === version);
}

/** Required roles that have not approved the current version, in the required order. */
export function missingRoles(record: Pick<StatementRecord, 'history' | 'approvals' | 'required_roles'>): string[] {
  const approved = new Set(currentApprovals(record).map((approval) => approval.role));
  return requiredRoles(record.required_roles).filter((role) => !approved.has(role));
}

export type StatementStatus =
  | { state: 'draft'; blocking: number }
  | { state: 'awaiting_approval'; missing: string[] }
  | { state: 'approved' }
  | { state: 'sent'; at: string; via: string };

/**
 * Where a statement stands. `blocking` is the number of blocking lint findings in its text
 * (they depend on the incident's verified finding, so the caller lints): while there are
 * any it is still a draft, whatever was approved before.
 */
export function statementStatus(record: StatementRecord, blocking: number): StatementStatus {
  if (record.sent_at !== null) return { state: 'sent', at: record.sent_at, via: record.sent_via };
  if (blocking > 0) return { state: 'draft', blocking };
  const missing = missingRoles(record);
  return missing.length > 0 ? { state: 'awaiting_approval', missing } : { state: 'approved' };
}

export interface StatementDraft {
  title: string;
  text: string;
}

export type StatementDraftErrors = Partial<Record<keyof StatementDraft, string>>;

export function validateStatementDraft(draft: StatementDraft): StatementDraftErrors {
  const errors: StatementDraftErrors = {};
  const title = draft.title.trim();
  const text = draft.text.trim();
  if (title === '') errors.title = 'Give the statement a short title, e.g. "Customer notice: mailbox incident".';
  else if (title.length > STATEMENT_TITLE_MAX) errors.title = `The title is too long: ${title.length} characters, at most ${STATEMENT_TITLE_MAX}.`;
  if (text === '') errors.text = 'Write the statement first.';
  else if (text.length > STATEMENT_TEXT_MAX)
    errors.text = `The statement is too long: ${text.length} characters, at most ${STATEMENT_TEXT_MAX}. Keep it to the known facts.`;
  return errors;
}

export interface NewStatementInput {
  id: string;
  workspaceId: string;
  incidentId: string;
  audience: string;
  draft: StatementDraft;
  /** The audience's approver roles from the workspace settings, kept with the record. */
  roles: readonly string[];
  by: string;
  at: string;
}

export function newStatement(input: NewStatementInput): StatementRecord {
  const text = input.draft.text.trim();
  return {
    kind: 'statement',
    id: input.id,
    workspace_id: input.workspaceId,
    incident_id: input.incidentId,
    created_at: input.at,
    updated_at: input.at,
    version: 1,
    audience: input.audience,
    title: input.draft.title.trim(),
    text,
    required_roles: requiredRoles(input.roles),
    approvals: [],
    history: [{ version: 1, text, at: input.at, by: input.by }],
    sent_at: null,
    sent_via: '',
  };
}

/** Step 6: a sent statement is what its readers got; changing it would rewrite the record. */
export function canEdit(record: Pick<StatementRecord, 'sent_at'>): Verdict {
  return record.sent_at === null ? { ok: true } : { ok: false, reason: 'This statement was sent and cannot change. Write an update as a new statement.' };
}

export type StatementEdit = Pick<StatementRecord, 'title' | 'text' | 'history' | 'required_roles'>;

export interface NextVersion {
  patch: StatementEdit;
  version: number;
  /** Approvals of the version before, which no longer count: the approvers have not seen this text. */
  voided: StatementApproval[];
}

/**
 * Saving an edit makes the next version; the audience's approver roles are read again, as the
 * approvals start over anyway. Refused when the statement was sent or nothing changed.
 */
export function nextVersion(
  record: StatementRecord,
  draft: StatementDraft,
  context: { roles: readonly string[]; by: string; at: string },
): { ok: true; next: NextVersion } | { ok: false; reason: string } {
  const editable = canEdit(record);
  if (!editable.ok) return editable;
  const title = draft.title.trim();
  const text = draft.text.trim();
  if (title === record.title && text === record.text) return { ok: false, reason: 'Nothing changed since the last version.' };
  const version = statementVersion(record) + 1;
  const written: StatementVersion = { version, text, at: context.at, by: context.by };
  return {
    ok: true,
    next: {
      patch: { title, text, history: [...record.history, written], required_roles: requiredRoles(context.roles) },
      version,
      voided: currentApprovals(record),
    },
  };
}

const BLOCKED =
  'Fix the findings marked "blocks sending" first: an unverified "no data was affected" or a secret cannot be approved or sent.';

/** Whether `by` may approve the current version as `role`. */
export function canApprove(record: StatementRecord, role: string, context: { blocking: number; by: string }): Verdict {
  const editable = canEdit(record);
  if (!editable.ok) return { ok: false, reason: 'This statement was already sent.' };
  if (context.by.trim() === '') return { ok: false, reason: 'Enter your name first: an approval records who gave it.' };
  if (!requiredRoles(record.required_roles).includes(role)) return { ok: false, reason: `This statement does not need ${roleLabel(role)} approval.` };
  if (context.blocking > 0) return { ok: false, reason: BLOCKED };
  if (currentApprovals(record).some((approval) => approval.role === role))
    return { ok: false, reason: `${roleLabel(role)} already approved v${statementVersion(record)}.` };
  return { ok: true };
}

export function approve(
  record: StatementRecord,
  role: string,
  context: { blocking: number; by: string; at: string },
): Change<Pick<StatementRecord, 'approvals'>> {
  const verdict = canApprove(record, role, context);
  if (!verdict.ok) return verdict;
  const approval: StatementApproval = { role, by: context.by.trim(), at: context.at, version: statementVersion(record) };
  return { ok: true, patch: { approvals: [...record.approvals, approval] } };
}

/** Step 6: only a statement every required role approved, in this version, with nothing blocking, goes out. */
export function canMarkSent(record: StatementRecord, blocking: number): Verdict {
  if (record.sent_at !== null) return { ok: false, reason: 'This statement was already marked sent.' };
  if (blocking > 0) return { ok: false, reason: BLOCKED };
  const missing = missingRoles(record);
  if (missing.length > 0) return { ok: false, reason: `Still needs approval from ${listOf(missing.map(roleLabel))}.` };
  return { ok: true };
}

export function markSent(record: StatementRecord, context: { blocking: number; via: string; at: string }): Change<Pick<StatementRecord, 'sent_at' | 'sent_via'>> {
  const verdict = canMarkSent(record, context.blocking);
  if (!verdict.ok) return verdict;
  const via = context.via.trim();
  if (via === '') return { ok: false, reason: 'Say how it was sent: email, website, letter…' };
  if (via.length > SENT_VIA_MAX) return { ok: false, reason: `"Sent via" is too long: at most ${SENT_VIA_MAX} characters.` };
  return { ok: true, patch: { sent_at: context.at, sent_via: via } };
}

/** The log's communication type for a statement sent to `audience` (Step 8's categories). */
export function sentLogType(audience: string): CommunicationType {
  switch (audience) {
    case 'customers':
    case 'partners':
    case 'vendors':
      return 'customer_partner_communication';
    case 'regulators':
      return 'regulatory_notice';
    case 'law_enforcement':
      return 'law_enforcement_contact';
    default:
      return 'public_statement';
  }
}

/**
 * The approver-roles setting with one audience changed. Refuses an empty choice: every
 * external statement needs at least one approver (Step 6).
 */
export function setApprovers(
  current: Readonly<Record<string, string[]>> | undefined,
  audience: string,
  roles: readonly string[],
): Change<Record<string, string[]>> {
  const chosen = APPROVER_ROLES.filter((role) => roles.includes(role));
  if (chosen.length === 0) return { ok: false, reason: `${audienceLabel(audience)} needs at least one approver: external statements are approved before they are sent.` };
  return { ok: true, patch: { ...current, [audience]: chosen } };
}

/** Step 6: "unless that has been verified": who verified it, and how. */
export function validateVerifiedFinding(input: { by: string; evidence: string }): Partial<Record<'by' | 'evidence', string>> {
  const errors: Partial<Record<'by' | 'evidence', string>> = {};
  if (input.by.trim() === '') errors.by = 'Name who verified it.';
  else if (input.by.trim().length > 200) errors.by = 'The name is too long: at most 200 characters.';
  if (input.evidence.trim() === '') errors.evidence = 'Say how it was verified and where the evidence is.';
  else if (input.evidence.trim().length > 1000) errors.evidence = 'Too long: at most 1000 characters.';
  return errors;
}
