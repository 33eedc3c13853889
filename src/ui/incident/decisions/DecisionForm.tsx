import { createSignal, For, Show } from 'solid-js';
import { decisionSummary, validateDecision, type DecisionErrors, type DecisionField } from '../../../domain/decision-record';
import type { Incident } from '../../../domain/incident';
import { describeSecrets, scanForSecrets } from '../../../domain/secret-scanner';
import { useNow } from '../../app/clock';
import { ErrorAlert } from '../../app/ErrorAlert';
import { describedBy, FormField } from '../../app/FormField';
import { useMuster } from '../../app/muster-app';
import { toLocalInput } from '../../app/relative-time';
import { SecretWarning } from '../../app/SecretWarning';
import { StatusNote } from '../../app/StatusNote';
import { trackUnsavedForm } from '../../app/unsaved-form';
import { useEvidenceSuggestions } from '../evidence-suggestions';
import { failureMessage, useIncidentActions } from '../incident-actions';
import { createStoredDecisionDraft } from './stored-decision-draft';

/** The typed fields the secret scanner reads (Step 7), with the control "Edit" goes back to. */
const SCANNED: readonly [DecisionField, string][] = [
  ['decision', 'decision-what'],
  ['decidedBy', 'decision-by'],
  ['options', 'decision-options'],
  ['rationale', 'decision-rationale'],
  ['evidence', 'decision-evidence'],
];

/** Step 8: a decision record (what, by whom, options, rationale, when) logged as one Decision entry. */
export function DecisionForm(props: { incident: Incident }) {
  const app = useMuster();
  const actions = useIncidentActions();
  const now = useNow();
  const stored = createStoredDecisionDraft(props.incident);
  const evidenceOptions = useEvidenceSuggestions(() => true, () => props.incident.id);
  const [errors, setErrors] = createSignal<DecisionErrors & { save?: string }>({});
  const [secretWarning, setSecretWarning] = createSignal<{ message: string; fieldId: string } | null>(null);
  const [status, setStatus] = createSignal('');
  const [saving, setSaving] = createSignal(false);
  trackUnsavedForm('decision-record', stored.unsaved);

  const value = (field: DecisionField) => stored.draft()[field];
  const input = (field: DecisionField) => (event: { currentTarget: { value: string } }) => {
    stored.set(field, event.currentTarget.value);
    setSecretWarning(null);
    if (errors()[field]) setErrors({ ...errors(), [field]: undefined });
  };
  const error = (field: DecisionField) => errors()[field];
  const people = () => [...new Set([props.incident.comm_owner, props.incident.comm_deputy, app.settings().author_name].filter((name): name is string => Boolean(name?.trim())))];

  const save = async (allowSecrets = false) => {
    const checked = validateDecision(stored.draft(), new Date());
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    const found = allowSecrets ? [] : SCANNED.map(([field, id]) => ({ id, findings: scanForSecrets(stored.draft()[field]) })).filter((scan) => scan.findings.length > 0);
    setSecretWarning(found[0] ? { message: describeSecrets(found.flatMap((scan) => scan.findings)), fieldId: found[0].id } : null);
    if (found.length > 0) return;
    const record = checked.record;
    setSaving(true);
    try {
      const entry = await actions.log(props.incident.id, {
        type: 'decision',
        contacted: 'Incident team',
        method: 'Muster',
        summary: decisionSummary(record),
        decision: record.decision,
        owner: record.decidedBy,
        evidence: record.evidence,
        occurredAt: record.occurredAt,
      });
      stored.reset();
      setStatus(`Decision logged as #${entry.local_seq}.`);
    } catch (failure) {
      setErrors({ save: failureMessage(failure) });
    } finally {
      setSaving(false);
    }
  };
  const editSecret = (fieldId: string) => {
    setSecretWarning(null);
    document.getElementById(fieldId)?.focus();
  };
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void save();
  };

  return (
    <form class="decision-form" onSubmit={submit} novalidate aria-labelledby="decision-form-title">
      <h2 id="decision-form-title">Record a decision</h2>
      <FormField id="decision-what" label="Decision" error={error('decision')}>
        <textarea id="decision-what" rows="2" value={value('decision')} onInput={input('decision')} {...describedBy('decision-what', error('decision'))} />
      </FormField>
      <FormField id="decision-by" label="Decided by" error={error('decidedBy')}>
        <input id="decision-by" list="decision-by-list" value={value('decidedBy')} onInput={input('decidedBy')} autocomplete="off" {...describedBy('decision-by', error('decidedBy'))} />
        <datalist id="decision-by-list">
          <For each={people()}>{(name) => <option value={name} />}</For>
        </datalist>
      </FormField>
      <FormField id="decision-options" label="Options considered (optional)" error={error('options')}>
        <textarea id="decision-options" rows="2" value={value('options')} onInput={input('options')} {...describedBy('decision-options', error('options'))} />
      </FormField>
      <FormField id="decision-rationale" label="Rationale (optional)" error={error('rationale')}>
        <textarea id="decision-rationale" rows="2" value={value('rationale')} onInput={input('rationale')} {...describedBy('decision-rationale', error('rationale'))} />
      </FormField>
      <FormField id="decision-time" label="Time of the decision" hint={value('occurredAt') ? undefined : 'Now, unless you change it'} error={error('occurredAt')}>
        <input
          id="decision-time"
          type="datetime-local"
          value={value('occurredAt') ? toLocalInput(value('occurredAt')) || value('occurredAt') : toLocalInput(new Date(now()).toISOString())}
          onInput={input('occurredAt')}
          {...describedBy('decision-time', error('occurredAt'))}
        />
      </FormField>
      <FormField id="decision-evidence" label="Evidence or document location (optional)" hint="Pick a controlled location from the list, or type one." error={error('evidence')}>
        <input id="decision-evidence" list="decision-evidence-list" value={value('evidence')} onInput={input('evidence')} autocomplete="off" {...describedBy('decision-evidence', error('evidence'))} />
        <datalist id="decision-evidence-list">
          <For each={evidenceOptions()}>{(location) => <option value={location} />}</For>
        </datalist>
      </FormField>
      <Show when={secretWarning()}>
        {(warning) => <SecretWarning message={warning().message} onEdit={() => editSecret(warning().fieldId)} onSaveAnyway={() => void save(true)} />}
      </Show>
      <ErrorAlert message={errors().save} />
      <button type="submit" class="primary wide" disabled={saving()}>
        {saving() ? 'Saving…' : 'Log this decision'}
      </button>
      <StatusNote text={status()} />
    </form>
  );
}
