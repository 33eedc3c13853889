import { describe, expect, it } from 'vitest';
import {
  composeEmployeeMessage,
  EMPLOYEE_INSTRUCTIONS,
  EMPLOYEE_MESSAGE_GUIDANCE,
  lintEmployeeMessage,
  startsWithAction,
  VAGUE_PHRASES,
  type EmployeeMessageInput,
} from '../../src/domain/employee-instructions';
import { wordCount } from '../../src/domain/templates';

const ALL = EMPLOYEE_INSTRUCTIONS.map((instruction) => instruction.id);
const INPUT: EmployeeMessageInput = {
  picked: ALL,
  custom: [],
  alternateChannel: 'the staff phone bridge +1 202 555 0100',
  reportTo: 'Tom Becker, +1 202 555 0102',
  incidentId: 'INC-2026-004',
};

describe("Step 3's instructions", () => {
  it('lists the eight instructions in the playbook words and order', () => {
    expect(EMPLOYEE_INSTRUCTIONS.map((instruction) => instruction.playbook)).toEqual([
      'Do not open suspicious emails.',
      'Do not use the affected system.',
      'Do not approve unexpected MFA prompts.',
      'Do not restart or wipe affected devices.',
      'Do not delete suspicious messages.',
      'Do not contact customers about the incident unless authorized.',
      'Use an alternate communication channel if email or chat may be compromised.',
      'Report any related suspicious activity immediately.',
    ]);
    expect(ALL).toEqual([
      'dont_open_suspicious_emails',
      'dont_use_affected_system',
      'dont_approve_mfa_prompts',
      'dont_restart_or_wipe_devices',
      'dont_delete_suspicious_messages',
      'dont_contact_customers',
      'use_alternate_channel',
      'report_suspicious_activity',
    ]);
  });

  it("keeps the playbook's two rules for the message itself", () => {
    expect(EMPLOYEE_MESSAGE_GUIDANCE).toEqual(['Employee messages should be short, specific, and action-oriented.', 'Avoid vague warnings that create confusion.']);
  });

  it('sends every playbook instruction as written, naming the channel and whom to report to', () => {
    const message = composeEmployeeMessage(INPUT);

    expect(message.subject).toBe('INC-2026-004: action required');
    expect(message.text.split('\n')).toEqual([
      'Security incident INC-2026-004. Until further notice:',
      '1. Do not open suspicious emails.',
      '2. Do not use the affected system.',
      '3. Do not approve unexpected MFA prompts.',
      '4. Do not restart or wipe affected devices.',
      '5. Do not delete suspicious messages.',
      '6. Do not contact customers about the incident unless authorized.',
      '7. Use the staff phone bridge +1 202 555 0100 for work messages; email or chat may be compromised.',
      '8. Report any related suspicious activity immediately to Tom Becker, +1 202 555 0102.',
    ]);
    expect(message.missing).toEqual([]);
  });

  it('passes its own lint when every instruction is picked', () => {
    expect(lintEmployeeMessage(composeEmployeeMessage(INPUT).text)).toEqual([]);
  });

  it('names the affected system when it is known', () => {
    const message = composeEmployeeMessage({ ...INPUT, picked: ['dont_use_affected_system'], affectedSystem: 'the finance mailbox' });

    expect(message.text).toContain('\n1. Do not use the finance mailbox.');
  });

  it('keeps the playbook order, numbers custom lines after it, and skips unknown ids and blank lines', () => {
    const message = composeEmployeeMessage({
      ...INPUT,
      picked: ['report_suspicious_activity', 'future_instruction', 'dont_open_suspicious_emails'],
      custom: ['  Log out of   the VPN now. ', '', 'Call the service desk if a laptop shows a ransom note.\n'],
    });

    expect(message.text.split('\n').slice(1)).toEqual([
      '1. Do not open suspicious emails.',
      '2. Report any related suspicious activity immediately to Tom Becker, +1 202 555 0102.',
      '3. Log out of the VPN now.',
      '4. Call the service desk if a laptop shows a ransom note.',
    ]);
  });

  it('marks a picked instruction whose channel or reporting contact is still empty', () => {
    const message = composeEmployeeMessage({ ...INPUT, alternateChannel: ' ', reportTo: '' });

    expect(message.text).toContain('\n7. Use [Alternate channel] for work messages; email or chat may be compromised.');
    expect(message.text).toContain('\n8. Report any related suspicious activity immediately to [Whom to report to].');
    expect(message.missing).toEqual(['Alternate channel', 'Whom to report to']);
  });

  it('asks for nothing it does not send', () => {
    expect(composeEmployeeMessage({ ...INPUT, picked: ['dont_open_suspicious_emails'], alternateChannel: '', reportTo: '' }).missing).toEqual([]);
  });

  for (const hostile of ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '$& $1 {report_to} {{alternate_channel}}']) {
    it(`keeps ${hostile} as the literal text that was typed`, () => {
      const message = composeEmployeeMessage({ ...INPUT, picked: ['use_alternate_channel', 'report_suspicious_activity'], alternateChannel: hostile, custom: [`Do not click ${hostile}`] });

      expect(message.text).toContain(`\n1. Use ${hostile} for work messages;`);
      expect(message.text).toContain('\n2. Report any related suspicious activity immediately to Tom Becker, +1 202 555 0102.');
      expect(message.text).toContain(`\n3. Do not click ${hostile}`);
    });
  }
});

