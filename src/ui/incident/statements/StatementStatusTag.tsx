import { listOf, roleLabel, type StatementStatus } from '../../../domain/statement-workflow';
import { formatTime } from '../../app/relative-time';

function statusText(status: StatementStatus): string {
  switch (status.state) {
    case 'draft':
      return `Draft: ${status.blocking} finding${status.blocking === 1 ? ' blocks' : 's block'} sending`;
    case 'awaiting_approval':
      return `Awaiting approval: ${listOf(status.missing.map(roleLabel))}`;
    case 'approved':
      return 'Approved: ready to send';
    case 'sent':
      return `Sent ${formatTime(status.at)} via ${status.via}`;
  }
}

/** Where a statement stands, in words: draft, awaiting whom, approved, or sent when and how. */
export function StatementStatusTag(props: { status: StatementStatus }) {
  return (
    <span class="statement-status" data-state={props.status.state}>
      {statusText(props.status)}
    </span>
  );
}
