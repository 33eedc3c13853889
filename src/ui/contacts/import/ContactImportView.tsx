import { createMemo, createResource, createSignal, onCleanup, onMount, Show } from 'solid-js';
import type { ContactImportRecord } from '../../../domain/contact-import/import-record';
import { importSummary } from '../../../domain/contact-import/import-record';
import { MAX_IMPORT_BYTES, TOO_BIG } from '../../../domain/contact-import/limits';
import type { ColumnMapping, ImportField, ImportSource } from '../../../domain/contact-import/read-import';
import type { CountryCode } from '../../../domain/contact-import/phone-number';
import type { ContactCategory } from '../../../domain/contacts';
import { confirmImport, listImports, undoImport, type ImportOutcome } from '../../../store/contact-import';
import { toStoreError } from '../../../store/store-error';
import { listContacts } from '../../../store/workspace-repository';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useMuster } from '../../app/muster-app';
import { StatusNote } from '../../app/StatusNote';
import { ColumnMappingFields } from './ColumnMappingFields';
import { ImportHistory } from './ImportHistory';
import { ImportOptionsFields } from './ImportOptionsFields';
import { ImportPreview } from './ImportPreview';
import { loadImportParsers, type ImportParsers } from './import-parsers';

interface OpenedFile {
  name: string;
  source: ImportSource;
  parsers: ImportParsers;
}

const FORM_ID = 'contact-import';

/**
 * Contacts from a spreadsheet (CSV) or an address book (vCard): pick a file, check the
 * columns and the preview, confirm. Nothing is written before Confirm; each import can be
 * undone from here, also after a reload.
 */
