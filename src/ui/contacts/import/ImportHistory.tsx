import { For, Show } from 'solid-js';
import { importSummary, type ContactImportRecord } from '../../../domain/contact-import/import-record';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Earlier imports on this phone, each undoable until it is undone. */
export function ImportHistory(props: { imports: readonly ContactImportRecord[]; onUndo: (record: ContactImportRecord) => void; busy: boolean }) {
  return (
    <Show when={props.imports.length > 0}>
      <section aria-labelledby="import-history-title">
        <h2 id="import-history-title">Earlier imports</h2>
        <ul class="import-list" data-testid="import-history">
          <For each={props.imports}>
            {(record) => (
              <li>
                <strong>{record.file_name}</strong> <span class="note">{when(record.imported_at)}</span>
                <p class="note">{importSummary(record)}</p>
                <Show when={record.undone_at} fallback={
                  <button type="button" class="secondary" disabled={props.busy} onClick={() => props.onUndo(record)} aria-label={`Undo this import: ${record.file_name}`}>
                    Undo this import
                  </button>
                }>
                  {(undoneAt) => <p class="note">Undone {when(undoneAt())}.</p>}
                </Show>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
