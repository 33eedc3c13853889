import { wordCount } from './templates';

/**
 * Step 3's eight instructions. `playbook` is the playbook's sentence; `text` is what
 * employees read, with `{placeholder}`s where the playbook stays generic ("an alternate
 * channel", "report") and a message must be specific.
 */
export const EMPLOYEE_INSTRUCTIONS = [
  { id: 'dont_open_suspicious_emails', playbook: 'Do not open suspicious emails.', text: 'Do not open suspicious emails.' },
  { id: 'dont_use_affected_system', playbook: 'Do not use the affected system.', text: 'Do not use {affected_system}.' },
  { id: 'dont_approve_mfa_prompts', playbook: 'Do not approve unexpected MFA prompts.', text: 'Do not approve unexpected MFA prompts.' },
  { id: 'dont_restart_or_wipe_devices', playbook: 'Do not restart or wipe affected devices.', text: 'Do not restart or wipe affected devices.' },
  { id: 'dont_delete_suspicious_messages', playbook: 'Do not delete suspicious messages.', text: 'Do not delete suspicious messages.' },
  {
    id: 'dont_contact_customers',
    playbook: 'Do not contact customers about the incident unless authorized.',
    text: 'Do not contact customers about the incident unless authorized.',
  },
  {
    id: 'use_alternate_channel',
    playbook: 'Use an alternate communication channel if email or chat may be compromised.',
    text: 'Use {alternate_channel} for work messages; email or chat may be compromised.',
  },
  {
    id: 'report_suspicious_activity',
    playbook: 'Report any related suspicious activity immediately.',
    text: 'Report any related suspicious activity immediately to {report_to}.',
  },
] as const;

export type EmployeeInstructionId = (typeof EMPLOYEE_INSTRUCTIONS)[number]['id'];

/** Step 3's two rules for the message itself; the lint below checks them. */
export const EMPLOYEE_MESSAGE_GUIDANCE = [
  'Employee messages should be short, specific, and action-oriented.',
  'Avoid vague warnings that create confusion.',
] as const;

export interface EmployeeMessageInput {
  /** Instruction ids; unknown ids (say, from a newer app version's draft) are left out. */
  picked: readonly string[];
  /** Extra instructions typed by the communication owner, one per entry. */
  custom: readonly string[];
  alternateChannel: string;
  /** Whom to report to and how, e.g. "Tom Becker, +1 202 555 0102". */
  reportTo: string;
  incidentId: string;
  /** Names the system in "Do not use ..."; without it the playbook's "the affected system". */
  affectedSystem?: string;
}

export interface EmployeeMessage {
  subject: string;
  text: string;
  /** What a picked instruction still needs, e.g. "Alternate channel"; shown as [Label] in the text. */
  missing: string[];
}

const oneLine = (value: string) => value.trim().replace(/\s+/g, ' ');

/**
 * Short, imperative, numbered lines in the playbook's order, then the custom ones in the
 * order typed. Plain text: what was typed is inserted literally, never expanded.
 */
export function composeEmployeeMessage(input: EmployeeMessageInput): EmployeeMessage {
  const missing: string[] = [];
  const fill = (value: string, label: string, fallback: string | null) => {
    const typed = oneLine(value);
    if (typed !== '') return typed;
    if (fallback !== null) return fallback;
    missing.push(label);
    return `[${label}]`;
  };
  const picked = new Set(input.picked);
  const lines: string[] = [];
  for (const instruction of EMPLOYEE_INSTRUCTIONS) {
    if (!picked.has(instruction.id)) continue;
    // A function replacer: a typed "$&" or "{report_to}" stays as typed.
    lines.push(
      instruction.text.replace(/\{(affected_system|alternate_channel|report_to)\}/, (_whole, key: string) => {
        if (key === 'affected_system') return fill(input.affectedSystem ?? '', 'Affected system', 'the affected system');
        if (key === 'alternate_channel') return fill(input.alternateChannel, 'Alternate channel', null);
        return fill(input.reportTo, 'Whom to report to', null);
      }),
    );
  }
  for (const line of input.custom.map(oneLine)) if (line !== '') lines.push(line);

  const incidentId = oneLine(input.incidentId);
  const text = [`Security incident ${incidentId}. Until further notice:`, ...lines.map((line, index) => `${index + 1}. ${line}`)].join('\n');
  return { subject: `${incidentId}: action required`, text, missing };
}

export type EmployeeLintRule = 'vague' | 'too_long' | 'no_action';

export interface EmployeeLintFinding {
  rule: EmployeeLintRule;
  message: string;
  /** The words or line the finding is about, as they appear in the text. */
  match?: string;
}

