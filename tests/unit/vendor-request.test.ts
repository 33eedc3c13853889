import { describe, expect, it } from 'vitest';
import {
  composeVendorRequest,
  validateVendorRequest,
  VENDOR_ASK_LABELS,
  VENDOR_ASKS,
  vendorRequestStatus,
  type VendorRequestInput,
} from '../../src/domain/vendor-request';

const NOW = new Date('2026-03-02T09:30:00.000Z');
const INPUT: VendorRequestInput = {
  vendorName: 'Bluebridge IT',
  asks: [...VENDOR_ASKS],
  systems: ['the finance mailbox', 'Microsoft 365 admin centre'],
  windowFrom: '2026-02-27T00:00:00.000Z',
  windowTo: '2026-03-02T09:00:00.000Z',
  incidentId: 'INC-2026-004',
  deadline: '2026-03-02T11:00:00.000Z',
  replyChannel: 'phone, Tom Becker +1 202 555 0102',
  timeZone: 'Europe/Berlin',
  reference: 'BB-2291',
};

const minutes = (count: number) => count * 60_000;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs).toISOString();

describe("Step 4's precise support request", () => {
  it('offers every ask the playbook lists, in its order', () => {
    expect(VENDOR_ASKS.map((ask) => VENDOR_ASK_LABELS[ask])).toEqual([
      'Logs',
      'Access history',
      'Session records',
      'Admin changes',
      'Recovery options',
      'Containment support',
      'Confirmation of actions taken',
    ]);
  });

  it('asks for each item precisely, with the systems and the time window', () => {
    const request = composeVendorRequest(INPUT);
    const window = 'Fri 27 Feb 2026, 01:00 CET to Mon 2 Mar 2026, 10:00 CET';
    const systems = 'the finance mailbox and Microsoft 365 admin centre';

    expect(request.subject).toBe('INC-2026-004: urgent support request, reply by Mon 2 Mar 2026, 12:00 CET');
    expect(request.text.split('\n')).toEqual([
      'To: Bluebridge IT support',
      'Security incident INC-2026-004, account or contract BB-2291.',
      `Affected: ${systems}. Time window: ${window}.`,
      'We request:',
      `1. Logs: sign-in, audit and security event logs for ${systems} from ${window}.`,
      `2. Access history: every sign-in and access to ${systems} in that period, with account, time, IP address and location.`,
      `3. Session records: sessions open on ${systems} in that period and now, with account, device and start time.`,
      `4. Admin changes: every admin, permission, rule and configuration change on ${systems} in that period: who, what and when.`,
      `5. Recovery options: backups and restore points for ${systems}, the newest one you can confirm is clean, and how long a restore takes.`,
      `6. Containment support: what you can block, disable or isolate on ${systems} now, and what you need from us to do it.`,
      '7. Confirmation of actions taken: written confirmation of each action you take, with its time.',
      'Reply by Mon 2 Mar 2026, 12:00 CET via phone, Tom Becker +1 202 555 0102. Do not reply through the affected systems.',
    ]);
    expect(request.missing).toEqual([]);
  });

  it("sums the request up in one line for the log's \"Action requested\"", () => {
    const request = composeVendorRequest({ ...INPUT, asks: ['admin_changes', 'logs'], systems: ['the finance mailbox'], reference: '' });

    expect(request.actionRequested).toBe(
      'Asked Bluebridge IT for logs and admin changes on the finance mailbox (Fri 27 Feb 2026, 01:00 CET to Mon 2 Mar 2026, 10:00 CET); reply by Mon 2 Mar 2026, 12:00 CET via phone, Tom Becker +1 202 555 0102.',
    );
    expect(request.actionRequested).not.toContain('\n');
    expect(request.text).toContain('\nSecurity incident INC-2026-004.\n');
    expect(request.text).toMatch(/\n1\. Logs: .*\n2\. Admin changes: /);
  });

  it('marks what is still empty instead of sending a vague request', () => {
    const request = composeVendorRequest({ ...INPUT, asks: [], systems: [' '], windowTo: '', replyChannel: '' });

    expect(request.text).toContain('\nAffected: [Affected systems]. Time window: Fri 27 Feb 2026, 01:00 CET to [Window end].\n');
    expect(request.missing).toEqual(['Affected systems', 'Window end', 'Reply channel', 'What we ask for']);
    expect(request.actionRequested).toContain('for [What we ask for] on [Affected systems]');
  });

  for (const hostile of ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '$& $1 {{systems}}']) {
    it(`keeps ${hostile} as the literal text that was typed`, () => {
      const request = composeVendorRequest({ ...INPUT, vendorName: hostile, systems: [hostile], asks: ['containment_support'] });

      expect(request.text.split('\n')[0]).toBe(`To: ${hostile} support`);
      expect(request.text).toContain(`\n1. Containment support: what you can block, disable or isolate on ${hostile} now,`);
      expect(request.actionRequested.startsWith(`Asked ${hostile} for containment support on ${hostile} (`)).toBe(true);
    });
  }
});

