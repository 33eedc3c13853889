/**
 * What a ticket says, for the incident, a follow-up or a vendor request: the title and text
 * sent to the ticket tool (Step 4: "Technical support requests should be precise"). Pure;
 * the cards wire them to the incident and the store.
 */
import { CHANNEL_LABELS, CHANNELS, channelSafety, type ChannelStates } from '../../../domain/channels';
import { followUpText } from '../../../domain/follow-up-completion';
import type { FollowUpItem } from '../../../domain/follow-ups';
import type { Incident } from '../../../domain/incident';
import type { VendorRequestRecord } from '../../../domain/incident-records';
import type { LogEntry } from '../../../domain/log-entry';
import { formatIncidentTime } from '../../../domain/leadership-update';
import { ESCALATION_TRIGGERS, escalationAdvice, leadershipVerdict } from '../../../domain/playbook-triggers';
import { isVendorAsk, VENDOR_ASK_LABELS, vendorRequestStatus } from '../../../domain/vendor-request';

/** The dispatch function's limits (contract, issue 7). */
export const TICKET_TITLE_MAX = 255;
export const TICKET_TEXT_MAX = 4000;
export const TICKET_TASKS_MAX = 20;
export const TICKET_TASK_MAX = 200;
export const TICKET_ATTACHMENT_MAX = 1_000_000;

/** The incident ticket's text when its log was too long to attach: says so, within the text limit. */
export function withLogLeftOut(text: string, entries: number): string {
  const note = `\n\nThe communication log (${entries} ${entries === 1 ? 'entry' : 'entries'}) is too long to attach: it is in the incident's export from Muster.`;
  return `${text.slice(0, TICKET_TEXT_MAX - note.length)}${note}`;
}

/** At most `max` characters, marked with "…" when cut. */
export function clipText(text: string, max: number): string {
  const flat = text.trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

const oneLine = (text: string) => text.trim().replace(/\s+/g, ' ');

export function incidentTicketTitle(incident: Pick<Incident, 'id' | 'title'>): string {
  return clipText(`${incident.id}: ${oneLine(incident.title)}`, TICKET_TITLE_MAX);
}

export interface IncidentFacts {
  timeZone: string;
  vendorRequests: readonly VendorRequestRecord[];
  followUps: readonly FollowUpItem[];
  now: Date;
}

/**
 * A plain summary for whoever picks the ticket up: what kind of incident (the Step 4
 * triggers ticked), how serious (escalate now? what may be affected, Step 2), since when,
 * which systems (as named in the vendor requests) and where things stand.
 */
export function incidentTicketText(incident: Incident, facts: IncidentFacts): string {
  const escalation = incident.triggers?.escalation ?? [];
  const types = ESCALATION_TRIGGERS.filter((trigger) => escalation.includes(trigger.id)).map((trigger) => trigger.label);
  const advice = escalationAdvice(escalation);
  const affects = leadershipVerdict(incident.triggers?.leadership ?? []).reasons.map((reason) => reason.toLowerCase());
  const severity = [
    advice.escalateNow ? 'escalate now (Step 4 triggers ticked)' : 'no Step 4 escalation trigger ticked',
    affects.length > 0 ? `may affect ${affects.join(', ')}` : '',
  ].filter((part) => part !== '');
  const systems = [...new Set(facts.vendorRequests.flatMap((request) => request.systems.split(',').map((system) => system.trim())).filter((system) => system !== ''))];
  const time = (iso: string) => formatIncidentTime(iso, facts.timeZone);
  const unsafe = CHANNELS.map((channel) => ({ channel, state: channelSafety(channel, (incident.channels ?? {}) as ChannelStates) }))
    .filter((item) => item.state !== 'safe')
    .map((item) => `${CHANNEL_LABELS[item.channel].toLowerCase()} ${item.state}`);
  const overdue = facts.followUps.filter((item) => item.state === 'overdue').length;
  const waiting = facts.vendorRequests.filter((request) => vendorRequestStatus(request, facts.now).state !== 'answered').length;
  const status = [
    incident.status === 'open' ? 'open' : 'closed',
    incident.comm_owner ? `communication owner ${incident.comm_owner}` : 'no communication owner named yet',
    incident.next_update_due ? `next leadership update due ${time(incident.next_update_due)}` : '',
    unsafe.length > 0 ? `do not use: ${unsafe.join(', ')}` : '',
    `${facts.followUps.length} open follow-up${facts.followUps.length === 1 ? '' : 's'}${overdue > 0 ? ` (${overdue} overdue)` : ''}`,
    waiting > 0 ? `${waiting} vendor request${waiting === 1 ? '' : 's'} waiting for an answer` : '',
  ].filter((part) => part !== '');
  const text = [
    `Security incident ${incident.id}: ${oneLine(incident.title)}`,
    `Type: ${types.length > 0 ? types.join(', ') : 'not classified yet'}`,
    `Severity: ${severity.join('; ')}`,
    `Started: detected ${time(incident.detected_at)}; opened in Muster ${time(incident.opened_at)}`,
    `Affected systems: ${systems.length > 0 ? systems.join(', ') : 'not recorded yet'}`,
    `Current status: ${status.join('; ')}`,
  ].join('\n');
  return clipText(text, TICKET_TEXT_MAX);
}

/** The open follow-ups, as the tool's tasks. */
export function followUpTasks(items: readonly FollowUpItem[]): string[] {
  return items.slice(0, TICKET_TASKS_MAX).map((item) => clipText(oneLine(followUpText(item.entry)), TICKET_TASK_MAX));
}

export function incidentLogFileName(incidentId: string): string {
  return `${incidentId.replace(/[^A-Za-z0-9-]+/g, '_')}-log.csv`;
}

export function followUpTicketTitle(entry: LogEntry): string {
  return `Follow-up: ${clipText(oneLine(followUpText(entry)), 80)}`;
}

export function followUpTicketText(item: FollowUpItem, incidentId: string, timeZone: string): string {
  const entry = item.entry;
  return clipText(
    [
      `Follow-up from security incident ${incidentId} (log entry #${entry.local_seq}):`,
      followUpText(entry),
      `Owner: ${entry.owner.trim() || 'not named'}`,
      `Deadline: ${item.due ? formatIncidentTime(item.due, timeZone) : 'none set'}`,
    ].join('\n'),
    TICKET_TEXT_MAX,
  );
}

export function vendorTicketTitle(request: VendorRequestRecord): string {
  return clipText(`Vendor request: ${oneLine(request.vendor)}`, TICKET_TITLE_MAX);
}

/**
 * The request as sent: the text its log entry recorded (and the line asked of the vendor),
 * or, when that entry is not on this phone, the record's own facts.
 */
export function vendorTicketText(request: VendorRequestRecord, sent: LogEntry | undefined, timeZone: string): string {
  const time = (iso: string) => formatIncidentTime(iso, timeZone);
  const asked = request.asks.map((ask) => (isVendorAsk(ask) ? VENDOR_ASK_LABELS[ask] : ask)).join(', ');
  const lines = sent
    ? [sent.message_summary, ...(sent.action_requested.trim() ? ['', `Action requested: ${sent.action_requested.trim()}`] : [])]
    : [
        `To: ${request.vendor} support`,
        `Security incident ${request.incident_id}.`,
        `Asked for: ${asked}`,
        `Systems: ${request.systems}`,
        `Time window: ${time(request.window_from)} to ${time(request.window_to)}`,
        `Reply by: ${time(request.deadline)}`,
      ];
  return clipText([...lines, `Owner: ${request.owner}`].join('\n'), TICKET_TEXT_MAX);
}
