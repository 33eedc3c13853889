/**
 * The report's wording, shared by the Markdown and the PDF renderings so both say the same
 * thing: times in the workspace's zone, outcomes in the playbook's words.
 */
import { formatIncidentTime } from '../leadership-update';
import { formatMinutes } from '../next-update';
import type { ObligationLine, OpenFollowUpLine, StatementLine, VendorRequestLine } from './incident-report';

export type TimeFormat = (iso: string | null) => string;

/** Times as "Mon 2 Mar 2026, 10:15 CET"; an unknown zone falls back to UTC rather than failing the report. */
export function timeFormat(timeZone: string): TimeFormat {
  let zone = timeZone;
  try {
    formatIncidentTime('2026-01-01T00:00:00Z', zone);
  } catch {
    zone = 'UTC';
  }
  return (iso) => (iso === null || iso.trim() === '' ? 'not set' : formatIncidentTime(iso, zone));
}

const duration = (minutes: number) => formatMinutes(Math.max(0, minutes));

export function vendorOutcomeText(line: VendorRequestLine, time: TimeFormat): string {
  const took = line.responseMinutes === null ? '' : ` in ${duration(line.responseMinutes)}`;
  switch (line.outcome) {
    case 'answered':
      return `Answered${took}, by the deadline (${time(line.respondedAt)})`;
    case 'answered_late':
      return `Answered${took}, after the deadline (${time(line.respondedAt)})`;
    case 'overdue':
      return `No reply: the deadline passed (${time(line.deadline)})`;
    case 'waiting':
      return `Waiting for a reply, due ${time(line.deadline)}`;
  }
}

export function obligationOutcomeText(line: ObligationLine, time: TimeFormat): string {
  switch (line.outcome) {
    case 'met':
      return `Met: notified ${time(line.settledAt)}`;
    case 'met_late':
      return `Met late: notified ${time(line.settledAt)}, ${duration(line.lateMinutes ?? 0)} after the due time`;
    case 'not_required':
      return `Ruled not required (${time(line.settledAt)})`;
    case 'overdue':
      return `Not met: overdue by ${duration(line.lateMinutes ?? 0)}`;
    case 'open':
      return `Open: due ${time(line.dueAt)}`;
  }
}

export function statementStateText(line: StatementLine, time: TimeFormat): string {
  if (line.state === 'sent') return `Sent ${time(line.sentAt)} via ${line.sentVia || 'not recorded'} (v${line.version})`;
  if (line.state === 'approved') return `Approved, not sent (v${line.version})`;
  return `Not sent: v${line.version} awaits approval from ${line.missingRoles.join(', ')}`;
}

export function followUpStateText(line: OpenFollowUpLine, time: TimeFormat): string {
  switch (line.state) {
    case 'overdue':
      return `Overdue since ${time(line.due)}`;
    case 'due_soon':
      return `Due soon: ${time(line.due)}`;
    case 'open':
      return `Due ${time(line.due)}`;
    case 'no_deadline':
      return 'No deadline';
  }
}

export const STATUS_LABELS = { open: 'Open', closed: 'Closed' } as const;
