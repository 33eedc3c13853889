// A realistic incident, recorded through the app's own store functions in fake-indexeddb:
// leadership updates, a channel marking and the alternate-channel notice, two vendor requests
// (one answered, one not), three notice obligations (sent, ruled out, open), a statement
// approved, edited, approved again and sent, decisions, a correction and follow-ups.
import { channelMarkingAction, channelMarkingSummary, markChannel } from '../../src/domain/channel-workflow';
import { decisionSummary } from '../../src/domain/decision-record';
import type { Incident } from '../../src/domain/incident';
import type { ObligationRecord, StatementRecord, VendorRequestRecord } from '../../src/domain/incident-records';
import { EXAMPLE_NOTICE_PERIODS } from '../../src/domain/obligations';
import { approve, markSent, newStatement, nextVersion } from '../../src/domain/statement-workflow';
import { composeVendorRequest, type VendorRequestInput } from '../../src/domain/vendor-request';
import type { WorkspaceSettings } from '../../src/domain/workspace';
import { listRecords, logNote, revise, saveRecord, updateIncident } from '../../src/store/incident-actions';
import { completeFollowUp } from '../../src/store/incident-overview';
import { markNoticeNotRequired, markNoticeSent, recordLegalTriggers } from '../../src/store/obligation-records';
import type { MusterDatabase } from '../../src/store/open-database';
import { openIncident, saveSettings } from '../../src/store/workspace-repository';
import { vendorRequestSent, vendorResponseReceived } from '../../src/ui/incident/escalation/vendor-request-draft';

export const T0 = Date.parse('2026-03-02T08:00:00.000Z');
export const at = (minutes: number) => new Date(T0 + minutes * 60_000);
export const iso = (minutes: number) => at(minutes).toISOString();

export const SETTINGS: WorkspaceSettings = {
  workspace_id: 'ws-northwind',
  name: 'Northwind Dental',
  is_demo: false,
  author_name: 'Tom Becker',
  current_incident_id: null,
  backend_url: null,
  time_zone: 'UTC',
};

export interface RecordedIncident {
  incident: Incident;
  /** When the report is generated: 5 hours after detection. */
  reportAt: Date;
}

async function sendVendorRequest(db: MusterDatabase, incident: Incident, vendor: string, minutes: number, deadlineMinutes: number): Promise<VendorRequestRecord> {
  const input: VendorRequestInput = {
    vendorName: vendor,
    asks: ['logs', 'admin_changes'],
    systems: ['Finance mailbox'],
    windowFrom: iso(-24 * 60),
    windowTo: iso(minutes),
    incidentId: incident.id,
    deadline: iso(deadlineMinutes),
    replyChannel: 'call Tom Becker on +1 202 555 0102',
    timeZone: 'UTC',
  };
  const sent = vendorRequestSent(input, composeVendorRequest(input), { workspaceId: SETTINGS.workspace_id, owner: 'Tom Becker', method: 'phone', contacted: `${vendor} service desk` }, at(minutes));
  return (await saveRecord(db, SETTINGS, sent.record, sent.note, at(minutes))).record;
}

