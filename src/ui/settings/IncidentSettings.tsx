import { createSignal, For, Show } from 'solid-js';
import { backendCompromised } from '../../domain/incident';
import { markBackendChannel } from '../../store/incident-actions';
import { ErrorAlert } from '../app/ErrorAlert';
import { FormField } from '../app/FormField';
import { useMuster } from '../app/muster-app';
import { OpenIncidentForm } from '../incident/OpenIncidentForm';

/** Which incident the log writes to, and opening a new one with its communication owner. */
export function IncidentSettings() {
  const app = useMuster();
  const [error, setError] = createSignal<string | undefined>();
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
              checked={backendCompromised(incident())}
              onChange={(event) => void markBackend(incident().id, event.currentTarget.checked)}
            />
            <span>The Muster backend is compromised for {incident().id}: stop syncing, keep everything on this phone</span>
          </label>
        )}
      </Show>
      <ErrorAlert message={error()} />
      <OpenIncidentForm />
    </section>
  );
}
