import { For, Show } from 'solid-js';
import { signedInToBackend, useMuster } from '../../app/muster-app';
import { useEvidenceStorages } from '../../settings/integrations/evidence-storages';
import { UploadToStorage, type ProducedFile } from './UploadToStorage';
import { settled } from '../../app/settled';

/**
 * Step 7's controlled storage: "Upload to Nextcloud" for a file the phone produced (the log
 * zip, the post-incident report). The backend stores it in the connector's folder for the
 * incident, never over an existing file; each upload, sent or failed, is logged. Nothing
 * shows on a phone that is signed out or whose workspace has no Nextcloud connector.
 */
export function UploadToNextcloud(props: { incidentId: string; file: ProducedFile }) {
  const app = useMuster();
  const signedIn = () => signedInToBackend(app.settings());
  const [storages, { refetch }] = useEvidenceStorages();
  // Read only once settled: a pending read must not suspend the export screen, an error not throw.
  const listed = () => settled(storages) ?? [];

  return (
    <Show when={signedIn() && (listed().length > 0 || storages.error)}>
      <div class="export-upload" role="group" aria-label={`Upload ${props.file.name}`}>
        <Show when={storages.error}>
          <p class="note">
            Uploads to Nextcloud need the list of connectors, which cannot be read now ({(storages.error as Error).message}).
          </p>
          <button type="button" class="secondary wide" onClick={() => void refetch()}>
            Read the connectors again
          </button>
        </Show>
        <For each={listed()}>
          {(storage) => <UploadToStorage incidentId={props.incidentId} file={props.file} storage={storage} named={listed().length > 1} />}
        </For>
      </div>
    </Show>
  );
}
