import { createResource, type Accessor } from 'solid-js';
import { signedInToBackend, useMuster } from '../../app/muster-app';

/**
 * The workspace's Nextcloud connectors, for the export screen, Settings › Evidence locations
 * and the log and decision forms: read while `active` and signed in (offline, the last list
 * this phone read). The client is loaded on first use.
 */
export function useEvidenceStorages(active: Accessor<boolean> = () => true) {
  const app = useMuster();
  return createResource(
    () => active() && signedInToBackend(app.settings()),
    async () => (await import('./evidence-upload-client')).listEvidenceStorage(app),
  );
}
