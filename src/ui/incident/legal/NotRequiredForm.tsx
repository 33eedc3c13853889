import { createSignal } from 'solid-js';
import type { ObligationRecord } from '../../../domain/incident-records';
import { markNoticeNotRequired } from '../../../store/obligation-records';
import { CancelAndSubmit } from '../../app/CancelAndSubmit';
import { ErrorAlert } from '../../app/ErrorAlert';
import { describedBy, FormField } from '../../app/FormField';
import { trackUnsavedForm } from '../../app/unsaved-form';
import { createRecordForm } from '../shared/record-form';

const REASON_MAX = 1000;

/** Step 5: a notice ruled out, with the reason; logged as a decision. */
export function NotRequiredForm(props: { record: ObligationRecord; onDone: () => void }) {
  const form = createRecordForm<ObligationRecord, 'reason'>(props.record, 'not-required');
  const [reason, setReason] = createSignal('');
  trackUnsavedForm(form.id, () => reason().trim() !== '');

  const save = form.submit(
    () => {
      const why = reason().trim();
      if (why === '') return { reason: 'Say why, and who decided: it is logged as a decision.' };
      if (why.length > REASON_MAX) return { reason: `Keep it under ${REASON_MAX} characters (now ${why.length}).` };
      return {};
    },
    () => markNoticeNotRequired(form.opened, reason().trim(), new Date()),
    () => props.onDone(),
  );

  return (
    <form class="inline-form" onSubmit={save} novalidate>
      <FormField id={`${form.id}-why`} label="Why is it not required?" hint="e.g. Counsel (Dana Whitfield) confirmed no personal data was involved." error={form.errors().reason}>
        <textarea id={`${form.id}-why`} rows="2" value={reason()} onInput={(event) => setReason(event.currentTarget.value)} {...describedBy(`${form.id}-why`, form.errors().reason)} />
      </FormField>
      <ErrorAlert message={form.saveError()} />
      <CancelAndSubmit submitLabel="Save: not required" onCancel={() => props.onDone()} />
    </form>
  );
}
