import { describe, expect, it } from 'vitest';
import type { FollowUpItem } from '../../src/domain/follow-ups';
import type { Incident } from '../../src/domain/incident';
import type { VendorRequestRecord } from '../../src/domain/incident-records';
import type { LogEntry } from '../../src/domain/log-entry';
import {
  followUpTasks,
  followUpTicketText,
  followUpTicketTitle,
  incidentLogFileName,
  incidentTicketText,
  incidentTicketTitle,
  vendorTicketText,
  vendorTicketTitle,
  TICKET_TEXT_MAX,
  withLogLeftOut,
} from '../../src/ui/incident/tickets/ticket-texts';

const TZ = 'Europe/Berlin';
const NOW = new Date('2026-03-02T10:00:00.000Z');
const incident: Incident = {
  id: 'INC-2026-004',
  workspace_id: 'ws',
  title: 'Forwarding rule on the finance mailbox',
  status: 'open',
  detected_at: '2026-03-02T08:10:00.000Z',
  opened_at: '2026-03-02T08:20:00.000Z',
  comm_owner: 'Maria Lopez',
  next_update_due: '2026-03-02T11:00:00.000Z',
  triggers: { escalation: ['compromised_admin_accounts', 'cloud_saas_compromise'], leadership: ['customer_data'] },
  channels: { corporate_email: 'compromised' },
};
const entry = (patch: Partial<LogEntry>): LogEntry =>
  ({ id: 'e1', local_seq: 3, incident_id: incident.id, follow_up_required: 'Call the insurer back about the claim', action_requested: '', message_summary: 'Insurer', owner: 'Tom Becker', deadline: '2026-03-02T12:00:00.000Z', ...patch }) as LogEntry;
const item = (patch: Partial<LogEntry> = {}, state: FollowUpItem['state'] = 'overdue'): FollowUpItem => ({ entry: entry(patch), due: entry(patch).deadline, state });
const request: VendorRequestRecord = {
  id: 'r1',
  kind: 'vendor_request',
  workspace_id: 'ws',
  incident_id: incident.id,
  created_at: '2026-03-02T09:00:00.000Z',
  updated_at: '2026-03-02T09:00:00.000Z',
  version: 1,
  vendor: 'Contoso IT',
  asks: ['logs'],
  systems: 'Exchange Online, Entra ID',
  window_from: '2026-03-01T00:00:00.000Z',
  window_to: '2026-03-02T09:00:00.000Z',
  deadline: '2026-03-02T13:00:00.000Z',
  owner: 'Tom Becker',
  response_received_at: null,
  response: '',
};

describe('the incident’s ticket', () => {
  it('is titled "<incident id>: <title>"', () => {
    expect(incidentTicketTitle(incident)).toBe('INC-2026-004: Forwarding rule on the finance mailbox');
    expect(incidentTicketTitle({ id: 'INC-1', title: 'x'.repeat(400) })).toHaveLength(255);
  });

  it('says type, severity, start, affected systems and current status in plain lines', () => {
    const text = incidentTicketText(incident, { timeZone: TZ, vendorRequests: [request], followUps: [item()], now: NOW });
    expect(text.split('\n')).toEqual([
      'Security incident INC-2026-004: Forwarding rule on the finance mailbox',
      'Type: Compromised administrator accounts, Cloud or SaaS compromise',
      'Severity: escalate now (Step 4 triggers ticked); may affect customer data',
      'Started: detected Mon 2 Mar 2026, 09:10 CET; opened in Muster Mon 2 Mar 2026, 09:20 CET',
      'Affected systems: Exchange Online, Entra ID',
      'Current status: open; communication owner Maria Lopez; next leadership update due Mon 2 Mar 2026, 12:00 CET; do not use: corporate email compromised; 1 open follow-up (1 overdue); 1 vendor request waiting for an answer',
    ]);
  });

  it('says what is not known yet instead of leaving lines out', () => {
    const text = incidentTicketText({ ...incident, triggers: {}, channels: {}, comm_owner: '', next_update_due: null }, { timeZone: TZ, vendorRequests: [], followUps: [], now: NOW });
    expect(text).toContain('Type: not classified yet');
    expect(text).toContain('Severity: no Step 4 escalation trigger ticked');
    expect(text).toContain('Affected systems: not recorded yet');
    expect(text).toContain('Current status: open; no communication owner named yet; 0 open follow-ups');
  });

  it('lists the open follow-ups as tasks of at most 200 characters, 20 at most', () => {
    const items = Array.from({ length: 25 }, (_, index) => item({ id: `e${index}`, follow_up_required: `Task ${index} ${'x'.repeat(300)}` }));
    const tasks = followUpTasks(items);
    expect(tasks).toHaveLength(20);
    expect(tasks.every((task) => task.length <= 200)).toBe(true);
    expect(tasks[0]).toMatch(/^Task 0 x+…$/);
  });

  it('names the attached log after the incident', () => {
    expect(incidentLogFileName('INC-2026-004')).toBe('INC-2026-004-log.csv');
  });
});

describe('a follow-up’s ticket', () => {
  it('is titled with the follow-up clipped to 80 characters and says owner and deadline', () => {
    expect(followUpTicketTitle(entry({}))).toBe('Follow-up: Call the insurer back about the claim');
    expect(followUpTicketTitle(entry({ follow_up_required: 'y'.repeat(200) }))).toBe(`Follow-up: ${'y'.repeat(79)}…`);
    expect(followUpTicketText(item(), incident.id, TZ).split('\n')).toEqual([
      'Follow-up from security incident INC-2026-004 (log entry #3):',
      'Call the insurer back about the claim',
      'Owner: Tom Becker',
      'Deadline: Mon 2 Mar 2026, 13:00 CET',
    ]);
  });
});

describe('a vendor request’s ticket', () => {
  it('carries the request as it was sent and logged', () => {
    const sent = entry({ message_summary: 'To: Contoso IT support\nSecurity incident INC-2026-004.\nWe request:\n1. Sign-in logs', action_requested: 'Asked Contoso IT for logs; reply by 14:00 via phone.' });
    expect(vendorTicketTitle(request)).toBe('Vendor request: Contoso IT');
    expect(vendorTicketText(request, sent, TZ).split('\n')).toEqual([
      'To: Contoso IT support',
      'Security incident INC-2026-004.',
      'We request:',
      '1. Sign-in logs',
      '',
      'Action requested: Asked Contoso IT for logs; reply by 14:00 via phone.',
      'Owner: Tom Becker',
    ]);
  });

  it('falls back to the request’s facts when its entry is not on this phone', () => {
    const text = vendorTicketText(request, undefined, TZ);
    expect(text).toContain('Systems: Exchange Online, Entra ID');
    expect(text).toContain('Reply by: Mon 2 Mar 2026, 14:00 CET');
  });
});

describe('an incident ticket whose log is too long to attach', () => {
  it('says so at the end, and stays within the ticket text limit', () => {
    expect(withLogLeftOut('INC-2026-004: mailbox takeover.', 2400)).toBe(
      "INC-2026-004: mailbox takeover.\n\nThe communication log (2400 entries) is too long to attach: it is in the incident's export from Muster.",
    );
    const long = withLogLeftOut('x'.repeat(5000), 1);
    expect(long.length).toBe(TICKET_TEXT_MAX);
    expect(long.endsWith("The communication log (1 entry) is too long to attach: it is in the incident's export from Muster.")).toBe(true);
  });
});
