import { createSignal, For } from 'solid-js';
import { STATEMENT_AUDIENCES } from '../../../domain/statement-lint';
import { setApprovers } from '../../../domain/statement-workflow';
import { APPROVER_ROLE_LABELS, APPROVER_ROLES, type ApproverRole } from '../../../domain/workspace';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useMuster } from '../../app/muster-app';
import { failureMessage, useIncidentActions } from '../incident-actions';
import { useWorkflowSettings } from '../workflow-settings';
import { approversChangedNote } from './statement-notes';

/**
 * Step 6: "reviewed by the appropriate business, legal, and leadership contacts": which of
 * them each audience needs. A workspace setting; each change is logged in this incident.
 */
export function ApproverSettings(props: { incidentId: string }) {
  const app = useMuster();
  const actions = useIncidentActions();
  const workflow = useWorkflowSettings();
  const [error, setError] = createSignal<{ audience: string; message: string } | null>(null);

  const toggle = async (audience: string, role: ApproverRole, on: boolean, box: HTMLInputElement) => {
    setError(null);
    const current = workflow().approversFor(audience);
    const roles = on ? [...current, role] : current.filter((existing) => existing !== role);
    const change = setApprovers(app.settings().statement_approvers, audience, roles);
    if (!change.ok) {
      box.checked = !on;
      return setError({ audience, message: change.reason });
    }
    try {
      await app.updateSettings({ ...app.settings(), statement_approvers: change.patch });
      await actions.log(props.incidentId, approversChangedNote(audience, change.patch[audience] ?? []));
    } catch (failure) {
      box.checked = !on;
      setError({ audience, message: failureMessage(failure) });
    }
  };

  return (
    <details class="approver-settings">
      <summary>Who approves statements, per audience</summary>
      <p class="note">New versions need the roles set here. A change is logged as a decision.</p>
      <For each={[...STATEMENT_AUDIENCES]}>
        {(audience) => (
          <fieldset>
            <legend>{audience.label}</legend>
            <For each={[...APPROVER_ROLES]}>
              {(role) => (
                <label class="check-row">
                  <input
                    type="checkbox"
                    checked={workflow().approversFor(audience.id).includes(role)}
                    onChange={(event) => void toggle(audience.id, role, event.currentTarget.checked, event.currentTarget)}
                  />
                  <span>{APPROVER_ROLE_LABELS[role]}</span>
                </label>
              )}
            </For>
            <ErrorAlert message={error()?.audience === audience.id ? error()?.message : null} />
          </fieldset>
        )}
      </For>
    </details>
  );
}
