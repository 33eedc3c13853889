import type { LogEntry, LogEntryFields } from './log-entry';

/** Room left in "Response received" (2,000 characters) for what the responder types as the outcome. */
export const OUTCOME_MAX_LENGTH = 1000;

/** What a follow-up asks for, in one line: its follow-up text, else the action requested, else the summary. */
export function followUpText(entry: Pick<LogEntry, 'follow_up_required' | 'action_requested' | 'message_summary'>): string {
  return entry.follow_up_required.trim() || entry.action_requested.trim() || entry.message_summary.trim();
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * The entry that marks a follow-up done. Log entries are never changed (Step 8's record must
 * hold up in later review), so "done" is a new entry that completes the original (its
 * `corrects` names it): the original's fields, with "Follow-up required" and the deadline
 * cleared and "Response received" saying what was done (the new entry's recording time says
 * when). The original stays as written.
 */
export function completionFields(entry: LogEntry, outcome: string): LogEntryFields {
  const asked = clip(followUpText(entry), 400);
  const done = `Follow-up done: ${/[.!?…]$/.test(asked) ? asked : `${asked}.`}${outcome.trim() ? ` Outcome: ${clip(outcome.trim(), OUTCOME_MAX_LENGTH)}` : ''}`;
  // The earlier response is kept first, shortened if both would not fit the field's 2,000 characters.
  const earlier = entry.response_received.trim();
  const response = earlier ? `${clip(earlier, 2000 - done.length - 1)}\n${done}` : done;
  return {
    incident_id: entry.incident_id,
    occurred_at: entry.occurred_at,
    communication_type: entry.communication_type,
    contacted: entry.contacted,
    contact_method: entry.contact_method,
    message_summary: entry.message_summary,
    decision_made: entry.decision_made,
    action_requested: entry.action_requested,
    owner: entry.owner,
    deadline: null,
    response_received: response,
    follow_up_required: '',
    evidence_location: entry.evidence_location,
  };
}
