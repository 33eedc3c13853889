import type { Accessor } from 'solid-js';
import type { Incident } from '../../../domain/incident';
import { LEADERSHIP_UPDATE_FIELDS, type LeadershipUpdateValues } from '../../../domain/leadership-update';
import { isContactChannel } from '../../../domain/message-recipients';
import type { ContactChannel } from '../../../domain/contact-methods';
import { createStoredDraft, storedObject, stringList, stringOr } from '../shared/stored-draft';

/** The leadership update being written for one incident (Step 2). */
export interface LeadershipDraft {
  /** next_update_at '' means "not chosen": now plus the workspace's cadence, moving with the clock. */
  values: LeadershipUpdateValues;
  /** How it went out, for the log; '' until chosen or a send button was used. */
  sentOn: ContactChannel | '';
  /** Leadership contacts left out of this update (ids): new contacts are included by default. */
  excluded: string[];
  /** The text the user confirmed holds no secret, despite the scanner's warning. */
  secretsAcknowledged: string;
  /** The last update marked sent, exactly as sent: Step 2 lets only that text be posted to chat, after a reload too. */
  lastSent: string;
}

function blankDraft(incident: Incident): LeadershipDraft {
  const values = Object.fromEntries(LEADERSHIP_UPDATE_FIELDS.map((field) => [field.key, ''])) as LeadershipUpdateValues;
  return { values: { ...values, what_happened: incident.title, detected_at: incident.detected_at }, sentOn: '', excluded: [], secretsAcknowledged: '', lastSent: '' };
}

function restoreDraft(stored: unknown, incident: Incident): LeadershipDraft | null {
  const object = storedObject(stored);
  const values = storedObject(object?.values);
  if (!object || !values) return null;
  const blank = blankDraft(incident);
  const restoredValues = Object.fromEntries(
    LEADERSHIP_UPDATE_FIELDS.map((field) => [field.key, stringOr(values[field.key], blank.values[field.key])]),
  ) as LeadershipUpdateValues;
  const sentOn = stringOr(object.sentOn, '');
  return {
    values: restoredValues,
    sentOn: isContactChannel(sentOn) ? sentOn : '',
    excluded: stringList(object.excluded),
    secretsAcknowledged: stringOr(object.secretsAcknowledged, ''),
    lastSent: stringOr(object.lastSent, ''),
  };
}

export function createLeadershipDraft(workspaceId: Accessor<string>, incident: Accessor<Incident>) {
  return createStoredDraft(
    () => `muster:leadership-draft:${workspaceId()}:${incident().id}`,
    () => blankDraft(incident()),
    (stored) => restoreDraft(stored, incident()),
  );
}

export type LeadershipDraftStore = ReturnType<typeof createLeadershipDraft>;