/** Step 3: "Avoid vague warnings that create confusion." */
export const VAGUE_PHRASES = [
  'be careful',
  'something may be wrong',
  'stay alert',
  'be vigilant',
  'use caution',
  'there might be an issue',
  'be aware',
  'keep an eye out',
] as const;

/**
 * Read on a phone, between other tasks: the whole message at most 120 words (shorter than
 * the 150 of a leadership update, which is read by fewer people with more context), and no
 * line over 200 characters (about three lines on a 360 px screen).
 */
export const EMPLOYEE_MESSAGE_MAX_WORDS = 120;
export const EMPLOYEE_LINE_MAX_CHARS = 200;

/**
 * Words an instruction may start with. A heuristic: an employee should see at a glance
 * what to do. "Be ..." is left out on purpose: "be careful" is not an action.
 */
const ACTION_VERBS = [
  "don't",
  'do',
  'never',
  'use',
  'report',
  'call',
  'phone',
  'text',
  'stop',
  'log out',
  'log off',
  'sign out',
  'forward',
  'keep',
  'leave',
  'disconnect',
  'unplug',
  'shut down',
  'turn off',
  'change',
  'reset',
  'contact',
  'send',
  'check',
  'avoid',
  'wait',
  'switch',
  'lock',
  'close',
  'save',
  'join',
  'tell',
  'ask',
  'move',
  'restart',
  'update',
  'install',
  'remove',
  'ignore',
  'reply',
  'follow',
  'work',
  'go',
  'bring',
  'verify',
  'confirm',
  'hold',
  'pause',
  'reject',
  'decline',
  'deny',
  'delete',
  'only',
  'write',
  'read',
  'hand',
];

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const STARTS_WITH_ACTION = new RegExp(`^(?:please\\s+)?(?:${ACTION_VERBS.map(escapeRegExp).join('|')})\\b`, 'i');
// "If you see a pop-up, call the service desk." The action follows the condition's comma.
const CONDITION_THEN_ACTION = new RegExp(
  `^(?:if|when|until|before|after|while)\\b[^,]*,\\s*(?:please\\s+)?(?:${ACTION_VERBS.map(escapeRegExp).join('|')})\\b`,
  'i',
);
const LIST_MARKER = /^\s*(?:\d+[.)]|[-*•])\s+/;

/** True when a line reads as an instruction: "Do not ...", "Call ...", "If ..., report ...". */
export function startsWithAction(line: string): boolean {
  const plain = line.replace(LIST_MARKER, '').trim().replace(/’/g, "'");
  return STARTS_WITH_ACTION.test(plain) || CONDITION_THEN_ACTION.test(plain);
}

/**
 * Checks a message against Step 3. Instructions are the list lines ("1. ...", "- ...");
 * other lines (the heading) are not instructions. A message without any list line must
 * still contain at least one line that starts with an action.
 */
export function lintEmployeeMessage(text: string): EmployeeLintFinding[] {
  const findings: EmployeeLintFinding[] = [];
  for (const phrase of VAGUE_PHRASES) {
    for (const found of text.matchAll(new RegExp(`\\b${escapeRegExp(phrase)}\\b`, 'gi')))
      findings.push({ rule: 'vague', message: `"${found[0]}" is vague: say exactly what to do or not to do.`, match: found[0] });
  }

  const words = wordCount(text);
  if (words > EMPLOYEE_MESSAGE_MAX_WORDS)
    findings.push({ rule: 'too_long', message: `${words} words: keep it under ${EMPLOYEE_MESSAGE_MAX_WORDS} so it is read to the end.` });
  const lines = text.split('\n');
  for (const line of lines) {
    if (line.trim().length > EMPLOYEE_LINE_MAX_CHARS)
      findings.push({
        rule: 'too_long',
        message: `A line of ${line.trim().length} characters: split it, at most ${EMPLOYEE_LINE_MAX_CHARS} per line.`,
        match: line.trim(),
      });
  }

  const instructions = lines.filter((line) => LIST_MARKER.test(line) && line.replace(LIST_MARKER, '').trim() !== '');
  for (const line of instructions) {
    if (!startsWithAction(line))
      findings.push({ rule: 'no_action', message: 'Start the instruction with what to do: "Do not ...", "Use ...", "Report ...".', match: line.trim() });
  }
  if (instructions.length === 0 && text.trim() !== '' && !lines.some(startsWithAction))
    findings.push({ rule: 'no_action', message: 'The message asks nothing of employees: add at least one instruction ("Do not ...", "Use ...").' });
  return findings;
}
