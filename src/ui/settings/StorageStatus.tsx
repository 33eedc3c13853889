import { createResource, Show } from 'solid-js';
import { requestPersistentStorage, type PersistenceState } from '../../store/persistence';

const WORDS: Record<PersistenceState, string> = {
  persisted: 'Protected: the browser will not delete Muster’s data to free space.',
  'not-persisted': 'Not protected: the browser may delete Muster’s data when the phone runs low on space. Install Muster to the home screen to protect it.',
  unsupported: 'This browser cannot protect stored data; keep the app installed and sync when you can.',
};

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

/** Result of navigator.storage.persist() and how much space Muster uses. */
export function StorageStatus() {
  const [report] = createResource(() => requestPersistentStorage());
  return (
    <section aria-labelledby="storage-title">
      <h2 id="storage-title">Storage on this phone</h2>
      <Show when={report()} fallback={<p>Checking…</p>}>
        {(current) => (
          <>
            <p data-testid="persistence" classList={{ warning: current().persistence !== 'persisted' }}>
              {WORDS[current().persistence]}
            </p>
            <Show when={current().usageBytes !== null && current().quotaBytes !== null}>
              <p class="note">
                Using {megabytes(current().usageBytes ?? 0)} of {megabytes(current().quotaBytes ?? 0)} available.
              </p>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
