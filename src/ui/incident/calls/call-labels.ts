import {
  CHECKOFF_OUTCOME_LABELS,
  type AttemptEnd,
  type CallAttempt,
  type CallNodeRun,
  type CallNodeState,
  type Checkoff,
  type EscalationAlert,
  type FailedBecause,
} from '../../../domain/call-tree';
import { formatMinutes } from '../../../domain/next-update';

export const CALL_STATE_LABELS: Record<CallNodeState, string> = {
  waiting: 'Waiting',
  pending: 'Calling',
  reached: 'Reached',
  failed: 'Not reached',
};

const FAILED_LABELS: Record<FailedBecause, string> = {
  no_callers: 'nobody was named to make this call',
  callers_exhausted: 'no caller checked the call off in time',
  contacts_exhausted: 'the contact and every backup contact were tried',
};

const ENDED_LABELS: Record<AttemptEnd, string> = {
  reached: 'reached',
  no_answer: 'no answer',
  wrong_number: 'wrong number',
  no_checkoff: 'nothing checked off in time',
  no_callback: 'no call back in time',
};

const shortTime = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** "14:05": times within a run are minutes apart, on the same day. */
export function clockTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? 'an unreadable time' : shortTime.format(date);
}

/**
 * How long the caller has left on a call before it moves on. The current attempt's due time
 * is always ahead (runState moves a call on once its wait is up); a clock tick late shows "now".
 */
export function callCountdown(attempt: Pick<CallAttempt, 'due' | 'waitingFor'>, now: number): string {
  const minutes = Math.max(0, Math.ceil((Date.parse(attempt.due) - now) / 60_000));
  const left = minutes === 0 ? 'less than a minute' : formatMinutes(minutes);
  return attempt.waitingFor === 'callback' ? `Waiting for a call back: ${left} left, then the next contact` : `Check it off within ${left}, or it moves to the next caller`;
}

/** Why a call came to this caller, when it did not start with them; null for the first attempt. */
export function handedOverBecause(item: Pick<CallNodeRun, 'attempts'>, name: (contactId: string) => string): string | null {
  const previous = item.attempts.at(-2);
  if (!previous?.ended) return null;
  const who = previous.caller;
  switch (previous.ended.because) {
    case 'no_checkoff':
      return `${who} did not check the call to ${name(previous.contactId)} off in time.`;
    case 'no_callback':
      return `${name(previous.contactId)} did not call back in time.`;
    case 'no_answer':
    case 'wrong_number':
      return `${name(previous.contactId)}: ${ENDED_LABELS[previous.ended.because]} (${previous.ended.by ?? who}).`;
    case 'reached':
      return null;
  }
}

/** One line on a call in the progress view: who is calling whom now and since when, or how it ended. */
export function callStatusLine(item: CallNodeRun, name: (contactId: string) => string, parentName: string | null): string {
  switch (item.state) {
    case 'waiting':
      return parentName ? `Called once ${parentName} is reached (or cannot be).` : 'Not called yet.';
    case 'pending': {
      const attempt = item.attempt;
      if (!attempt) return 'Calling.';
      return attempt.waitingFor === 'callback'
        ? `${attempt.caller} left a voicemail for ${name(attempt.contactId)}; waiting for a call back until ${clockTime(attempt.due)}.`
        : `${attempt.caller} is calling ${name(attempt.contactId)} since ${clockTime(attempt.since)}; moves on at ${clockTime(attempt.due)}.`;
    }
    case 'reached':
      return item.reachedBy
        ? `${item.reachedBy.caller} reached ${name(item.reachedBy.contact_id)} at ${clockTime(item.reachedBy.at)}.`
        : 'Reached.';
    case 'failed':
      return `Not reached: ${item.failedBecause ? FAILED_LABELS[item.failedBecause] : 'every way was tried'}.`;
  }
}

/** A call's history, oldest first: each checkoff, and each hand-over the clock made. */
export function callHistory(item: Pick<CallNodeRun, 'attempts' | 'checkoffs'>, name: (contactId: string) => string): { at: string; text: string }[] {
  const checkoffs = item.checkoffs.map((checkoff: Checkoff) => ({
    at: checkoff.at,
    text: `${checkoff.caller} → ${name(checkoff.contact_id)}, ${checkoff.method || 'method not recorded'}: ${CHECKOFF_OUTCOME_LABELS[checkoff.outcome] ?? checkoff.outcome}${checkoff.note.trim() ? `. ${checkoff.note.trim()}` : ''}`,
  }));
  const timeouts = item.attempts.flatMap((attempt) =>
    attempt.ended && attempt.ended.by === null
      ? [{ at: attempt.ended.at, text: `${attempt.caller} → ${name(attempt.contactId)}: ${ENDED_LABELS[attempt.ended.because]}; moved on.` }]
      : [],
  );
  return [...checkoffs, ...timeouts].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** What an escalation says to the member it concerns, in the app. */
export function escalationText(alert: EscalationAlert, name: (contactId: string) => string): string {
  return alert.kind === 'backup'
    ? `A call is yours now: call ${name(alert.contactId)}.`
    : `Nobody reached ${name(alert.contactId)}: every caller and contact was tried. Decide how else to reach them.`;
}
