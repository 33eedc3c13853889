import { StoreError } from '../../../store/store-error';
import { failureMessage } from '../incident-actions';

/** A stale version gets its own sentence: the fix is to reopen, not to retry. */
export function recordFailureMessage(error: unknown): string {
  if (error instanceof StoreError && error.reason === 'conflict') return 'Someone changed this meanwhile; reopen it. Your text is still in the form.';
  // A StoreError's message already starts with "Not saved:".
  return error instanceof StoreError ? error.message : failureMessage(error);
}
