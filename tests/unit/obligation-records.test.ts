import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ObligationRecord } from '../../src/domain/incident-records';
import type { LogEntry } from '../../src/domain/log-entry';
import { EXAMPLE_NOTICE_PERIODS, type NoticePeriod } from '../../src/domain/obligations';
import type { WorkspaceSettings } from '../../src/domain/workspace';
import { listRecords, saveRecord } from '../../src/store/incident-actions';
import { openFollowUps } from '../../src/domain/follow-ups';
import { readFollowUps } from '../../src/store/incident-overview';
import { listLogPage } from '../../src/store/log-repository';
import {
  asObligation,
  lateClockStart,
  markNoticeNotRequired,
  markNoticeSent,
  planObligations,
  recordLegalTriggers,
  rescheduleObligations,
  type NoticeContext,
} from '../../src/store/obligation-records';
import type { MusterDatabase } from '../../src/store/open-database';
import { StoreError } from '../../src/store/store-error';
import { openTestDatabase } from './test-database';

const WORKSPACE = 'ws-northwind';
const INCIDENT = 'INC-2026-004';
// Monday 2 March 2026, 09:00 in Berlin.
const TICKED_AT = new Date('2026-03-02T08:00:00Z');
const CONTEXT: NoticeContext = { timeZone: 'Europe/Berlin', owner: 'Tom Becker' };
const SETTINGS: WorkspaceSettings = {
  workspace_id: WORKSPACE,
  name: 'Northwind Dental',
  is_demo: false,
  author_name: 'Maria Lopez',
  current_incident_id: INCIDENT,
  backend_url: null,
};

let db: MusterDatabase;

beforeEach(async () => {
  db = await openTestDatabase();
});

afterEach(() => {
  db.close();
});

function tick(ticked: string[], periods: readonly NoticePeriod[] = EXAMPLE_NOTICE_PERIODS, now = TICKED_AT) {
  return recordLegalTriggers(db, SETTINGS, { incidentId: INCIDENT, ticked, periods, context: CONTEXT }, now);
}

async function stored(): Promise<ObligationRecord[]> {
  return listRecords(db, WORKSPACE, INCIDENT, 'obligation');
}

async function log(): Promise<LogEntry[]> {
  const page = await listLogPage(db, WORKSPACE, INCIDENT, {}, { limit: 100 });
  return page.entries.reverse();
}

function byParty(records: readonly ObligationRecord[], party: string): ObligationRecord {
  const found = records.find((record) => record.party === party);
  if (!found) throw new Error(`No obligation for ${party}`);
  return found;
}

describe('ticking a Step 5 trigger', () => {
  it('stores one open obligation per party, due by the example notice periods', async () => {
    await tick(['personal_information']);
    const records = await stored();
    expect(records.map((record) => record.party).sort()).toEqual(['compliance', 'insurer', 'legal', 'regulator']);
    expect(byParty(records, 'insurer')).toMatchObject({
      kind: 'obligation',
      workspace_id: WORKSPACE,
      incident_id: INCIDENT,
      version: 1,
      status: 'open',
      triggers: ['personal_information'],
      clock_start: '2026-03-02T08:00:00.000Z',
      due_at: '2026-03-04T08:00:00.000Z',
    });
    expect(byParty(records, 'regulator').due_at).toBe('2026-03-05T08:00:00.000Z');
  });

  it('logs each new obligation with the communication type of the party, the action, owner and deadline', async () => {
    await tick(['personal_information', 'customer_notification']);
    const entries = await log();
    const forParty = (contacted: string) => entries.find((entry) => entry.contacted === contacted);
    expect(forParty('Cyber insurer')).toMatchObject({
      communication_type: 'insurance_notice',
      action_requested: 'Notify Cyber insurer by Wed 4 Mar 2026, 09:00 CET',
      owner: 'Tom Becker',
      deadline: '2026-03-04T08:00:00.000Z',
    });
    expect(forParty('Legal counsel')?.communication_type).toBe('legal_guidance');
    expect(forParty('Regulator')?.communication_type).toBe('regulatory_notice');
    expect(forParty('Compliance')?.communication_type).toBe('regulatory_notice');
    expect(forParty('Customers')?.communication_type).toBe('customer_partner_communication');
    expect(forParty('Cyber insurer')?.message_summary).toContain('Example: confirm against your policy');
    expect(entries).toHaveLength(5);
  });

  it('writes nothing more when the same triggers are ticked again', async () => {
    await tick(['data_theft']);
    const again = await tick(['data_theft'], EXAMPLE_NOTICE_PERIODS, new Date('2026-03-02T10:00:00Z'));
    expect(again.written).toEqual([]);
    expect(await log()).toHaveLength(3);
  });

  it('adds a later trigger to the open obligation and moves its due time earlier when the new period ends sooner', async () => {
    const insurer24h: NoticePeriod = { party: 'insurer', trigger: 'ransomware', hours: 24, label: 'Ransomware clause', example: false, note: 'Policy 7.2.' };
    const periods = [...EXAMPLE_NOTICE_PERIODS, insurer24h];
    await tick(['data_theft'], periods);
    await tick(['data_theft', 'ransomware'], periods, new Date('2026-03-02T09:00:00Z'));
    const insurer = byParty(await stored(), 'insurer');
    expect(insurer).toMatchObject({ version: 2, triggers: ['data_theft', 'ransomware'], clock_start: '2026-03-02T08:00:00.000Z', due_at: '2026-03-03T09:00:00.000Z' });
    const last = (await log()).find((entry) => entry.message_summary.startsWith('Notice to Cyber insurer now also covers Ransomware'));
    expect(last?.message_summary).toContain('due earlier now: Tue 3 Mar 2026, 10:00 CET');
    expect(last?.deadline).toBe('2026-03-03T09:00:00.000Z');
  });

  it('names the parties no notice period covers, and stores nothing for them', async () => {
    const withoutBank = EXAMPLE_NOTICE_PERIODS.filter((period) => period.party !== 'bank');
    const result = await tick(['payment_fraud'], withoutBank);
    expect(result.unscheduled).toEqual(['bank']);
    expect((await stored()).map((record) => record.party)).not.toContain('bank');
  });
});