export function ContactImportView(props: { onDone: () => void }) {
  const app = useMuster();
  onMount(() => scrollTo(0, 0));
  onCleanup(() => app.setUnsaved(FORM_ID, false));
  const workspaceId = () => app.settings().workspace_id;
  const [existing, { refetch: refetchContacts }] = createResource(workspaceId, (id) => listContacts(app.db, id));
  const [imports, { refetch: refetchImports }] = createResource(workspaceId, (id) => listImports(app.db, id));
  const [opened, setOpened] = createSignal<OpenedFile | null>(null);
  const [mapping, setMapping] = createSignal<ColumnMapping[]>([]);
  const [country, setCountry] = createSignal<CountryCode>('US');
  const [defaultCategory, setDefaultCategory] = createSignal<ContactCategory>('leadership');
  const [error, setError] = createSignal<string | null>(null);
  const [status, setStatus] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [outcome, setOutcome] = createSignal<ImportOutcome | null>(null);

  const reading = createMemo(() => {
    const file = opened();
    const contacts = existing();
    if (!file || !contacts) return null;
    const options = { country: country(), defaultCategory: defaultCategory() };
    const read = file.parsers.importCandidates(file.source, mapping(), options);
    if (!read.ok) return read;
    return { ok: true as const, plan: file.parsers.planImport(read.candidates, read.malformed, contacts, { workspaceId: workspaceId(), country: country(), now: new Date() }) };
  });
  const plan = () => {
    const read = reading();
    return read?.ok ? read.plan : null;
  };
  const csvTable = () => {
    const source = opened()?.source;
    return source?.format === 'csv' ? source.table : null;
  };
  const readingError = () => {
    const read = reading();
    return read && !read.ok ? read.reason : null;
  };
  const writes = () => (plan()?.added.length ?? 0) + (plan()?.updated.length ?? 0);

  const reset = () => {
    setOpened(null);
    app.setUnsaved(FORM_ID, false);
  };

  const pick = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    setError(null);
    setOutcome(null);
    setStatus('');
    reset();
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) return setError(TOO_BIG);
    setStatus(`Reading ${file.name}…`);
    try {
      const [parsers, bytes] = await Promise.all([loadImportParsers(), file.arrayBuffer()]);
      const read = parsers.openImportFile(new Uint8Array(bytes), file.name);
      if (!read.ok) {
        setStatus('');
        return setError(`${file.name}: ${read.reason}`);
      }
      if (read.source.format === 'csv') setMapping(parsers.guessColumnMapping(read.source.table.header));
      setCountry(parsers.defaultCountryFrom(navigator.languages ?? [navigator.language]));
      setOpened({ name: file.name, source: read.source, parsers });
      app.setUnsaved(FORM_ID, true);
      setStatus(`${file.name} read (${read.source.format === 'csv' ? 'CSV' : 'vCard'}, ${read.source.encoding}). Check the preview, then confirm.`);
    } catch (cause) {
      setStatus('');
      setError(`${file.name} could not be read: ${cause instanceof Error ? cause.message : String(cause)}. Nothing was imported.`);
    }
  };

  const changeColumn = (index: number, field: ImportField) => setMapping(mapping().map((column, i) => (i === index ? { ...column, field } : column)));

  const confirm = async () => {
    const file = opened();
    const current = plan();
    if (!file || !current || busy()) return;
    setBusy(true);
    setError(null);
    try {
      const done = await confirmImport(app.db, app.settings(), current, { name: file.name, format: file.source.format }, app.currentIncident());
      if (done.entry) app.logChanged();
      reset();
      setOutcome(done);
      setStatus(`Imported from ${done.record.file_name}: ${importSummary(done.record)}.${done.entry ? ` Logged as entry #${done.entry.local_seq}.` : ''}`);
      setError(done.logError);
    } catch (cause) {
      setError(toStoreError(cause).message);
    } finally {
      setBusy(false);
      void refetchContacts();
      void refetchImports();
    }
  };

  const undo = async (record: ContactImportRecord) => {
    if (busy()) return;
    setBusy(true);
    setError(null);
    try {
      const done = await undoImport(app.db, app.settings(), record.id, app.currentIncident());
      if (done.entry) app.logChanged();
      setOutcome(null);
      setStatus(`Import of ${record.file_name} undone: ${record.added.length} removed, ${record.updated.length} restored.`);
      setError(done.logError);
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    } finally {
      setBusy(false);
      void refetchContacts();
      void refetchImports();
    }
  };

  return (
    <section class="contact-import" aria-labelledby="contact-import-title">
      <h2 id="contact-import-title">Import contacts</h2>
      <p class="note">From a spreadsheet saved as CSV, or an address book exported as vCard (.vcf). Nothing changes until you confirm, and an import can be undone.</p>
      <div class="field">
        <label for="import-file">Choose a CSV or vCard file</label>
        <input id="import-file" type="file" accept=".csv,.vcf,text/csv,text/vcard,text/x-vcard" disabled={busy()} onChange={(event) => void pick(event.currentTarget)} />
      </div>
      <StatusNote text={status()} />
      <ErrorAlert message={error()} />
      <Show when={outcome()}>
        {(done) => (
          <div class="import-done">
            <button type="button" class="secondary wide" disabled={busy()} onClick={() => void undo(done().record)}>
              Undo this import
            </button>
          </div>
        )}
      </Show>
      <Show when={opened()}>
        {(file) => (
          <>
            <ErrorAlert message={readingError()} />
            <Show when={plan()}>{(current) => <ImportPreview plan={current()} />}</Show>
            <details class="import-settings">
              <summary>{csvTable() ? 'Columns, phone country, default category' : 'Phone country, default category'}</summary>
              <Show when={csvTable()}>
                {(table) => <ColumnMappingFields parsers={file().parsers} header={table().header} firstRow={table().rows[0]?.cells} mapping={mapping()} onChange={changeColumn} />}
              </Show>
              <ImportOptionsFields parsers={file().parsers} country={country()} defaultCategory={defaultCategory()} onCountry={setCountry} onCategory={setDefaultCategory} />
            </details>
            <div class="bottom-action form-actions">
              <button type="button" class="secondary" onClick={reset}>
                Cancel
              </button>
              <button type="button" class="primary" disabled={busy() || writes() === 0} onClick={() => void confirm()}>
                {writes() === 0 ? 'Nothing to import' : `Import ${writes()} ${writes() === 1 ? 'contact' : 'contacts'}`}
              </button>
            </div>
          </>
        )}
      </Show>
      <ImportHistory imports={imports() ?? []} onUndo={(record) => void undo(record)} busy={busy()} />
      <button type="button" class="secondary wide" onClick={() => props.onDone()}>
        Back to contacts
      </button>
    </section>
  );
}
