import { createSignal, Show } from 'solid-js';
import type { Incident, VerifiedFinding } from '../../../domain/incident';
import { validateVerifiedFinding } from '../../../domain/statement-workflow';
import { ErrorAlert } from '../../app/ErrorAlert';
import { describedBy, FormField } from '../../app/FormField';
import { LiveSecretWarning } from '../../app/LiveSecretWarning';
import { useMuster } from '../../app/muster-app';
import { formatTime } from '../../app/relative-time';
import { failureMessage, useIncidentActions } from '../incident-actions';
import { findingWithdrawnNote, verifiedFindingNote } from './statement-notes';

type Errors = Partial<Record<'by' | 'evidence' | 'save', string>>;

/** Step 6: "Avoid saying 'no data was affected' unless that has been verified": the verification, recorded. */
export function VerifiedFindingForm(props: { incident: Incident }) {
  const app = useMuster();
  const actions = useIncidentActions();
  const [by, setBy] = createSignal(app.settings().author_name);
  const [evidence, setEvidence] = createSignal('');
  const [errors, setErrors] = createSignal<Errors>({});

  const record = async (event: SubmitEvent) => {
    event.preventDefault();
    const found: Errors = validateVerifiedFinding({ by: by(), evidence: evidence() });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const finding: VerifiedFinding = { by: by().trim(), evidence: evidence().trim(), at: new Date().toISOString() };
    try {
      await actions.update(props.incident.id, (incident) => ({ ...incident, verified_no_data: finding }), verifiedFindingNote(finding));
      setEvidence('');
    } catch (error) {
      setErrors({ save: failureMessage(error) });
    }
  };

  const withdraw = async (finding: VerifiedFinding) => {
    try {
      await actions.update(props.incident.id, (incident) => (incident.verified_no_data ? { ...incident, verified_no_data: null } : null), findingWithdrawnNote(finding));
    } catch (error) {
      setErrors({ save: failureMessage(error) });
    }
  };

  return (
    <section aria-labelledby="verified-title" class="verified-finding">
      <h2 id="verified-title">“No data was affected”</h2>
      <Show
        when={props.incident.verified_no_data}
        fallback={
          <details>
            <summary>Record a verified finding: no data was affected</summary>
            <p class="note">Until this is recorded, a statement that says no data was affected cannot be approved or sent.</p>
            <form onSubmit={record} novalidate>
              <FormField id="verified-by" label="Verified by" error={errors().by}>
                <input id="verified-by" value={by()} onInput={(event) => setBy(event.currentTarget.value)} {...describedBy('verified-by', errors().by)} />
              </FormField>
              <FormField id="verified-evidence" label="How it was verified, and where the evidence is" error={errors().evidence}>
                <textarea id="verified-evidence" rows="3" value={evidence()} onInput={(event) => setEvidence(event.currentTarget.value)} {...describedBy('verified-evidence', errors().evidence)} />
              </FormField>
              <LiveSecretWarning text={evidence()} />
              <button type="submit" class="secondary wide">
                Record the finding (logged as a decision)
              </button>
            </form>
          </details>
        }
      >
        {(finding) => (
          <div class="cockpit-card">
            <p>
              Verified by {finding().by}, {formatTime(finding().at)}: statements may say no data was affected.
            </p>
            <p class="note">{finding().evidence}</p>
            <button type="button" class="secondary wide" onClick={() => void withdraw(finding())}>
              Withdraw the finding (facts changed)
            </button>
          </div>
        )}
      </Show>
      <ErrorAlert message={errors().save} />
    </section>
  );
}
