import { For, Show } from 'solid-js';
import type { StatementRecord } from '../../../domain/incident-records';
import { approve, currentApprovals, requiredRoles, roleLabel, statementVersion } from '../../../domain/statement-workflow';
import { revise } from '../../../store/incident-actions';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useMuster } from '../../app/muster-app';
import { formatTime } from '../../app/relative-time';
import { AuthorNamePrompt } from './AuthorNamePrompt';
import { createStatementChange } from './statement-change';
import { statementApprovedNote } from './statement-notes';

/** Step 6: "reviewed by the appropriate business, legal, and leadership contacts", one button per required role. */
export function StatementApprovals(props: { record: StatementRecord; blocking: number; dirty: boolean; onChanged: (record: StatementRecord) => void }) {
  const app = useMuster();
  const change = createStatementChange((record) => props.onChanged(record));
  const approvalOf = (role: string) => currentApprovals(props.record).find((approval) => approval.role === role);
  const me = () => app.settings().author_name.trim();

  const approveAs = async (role: string) => {
    change.setError('');
    const approved = approve(props.record, role, { blocking: props.blocking, by: me(), at: new Date().toISOString() });
    if (!approved.ok) return change.setError(approved.reason);
    const record = revise(props.record, approved.patch);
    await change.save(record, statementApprovedNote(record, approved.patch.approvals.at(-1) as (typeof record.approvals)[number]));
  };

  return (
    <section aria-labelledby="approvals-title">
      <h3 id="approvals-title">Approvals of v{statementVersion(props.record)}</h3>
      <Show when={props.dirty}>
        <p class="note warning">Save or undo your changes first: approvers approve the saved version.</p>
      </Show>
      <Show when={props.blocking > 0 && !props.dirty}>
        <p class="note warning">No approval while a finding blocks sending.</p>
      </Show>
      <Show when={me() !== ''} fallback={<AuthorNamePrompt why="An approval records who gave it." />}>
        <ul class="card-list">
          <For each={requiredRoles(props.record.required_roles)}>
            {(role) => (
              <li>
                <Show
                  when={approvalOf(role)}
                  fallback={
                    <button type="button" class="secondary wide" disabled={change.busy() || props.dirty || props.blocking > 0} onClick={() => void approveAs(role)}>
                      Approve as {roleLabel(role)}
                    </button>
                  }
                >
                  {(approval) => (
                    <p class="approval-done">
                      <span>
                        <span aria-hidden="true">✓ </span>
                        {roleLabel(role)}: approved by {approval().by}, {formatTime(approval().at)}
                      </span>
                    </p>
                  )}
                </Show>
              </li>
            )}
          </For>
        </ul>
        <p class="note">You approve as {me()}; the log records your name and role.</p>
      </Show>
      <ErrorAlert message={change.error()} />
    </section>
  );
}
