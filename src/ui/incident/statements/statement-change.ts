import { createSignal } from 'solid-js';
import type { StatementRecord } from '../../../domain/incident-records';
import type { LogNote } from '../../../store/incident-actions';
import { useIncidentActions } from '../incident-actions';
import { recordSaveFailure } from '../shared/record-save-failure';

/** Said when a statement's change was not saved: the form still holds what was typed. */
export const STATEMENT_TEXT_KEPT = 'Your text is still in the form.';

/**
 * Writes a statement's next revision (an approval, "sent") with its log note, then hands it
 * to `onChanged`. `busy` while it is written, so a second tap cannot write it twice; `error`
 * says why a change was refused or not saved.
 */
export function createStatementChange(onChanged: (record: StatementRecord) => void) {
  const actions = useIncidentActions();
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const save = async (record: StatementRecord, note: LogNote) => {
    setBusy(true);
    try {
      await actions.save(record, note);
      onChanged(record);
    } catch (failure) {
      setError(recordSaveFailure(failure, STATEMENT_TEXT_KEPT));
    } finally {
      setBusy(false);
    }
  };
  return { error, setError, busy, save };
}
