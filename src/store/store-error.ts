/** Why a local write failed, in words a responder can act on. */
export type StoreFailure = 'quota' | 'closed' | 'invalid' | 'conflict' | 'chain-busy' | 'unknown';

export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly reason: StoreFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const MESSAGES: Record<StoreFailure, string> = {
  quota: "Not saved: this phone's storage is full. Your text is still in the form. Free some space (photos, other apps) and tap Save again.",
  closed: 'Not saved: Muster was updated in another tab. Your text is still in the form. Reload this tab, then save again.',
  invalid: 'Not saved: the entry is not valid.',
  conflict: 'Not saved: this was changed elsewhere (another tab) since you opened it. Your text is still in the form; reopen it to see the latest version.',
  'chain-busy': 'Not saved: other entries were being written at the same moment. Your text is still in the form; tap Save again.',
  unknown: 'Not saved: the phone refused to store the entry. Your text is still in the form; tap Save again.',
};

/** Turns whatever IndexedDB threw into a StoreError with a user-facing message. */
export function toStoreError(error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  const reason: StoreFailure =
    name === 'QuotaExceededError' ? 'quota' : name === 'InvalidStateError' ? 'closed' : 'unknown';
  return new StoreError(reason, MESSAGES[reason], { cause: error });
}

export function storeError(reason: StoreFailure, detail?: string): StoreError {
  return new StoreError(reason, detail ? `${MESSAGES[reason]} ${detail}` : MESSAGES[reason]);
}
