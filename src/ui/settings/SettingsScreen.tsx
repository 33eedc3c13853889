import { createSignal } from 'solid-js';
import { AlertSettings } from './AlertSettings';
import { CallTrees } from './CallTrees';
import { FormField } from '../app/FormField';
import { useMuster } from '../app/muster-app';
import { StatusNote } from '../app/StatusNote';
import { DemoWorkspace } from './DemoWorkspace';
import { EvidenceLocations } from './EvidenceLocations';
import { IncidentSettings } from './IncidentSettings';
import { Integrations } from './integrations/Integrations';
import { StorageStatus } from './StorageStatus';
import { SyncSettings } from './SyncSettings';

/** This phone's settings: who records, which incident, storage protection, sync, demo data. */
export function SettingsScreen() {
  const app = useMuster();
  const [status, setStatus] = createSignal('');
  const saveName = async (name: string) => {
    await app.updateSettings({ ...app.settings(), author_name: name.trim() });
    setStatus('Name saved.');
  };
  return (
    <section class="screen" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <DemoWorkspace />
      <section aria-labelledby="you-title">
        <h2 id="you-title">You</h2>
        <FormField id="author-name" label="Your name (recorded with each entry)">
          <input id="author-name" value={app.settings().author_name} onChange={(event) => void saveName(event.currentTarget.value)} autocomplete="name" />
        </FormField>
        <StatusNote text={status()} />
      </section>
      <IncidentSettings />
      <EvidenceLocations />
      <CallTrees />
      <StorageStatus />
      <SyncSettings />
      <AlertSettings />
      <Integrations />
      <p class="note">Workspace: {app.settings().name}. Muster {__MUSTER_VERSION__}.</p>
    </section>
  );
}
