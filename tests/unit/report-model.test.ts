import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildIncidentReport, type IncidentReport } from '../../src/domain/report/incident-report';
import type { MusterDatabase } from '../../src/store/open-database';
import { readReportSources } from '../../src/ui/incident/report/report-sources';
import { iso, recordRealisticIncident, SETTINGS } from './report-fixture';
import { openTestDatabase } from './test-database';

let db: MusterDatabase;
let report: IncidentReport;

beforeEach(async () => {
  db = await openTestDatabase();
  const { incident, reportAt } = await recordRealisticIncident(db);
  const sources = await readReportSources(db, SETTINGS.workspace_id, incident.id);
  report = buildIncidentReport({ workspaceName: 'Northwind Dental', incident, ...sources, generatedAt: reportAt.toISOString(), generatedBy: 'Tom Becker', timeZone: 'UTC' });
});

afterEach(() => db.close());

describe('the post-incident report of a realistic incident', () => {
  it('summarises the incident: owner, log size, decisions, corrections and the chain head', () => {
    const s = report.summary;
    expect(s).toMatchObject({ incidentId: 'INC-2026-001', title: 'Forwarding rule on the finance mailbox', status: 'open', commOwner: 'Tom Becker', commDeputy: 'Maria Lopez' });
    expect(s.entries).toBe(report.timeline.length);
    expect(s.entries).toBeGreaterThan(20);
    expect(s.firstSeq).toBe(1);
    expect(s.lastSeq).toBe(s.entries);
    expect(s.decisions).toBe(report.timeline.filter((item) => item.type === 'decision').length);
    expect(s.chainHead).toMatch(/^[0-9a-f]{64}$/);
    expect(s.firstActivityAt).toBe(iso(10));
  });

  it('lists every log entry in the timeline, in the order things happened, with corrections linked both ways', () => {
    const times = report.timeline.map((item) => Date.parse(item.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(report.timeline.map((item) => item.seq)).size).toBe(report.summary.entries);
    const wrong = report.timeline.find((item) => item.summary === 'Password reset for 3 users.')!;
    const fixed = report.timeline.find((item) => item.summary === 'Password reset for 4 users.')!;
    expect(wrong.correctedBy).toEqual([fixed.seq]);
    expect(fixed.corrects).toBe(wrong.seq);
    const decision = report.timeline.find((item) => item.decision === 'Keep the mailbox online')!;
    expect(decision).toMatchObject({ typeLabel: 'Decision', owner: 'Ana Ruiz', recordedBy: 'Tom Becker' });
  });

  it('lists the leadership updates sent, each with the next update it promised', () => {
    expect(report.leadershipUpdates.map((update) => [update.sentAt, update.nextUpdateAt, update.to])).toEqual([
      [iso(10), iso(70), 'Leadership: Ana Ruiz'],
      [iso(70), iso(130), 'Leadership: Ana Ruiz'],
    ]);
  });

  it('gives each vendor request its response time, or says the deadline passed unanswered', () => {
    expect(report.vendorRequests.map(({ vendor, outcome, responseMinutes, requestedAt }) => ({ vendor, outcome, responseMinutes, requestedAt }))).toEqual([
      { vendor: 'Bluebridge IT', outcome: 'answered', responseMinutes: 45, requestedAt: iso(20) },
      { vendor: 'Harbor Cloud', outcome: 'overdue', responseMinutes: null, requestedAt: iso(25) },
    ]);
    expect(report.vendorRequests[0]!.asks).toEqual(['Logs', 'Admin changes']);
    expect(report.vendorRequests[0]!.response).toBe('Sign-in logs exported to the vault.');
  });

  it('says when each notice obligation was met, ruled out, or that it is still open', () => {
    const byParty = Object.fromEntries(report.obligations.map((line) => [line.party, line]));
    expect(byParty['Cyber insurer']).toMatchObject({ outcome: 'met', settledAt: iso(180), clockStart: iso(30), triggers: ['Data theft'] });
    expect(byParty['Compliance']).toMatchObject({ outcome: 'not_required', settledAt: iso(240) });
    expect(byParty['Compliance']!.basis).toContain('Not required: no regulated data in the mailbox');
    expect(byParty['Legal counsel']).toMatchObject({ outcome: 'open', settledAt: null });
    expect(report.obligations.map((line) => line.dueAt)).toEqual([...report.obligations.map((line) => line.dueAt)].sort());
  });

  it('shows each statement with its approvals, the voided one marked, and when and how it was sent', () => {
    expect(report.statements).toHaveLength(1);
    const statement = report.statements[0]!;
    expect(statement).toMatchObject({ title: 'Customer notice: mailbox incident', audience: 'Customers', state: 'sent', version: 2, versions: 2, sentAt: iso(120), sentVia: 'Email from the support address', missingRoles: [] });
    expect(statement.requiredRoles).toEqual(['Legal', 'Leadership']);
    expect(statement.approvals.map(({ role, by, version, current }) => [role, by, version, current])).toEqual([
      ['Legal', 'Lee Counsel', 1, false],
      ['Legal', 'Lee Counsel', 2, true],
      ['Leadership', 'Ana Ruiz', 2, true],
    ]);
    expect(statement.text).toContain('We will update you by Friday.');
  });

  it('lists the channel markings and the alternate-channel notice', () => {
    expect(report.channels.current).toEqual([{ channel: 'Corporate email', state: 'Compromised' }]);
    expect(report.channels.changes.map((change) => change.summary.split(':')[0])).toEqual(['Channel Corporate email marked compromised', 'Alternate-channel notice sent.\n\nUse only']);
  });

  it('lists only the follow-ups still open, overdue first: not the one done, not the older leadership update', () => {
    const open = report.openFollowUps;
    expect(open.map((line) => line.state)).toEqual(['overdue', 'overdue', 'due_soon', 'open']);
    expect(open.map((line) => line.what)).toEqual([
      'If Harbor Cloud has not replied by Mon 2 Mar 2026, 09:00 UTC: call again and escalate.',
      'The next leadership update promised',
      'Confirm MFA reset for all finance users.',
      'Notify Legal counsel by Tue 3 Mar 2026, 08:30 UTC',
    ]);
    expect(open.some((line) => line.what === 'Confirm the rule stays removed.')).toBe(false);
  });

  it('is the same report for the same log and records, whatever order they are read in', async () => {
    const sources = await readReportSources(db, SETTINGS.workspace_id, report.summary.incidentId);
    const incident = (await db.get('incidents', [SETTINGS.workspace_id, report.summary.incidentId]))!;
    const again = buildIncidentReport({ workspaceName: 'Northwind Dental', incident, entries: [...sources.entries].reverse(), records: [...sources.records].reverse(), generatedAt: report.generatedAt, generatedBy: 'Tom Becker', timeZone: 'UTC' });
    expect(again).toEqual(report);
  });
});

describe('the report of an incident with nothing recorded yet', () => {
  it('has empty parts rather than failing', () => {
    const empty = buildIncidentReport({
      workspaceName: 'Northwind',
      incident: { id: 'INC-2026-009', workspace_id: 'ws', title: 'Quiet', status: 'closed', detected_at: iso(0), opened_at: iso(0) },
      entries: [],
      records: [],
      generatedAt: iso(60),
      generatedBy: 'Tom',
      timeZone: 'UTC',
    });
    expect(empty.summary).toMatchObject({ entries: 0, firstSeq: null, chainHead: null, firstActivityAt: null, commOwner: '' });
    expect([empty.timeline, empty.leadershipUpdates, empty.vendorRequests, empty.obligations, empty.statements, empty.openFollowUps, empty.channels.changes]).toEqual([[], [], [], [], [], [], []]);
  });
});
