import { createSignal, For, Show } from 'solid-js';
import type { StatementRecord } from '../../../domain/incident-records';
import { approve, currentApprovals, requiredRoles, roleLabel, statementVersion } from '../../../domain/statement-workflow';
import { revise } from '../../../store/incident-actions';
import { useMuster } from '../../app/muster-app';
import { formatTime } from '../../app/relative-time';
import { useIncidentActions } from '../incident-actions';
import { AuthorNamePrompt } from './AuthorNamePrompt';
import { recordFailureMessage } from './record-failure';
import { statementApprovedNote } from './statement-notes';

/** Step 6: "reviewed by the appropriate business, legal, and leadership contacts", one button per required role. */
export function StatementApprovals(props: { record: StatementRecord; blocking: number; dirty: boolean; onChanged: (record: StatementRecord) => void }) {
  const app = useMuster();
  const actions = useIncidentActions();
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const approvalOf = (role: string) => currentApprovals(props.record).find((approval) => approval.role === role);
  const me = () => app.settings().author_name.trim();

  const approveAs = async (role: string) => {
    setError('');
    const change = approve(props.record, role, { blocking: props.blocking, by: me(), at: new Date().toISOString() });
    if (!change.ok) return setError(change.reason);
    const record = revise(props.record, change.patch);
    setBusy(true);
    try {
      await actions.save(record, statementApprovedNote(record, change.patch.approvals.at(-1) as (typeof record.approvals)[number]));
      props.onChanged(record);
    } catch (failure) {
      setError(recordFailureMessage(failure));
    } finally {
      setBusy(false);
    }
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
                    <button type="button" class="secondary wide" disabled={busy() || props.dirty || props.blocking > 0} onClick={() => void approveAs(role)}>
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
      <Show when={error()}>
        <p class="save-error" role="alert">
          {error()}
        </p>
      </Show>
    </section>
  );
}
