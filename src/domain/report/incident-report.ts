/**
 * The post-incident report: one document for review, insurance claims and legal (Step 8:
 * "Clear records help prevent confusion and support later review, insurance claims, legal
 * review, customer questions, and post-incident improvement"). Built from the incident, its
 * log and its records only; times stay ISO here, the renderers format them.
 */
import { CHANNEL_LABELS, CHANNEL_SAFETY_LABELS, CHANNELS, type ChannelSafety } from '../channels';
import { COMMUNICATION_TYPE_LABELS, isCommunicationType } from '../communication-types';
import { openFollowUps, type FollowUpState } from '../follow-ups';
import type { Incident } from '../incident';
import type { IncidentRecord, ObligationRecord, StatementRecord, VendorRequestRecord } from '../incident-records';
import type { LogEntry } from '../log-entry';
import { ESCALATION_TRIGGERS, LEADERSHIP_TRIGGERS, LEGAL_TRIGGERS, NOTIFY_PARTIES, NOTIFY_PARTY_LABELS, type NotifyParty } from '../playbook-triggers';
import { audienceLabel, missingRoles, roleLabel, statementVersion } from '../statement-workflow';
import { isVendorAsk, VENDOR_ASK_LABELS } from '../vendor-request';

export interface ReportInput {
  workspaceName: string;
  incident: Incident;
  /** This phone's log of the incident, in any order. */
  entries: readonly LogEntry[];
  /** The incident's obligations, vendor requests and statements. */
  records: readonly IncidentRecord[];
  generatedAt: string;
  generatedBy: string;
  /** IANA zone the renderers write times in. */
  timeZone: string;
}

export interface TimelineItem {
  seq: number;
  occurredAt: string;
  type: string;
  typeLabel: string;
  contacted: string;
  method: string;
  summary: string;
  decision: string;
  action: string;
  response: string;
  followUp: string;
  deadline: string | null;
  evidence: string;
  owner: string;
  recordedBy: string;
  /** The seq of the entry this one corrects or completes, if any. */
  corrects: number | null;
  /** Later entries that correct or complete this one. */
  correctedBy: number[];
}

export interface LeadershipUpdateSent {
  seq: number;
  sentAt: string;
  to: string;
  method: string;
  text: string;
  /** The next update it promised. */
  nextUpdateAt: string | null;
  correctedBy: number[];
}

export type VendorRequestOutcome = 'answered' | 'answered_late' | 'waiting' | 'overdue';

export interface VendorRequestLine {
  vendor: string;
  asks: string[];
  systems: string;
  owner: string;
  requestedAt: string;
  deadline: string;
  respondedAt: string | null;
  /** Whole minutes from request to response; null while unanswered. */
  responseMinutes: number | null;
  outcome: VendorRequestOutcome;
  response: string;
}

export type ObligationOutcome = 'met' | 'met_late' | 'not_required' | 'open' | 'overdue';

export interface ObligationLine {
  party: string;
  triggers: string[];
  clockStart: string;
  dueAt: string;
  outcome: ObligationOutcome;
  /** When the notice went out (met), or when it was ruled out (not required). */
  settledAt: string | null;
  /** Minutes after the due time it went out (met_late) or is overdue by (overdue). */
  lateMinutes: number | null;
  basis: string;
}

export interface ApprovalLine {
  role: string;
  by: string;
  at: string;
  version: number;
  /** False when an edit after it voided it. */
  current: boolean;
}

export interface StatementLine {
  title: string;
  audience: string;
  state: 'sent' | 'approved' | 'awaiting_approval';
  version: number;
  versions: number;
  requiredRoles: string[];
  missingRoles: string[];
  approvals: ApprovalLine[];
  sentAt: string | null;
  sentVia: string;
  text: string;
}

export interface ChannelChange {
  seq: number;
  occurredAt: string;
  summary: string;
  recordedBy: string;
}

export interface OpenFollowUpLine {
  seq: number;
  state: FollowUpState;
  due: string | null;
  /** What is to be done: the follow-up text, else the action requested, else what the entry said. */
  what: string;
  contacted: string;
  owner: string;
}

export interface IncidentReport {
  workspaceName: string;
  generatedAt: string;
  generatedBy: string;
  timeZone: string;
  summary: {
    incidentId: string;
    title: string;
    status: Incident['status'];
    detectedAt: string;
    openedAt: string;
    commOwner: string;
    commDeputy: string;
    firstActivityAt: string | null;
    lastActivityAt: string | null;
    entries: number;
    decisions: number;
    corrections: number;
    firstSeq: number | null;
    lastSeq: number | null;
    chainHead: string | null;
    triggers: { leadership: string[]; escalation: string[]; legal: string[] };
    verifiedNoData: { by: string; evidence: string; at: string } | null;
  };
  timeline: TimelineItem[];
  leadershipUpdates: LeadershipUpdateSent[];
  vendorRequests: VendorRequestLine[];
  obligations: ObligationLine[];
  statements: StatementLine[];
  channels: { current: { channel: string; state: string }[]; changes: ChannelChange[] };
  openFollowUps: OpenFollowUpLine[];
}

