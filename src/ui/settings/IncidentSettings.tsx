import { createSignal, For, Show } from 'solid-js';
import { markBackendChannel, openIncident } from '../../store/workspace-repository';
import { FormField } from '../app/FormField';
import { useMuster } from '../app/muster-app';

/** Which incident the log writes to, and opening a new one. */
export function IncidentSettings() {
  const app = useMuster();
  const [title, setTitle] = createSignal('');
  const [error, setError] = createSignal<string | undefined>();
  const open = async (event: SubmitEvent) => {
    event.preventDefault();
    if (title().trim() === '') return setError('Give the incident a short title, e.g. "Finance mailbox compromised".');
    try {
      const incident = await openIncident(app.db, app.settings(), title());
      await app.reloadWorkspace({ ...app.settings(), current_incident_id: incident.id });
      setTitle('');
      setError(undefined);
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  const markBackend = async (incidentId: string, compromised: boolean) => {
    try {
      await markBackendChannel(app.db, app.settings(), incidentId, compromised);
      await app.reloadWorkspace();
      app.logChanged();
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  return (
    <section aria-labelledby="incident-title">
      <h2 id="incident-title">Incident</h2>
      <FormField id="current-incident" label="Current incident">
        <select
          id="current-incident"
          value={app.settings().current_incident_id ?? ''}
          onChange={(event) => void app.updateSettings({ ...app.settings(), current_incident_id: event.currentTarget.value || null })}
        >
          <option value="">None</option>
          <For each={app.incidents()}>{(incident) => <option value={incident.id}>{`${incident.id}: ${incident.title}`}</option>}</For>
        </select>
      </FormField>
      <Show when={app.currentIncident()}>
        {(incident) => (
          <label class="check-row">
            <input
              type="checkbox"
              data-testid="backend-compromised"
              checked={incident().backend_compromised === true}
              onChange={(event) => void markBackend(incident().id, event.currentTarget.checked)}
            />
            <span>The Muster backend is compromised for {incident().id}: stop syncing, keep everything on this phone</span>
          </label>
        )}
      </Show>
      <form onSubmit={open} novalidate>
        <FormField id="new-incident" label="Open a new incident" error={error()}>
          <input id="new-incident" value={title()} placeholder="Short title" onInput={(event) => setTitle(event.currentTarget.value)} />
        </FormField>
        <button type="submit" class="secondary wide">
          Open incident
        </button>
      </form>
    </section>
  );
}
