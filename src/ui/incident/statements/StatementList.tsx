import { For, Show } from 'solid-js';
import type { StatementRecord } from '../../../domain/incident-records';
import { lintStatement } from '../../../domain/statement-lint';
import { audienceLabel, statementStatus, statementVersion } from '../../../domain/statement-workflow';
import { StatementStatusTag } from './StatementStatusTag';

/** The incident's statements, newest first, each with where it stands. */
export function StatementList(props: { statements: readonly StatementRecord[]; verifiedNoData: boolean; onOpen: (record: StatementRecord) => void }) {
  const sorted = () => [...props.statements].sort((a, b) => b.created_at.localeCompare(a.created_at));
  const blocking = (record: StatementRecord) => lintStatement(record.text, { verifiedNoDataFinding: props.verifiedNoData }).filter((finding) => finding.blocking).length;
  return (
    <Show when={props.statements.length > 0} fallback={<p class="empty">No statement yet. Nothing goes out until it is drafted, checked and approved here.</p>}>
      <ul class="card-list" data-testid="statement-list">
        <For each={sorted()}>
          {(record) => (
            <li class="cockpit-card statement-card">
              <h3>{record.title}</h3>
              <p class="note">
                To {audienceLabel(record.audience)} · v{statementVersion(record)}
              </p>
              <p>
                <StatementStatusTag status={statementStatus(record, blocking(record))} />
              </p>
              <button type="button" class="secondary wide" onClick={() => props.onOpen(record)} aria-label={`Open statement: ${record.title}`}>
                Open
              </button>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