const MINUTE = 60_000;

function labelsOf(ids: readonly string[] | undefined, known: readonly { id: string; label: string }[]): string[] {
  return (ids ?? []).map((id) => known.find((trigger) => trigger.id === id)?.label ?? id);
}

function partyLabel(party: string): string {
  return (NOTIFY_PARTIES as readonly string[]).includes(party) ? NOTIFY_PARTY_LABELS[party as NotifyParty] : party;
}

function minutesBetween(from: string, to: string): number | null {
  const a = Date.parse(from);
  const b = Date.parse(to);
  return Number.isNaN(a) || Number.isNaN(b) ? null : Math.round((b - a) / MINUTE);
}

function byTime(a: string, b: string): number {
  return (Date.parse(a) || 0) - (Date.parse(b) || 0);
}

// What the Step 7 screens write: a marking, the backend's marking, the notice, the bridge link.
const CHANNEL_CHANGE = /^(Channel .+ marked (safe|suspect|compromised)|Muster backend channel marked|Alternate-channel notice sent|Bridge link for the response team)/;

export function vendorRequestLine(record: VendorRequestRecord, now: Date): VendorRequestLine {
  const answered = record.response_received_at !== null && record.response_received_at.trim() !== '';
  const deadline = Date.parse(record.deadline);
  let outcome: VendorRequestOutcome;
  if (answered) outcome = !Number.isNaN(deadline) && Date.parse(record.response_received_at as string) > deadline ? 'answered_late' : 'answered';
  else outcome = !Number.isNaN(deadline) && now.getTime() > deadline ? 'overdue' : 'waiting';
  return {
    vendor: record.vendor,
    asks: record.asks.map((ask) => (isVendorAsk(ask) ? VENDOR_ASK_LABELS[ask] : ask)),
    systems: record.systems,
    owner: record.owner,
    requestedAt: record.created_at,
    deadline: record.deadline,
    respondedAt: answered ? record.response_received_at : null,
    responseMinutes: answered ? minutesBetween(record.created_at, record.response_received_at as string) : null,
    outcome,
    response: record.response,
  };
}

export function obligationLine(record: ObligationRecord, now: Date): ObligationLine {
  const base = { party: partyLabel(record.party), triggers: labelsOf(record.triggers, LEGAL_TRIGGERS), clockStart: record.clock_start, dueAt: record.due_at, basis: record.note };
  if (record.status === 'sent') {
    const late = record.sent_at === null ? null : minutesBetween(record.due_at, record.sent_at);
    return { ...base, outcome: late !== null && late > 0 ? 'met_late' : 'met', settledAt: record.sent_at, lateMinutes: late !== null && late > 0 ? late : null };
  }
  if (record.status === 'not_required') return { ...base, outcome: 'not_required', settledAt: record.updated_at, lateMinutes: null };
  const overdue = minutesBetween(record.due_at, now.toISOString());
  return overdue !== null && overdue > 0 ? { ...base, outcome: 'overdue', settledAt: null, lateMinutes: overdue } : { ...base, outcome: 'open', settledAt: null, lateMinutes: null };
}

export function statementLine(record: StatementRecord): StatementLine {
  const version = statementVersion(record);
  const missing = missingRoles(record);
  return {
    title: record.title,
    audience: audienceLabel(record.audience),
    state: record.sent_at !== null ? 'sent' : missing.length === 0 ? 'approved' : 'awaiting_approval',
    version,
    versions: record.history.length,
    requiredRoles: record.required_roles.map(roleLabel),
    missingRoles: missing.map(roleLabel),
    approvals: [...record.approvals].sort((a, b) => byTime(a.at, b.at) || a.version - b.version || a.role.localeCompare(b.role)).map((approval) => ({ role: roleLabel(approval.role), by: approval.by, at: approval.at, version: approval.version, current: approval.version === version })),
    sentAt: record.sent_at,
    sentVia: record.sent_via,
    text: record.text,
  };
}

