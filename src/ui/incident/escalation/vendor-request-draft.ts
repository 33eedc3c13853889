/**
 * Step 4's vendor request as the composer holds it, and what sending or answering it stores
 * and logs. Pure: the composer wires these to signals and the store.
 */
import { CONTACT_CHANNEL_LABELS, CONTACT_CHANNELS, type ContactChannel } from '../../../domain/contact-methods';
import { CONTACT_CATEGORIES, type ContactCategory } from '../../../domain/contacts';
import type { Incident } from '../../../domain/incident';
import type { VendorRequestRecord } from '../../../domain/incident-records';
import { formatIncidentTime } from '../../../domain/leadership-update';
import { fitLogField } from '../../../domain/log-field-fit';
import { ESCALATION_TRIGGERS } from '../../../domain/playbook-triggers';
import { VENDOR_ASKS, type VendorRequestInput, type VendorRequestMessage } from '../../../domain/vendor-request';
import { revise, type LogNote } from '../../../store/incident-actions';
import { toLocalInput } from '../../app/relative-time';

/** Every provider Step 4 escalates to, in the contact list's order. */
export const PROVIDER_CATEGORIES: readonly ContactCategory[] = CONTACT_CATEGORIES.filter((category) =>
  ESCALATION_TRIGGERS.some((trigger) => (trigger.categories as readonly string[]).includes(category)),
);

export interface VendorDraft {
  /** The contact picked from the list; '' when the vendor is typed. */
  contactId: string;
  vendorName: string;
  reference: string;
  asks: string[];
  /** As typed: one system per line or comma. */
  systems: string;
  /** <input type="datetime-local"> values, the phone's local time. */
  windowFrom: string;
  windowTo: string;
  deadline: string;
  replyChannel: string;
  owner: string;
  /** How it went out (a ContactChannel), '' until the user says. */
  method: string;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const FIVE_MINUTES_MS = 300_000;
// Step 4 asks for help "quickly": a reply is wanted within hours, not days.
const DEFAULT_REPLY_HOURS = 4;

/** Everything Step 4 asks for, the window from detection to now, a reply in 4 hours, the communication owner following up. */
export function initialVendorDraft(incident: Incident, fallbackOwner: string, now: Date): VendorDraft {
  const replyBy = Math.ceil((now.getTime() + DEFAULT_REPLY_HOURS * HOUR_MS) / FIVE_MINUTES_MS) * FIVE_MINUTES_MS;
  return {
    contactId: '',
    vendorName: '',
    reference: '',
    asks: [...VENDOR_ASKS],
    systems: '',
    windowFrom: toLocalInput(incident.detected_at),
    // Up to the next minute: the inputs show minutes, and a window must end after it starts.
    windowTo: toLocalInput(new Date(Math.ceil((now.getTime() + 1) / MINUTE_MS) * MINUTE_MS).toISOString()),
    deadline: toLocalInput(new Date(replyBy).toISOString()),
    replyChannel: '',
    owner: incident.comm_owner?.trim() || fallbackOwner,
    method: '',
  };
}

/** A datetime-local value as ISO 8601 (UTC); '' stays '' and an unreadable value is kept for the validator to name. */
export function fromLocalInput(value: string): string {
  if (value.trim() === '') return '';
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}

export function splitSystems(text: string): string[] {
  return text
    .split(/[,\n;]/)
    .map((system) => system.trim())
    .filter((system) => system !== '');
}

export function vendorRequestInput(draft: VendorDraft, incident: Incident, timeZone: string): VendorRequestInput {
  return {
    vendorName: draft.vendorName,
    asks: draft.asks,
    systems: splitSystems(draft.systems),
    windowFrom: fromLocalInput(draft.windowFrom),
    windowTo: fromLocalInput(draft.windowTo),
    incidentId: incident.id,
    deadline: fromLocalInput(draft.deadline),
    replyChannel: draft.replyChannel,
    timeZone,
    reference: draft.reference,
  };
}

export function methodLabel(method: string): string {
  return (CONTACT_CHANNELS as readonly string[]).includes(method) ? CONTACT_CHANNEL_LABELS[method as ContactChannel] : method;
}

/** At most `max` characters, cut at a word and marked with "…". */
export function shorten(text: string, max: number): string {
  const flat = text.trim().replace(/\s*\n\s*/g, ' / ');
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const atWord = cut.lastIndexOf(' ');
  return `${atWord > max / 2 ? cut.slice(0, atWord) : cut}…`;
}

export interface VendorRequestSent {
  record: VendorRequestRecord;
  note: LogNote;
}

/** The request as sent: a record that waits for its answer, and the vendor_request log entry. */
export function vendorRequestSent(
  input: VendorRequestInput,
  message: VendorRequestMessage,
  sent: { workspaceId: string; owner: string; method: string; contacted: string },
  now: Date,
): VendorRequestSent {
  const stamp = now.toISOString();
  const record: VendorRequestRecord = {
    id: crypto.randomUUID(),
    kind: 'vendor_request',
    workspace_id: sent.workspaceId,
    incident_id: input.incidentId,
    created_at: stamp,
    updated_at: stamp,
    version: 1,
    vendor: input.vendorName.trim(),
    asks: VENDOR_ASKS.filter((ask) => input.asks.includes(ask)),
    systems: input.systems.join(', '),
    window_from: input.windowFrom,
    window_to: input.windowTo,
    deadline: input.deadline,
    owner: sent.owner.trim(),
    response_received_at: null,
    response: '',
  };
  const due = formatIncidentTime(input.deadline, input.timeZone);
  return {
    record,
    note: {
      type: 'vendor_request',
      contacted: sent.contacted,
      method: methodLabel(sent.method),
      // The request exactly as sent, lines kept: the log and a ticket opened from it quote it whole.
      summary: fitLogField('message_summary', message.text),
      action: message.actionRequested,
      owner: record.owner,
      deadline: record.deadline,
      followUp: `If ${record.vendor} has not replied by ${due}: call again and escalate.`,
    },
  };
}

export interface VendorResponse {
  text: string;
  method: string;
  followUp: string;
}

/** The answer arrived: the record is closed with it, and the log says what came back. */
export function vendorResponseReceived(request: VendorRequestRecord, response: VendorResponse, timeZone: string, now: Date): VendorRequestSent {
  const record = revise(request, { response_received_at: now.toISOString(), response: response.text.trim() }, now);
  const asked = formatIncidentTime(request.created_at, timeZone);
  return {
    record,
    note: {
      type: 'vendor_request',
      contacted: request.vendor,
      method: methodLabel(response.method),
      summary: `Response from ${request.vendor} to the request of ${asked}: ${shorten(response.text, 300)}`,
      response: response.text.trim(),
      followUp: response.followUp.trim(),
    },
  };
}
