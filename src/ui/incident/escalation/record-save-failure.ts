import { StoreError } from '../../../store/store-error';
import { failureMessage } from '../incident-actions';

/**
 * Why saving a vendor request or an obligation failed, in one sentence. A stale version
 * (another tab or phone changed the record since the form opened) is a conflict: the user
 * reopens the record to see the latest version; what they typed stays in the form.
 */
export function recordSaveFailure(error: unknown): string {
  if (error instanceof StoreError && error.reason === 'conflict') return 'Someone changed this meanwhile; reopen it. What you typed is still here.';
  // A StoreError's message already starts with "Not saved:".
  if (error instanceof StoreError) return error.message;
  return failureMessage(error);
}
