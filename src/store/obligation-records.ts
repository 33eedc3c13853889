/**
 * Step 5's notice obligations as stored records. obligations.ts decides who must be told by
 * when (pure, on `Obligation`); this file turns its answers into the workspace's versioned
 * ObligationRecords, and gives each change its log entry, typed for the party told (Step 8:
 * "insurance notices, legal guidance..."), so nothing is entered twice.
 */
import type { CommunicationType } from '../domain/communication-types';
import type { ObligationRecord } from '../domain/incident-records';
import { formatIncidentTime } from '../domain/leadership-update';
import { obligationsFor, type NoticePeriod, type Obligation } from '../domain/obligations';
import { LEGAL_TRIGGERS, NOTIFY_PARTIES, NOTIFY_PARTY_LABELS, type NotifyParty } from '../domain/playbook-triggers';
import type { WorkspaceSettings } from '../domain/workspace';
import { listRecords, revise, saveRecord, type LogNote } from './incident-actions';
import type { MusterDatabase } from './open-database';

/** The log's communication type for a notice to each party. */
export const NOTICE_COMMUNICATION_TYPES: Record<NotifyParty, CommunicationType> = {
  insurer: 'insurance_notice',
  legal: 'legal_guidance',
  compliance: 'regulatory_notice',
  regulator: 'regulatory_notice',
  customers: 'customer_partner_communication',
  // The company's bank is a business partner: its fraud line is a partner communication.
  bank: 'customer_partner_communication',
};

function isNotifyParty(party: string): party is NotifyParty {
  return (NOTIFY_PARTIES as readonly string[]).includes(party);
}

/** A party a newer version of Muster added is logged as an internal update. */
export function noticeCommunicationType(party: string): CommunicationType {
  return isNotifyParty(party) ? NOTICE_COMMUNICATION_TYPES[party] : 'internal_update';
}

export function partyLabel(party: string): string {
  return isNotifyParty(party) ? NOTIFY_PARTY_LABELS[party] : party;
}

/** Labels of Step 5 trigger ids, in the order given; an id this version does not know is shown as is. */
export function legalTriggerLabels(ids: readonly string[]): string[] {
  return ids.map((id) => LEGAL_TRIGGERS.find((trigger) => trigger.id === id)?.label ?? id);
}

/** The record as obligations.ts sees it; null for a party this version does not know. */
export function asObligation(record: ObligationRecord): Obligation | null {
  if (!isNotifyParty(record.party)) return null;
  const { id, incident_id, party, triggers, clock_start, due_at, status, sent_at, note } = record;
  return { id, incident_id, party, triggers, clock_start, due_at, status, sent_at, note };
}

/** How a notice's due time is written in the log, and who owns getting it out (Step 1's communication owner). */
export interface NoticeContext {
  timeZone: string;
  /** Empty: the log names this phone's user. */
  owner: string;
}

/** One record to store and the log entry that says why. */
export interface ObligationWrite {
  record: ObligationRecord;
  note: LogNote;
}

export interface ObligationPlan {
  writes: ObligationWrite[];
  /** Parties a ticked trigger requires but no notice period covers: the user must set one. */
  unscheduled: NotifyParty[];
}

export interface ObligationPlanInput {
  workspaceId: string;
  incidentId: string;
  /** Every Step 5 trigger ticked for the incident now. */
  ticked: readonly string[];
  clockStart: Date;
  periods: readonly NoticePeriod[];
  /** This incident's obligation records as stored. */
  records: readonly ObligationRecord[];
  context: NoticeContext;
  now: Date;
  makeId?: () => string;
}

function notifyBy(record: ObligationRecord, context: NoticeContext): string {
  return `Notify ${partyLabel(record.party)} by ${formatIncidentTime(record.due_at, context.timeZone)}`;
}

function dutyNote(record: ObligationRecord, context: NoticeContext, summary: string): LogNote {
  return {
    type: noticeCommunicationType(record.party),
    contacted: partyLabel(record.party),
    summary,
    action: notifyBy(record, context),
    deadline: record.due_at,
    ...(context.owner.trim() === '' ? {} : { owner: context.owner.trim() }),
  };
}

