import { StoreError } from '../../../store/store-error';
import { failureMessage } from '../incident-actions';

/**
 * Why saving a record (a vendor request, an obligation, a statement) failed, in one
 * sentence. A stale version (another tab or phone changed the record since the form opened)
 * is a conflict: the fix is to reopen the record and see the latest version, not to retry;
 * `kept` tells the user that what they typed is not lost.
 */
export function recordSaveFailure(error: unknown, kept = 'What you typed is still here.'): string {
  if (error instanceof StoreError && error.reason === 'conflict') return `Someone changed this meanwhile; reopen it. ${kept}`;
  return failureMessage(error);
}