describe('changing the notice periods during an incident', () => {
  const ownPolicy = (hours: number): NoticePeriod => ({ party: 'insurer', hours, label: 'Insurer: policy 7.2', example: false, note: 'Policy 7.2.' });

  it('moves open obligations to the new due time, from their original clock start, and logs why', async () => {
    await tick(['ransomware']);
    const periods = [...EXAMPLE_NOTICE_PERIODS.filter((period) => period.party !== 'insurer'), ownPolicy(24)];
    await rescheduleObligations(db, SETTINGS, { incidentId: INCIDENT, ticked: ['ransomware'], periods, context: CONTEXT }, new Date('2026-03-02T12:00:00Z'));
    expect(byParty(await stored(), 'insurer')).toMatchObject({ version: 2, due_at: '2026-03-03T08:00:00.000Z' });
    const entry = (await log()).at(-1);
    expect(entry).toMatchObject({ communication_type: 'insurance_notice', deadline: '2026-03-03T08:00:00.000Z' });
    expect(entry?.message_summary).toContain('due Tue 3 Mar 2026, 09:00 CET instead of Wed 4 Mar 2026, 09:00 CET');
  });

  it('leaves notices already sent alone', async () => {
    await tick(['ransomware']);
    const insurer = byParty(await stored(), 'insurer');
    await saveRecord(db, SETTINGS, markNoticeSent(insurer, { contacted: 'Claims hotline', method: 'Phone', summary: '' }, CONTEXT, TICKED_AT).record, null);
    const periods = [...EXAMPLE_NOTICE_PERIODS.filter((period) => period.party !== 'insurer'), ownPolicy(24)];
    const result = await rescheduleObligations(db, SETTINGS, { incidentId: INCIDENT, ticked: ['ransomware'], periods, context: CONTEXT });
    expect(result.written).toEqual([]);
  });

  it('schedules a party that had no period from when its trigger was ticked, not from when the period was set', async () => {
    const withoutBank = EXAMPLE_NOTICE_PERIODS.filter((period) => period.party !== 'bank');
    await tick(['payment_fraud'], withoutBank);
    const result = await rescheduleObligations(
      db,
      SETTINGS,
      { incidentId: INCIDENT, ticked: ['payment_fraud'], periods: EXAMPLE_NOTICE_PERIODS, context: CONTEXT },
      new Date('2026-03-02T15:00:00Z'),
    );
    expect(result.unscheduled).toEqual([]);
    expect(byParty(await stored(), 'bank')).toMatchObject({ clock_start: '2026-03-02T08:00:00.000Z', due_at: '2026-03-03T08:00:00.000Z' });
  });
});

