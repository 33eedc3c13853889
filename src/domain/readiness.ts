import type { ContactChannel } from './contact-methods';
import type { ContactCategory } from './contacts';
import type { TemplateKind } from './templates';

/**
 * "Expected Outputs from This Section": the nine things a company should have at the end.
 * Each check below says in a comment what Muster counts as met.
 */
export const READINESS_CHECKS = [
  { id: 'communication_owner', label: 'A named communication owner' },
  { id: 'leadership_notification', label: 'A leadership notification process' },
  { id: 'employee_instructions', label: 'Employee instruction templates or guidance' },
  { id: 'technical_support_paths', label: 'MSP, vendor, and external technical support contact paths' },
  { id: 'insurance_legal_compliance_paths', label: 'Cyber insurance, legal, and compliance contact paths' },
  { id: 'external_communication_rules', label: 'Rules for external communication' },
  { id: 'backup_communication', label: 'A backup communication method' },
  { id: 'communication_log', label: 'A communication log' },
  { id: 'decision_recording', label: 'A process for recording major decisions' },
] as const;

export type ReadinessCheckId = (typeof READINESS_CHECKS)[number]['id'];

/** Plain counts the store gathers; nothing here reads IndexedDB. */
export interface ReadinessInput {
  incidents: readonly { comm_owner?: string | null }[];
  defaultCommOwner?: string | null;
  contactsByCategory: Partial<Record<ContactCategory, number>>;
  contactsWith24x7ByCategory: Partial<Record<ContactCategory, number>>;
  templatesByKind: Partial<Record<TemplateKind, number>>;
  /** Configured approver rules for external statements (Step 6). */
  statementApprovers: number;
  alternateChannelConfigured: boolean;
  /** Contact methods per channel, across all contacts; only `bridge` is read. */
  contactMethodsByChannel?: Partial<Record<ContactChannel, number>>;
  logEntries: number;
  decisionEntries: number;
}

export interface ReadinessResult {
  id: ReadinessCheckId;
  label: string;
  ok: boolean;
  /** What to do, in one sentence; '' when met. */
  missing: string;
}

export interface ReadinessAssessment {
  checks: ReadinessResult[];
  met: number;
  total: number;
  /** Whole percent of checks met. */
  percent: number;
}

type Verdict = { ok: true } | { ok: false; missing: string };

const named = (value: string | null | undefined) => (value ?? '').trim() !== '';

function verdict(ok: boolean, missing: string): Verdict {
  return ok ? { ok: true } : { ok: false, missing };
}

const RULES: Record<ReadinessCheckId, (input: ReadinessInput) => Verdict> = {
  // Step 1: a default owner in settings, or every incident listed names one (and there is one).
  communication_owner: ({ defaultCommOwner, incidents }) =>
    verdict(
      named(defaultCommOwner) || (incidents.length > 0 && incidents.every((incident) => named(incident.comm_owner))),
      'Name a default communication owner in Settings, so every new incident starts with one.',
    ),

  // Step 2: someone to notify (a leadership contact) and what to send (a leadership update template).
  leadership_notification: ({ contactsByCategory, templatesByKind }) => {
    const contacts = (contactsByCategory.leadership ?? 0) > 0;
    const template = (templatesByKind.leadership_update ?? 0) > 0;
    if (contacts && template) return { ok: true };
    if (!contacts && !template) return { ok: false, missing: 'Add a leadership contact and a leadership update template.' };
    return { ok: false, missing: contacts ? 'Add a leadership update template.' : 'Add at least one leadership contact.' };
  },

  // Step 3: an employee instructions template.
  employee_instructions: ({ templatesByKind }) =>
    verdict((templatesByKind.employee_instructions ?? 0) > 0, 'Add an employee instructions template.'),

  // Step 4: the company's own provider (MSP or IT provider), an incident response firm for
  // what the provider cannot contain, and at least one of them reachable 24/7.
  technical_support_paths: ({ contactsByCategory, contactsWith24x7ByCategory }) => {
    const provider = (contactsByCategory.msp ?? 0) + (contactsByCategory.it_provider ?? 0) > 0;
    const responder = (contactsByCategory.incident_response ?? 0) > 0;
    const around = (['msp', 'it_provider', 'incident_response'] as const).some((category) => (contactsWith24x7ByCategory[category] ?? 0) > 0);
    if (!provider) return { ok: false, missing: 'Add your MSP or IT provider to the contacts.' };
    if (!responder) return { ok: false, missing: 'Add an external incident response firm to the contacts.' };
    return verdict(around, 'Add a 24/7 number for your MSP, IT provider or incident response firm.');
  },

  // Step 5: the insurer (early notice may be required) and legal or compliance counsel.
  insurance_legal_compliance_paths: ({ contactsByCategory }) => {
    const insurer = (contactsByCategory.cyber_insurance ?? 0) > 0;
    const counsel = (contactsByCategory.legal ?? 0) + (contactsByCategory.compliance ?? 0) > 0;
    if (insurer && counsel) return { ok: true };
    if (!insurer && !counsel) return { ok: false, missing: 'Add your cyber insurer and a legal or compliance contact.' };
    return { ok: false, missing: insurer ? 'Add a legal or compliance contact.' : 'Add your cyber insurer\'s breach hotline to the contacts.' };
  },

  // Step 6: "External communication should be approved before it is sent": at least one approver rule.
  external_communication_rules: ({ statementApprovers }) =>
    verdict(statementApprovers > 0, 'Set who must approve external statements before they are sent.'),

  // Step 7: an alternate channel configured for the team, or a conference bridge among the contacts.
  backup_communication: ({ alternateChannelConfigured, contactMethodsByChannel }) =>
    verdict(
      alternateChannelConfigured || (contactMethodsByChannel?.bridge ?? 0) > 0,
      'Set up a backup channel (a phone bridge or separate chat) that does not depend on company email or chat.',
    ),

  // Step 8: Muster always has a log; met once the team has used it (an exercise counts).
  communication_log: ({ logEntries }) =>
    verdict(logEntries > 0, 'Record a first log entry, for example during a tabletop exercise, so the team knows the log.'),

  // Step 8: "leadership decisions" are logged; met once a Decision entry exists.
  decision_recording: ({ decisionEntries }) =>
    verdict(decisionEntries > 0, 'Record a decision in the log (type "Decision"), for example during a tabletop exercise.'),
};

export function assessReadiness(input: ReadinessInput): ReadinessAssessment {
  const checks = READINESS_CHECKS.map(({ id, label }): ReadinessResult => {
    const result = RULES[id](input);
    return { id, label, ok: result.ok, missing: result.ok ? '' : result.missing };
  });
  const met = checks.filter((check) => check.ok).length;
  return { checks, met, total: checks.length, percent: Math.round((met / checks.length) * 100) };
}
