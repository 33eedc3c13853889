import { createEffect, createSignal, on, Show } from 'solid-js';
import { sha256OfBytes } from '../../../domain/export/export-manifest';
import type { LogEntry } from '../../../domain/log-entry';
import { logEvidenceUpload, storedFolder } from '../../../store/evidence-uploads';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useMuster } from '../../app/muster-app';
import { StatusNote } from '../../app/StatusNote';
import { uploadEvidence, type EvidenceOutcome, type EvidenceStorage } from '../../settings/integrations/evidence-upload-client';
import { sizeText } from './export-progress';
import { createUploadIds } from './upload-ids';

/** A file made on this phone, ready to store: the log zip, a report. */
export interface ProducedFile {
  name: string;
  bytes: Uint8Array;
  contentType: string;
}

type UploadState =
  | { phase: 'idle' }
  | { phase: 'uploading'; text: string }
  | { phase: 'sent'; text: string; folder: { url: string; path: string } | null; logError: string | null }
  | { phase: 'failed'; text: string };

/** One Nextcloud connector's "Upload to Nextcloud" for one file, with its outcome read out. */
export function UploadToStorage(props: { incidentId: string; file: ProducedFile; storage: EvidenceStorage; named: boolean }) {
  const app = useMuster();
  const [state, setState] = createSignal<UploadState>({ phase: 'idle' });
  const uploadIds = createUploadIds();
  createEffect(on(() => props.file, () => (uploadIds.forget(), setState({ phase: 'idle' })), { defer: true }));
  const tool = () => (props.named ? `Nextcloud (${props.storage.name})` : 'Nextcloud');
  const label = () => {
    const phase = state().phase;
    if (phase === 'uploading') return 'Uploading…';
    if (phase === 'failed') return props.named ? `Try again: ${tool()}` : 'Try again';
    return phase === 'sent' ? `Upload to ${tool()} again` : `Upload to ${tool()}`;
  };
  const progressOrSaved = () => {
    const current = state();
    return current.phase === 'uploading' || current.phase === 'sent' ? current.text : '';
  };
  const sent = () => {
    const current = state();
    return current.phase === 'sent' ? current : null;
  };
  const failure = () => {
    const current = state();
    return current.phase === 'failed' ? current.text : null;
  };

  /** The outcome's log entry; a store failure is said, never hidden (the upload itself stands). */
  const logOutcome = async (file: ProducedFile, outcome: EvidenceOutcome): Promise<LogEntry | Error> => {
    try {
      const record = { connector: { name: props.storage.name }, file: { name: file.name, size: file.bytes.length, sha256: await sha256OfBytes(file.bytes) }, outcome };
      const entry = await logEvidenceUpload(app.db, app.settings(), props.incidentId, record);
      app.logChanged();
      return entry;
    } catch (failure) {
      return failure as Error;
    }
  };

  const upload = async () => {
    const file = props.file;
    const uploadId = uploadIds.next();
    setState({ phase: 'uploading', text: `Uploading ${file.name} (${sizeText(file.bytes.length)}) to ${tool()}…` });
    const request = { uploadId, connectorId: props.storage.connectorId, incidentId: props.incidentId, name: file.name, bytes: file.bytes, contentType: file.contentType };
    const outcome = await uploadEvidence(app, request);
    uploadIds.settled(outcome);
    const entry = await logOutcome(file, outcome);
    const logError = entry instanceof Error ? `The log entry was not saved (${entry.message}): add one by hand.` : null;
    if (outcome.status === 'failed') return setState({ phase: 'failed', text: `${outcome.message} ${logError ?? `Logged as #${(entry as LogEntry).local_seq}.`}` });
    const path = storedFolder(outcome.remoteId, outcome.remoteUrl);
    const logged = entry instanceof Error ? '' : `, logged as #${entry.local_seq}`;
    setState({
      phase: 'sent',
      text: `Saved as ${outcome.remoteLabel ?? file.name}${path ? ` in ${path}` : ''}${logged}.`,
      folder: outcome.remoteUrl ? { url: outcome.remoteUrl, path: path ?? 'the folder' } : null,
      logError,
    });
  };

  return (
    <>
      <button type="button" class="secondary wide" disabled={state().phase === 'uploading'} onClick={() => void upload()}>
        {label()}
      </button>
      <StatusNote text={progressOrSaved()} />
      <Show when={sent()?.folder}>
        {(folder) => (
          <a class="button secondary wide export-download" href={folder().url} target="_blank" rel="noopener noreferrer">
            Open {folder().path} in Nextcloud
          </a>
        )}
      </Show>
      <ErrorAlert message={sent()?.logError ?? failure()} />
    </>
  );
}
