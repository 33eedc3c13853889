import { formatIncidentTime, formatMinutes } from './leadership-update';

/**
 * Step 4: "Technical support requests should be precise. Ask for logs, access history,
 * session records, admin changes, recovery options, containment support, and confirmation
 * of actions taken." Each ask names the systems and the time window.
 */
export const VENDOR_ASKS = [
  'logs',
  'access_history',
  'session_records',
  'admin_changes',
  'recovery_options',
  'containment_support',
  'confirmation_of_actions',
] as const;

export type VendorAsk = (typeof VENDOR_ASKS)[number];

export const VENDOR_ASK_LABELS: Record<VendorAsk, string> = {
  logs: 'Logs',
  access_history: 'Access history',
  session_records: 'Session records',
  admin_changes: 'Admin changes',
  recovery_options: 'Recovery options',
  containment_support: 'Containment support',
  confirmation_of_actions: 'Confirmation of actions taken',
};

/** What exactly to send: "in that period" is the window stated just above the list. */
const ASK_WORDING: Record<VendorAsk, (systems: string, window: string) => string> = {
  logs: (systems, window) => `Logs: sign-in, audit and security event logs for ${systems} from ${window}.`,
  access_history: (systems) => `Access history: every sign-in and access to ${systems} in that period, with account, time, IP address and location.`,
  session_records: (systems) => `Session records: sessions open on ${systems} in that period and now, with account, device and start time.`,
  admin_changes: (systems) => `Admin changes: every admin, permission, rule and configuration change on ${systems} in that period: who, what and when.`,
  recovery_options: (systems) => `Recovery options: backups and restore points for ${systems}, the newest one you can confirm is clean, and how long a restore takes.`,
  containment_support: (systems) => `Containment support: what you can block, disable or isolate on ${systems} now, and what you need from us to do it.`,
  confirmation_of_actions: () => 'Confirmation of actions taken: written confirmation of each action you take, with its time.',
};

export function isVendorAsk(value: string): value is VendorAsk {
  return (VENDOR_ASKS as readonly string[]).includes(value);
}

export interface VendorRequestInput {
  vendorName: string;
  /** Ask ids as picked; the request lists them in Step 4's order. */
  asks: readonly string[];
  systems: readonly string[];
  /** ISO 8601. */
  windowFrom: string;
  windowTo: string;
  incidentId: string;
  /** ISO 8601: when the answer is needed. */
  deadline: string;
  /** A channel that is safe right now (Step 7), e.g. "call Tom Becker on +1 202 555 0102". */
  replyChannel: string;
  timeZone: string;
  /** Account, contract or ticket number the vendor will ask for. */
  reference?: string;
}

export interface VendorRequestMessage {
  subject: string;
  text: string;
  /** One line for the log's "Action requested". */
  actionRequested: string;
  /** Labels of what is still empty; it appears in the text as [Label]. */
  missing: string[];
}

const oneLine = (value: string) => value.trim().replace(/\s+/g, ' ');