describe('closing an obligation', () => {
  it('marked notified: status sent, the time, and a log entry of the notice with who and how', async () => {
    await tick(['data_theft']);
    const insurer = byParty(await stored(), 'insurer');
    const now = new Date('2026-03-02T10:00:00Z');
    const write = markNoticeSent(insurer, { contacted: 'Claims hotline (Shoreline Mutual)', method: 'Phone', summary: 'Claim number SM-4411.' }, CONTEXT, now);
    await saveRecord(db, SETTINGS, write.record, write.note, now);
    expect(byParty(await stored(), 'insurer')).toMatchObject({ status: 'sent', sent_at: '2026-03-02T10:00:00.000Z', version: 2 });
    expect((await log()).at(-1)).toMatchObject({
      communication_type: 'insurance_notice',
      contacted: 'Claims hotline (Shoreline Mutual)',
      contact_method: 'Phone',
      message_summary: 'Cyber insurer notified, before it was due (Wed 4 Mar 2026, 09:00 CET): Claim number SM-4411.',
    });
  });

  it('not required: kept with the reason, and logged as a decision', async () => {
    await tick(['data_theft']);
    const compliance = byParty(await stored(), 'compliance');
    const write = markNoticeNotRequired(compliance, 'No personal data in the stolen files (checked by Dana).', TICKED_AT);
    await saveRecord(db, SETTINGS, write.record, write.note);
    expect(byParty(await stored(), 'compliance').status).toBe('not_required');
    expect((await log()).at(-1)).toMatchObject({
      communication_type: 'decision',
      decision_made: 'Notice to Compliance not required: No personal data in the stolen files (checked by Dana).',
    });
  });

  it("closes the follow-up the obligation opened: Step 8's list no longer shows the notice once it is sent", async () => {
    await tick(['data_theft']);
    const before = await readFollowUps(db, WORKSPACE, INCIDENT);
    const open = () => openFollowUps(before.entries, before.supersededIds, TICKED_AT).map((item) => item.entry.action_requested);
    expect(open().some((action) => action.includes('Cyber insurer'))).toBe(true);

    const insurer = byParty(await stored(), 'insurer');
    const write = markNoticeSent(insurer, { contacted: 'Claims hotline', method: 'Phone', summary: 'Claim SM-4411.' }, CONTEXT, TICKED_AT);
    await saveRecord(db, SETTINGS, write.record, write.note, TICKED_AT);

    const after = await readFollowUps(db, WORKSPACE, INCIDENT);
    const stillOpen = openFollowUps(after.entries, after.supersededIds, TICKED_AT).map((item) => item.entry.action_requested);
    expect(stillOpen.some((action) => action.includes('Cyber insurer'))).toBe(false);
    expect(stillOpen.length).toBe(open().length - 1);
    // The notice entry names the entry that opened the obligation.
    expect((await log()).at(-1)?.corrects).toBe(insurer.log_entry_id);
  });

  it('is refused as a conflict when the obligation changed elsewhere meanwhile', async () => {
    await tick(['data_theft']);
    const insurer = byParty(await stored(), 'insurer');
    await saveRecord(db, SETTINGS, markNoticeSent(insurer, { contacted: '', method: 'Phone', summary: '' }, CONTEXT, TICKED_AT).record, null);
    const stale = markNoticeNotRequired(insurer, 'Handled by the other tab.', TICKED_AT);
    await expect(saveRecord(db, SETTINGS, stale.record, stale.note)).rejects.toSatisfy((error) => error instanceof StoreError && error.reason === 'conflict');
  });
});

describe('records from a newer version', () => {
  it('are kept out of the obligation rules but keep their clock start for late notices', () => {
    const foreign = {
      id: 'ob-x',
      kind: 'obligation',
      workspace_id: WORKSPACE,
      incident_id: INCIDENT,
      party: 'data_trustee',
      triggers: ['data_theft'],
      clock_start: '2026-03-01T08:00:00.000Z',
      due_at: '2026-03-02T08:00:00.000Z',
      status: 'open',
      sent_at: null,
      note: '',
      version: 1,
      created_at: '2026-03-01T08:00:00.000Z',
      updated_at: '2026-03-01T08:00:00.000Z',
    } satisfies ObligationRecord;
    expect(asObligation(foreign)).toBeNull();
    expect(lateClockStart([foreign], ['data_theft'])?.toISOString()).toBe('2026-03-01T08:00:00.000Z');
    const plan = planObligations({ workspaceId: WORKSPACE, incidentId: INCIDENT, ticked: ['ransomware'], clockStart: TICKED_AT, periods: EXAMPLE_NOTICE_PERIODS, records: [foreign], context: CONTEXT, now: TICKED_AT });
    expect(plan.writes.map((write) => write.record.party)).toEqual(['insurer', 'legal']);
  });
});
