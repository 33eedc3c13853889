import { createSignal, For, Show } from 'solid-js';
import type { Incident } from '../../../domain/incident';
import type { StatementApproval, StatementRecord } from '../../../domain/incident-records';
import { describeSecrets, scanForSecrets } from '../../../domain/secret-scanner';
import { lintStatement, STATEMENT_AUDIENCES, type StatementFinding } from '../../../domain/statement-lint';
import {
  listOf,
  newStatement,
  nextVersion,
  roleLabel,
  STATEMENT_TEXT_MAX,
  statementVersion,
  validateStatementDraft,
  type StatementDraft,
  type StatementDraftErrors,
} from '../../../domain/statement-workflow';
import { revise } from '../../../store/incident-actions';
import { ErrorAlert } from '../../app/ErrorAlert';
import { describedBy, FormField } from '../../app/FormField';
import { SecretWarning } from '../../app/SecretWarning';
import { useMuster } from '../../app/muster-app';
import { StatusNote } from '../../app/StatusNote';
import { useIncidentActions } from '../incident-actions';
import { recordSaveFailure } from '../shared/record-save-failure';
import { useWorkflowSettings } from '../workflow-settings';
import { LintFindings } from './LintFindings';
import { STATEMENT_TEXT_KEPT } from './statement-change';
import { statementSavedNote } from './statement-notes';

export interface StatementForm extends StatementDraft {
  audience: string;
}

/**
 * Step 6's draft: audience (for a new statement), title and text, checked as it is typed.
 * Each save is a new version; saving over approvals voids them and says so.
 */
export function StatementEditor(props: {
  incident: Incident;
  record: StatementRecord | null;
  form: StatementForm;
  onForm: (next: StatementForm) => void;
  findings: readonly StatementFinding[];
  onSaved: (record: StatementRecord) => void;
}) {
  const app = useMuster();
  const actions = useIncidentActions();
  const workflow = useWorkflowSettings();
  const [errors, setErrors] = createSignal<StatementDraftErrors & { save?: string }>({});
  const [status, setStatus] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  // Step 7: a secret in the draft is warned about before it is stored; the user decides.
  const [secretWarning, setSecretWarning] = createSignal('');
  const set = (patch: Partial<StatementForm>) => {
    setSecretWarning('');
    props.onForm({ ...props.form, ...patch });
  };
  const nextNumber = () => (props.record ? statementVersion(props.record) + 1 : 1);

  const build = (): { ok: true; record: StatementRecord; voided: StatementApproval[] } | { ok: false; reason: string } => {
    const by = app.settings().author_name.trim();
    const at = new Date().toISOString();
    const roles = workflow().approversFor(props.form.audience);
    if (!props.record) {
      const record = newStatement({ id: crypto.randomUUID(), workspaceId: props.incident.workspace_id, incidentId: props.incident.id, audience: props.form.audience, draft: props.form, roles, by, at });
      return { ok: true, record, voided: [] };
    }
    const next = nextVersion(props.record, props.form, { roles, by, at });
    if (!next.ok) return next;
    return { ok: true, record: revise(props.record, next.next.patch), voided: next.next.voided };
  };

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    setStatus('');
    const found = validateStatementDraft(props.form);
    setErrors(found);
    if (Object.keys(found).length > 0 || busy()) return;
    const secrets = scanForSecrets(`${props.form.title}\n${props.form.text}`);
    if (secrets.length > 0) return setSecretWarning(describeSecrets(secrets));
    await store();
  };

  const store = async () => {
    if (busy()) return;
    setSecretWarning('');
    const built = build();
    if (!built.ok) return setErrors({ save: built.reason });
    const findings = lintStatement(built.record.text, { verifiedNoDataFinding: Boolean(props.incident.verified_no_data) });
    // One tap, one version: a second tap while storing would write a duplicate.
    setBusy(true);
    try {
      const { record, entry } = await actions.save(built.record, statementSavedNote(built.record, findings, built.voided));
      const voided = built.voided.length > 0 ? ` The approvals of v${statementVersion(record) - 1} are void: ${listOf(built.voided.map((approval) => roleLabel(approval.role)))} must approve this version again.` : '';
      setStatus(`Saved v${statementVersion(record)}, logged as #${entry?.local_seq ?? '?'}.${voided}`);
      props.onSaved(record);
    } catch (error) {
      setErrors({ save: recordSaveFailure(error, STATEMENT_TEXT_KEPT) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={save} novalidate class="statement-editor">
      <Show when={!props.record}>
        <FormField id="statement-audience" label="Audience" hint={`Needs approval from ${listOf(workflow().approversFor(props.form.audience).map(roleLabel))}.`}>
          <select id="statement-audience" value={props.form.audience} onChange={(event) => set({ audience: event.currentTarget.value })}>
            <For each={[...STATEMENT_AUDIENCES]}>{(audience) => <option value={audience.id}>{audience.label}</option>}</For>
          </select>
        </FormField>
      </Show>
      <FormField id="statement-title" label="Title" hint="For Muster's list and log; not part of the text sent." error={errors().title}>
        <input id="statement-title" value={props.form.title} maxlength="160" onInput={(event) => set({ title: event.currentTarget.value })} {...describedBy('statement-title', errors().title)} />
      </FormField>
      <FormField id="statement-text" label="Statement text" hint={`Only known facts. ${props.form.text.length} of ${STATEMENT_TEXT_MAX} characters.`} error={errors().text}>
        <textarea id="statement-text" rows="7" value={props.form.text} onInput={(event) => set({ text: event.currentTarget.value })} {...describedBy('statement-text', errors().text)} />
      </FormField>
      <LintFindings text={props.form.text} findings={props.findings} />
      <Show
        when={secretWarning()}
        fallback={
          <button type="submit" class="primary wide" disabled={busy()}>
            Save as v{nextNumber()} (logged)
          </button>
        }
      >
        <SecretWarning
          message={secretWarning()}
          onEdit={() => {
            setSecretWarning('');
            document.getElementById('statement-text')?.focus();
          }}
          onSaveAnyway={() => void store()}
        />
      </Show>
      <StatusNote text={status()} />
      <ErrorAlert message={errors().save} />
    </form>
  );
}
