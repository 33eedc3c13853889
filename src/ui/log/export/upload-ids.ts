import type { EvidenceOutcome } from '../../settings/integrations/evidence-upload-client';

/**
 * The id an upload is sent under. evidence-upload is idempotent by id: the id is kept until
 * the backend gives a verdict, so "Try again" after no answer (offline, a dropped
 * connection) can never store the file twice; after a verdict the next upload gets a new one
 * (a replayed id would only repeat the verdict).
 */
export function createUploadIds(newId: () => string = () => crypto.randomUUID()) {
  let pending: string | null = null;
  return {
    next(): string {
      pending ??= newId();
      return pending;
    },
    settled(outcome: EvidenceOutcome): void {
      if (outcome.status === 'sent' || outcome.answered) pending = null;
    },
    /** Another file: whatever was pending belonged to the old one. */
    forget(): void {
      pending = null;
    },
  };
}