/** "A", "A and B", "A, B and C". */
function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export function composeVendorRequest(input: VendorRequestInput): VendorRequestMessage {
  const missing: string[] = [];
  const orMark = (value: string, label: string) => {
    if (value !== '') return value;
    missing.push(label);
    return `[${label}]`;
  };
  const time = (iso: string, label: string) => orMark(iso.trim() === '' ? '' : formatIncidentTime(iso, input.timeZone), label);

  const vendor = orMark(oneLine(input.vendorName), 'Vendor');
  const incidentId = orMark(oneLine(input.incidentId), 'Incident ID');
  const systems = orMark(listOf(input.systems.map(oneLine).filter((system) => system !== '')), 'Affected systems');
  const window = `${time(input.windowFrom, 'Window start')} to ${time(input.windowTo, 'Window end')}`;
  const deadline = time(input.deadline, 'Reply by');
  const replyChannel = orMark(oneLine(input.replyChannel), 'Reply channel');
  const asks = VENDOR_ASKS.filter((ask) => input.asks.includes(ask));
  if (asks.length === 0) missing.push('What we ask for');
  const reference = oneLine(input.reference ?? '');

  const text = [
    `To: ${vendor} support`,
    `Security incident ${incidentId}${reference === '' ? '' : `, account or contract ${reference}`}.`,
    `Affected: ${systems}. Time window: ${window}.`,
    'We request:',
    ...asks.map((ask, index) => `${index + 1}. ${ASK_WORDING[ask](systems, window)}`),
    `Reply by ${deadline} via ${replyChannel}. Do not reply through the affected systems.`,
  ].join('\n');
  const asked = asks.map((ask) => VENDOR_ASK_LABELS[ask].toLowerCase());
  return {
    subject: `${incidentId}: urgent support request, reply by ${deadline}`,
    text,
    actionRequested: `Asked ${vendor} for ${asked.length === 0 ? '[What we ask for]' : listOf(asked)} on ${systems} (${window}); reply by ${deadline} via ${replyChannel}.`,
    missing,
  };
}

export type VendorRequestField = Exclude<keyof VendorRequestInput, 'timeZone' | 'reference'>;

export type VendorRequestCheck = { ok: true } | { ok: false; errors: Partial<Record<VendorRequestField, string>> };

function timeOf(value: string): number | null {
  const time = Date.parse(value.trim());
  return value.trim() === '' || Number.isNaN(time) ? null : time;
}

export function validateVendorRequest(input: VendorRequestInput, now: Date): VendorRequestCheck {
  const errors: Partial<Record<VendorRequestField, string>> = {};
  if (oneLine(input.vendorName) === '') errors.vendorName = 'Name the vendor or MSP.';
  if (oneLine(input.incidentId) === '') errors.incidentId = 'Incident ID is required.';
  const unknown = input.asks.filter((ask) => !isVendorAsk(ask));
  if (unknown.length > 0) errors.asks = `Not a request Muster knows: ${unknown.join(', ')}.`;
  else if (input.asks.length === 0) errors.asks = 'Pick at least one thing to ask for.';
  if (input.systems.every((system) => oneLine(system) === '')) errors.systems = 'Name the affected systems.';
  if (oneLine(input.replyChannel) === '') errors.replyChannel = 'Say where to reply: a channel that is safe now.';

  const from = timeOf(input.windowFrom);
  const to = timeOf(input.windowTo);
  if (from === null) errors.windowFrom = 'The start of the time window is not a valid date.';
  if (to === null) errors.windowTo = 'The end of the time window is not a valid date.';
  else if (from !== null && from >= to) errors.windowTo = 'The time window must end after it starts.';

  const deadline = timeOf(input.deadline);
  if (deadline === null) errors.deadline = 'Reply by is not a valid date.';
  else if (deadline <= now.getTime()) errors.deadline = 'Reply by must be in the future.';
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true };
}

export type VendorRequestState = 'answered' | 'waiting' | 'overdue';

export interface VendorRequestStatus {
  state: VendorRequestState;
  label: string;
}

/** Whether a logged request still waits for its answer. A response closes it, late or not. */
export function vendorRequestStatus(request: { deadline: string | null; response_received_at: string | null }, now: Date): VendorRequestStatus {
  if ((request.response_received_at ?? '').trim() !== '') return { state: 'answered', label: 'Answered' };
  const deadline = request.deadline === null ? null : timeOf(request.deadline);
  if (deadline === null) return { state: 'waiting', label: 'Waiting for a reply, no deadline set' };
  const left = deadline - now.getTime();
  const minutes = Math.ceil(Math.abs(left) / 60_000);
  if (left < 0) return { state: 'overdue', label: `No reply, overdue by ${formatMinutes(minutes)}: escalate` };
  return { state: 'waiting', label: minutes === 0 ? 'Waiting for a reply, due now' : `Waiting for a reply, due in ${formatMinutes(minutes)}` };
}
