import { createEffect, createSignal, onCleanup, Show } from 'solid-js';
import { unwrap } from 'solid-js/store';
import type { ObligationRecord } from '../../../domain/incident-records';
import { markNoticeNotRequired } from '../../../store/obligation-records';
import { describedBy, FormField } from '../../app/FormField';
import { useMuster } from '../../app/muster-app';
import { useIncidentActions } from '../incident-actions';
import { recordSaveFailure } from '../escalation/record-save-failure';

const REASON_MAX = 1000;

/** Step 5: a notice ruled out, with the reason; logged as a decision. */
export function NotRequiredForm(props: { record: ObligationRecord; onDone: () => void }) {
  const app = useMuster();
  const actions = useIncidentActions();
  const opened = structuredClone(unwrap(props.record));
  const id = `not-required-${opened.id}`;
  const [reason, setReason] = createSignal('');
  const [errors, setErrors] = createSignal<{ reason?: string; save?: string }>({});
  createEffect(() => app.setUnsaved(id, reason().trim() !== ''));
  onCleanup(() => app.setUnsaved(id, false));

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const why = reason().trim();
    if (why === '') return setErrors({ reason: 'Say why, and who decided: it is logged as a decision.' });
    if (why.length > REASON_MAX) return setErrors({ reason: `Keep it under ${REASON_MAX} characters (now ${why.length}).` });
    setErrors({});
    try {
      const write = markNoticeNotRequired(opened, why, new Date());
      await actions.save(write.record, write.note);
      app.setUnsaved(id, false);
      props.onDone();
    } catch (failure) {
      setErrors({ save: recordSaveFailure(failure) });
    }
  };

  return (
    <form class="inline-form" onSubmit={save} novalidate>
      <FormField id={`${id}-why`} label="Why is it not required?" hint="e.g. Counsel (Dana Whitfield) confirmed no personal data was involved." error={errors().reason}>
        <textarea id={`${id}-why`} rows="2" value={reason()} onInput={(event) => setReason(event.currentTarget.value)} {...describedBy(`${id}-why`, errors().reason)} />
      </FormField>
      <Show when={errors().save}>
        <p class="save-error" role="alert">
          {errors().save}
        </p>
      </Show>
      <div class="form-actions">
        <button type="button" class="secondary" onClick={() => props.onDone()}>
          Cancel
        </button>
        <button type="submit" class="primary">
          Save: not required
        </button>
      </div>
    </form>
  );
}