export function buildIncidentReport(input: ReportInput): IncidentReport {
  const { incident } = input;
  const now = new Date(input.generatedAt);
  const bySeq = [...input.entries].sort((a, b) => a.local_seq - b.local_seq);
  const seqOf = new Map(bySeq.map((entry) => [entry.id, entry.local_seq]));
  const correctedBy = new Map<string, number[]>();
  for (const entry of bySeq) if (entry.corrects !== null) correctedBy.set(entry.corrects, [...(correctedBy.get(entry.corrects) ?? []), entry.local_seq]);

  const timeline: TimelineItem[] = [...bySeq]
    .sort((a, b) => byTime(a.occurred_at, b.occurred_at) || a.local_seq - b.local_seq)
    .map((entry) => ({
      seq: entry.local_seq,
      occurredAt: entry.occurred_at,
      type: entry.communication_type,
      typeLabel: isCommunicationType(entry.communication_type) ? COMMUNICATION_TYPE_LABELS[entry.communication_type] : entry.communication_type,
      contacted: entry.contacted,
      method: entry.contact_method,
      summary: entry.message_summary,
      decision: entry.decision_made,
      action: entry.action_requested,
      response: entry.response_received,
      followUp: entry.follow_up_required,
      deadline: entry.deadline,
      evidence: entry.evidence_location,
      owner: entry.owner,
      recordedBy: entry.author,
      corrects: entry.corrects === null ? null : (seqOf.get(entry.corrects) ?? null),
      correctedBy: correctedBy.get(entry.id) ?? [],
    }));

  const leadershipUpdates = bySeq
    .filter((entry) => entry.communication_type === 'leadership_update')
    .map((entry) => ({ seq: entry.local_seq, sentAt: entry.occurred_at, to: entry.contacted, method: entry.contact_method, text: entry.message_summary, nextUpdateAt: entry.deadline, correctedBy: correctedBy.get(entry.id) ?? [] }));

  // As on the Decisions screen: a corrected entry's follow-up moved to its correction, and
  // only the newest leadership update's promised time is still open.
  const superseded = new Set<string>(correctedBy.keys());
  const updates = bySeq.filter((entry) => entry.communication_type === 'leadership_update');
  for (const older of updates.slice(0, -1)) superseded.add(older.id);
  const followUps = openFollowUps(bySeq, superseded, now).map((item) => ({
    seq: item.entry.local_seq,
    state: item.state,
    due: item.due,
    what:
      item.entry.follow_up_required.trim() ||
      item.entry.action_requested.trim() ||
      (item.entry.communication_type === 'leadership_update' ? 'The next leadership update promised' : item.entry.message_summary),
    contacted: item.entry.contacted,
    owner: item.entry.owner || item.entry.author,
  }));

  const records = input.records.filter((record) => record.incident_id === incident.id);
  const ofKind = <K extends IncidentRecord['kind']>(kind: K) =>
    records.filter((record): record is Extract<IncidentRecord, { kind: K }> => record.kind === kind).sort((a, b) => byTime(a.created_at, b.created_at) || a.id.localeCompare(b.id));

  const channelStates = incident.channels ?? {};
  const times = bySeq.map((entry) => entry.occurred_at).filter((time) => !Number.isNaN(Date.parse(time))).sort(byTime);
  const last = bySeq.at(-1);
  return {
    workspaceName: input.workspaceName,
    generatedAt: input.generatedAt,
    generatedBy: input.generatedBy,
    timeZone: input.timeZone,
    summary: {
      incidentId: incident.id,
      title: incident.title,
      status: incident.status,
      detectedAt: incident.detected_at,
      openedAt: incident.opened_at,
      commOwner: incident.comm_owner ?? '',
      commDeputy: incident.comm_deputy ?? '',
      firstActivityAt: times[0] ?? null,
      lastActivityAt: times.at(-1) ?? null,
      entries: bySeq.length,
      decisions: bySeq.filter((entry) => entry.communication_type === 'decision').length,
      corrections: bySeq.filter((entry) => entry.corrects !== null).length,
      firstSeq: bySeq[0]?.local_seq ?? null,
      lastSeq: last?.local_seq ?? null,
      chainHead: last?.hash ?? null,
      triggers: {
        leadership: labelsOf(incident.triggers?.leadership, LEADERSHIP_TRIGGERS),
        escalation: labelsOf(incident.triggers?.escalation, ESCALATION_TRIGGERS),
        legal: labelsOf(incident.triggers?.legal, LEGAL_TRIGGERS),
      },
      verifiedNoData: incident.verified_no_data ? { ...incident.verified_no_data } : null,
    },
    timeline,
    leadershipUpdates,
    vendorRequests: ofKind('vendor_request').map((record) => vendorRequestLine(record, now)),
    obligations: ofKind('obligation')
      .sort((a, b) => byTime(a.due_at, b.due_at) || a.party.localeCompare(b.party) || a.id.localeCompare(b.id))
      .map((record) => obligationLine(record, now)),
    statements: ofKind('statement').map(statementLine),
    channels: {
      current: CHANNELS.filter((channel) => channelStates[channel] !== undefined).map((channel) => ({
        channel: CHANNEL_LABELS[channel],
        state: CHANNEL_SAFETY_LABELS[channelStates[channel] as ChannelSafety] ?? String(channelStates[channel]),
      })),
      changes: bySeq
        .filter((entry) => CHANNEL_CHANGE.test(entry.message_summary))
        .map((entry) => ({ seq: entry.local_seq, occurredAt: entry.occurred_at, summary: entry.message_summary, recordedBy: entry.author })),
    },
    openFollowUps: followUps,
  };
}
