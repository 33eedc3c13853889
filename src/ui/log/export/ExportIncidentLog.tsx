import { createMemo, createSignal, onCleanup, Show } from 'solid-js';
import type { ExportProgress } from '../../../store/incident-export';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useMuster } from '../../app/muster-app';
import { progressText, sizeText } from './export-progress';
import { extraExportFiles } from './extra-export-files';
import { saveFile } from './save-file';
import { UploadToNextcloud } from './UploadToNextcloud';
import type { ProducedFile } from './UploadToStorage';

interface SavedExport {
  url: string;
  fileName: string;
  bytes: Uint8Array;
  entries: number;
}

/**
 * "Export log": builds muster-<incident>-<date>.zip on the phone, with progress, and downloads
 * it; then offers to store it in the workspace's Nextcloud (Step 7's controlled storage).
 */
export function ExportIncidentLog(props: { incidentId: string }) {
  const app = useMuster();
  const [progress, setProgress] = createSignal<ExportProgress | null>(null);
  const [saved, setSaved] = createSignal<SavedExport | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const forget = () => {
    const previous = saved();
    if (previous) URL.revokeObjectURL(previous.url);
    setSaved(null);
  };
  onCleanup(forget);
  const produced = createMemo<ProducedFile | null>(() => {
    const file = saved();
    return file ? { name: file.fileName, bytes: file.bytes, contentType: 'application/zip' } : null;
  });

  const exportLog = async () => {
    const incident = app.incidents().find((candidate) => candidate.id === props.incidentId);
    if (!incident) return setError('This incident is not on this phone any more.');
    forget();
    setError(null);
    setProgress({ phase: 'reading', done: 0, total: 0 });
    try {
      const { exportIncident } = await import('../../../store/incident-export');
      const settings = app.settings();
      const built = await exportIncident(app.db, {
        workspace: { id: settings.workspace_id, name: settings.name },
        incident,
        exportedBy: settings.author_name,
        musterVersion: __MUSTER_VERSION__,
        onProgress: setProgress,
        extraFiles: (entries, generatedAt) =>
          extraExportFiles({ workspaceName: settings.name, incident, entries, generatedAt, generatedBy: settings.author_name }),
      });
      const url = saveFile(built.bytes, built.fileName, 'application/zip');
      setSaved({ url, fileName: built.fileName, bytes: built.bytes, entries: built.manifest.entries.count });
    } catch (failure) {
      setError(`The export could not be made (${(failure as Error).message}). Nothing was changed; try again.`);
    } finally {
      setProgress(null);
    }
  };

  return (
    <div class="log-export">
      <button type="button" class="secondary wide" onClick={exportLog} disabled={progress() !== null}>
        Export log (zip)
      </button>
      <p class="note" role="status" aria-live="polite" data-testid="export-status">
        <Show when={progress()} fallback={saved() ? `Exported ${saved()?.entries} entries into ${saved()?.fileName}.` : ''}>
          {(current) => progressText(current())}
        </Show>
      </p>
      <Show when={progress()}>
        {(current) => <progress class="export-progress" aria-label="Export progress" max={Math.max(1, current().total)} value={current().done} />}
      </Show>
      <Show when={saved()}>
        {(file) => (
          <a class="button secondary wide export-download" href={file().url} download={file().fileName}>
            Save {file().fileName} again ({sizeText(file().bytes.length)})
          </a>
        )}
      </Show>
      <Show when={produced()}>{(file) => <UploadToNextcloud incidentId={props.incidentId} file={file()} />}</Show>
      <ErrorAlert message={error()} />
    </div>
  );
}