function openedNote(record: ObligationRecord, context: NoticeContext): LogNote {
  const due = formatIncidentTime(record.due_at, context.timeZone);
  const because = legalTriggerLabels(record.triggers).join(', ');
  const started = formatIncidentTime(record.clock_start, context.timeZone);
  return dutyNote(record, context, `Notice obligation: ${partyLabel(record.party)} must be notified by ${due} (${because}; clock started ${started}). Basis: ${record.note}`);
}

function extendedNote(before: ObligationRecord, after: ObligationRecord, context: NoticeContext): LogNote {
  const added = legalTriggerLabels(after.triggers.filter((id) => !before.triggers.includes(id))).join(', ');
  const due = formatIncidentTime(after.due_at, context.timeZone);
  const when = after.due_at === before.due_at ? `still due ${due}` : `due earlier now: ${due}. Basis: ${after.note}`;
  return dutyNote(after, context, `Notice to ${partyLabel(after.party)} now also covers ${added}; ${when}.`);
}

function rescheduledNote(before: ObligationRecord, after: ObligationRecord, context: NoticeContext): LogNote {
  const from = formatIncidentTime(before.due_at, context.timeZone);
  const to = formatIncidentTime(after.due_at, context.timeZone);
  return dutyNote(after, context, `Notice to ${partyLabel(after.party)} rescheduled after the notice periods or time zone changed: due ${to} instead of ${from}. Basis: ${after.note}`);
}

/**
 * What the ticked triggers oblige the company to do that is not recorded yet: new
 * obligations (clock starting at `clockStart`) and open ones that gained a trigger.
 * Ticking the same triggers again plans nothing.
 */
export function planObligations(input: ObligationPlanInput): ObligationPlan {
  const mine = input.records.filter((record) => record.incident_id === input.incidentId);
  const stored = new Map(mine.map((record) => [record.id, record]));
  const changes = obligationsFor({
    incidentId: input.incidentId,
    ticked: input.ticked,
    clockStart: input.clockStart,
    periods: input.periods,
    timeZone: input.context.timeZone,
    existing: mine.map(asObligation).filter((obligation) => obligation !== null),
    makeId: input.makeId ?? (() => crypto.randomUUID()),
  });
  const stamp = input.now.toISOString();
  const writes: ObligationWrite[] = [];
  for (const obligation of changes.created) {
    const record: ObligationRecord = { ...obligation, kind: 'obligation', workspace_id: input.workspaceId, version: 1, created_at: stamp, updated_at: stamp };
    writes.push({ record, note: openedNote(record, input.context) });
  }
  for (const obligation of changes.updated) {
    const before = stored.get(obligation.id);
    if (!before) continue;
    const after = revise(before, { triggers: obligation.triggers, due_at: obligation.due_at, note: obligation.note }, input.now);
    writes.push({ record: after, note: extendedNote(before, after, input.context) });
  }
  return { writes, unscheduled: changes.unscheduled };
}

/**
 * Open obligations whose due time the current periods and time zone move (an example was
 * confirmed or replaced, or the zone changed): each keeps its clock start and triggers.
 * One whose party has no period any more keeps its due time.
 */
export function planReschedule(records: readonly ObligationRecord[], periods: readonly NoticePeriod[], context: NoticeContext, now: Date): ObligationWrite[] {
  const writes: ObligationWrite[] = [];
  for (const before of records) {
    if (before.status !== 'open' || !isNotifyParty(before.party)) continue;
    const again = obligationsFor({
      incidentId: before.incident_id,
      ticked: before.triggers,
      clockStart: new Date(before.clock_start),
      periods,
      timeZone: context.timeZone,
      existing: [],
      makeId: () => before.id,
    }).created.find((obligation) => obligation.party === before.party);
    if (!again || again.due_at === before.due_at) continue;
    const after = revise(before, { due_at: again.due_at, note: again.note }, now);
    writes.push({ record: after, note: rescheduledNote(before, after, context) });
  }
  return writes;
}

/**
 * When a notice scheduled late (its party had no period when the trigger was ticked) starts
 * its clock: the earliest clock start recorded for any of the ticked triggers. Never later
 * than the tick itself, so a late period can only make the notice due sooner, not later.
 */
