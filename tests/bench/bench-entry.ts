import type { LogEntryFields } from '../../src/domain/log-entry';

/**
 * The n-th entry a benchmark logs: realistic lengths, a mix of types, some with an action or
 * a follow-up, so indexes and filters see the shapes a real log has.
 */
export function benchEntryFields(n: number, incidentId: string, label = 'Entry'): LogEntryFields {
  return {
    incident_id: incidentId,
    occurred_at: new Date(Date.UTC(2026, 11, 4, 8, 0, n)).toISOString(),
    communication_type: n % 3 === 0 ? 'vendor_request' : 'internal_update',
    contacted: `Contact ${n % 40}`,
    contact_method: 'Phone',
    message_summary: `${label} ${n}: asked the MSP for sign-in logs of the finance mailbox and the admin changes since Monday.`,
    decision_made: '',
    action_requested: n % 5 === 0 ? 'Send the sign-in logs' : '',
    owner: 'Bench responder',
    deadline: null,
    response_received: '',
    follow_up_required: n % 7 === 0 ? 'Call back at 14:00' : '',
    evidence_location: '',
  };
}