describe('checking an employee message against Step 3', () => {
  it('flags each vague phrase the playbook warns against, as written', () => {
    for (const phrase of VAGUE_PHRASES) {
      const findings = lintEmployeeMessage(`Security incident.\n1. Please ${phrase.toUpperCase()} today.`);

      expect(findings.filter((finding) => finding.rule === 'vague')).toEqual([
        { rule: 'vague', message: `"${phrase.toUpperCase()}" is vague: say exactly what to do or not to do.`, match: phrase.toUpperCase() },
      ]);
    }
    expect(VAGUE_PHRASES).toHaveLength(8);
  });

  it('does not flag a vague phrase inside other words', () => {
    expect(lintEmployeeMessage('1. Use the bridge; maybe awareness training later.').filter((finding) => finding.rule === 'vague')).toEqual([]);
  });

  it('allows 120 words and flags 121', () => {
    // Words as the template composer counts them: anything between spaces, the list dash included.
    const at120 = Array(30).fill('- Do not reply').join('\n');
    const at121 = `${at120}\nStop`;

    expect(wordCount(at120)).toBe(120);
    expect(lintEmployeeMessage(at120)).toEqual([]);
    expect(lintEmployeeMessage(at121)).toEqual([{ rule: 'too_long', message: '121 words: keep it under 120 so it is read to the end.' }]);
  });

  it('allows a line of 200 characters and flags one of 201', () => {
    const line = (length: number) => `- Do not ${'x'.repeat(length - 9)}`;

    expect(line(200)).toHaveLength(200);
    expect(lintEmployeeMessage(line(200))).toEqual([]);
    expect(lintEmployeeMessage(line(201))).toEqual([
      { rule: 'too_long', message: 'A line of 201 characters: split it, at most 200 per line.', match: line(201) },
    ]);
  });

  it('flags an instruction that does not say what to do', () => {
    const findings = lintEmployeeMessage('Security incident INC-2026-004. Until further notice:\n1. Do not open suspicious emails.\n2. The VPN is slow today.');

    expect(findings).toEqual([
      { rule: 'no_action', message: 'Start the instruction with what to do: "Do not ...", "Use ...", "Report ...".', match: '2. The VPN is slow today.' },
    ]);
  });

  it('flags a message without any list that asks nothing of anyone', () => {
    expect(lintEmployeeMessage('Something may be wrong with email.\nMore soon.').map((finding) => finding.rule)).toEqual(['vague', 'no_action']);
    expect(lintEmployeeMessage('Email is down.\nUse the phone bridge.')).toEqual([]);
  });

  it('reads imperatives, "please", negations and conditions as actions', () => {
    for (const line of [
      "Don't open attachments.",
      'Don’t open attachments.',
      'Never approve MFA prompts.',
      'Please log out of Teams.',
      'Sign out of the VPN.',
      'Forward suspicious mail to security@northwind.example.',
      'If a laptop shows a ransom note, unplug it and call the service desk.',
      'When in doubt, report it.',
      '3) Shut down the file server.',
    ])
      expect(startsWithAction(line), line).toBe(true);
    for (const line of ['Be careful.', 'Email may be compromised.', 'If something looks odd, be vigilant.', 'Documents are safe.', ''])
      expect(startsWithAction(line), line).toBe(false);
  });

  it('reports hostile text in its finding as it appears, without interpreting it', () => {
    const findings = lintEmployeeMessage('- <img src=x onerror=alert(1)> be careful');

    expect(findings).toEqual([
      { rule: 'vague', message: '"be careful" is vague: say exactly what to do or not to do.', match: 'be careful' },
      { rule: 'no_action', message: 'Start the instruction with what to do: "Do not ...", "Use ...", "Report ...".', match: '- <img src=x onerror=alert(1)> be careful' },
    ]);
  });
});