export function lateClockStart(records: readonly ObligationRecord[], ticked: readonly string[]): Date | null {
  const starts = records
    .filter((record) => record.triggers.some((id) => ticked.includes(id)))
    .map((record) => Date.parse(record.clock_start))
    .filter((time) => !Number.isNaN(time));
  return starts.length === 0 ? null : new Date(Math.min(...starts));
}

/** Marked notified: who was told, how, and what was said (a claim or reference number, say). */
export interface NoticeSent {
  contacted: string;
  method: string;
  summary: string;
}

export function markNoticeSent(record: ObligationRecord, sent: NoticeSent, context: NoticeContext, now: Date): ObligationWrite {
  const after = revise(record, { status: 'sent', sent_at: now.toISOString() }, now);
  const due = formatIncidentTime(record.due_at, context.timeZone);
  const late = Date.parse(record.due_at) <= now.getTime() ? `, after it was due (${due})` : `, before it was due (${due})`;
  const said = sent.summary.trim();
  return {
    record: after,
    note: {
      type: noticeCommunicationType(record.party),
      contacted: sent.contacted.trim() || partyLabel(record.party),
      method: sent.method.trim(),
      summary: `${partyLabel(record.party)} notified${late}${said === '' ? '.' : `: ${said}`}`,
    },
  };
}

/** Step 5's decision that a notice is not needed, with the reason, logged as a decision. */
export function markNoticeNotRequired(record: ObligationRecord, reason: string, now: Date): ObligationWrite {
  const why = reason.trim();
  const after = revise(record, { status: 'not_required', note: `${record.note}\nNot required: ${why}` }, now);
  const decision = `Notice to ${partyLabel(record.party)} not required: ${why}`;
  return { record: after, note: { type: 'decision', contacted: partyLabel(record.party), method: 'Muster', summary: decision, decision } };
}

/**
 * Stores each write in order with its log entry. Rejects with the first failure (a
 * StoreError 'conflict' when a record changed elsewhere meanwhile); the writes before it stay.
 */
export async function applyObligationWrites(db: MusterDatabase, settings: WorkspaceSettings, writes: readonly ObligationWrite[], now = new Date()): Promise<ObligationRecord[]> {
  const written: ObligationRecord[] = [];
  for (const write of writes) {
    await saveRecord(db, settings, write.record, write.note, now);
    written.push(write.record);
  }
  return written;
}

export interface LegalTriggersInput {
  incidentId: string;
  ticked: readonly string[];
  periods: readonly NoticePeriod[];
  context: NoticeContext;
}

export interface ObligationsRecorded {
  written: ObligationRecord[];
  unscheduled: NotifyParty[];
}

/** Step 5 after a tick: reads the incident's obligations, records the new duties; the clocks start `now`. */
export async function recordLegalTriggers(db: MusterDatabase, settings: WorkspaceSettings, input: LegalTriggersInput, now = new Date()): Promise<ObligationsRecorded> {
  const records = await listRecords(db, settings.workspace_id, input.incidentId, 'obligation');
  const plan = planObligations({ ...input, workspaceId: settings.workspace_id, records, clockStart: now, now });
  return { written: await applyObligationWrites(db, settings, plan.writes, now), unscheduled: plan.unscheduled };
}

/**
 * Step 5 after the notice periods or the time zone changed: open obligations get their new
 * due times, and parties that had no period get their obligation (see lateClockStart).
 */
export async function rescheduleObligations(db: MusterDatabase, settings: WorkspaceSettings, input: LegalTriggersInput, now = new Date()): Promise<ObligationsRecorded> {
  const records = await listRecords(db, settings.workspace_id, input.incidentId, 'obligation');
  const moved = planReschedule(records, input.periods, input.context, now);
  // Planned on the moved versions, so a record both moved and extended is written twice in turn, not in conflict.
  const current = records.map((record) => moved.find((write) => write.record.id === record.id)?.record ?? record);
  const clockStart = lateClockStart(records, input.ticked) ?? now;
  const late = planObligations({ ...input, workspaceId: settings.workspace_id, records: current, clockStart, now });
  return { written: await applyObligationWrites(db, settings, [...moved, ...late.writes], now), unscheduled: late.unscheduled };
}
