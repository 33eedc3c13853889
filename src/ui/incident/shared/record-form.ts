import { createSignal } from 'solid-js';
import { unwrap } from 'solid-js/store';
import type { IncidentRecord } from '../../../domain/incident-records';
import type { LogNote } from '../../../store/incident-actions';
import { useMuster } from '../../app/muster-app';
import { useIncidentActions } from '../incident-actions';
import { recordSaveFailure } from './record-save-failure';

/**
 * An inline form that closes one record: a vendor request answered, a notice sent or ruled
 * out. `opened` is the version the form is for: if the record changes elsewhere meanwhile,
 * saving is refused as a conflict. `id` (prefix and record id) names the form and its fields.
 */
export function createRecordForm<R extends IncidentRecord, Field extends string>(record: R, prefix: string) {
  const app = useMuster();
  const actions = useIncidentActions();
  const opened = structuredClone(unwrap(record));
  const id = `${prefix}-${opened.id}`;
  const [errors, setErrors] = createSignal<Partial<Record<Field, string>>>({});
  const [saveError, setSaveError] = createSignal('');
  return {
    opened,
    id,
    /** What to fix in each field, from the last submit. */
    errors,
    saveError,
    /**
     * The form's submit handler: `check` names the fields to fix (the form stays open), else
     * the record and log note `write` builds are saved and `onDone` closes the form. A failed
     * save is said in saveError(); what was typed stays.
     */
    submit(check: () => Partial<Record<Field, string>>, write: () => { record: IncidentRecord; note: LogNote }, onDone: () => void) {
      return async (event: SubmitEvent) => {
        event.preventDefault();
        const found = check();
        setErrors(() => found);
        setSaveError('');
        if (Object.keys(found).length > 0) return;
        try {
          const written = write();
          await actions.save(written.record, written.note);
          app.setUnsaved(id, false);
          onDone();
        } catch (failure) {
          setSaveError(recordSaveFailure(failure));
        }
      };
    },
  };
}
