import { isCommunicationType, type CommunicationType } from './communication-types';

/**
 * The communication log template's 13 fields (PLAYBOOK "Communication Log Template"),
 * in the template's order. Times are ISO 8601 strings in UTC.
 */
export interface LogEntryFields {
  incident_id: string;
  occurred_at: string;
  communication_type: CommunicationType;
  contacted: string;
  contact_method: string;
  message_summary: string;
  decision_made: string;
  action_requested: string;
  owner: string;
  deadline: string | null;
  response_received: string;
  follow_up_required: string;
  evidence_location: string;
}

/** A recorded entry. Never changed once written: a correction is a new entry whose `corrects` names this one. */
export interface LogEntry extends LogEntryFields {
  id: string;
  workspace_id: string;
  /** Who recorded it on this device (Step 8: "who made the contact" when the owner field is blank). */
  author: string;
  /** Device clock at the moment of saving; `occurred_at` is what the user says happened. */
  device_recorded_at: string;
  corrects: string | null;
  /** Position in this incident's log on this device, 1-based. */
  local_seq: number;
  content_hash: string;
  prev_hash: string;
  hash: string;
  /** 1 when follow_up_required is filled in; stored so IndexedDB can index it. */
  follow_up: 0 | 1;
}

export type LogFieldName = keyof LogEntryFields;

export interface LogFieldSpec {
  name: LogFieldName;
  label: string;
  maxLength: number;
  /** Required even in a quick entry. */
  quick: boolean;
}

export const LOG_FIELDS: readonly LogFieldSpec[] = [
  { name: 'incident_id', label: 'Incident ID', maxLength: 40, quick: true },
  { name: 'occurred_at', label: 'Date and time', maxLength: 40, quick: true },
  { name: 'communication_type', label: 'Communication type', maxLength: 40, quick: true },
  { name: 'contacted', label: 'Person or organization contacted', maxLength: 200, quick: true },
  { name: 'contact_method', label: 'Contact method', maxLength: 200, quick: false },
  { name: 'message_summary', label: 'Message summary', maxLength: 4000, quick: true },
  { name: 'decision_made', label: 'Decision made', maxLength: 2000, quick: false },
  { name: 'action_requested', label: 'Action requested', maxLength: 2000, quick: false },
  { name: 'owner', label: 'Owner', maxLength: 200, quick: false },
  { name: 'deadline', label: 'Deadline', maxLength: 40, quick: false },
  { name: 'response_received', label: 'Response received', maxLength: 2000, quick: false },
  { name: 'follow_up_required', label: 'Follow-up required', maxLength: 2000, quick: false },
  { name: 'evidence_location', label: 'Evidence or document location', maxLength: 1000, quick: false },
];

/** What a form hands over: every field as typed, times as ISO strings or ''. */
export type LogDraft = { [K in LogFieldName]: string };

export type FieldErrors = Partial<Record<LogFieldName, string>>;

export type DraftValidation = { ok: true; fields: LogEntryFields } | { ok: false; errors: FieldErrors };

function parseTime(value: string): string | null {
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/**
 * Checks a draft at the edge, before anything is stored. Quick entries need only type,
 * who and summary (plus incident and time, which the form pre-fills); everything else may
 * be completed later by a follow-up entry.
 */
export function validateLogDraft(draft: LogDraft): DraftValidation {
  const errors: FieldErrors = {};
  for (const spec of LOG_FIELDS) {
    const value = draft[spec.name].trim();
    if (spec.quick && value === '') errors[spec.name] = `${spec.label} is required.`;
    else if (value.length > spec.maxLength)
      errors[spec.name] = `${spec.label} is too long: ${value.length} characters, at most ${spec.maxLength}.`;
  }
  const occurredAt = parseTime(draft.occurred_at);
  if (!errors.occurred_at && occurredAt === null) errors.occurred_at = 'Date and time is not a valid date.';
  const deadline = draft.deadline.trim() === '' ? null : parseTime(draft.deadline);
  if (!errors.deadline && draft.deadline.trim() !== '' && deadline === null)
    errors.deadline = 'Deadline is not a valid date.';
  if (!errors.communication_type && !isCommunicationType(draft.communication_type))
    errors.communication_type = 'Pick a communication type from the list.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  return {
    ok: true,
    fields: {
      incident_id: draft.incident_id.trim(),
      occurred_at: occurredAt as string,
      communication_type: draft.communication_type as CommunicationType,
      contacted: draft.contacted.trim(),
      contact_method: draft.contact_method.trim(),
      message_summary: draft.message_summary.trim(),
      decision_made: draft.decision_made.trim(),
      action_requested: draft.action_requested.trim(),
      owner: draft.owner.trim(),
      deadline,
      response_received: draft.response_received.trim(),
      follow_up_required: draft.follow_up_required.trim(),
      evidence_location: draft.evidence_location.trim(),
    },
  };
}

export function emptyLogDraft(incidentId: string, now: Date): LogDraft {
  return {
    incident_id: incidentId,
    occurred_at: now.toISOString(),
    communication_type: '',
    contacted: '',
    contact_method: '',
    message_summary: '',
    decision_made: '',
    action_requested: '',
    owner: '',
    deadline: '',
    response_received: '',
    follow_up_required: '',
    evidence_location: '',
  };
}

/** A draft that starts from an earlier entry: used to complete a quick entry or correct a mistake. */
export function draftFromEntry(entry: LogEntry): LogDraft {
  const draft = emptyLogDraft(entry.incident_id, new Date(entry.occurred_at));
  for (const spec of LOG_FIELDS) draft[spec.name] = entry[spec.name] ?? '';
  return draft;
}

/** True when only the quick-entry fields are filled: the list offers "Complete". */
export function isQuickEntry(entry: LogEntryFields): boolean {
  return LOG_FIELDS.every((spec) => spec.quick || (entry[spec.name] ?? '') === '');
}

export function hasUnsavedText(draft: LogDraft, pristine: LogDraft): boolean {
  return LOG_FIELDS.some((spec) => spec.name !== 'occurred_at' && draft[spec.name].trim() !== pristine[spec.name].trim());
}