export async function recordRealisticIncident(db: MusterDatabase): Promise<RecordedIncident> {
  await saveSettings(db, SETTINGS);
  const opened = await openIncident(db, SETTINGS, 'Forwarding rule on the finance mailbox', at(0), { owner: 'Tom Becker', deputy: 'Maria Lopez' });
  const id = opened.id;

  // Step 2: the first leadership update, and a second one that keeps the promised time.
  for (const [minutes, next] of [[10, 70], [70, 130]] as const) {
    await updateIncident(db, SETTINGS, id, (incident) => ({ ...incident, next_update_due: iso(next) }), {
      type: 'leadership_update',
      contacted: 'Leadership: Ana Ruiz',
      method: 'Phone',
      summary: `What happened: forwarding rule found on the finance mailbox.\nNext update: ${iso(next)}`,
      deadline: iso(next),
    }, at(minutes));
  }

  // Step 7: corporate email marked compromised, the team told where to go.
  await updateIncident(db, SETTINGS, id, (incident) => markChannel(incident, 'corporate_email', 'compromised'), {
    type: 'decision',
    contacted: 'Incident team',
    method: 'Muster',
    summary: channelMarkingSummary('corporate_email', 'compromised'),
    decision: channelMarkingSummary('corporate_email', 'compromised'),
    action: channelMarkingAction('corporate_email', 'compromised'),
  }, at(15));
  await logNote(db, SETTINGS, id, { type: 'internal_update', contacted: 'Response team', method: 'SMS', summary: 'Alternate-channel notice sent.\n\nUse only: Phone calls and SMS.' }, at(16));

  // Step 4: one request answered in 45 minutes, one never answered.
  const answered = await sendVendorRequest(db, opened, 'Bluebridge IT', 20, 120);
  const reply = vendorResponseReceived(answered, { text: 'Sign-in logs exported to the vault.', method: 'phone', followUp: '' }, 'UTC', at(65));
  await saveRecord(db, SETTINGS, reply.record, reply.note, at(65));
  await sendVendorRequest(db, opened, 'Harbor Cloud', 25, 60);

  // Step 5: data theft ticked: insurer, legal and compliance must be told.
  await recordLegalTriggers(db, SETTINGS, { incidentId: id, ticked: ['data_theft'], periods: EXAMPLE_NOTICE_PERIODS, context: { timeZone: 'UTC', owner: 'Tom Becker' } }, at(30));
  const obligations = await listRecords(db, SETTINGS.workspace_id, id, 'obligation');
  const byParty = (party: string) => obligations.find((record) => record.party === party) as ObligationRecord;
  const insurer = markNoticeSent(byParty('insurer'), { contacted: 'Cyber insurer claims line', method: 'Phone', summary: 'Claim CY-88 opened.' }, { timeZone: 'UTC', owner: 'Tom Becker' }, at(180));
  await saveRecord(db, SETTINGS, insurer.record, insurer.note, at(180));
  const compliance = markNoticeNotRequired(byParty('compliance'), 'no regulated data in the mailbox', at(240));
  await saveRecord(db, SETTINGS, compliance.record, compliance.note, at(240));

  // Step 6: drafted, approved by legal, edited (the approval is voided), approved again by both, sent.
  let statement: StatementRecord = newStatement({
    id: crypto.randomUUID(),
    workspaceId: SETTINGS.workspace_id,
    incidentId: id,
    audience: 'customers',
    draft: { title: 'Customer notice: mailbox incident', text: 'We are investigating an incident affecting one mailbox.' },
    roles: ['legal', 'leadership'],
    by: 'Tom Becker',
    at: iso(90),
  });
  statement = (await saveRecord(db, SETTINGS, statement, { type: 'internal_update', contacted: 'Incident team', summary: 'Statement draft v1 saved.' }, at(90))).record;
  const change = async (patch: Partial<StatementRecord>, minutes: number, summary: string) => {
    statement = (await saveRecord(db, SETTINGS, revise(statement, patch, at(minutes)), { type: 'decision', contacted: 'Incident team', summary }, at(minutes))).record;
  };
  const approval = (role: string, by: string, minutes: number) => {
    const result = approve(statement, role, { blocking: 0, by, at: iso(minutes) });
    if (!result.ok) throw new Error(result.reason);
    return result.patch;
  };
  await change(approval('legal', 'Lee Counsel', 95), 95, 'Statement v1 approved by Lee Counsel (Legal).');
  const edited = nextVersion(statement, { title: statement.title, text: 'We are investigating an incident affecting one mailbox. We will update you by Friday.' }, { roles: ['legal', 'leadership'], by: 'Tom Becker', at: iso(100) });
  if (!edited.ok) throw new Error(edited.reason);
  await change(edited.next.patch, 100, 'Statement draft v2 saved.');
  await change(approval('legal', 'Lee Counsel', 105), 105, 'Statement v2 approved by Lee Counsel (Legal).');
  await change(approval('leadership', 'Ana Ruiz', 110), 110, 'Statement v2 approved by Ana Ruiz (Leadership).');
  const sent = markSent(statement, { blocking: 0, via: 'Email from the support address', at: iso(120) });
  if (!sent.ok) throw new Error(sent.reason);
  await change(sent.patch, 120, 'Statement v2 sent to Customers.');

  // Step 8: a decision, a mistake corrected, a follow-up done and one still open.
  await logNote(db, SETTINGS, id, {
    type: 'decision',
    contacted: 'Incident team',
    summary: decisionSummary({ decision: 'Keep the mailbox online', options: 'Shut it down; keep it online', rationale: 'Payroll runs today' }),
    decision: 'Keep the mailbox online',
    owner: 'Ana Ruiz',
  }, at(40));
  const wrong = await logNote(db, SETTINGS, id, { type: 'internal_update', contacted: 'IT', summary: 'Password reset for 3 users.' }, at(150));
  await logNote(db, SETTINGS, id, { type: 'internal_update', contacted: 'IT', summary: 'Password reset for 4 users.', corrects: wrong.id }, at(155));
  const done = await logNote(db, SETTINGS, id, { type: 'msp_action', contacted: 'Bluebridge IT', summary: 'Rule removed.', followUp: 'Confirm the rule stays removed.' }, at(160));
  await completeFollowUp(db, SETTINGS, done, 'Confirmed: still removed.', at(200));
  await logNote(db, SETTINGS, id, { type: 'internal_update', contacted: 'IT', summary: 'MFA reset planned.', followUp: 'Confirm MFA reset for all finance users.', deadline: iso(360) }, at(210));

  const incident = (await db.get('incidents', [SETTINGS.workspace_id, id])) as Incident;
  return { incident, reportAt: at(300) };
}
