import type { EntryMeta } from '../../src/domain/hash-chain';
import type { LogEntryFields } from '../../src/domain/log-entry';

export const WORKSPACE = 'ws-northwind';
export const INCIDENT = 'INC-2026-004';

/** A complete entry as the form would hand it over: every one of the 13 fields filled in. */
export function completeFields(overrides: Partial<LogEntryFields> = {}): LogEntryFields {
  return {
    incident_id: INCIDENT,
    occurred_at: '2026-03-02T09:15:00.000Z',
    communication_type: 'vendor_request',
    contacted: 'Bluebridge IT service desk',
    contact_method: 'Phone, 24/7 security line',
    message_summary: 'Asked for sign-in logs and admin changes on the finance mailbox since Friday.',
    decision_made: 'Disable the forwarding rule now; keep the mailbox online.',
    action_requested: 'Export sign-in logs for finance@ from 28 Feb.',
    owner: 'Tom Becker',
    deadline: '2026-03-02T12:00:00.000Z',
    response_received: 'Ticket BB-88121 opened, engineer assigned.',
    follow_up_required: 'Call back at 11:30 if no logs yet.',
    evidence_location: 'Nextcloud /incidents/INC-2026-004/vendor',
    ...overrides,
  };
}

/** A quick entry: only type, who and what (plus incident and time, which the form pre-fills). */
export function quickFields(overrides: Partial<LogEntryFields> = {}): LogEntryFields {
  return {
    ...completeFields(),
    contact_method: '',
    decision_made: '',
    action_requested: '',
    owner: '',
    deadline: null,
    response_received: '',
    follow_up_required: '',
    evidence_location: '',
    ...overrides,
  };
}

export function entryMeta(overrides: Partial<EntryMeta> = {}): EntryMeta {
  return {
    id: crypto.randomUUID(),
    workspace_id: WORKSPACE,
    author: 'Tom Becker',
    device_recorded_at: '2026-03-02T09:16:00.000Z',
    corrects: null,
    ...overrides,
  };
}