describe('checking a support request before it is sent', () => {
  const errorsOf = (input: VendorRequestInput) => {
    const check = validateVendorRequest(input, NOW);
    return check.ok ? {} : check.errors;
  };

  it('accepts a complete request', () => {
    expect(validateVendorRequest(INPUT, NOW)).toEqual({ ok: true });
  });

  it('needs at least one ask, and only asks it knows', () => {
    expect(errorsOf({ ...INPUT, asks: [] })).toEqual({ asks: 'Pick at least one thing to ask for.' });
    expect(errorsOf({ ...INPUT, asks: ['logs'] })).toEqual({});
    expect(errorsOf({ ...INPUT, asks: ['logs', 'coffee'] })).toEqual({ asks: 'Not a request Muster knows: coffee.' });
  });

  it('needs a window that ends after it starts', () => {
    expect(errorsOf({ ...INPUT, windowTo: INPUT.windowFrom })).toEqual({ windowTo: 'The time window must end after it starts.' });
    expect(errorsOf({ ...INPUT, windowTo: '2026-02-27T00:00:00.001Z' })).toEqual({});
    expect(errorsOf({ ...INPUT, windowFrom: 'last Friday' })).toEqual({ windowFrom: 'The start of the time window is not a valid date.' });
  });

  it('needs a reply-by time in the future', () => {
    expect(errorsOf({ ...INPUT, deadline: at(0) })).toEqual({ deadline: 'Reply by must be in the future.' });
    expect(errorsOf({ ...INPUT, deadline: at(1) })).toEqual({});
    expect(errorsOf({ ...INPUT, deadline: '' })).toEqual({ deadline: 'Reply by is not a valid date.' });
  });

  it('needs the vendor, the incident, the systems and a reply channel', () => {
    expect(errorsOf({ ...INPUT, vendorName: ' ', incidentId: '', systems: ['', ' '], replyChannel: '\n' })).toEqual({
      vendorName: 'Name the vendor or MSP.',
      incidentId: 'Incident ID is required.',
      systems: 'Name the affected systems.',
      replyChannel: 'Say where to reply: a channel that is safe now.',
    });
  });
});

describe('waiting for the vendor', () => {
  it('is answered once a response is recorded, even after the deadline', () => {
    expect(vendorRequestStatus({ deadline: at(-minutes(30)), response_received_at: at(-minutes(1)) }, NOW)).toEqual({ state: 'answered', label: 'Answered' });
  });

  it('waits, counting down to the deadline', () => {
    expect(vendorRequestStatus({ deadline: at(minutes(42)), response_received_at: null }, NOW)).toEqual({ state: 'waiting', label: 'Waiting for a reply, due in 42 min' });
    expect(vendorRequestStatus({ deadline: at(0), response_received_at: '' }, NOW)).toEqual({ state: 'waiting', label: 'Waiting for a reply, due now' });
    expect(vendorRequestStatus({ deadline: null, response_received_at: null }, NOW)).toEqual({ state: 'waiting', label: 'Waiting for a reply, no deadline set' });
  });

  it('is overdue a moment after the deadline, and says to escalate', () => {
    expect(vendorRequestStatus({ deadline: at(-1), response_received_at: null }, NOW)).toEqual({ state: 'overdue', label: 'No reply, overdue by 1 min: escalate' });
    expect(vendorRequestStatus({ deadline: at(-minutes(90)), response_received_at: null }, NOW).label).toBe('No reply, overdue by 1 h 30 min: escalate');
  });
});
