import { describe, expect, it } from 'vitest';
import { checkEmployeeMessage } from '../../src/domain/employee-message-check';
import { composeEmployeeMessage } from '../../src/domain/employee-instructions';

const base = { picked: [], custom: [], alternateChannel: '', reportTo: '', incidentId: 'INC-2026-004' };

describe('an employee message ready to send', () => {
  it('needs at least one instruction', () => {
    expect(checkEmployeeMessage(composeEmployeeMessage(base))).toEqual({ ok: false, message: 'Pick at least one instruction or type your own.' });
  });

  it('is refused while a picked instruction still shows a placeholder', () => {
    const message = composeEmployeeMessage({ ...base, picked: ['use_alternate_channel', 'report_suspicious_activity'] });
    expect(checkEmployeeMessage(message)).toEqual({
      ok: false,
      message: 'Fill in alternate channel and whom to report to: employees need to know exactly what to do.',
    });
  });

  it('goes out with playbook instructions filled in, or with custom ones only', () => {
    const filled = composeEmployeeMessage({ ...base, picked: ['use_alternate_channel'], alternateChannel: 'the staff SMS group' });
    expect(checkEmployeeMessage(filled)).toEqual({ ok: true });
    expect(checkEmployeeMessage(composeEmployeeMessage({ ...base, custom: ['Log out of the finance portal.'] }))).toEqual({ ok: true });
  });
});
