import type { Accessor } from 'solid-js';
import type { ContactChannel } from '../../../domain/contact-methods';
import type { Incident } from '../../../domain/incident';
import { isContactChannel } from '../../../domain/message-recipients';
import { createStoredDraft, storedObject, stringList, stringOr } from '../shared/stored-draft';

/** The employee instructions being written for one incident (Step 3). */
export interface EmployeeDraft {
  /** EMPLOYEE_INSTRUCTIONS ids. */
  picked: string[];
  /** Instructions typed by the communication owner, in order; blank ones are left out of the message. */
  custom: string[];
  alternateChannel: string;
  reportTo: string;
  affectedSystem: string;
  /** How it went out, for the log; '' until chosen or a send button was used. */
  sentOn: ContactChannel | '';
  /** Employee groups left out of this message (contact ids). */
  excluded: string[];
  /** The text the user confirmed holds no secret, despite the scanner's warning. */
  secretsAcknowledged: string;
}

function blankDraft(incident: Incident): EmployeeDraft {
  // Reports go to the communication owner unless the user says otherwise.
  return { picked: [], custom: [], alternateChannel: '', reportTo: incident.comm_owner ?? '', affectedSystem: '', sentOn: '', excluded: [], secretsAcknowledged: '' };
}

function restoreDraft(stored: unknown, incident: Incident): EmployeeDraft | null {
  const object = storedObject(stored);
  if (!object) return null;
  const blank = blankDraft(incident);
  const sentOn = stringOr(object.sentOn, '');
  return {
    picked: stringList(object.picked),
    custom: stringList(object.custom),
    alternateChannel: stringOr(object.alternateChannel, blank.alternateChannel),
    reportTo: stringOr(object.reportTo, blank.reportTo),
    affectedSystem: stringOr(object.affectedSystem, blank.affectedSystem),
    sentOn: isContactChannel(sentOn) ? sentOn : '',
    excluded: stringList(object.excluded),
    secretsAcknowledged: stringOr(object.secretsAcknowledged, ''),
  };
}

export function createEmployeeDraft(workspaceId: Accessor<string>, incident: Accessor<Incident>) {
  return createStoredDraft(
    () => `muster:employee-draft:${workspaceId()}:${incident().id}`,
    () => blankDraft(incident()),
    (stored) => restoreDraft(stored, incident()),
  );
}

export type EmployeeDraftStore = ReturnType<typeof createEmployeeDraft>;
