import { createResource, Show, untrack } from 'solid-js';
import { incidentForAlert, isMonitorAlert } from '../../domain/monitor-alert';
import { getAlert } from '../../store/team-alerts';
import { useMuster } from '../app/muster-app';
import { formatTime } from '../app/relative-time';
import { OpenIncidentForm } from '../incident/OpenIncidentForm';

/**
 * `#incident/open?alert=<id>`: the open-incident form, prefilled from a monitor alert (its
 * card's "Open an incident", or a tap on its notification). Once opened, the incident's
 * cockpit replaces the form in the history, so Back does not offer to open it again.
 */
export function OpenFromMonitorAlert(props: { alertId: string }) {
  const app = useMuster();
  // Only this workspace's: a push from a workspace this phone has left opens nothing. Read
  // once per alert, not again when opening the incident changes the settings.
  const [alert] = createResource(
    () => props.alertId,
    async (alertId) => {
      const found = await getAlert(app.db, alertId);
      return found?.workspace_id === untrack(app.settings).workspace_id && isMonitorAlert(found) ? found : null;
    },
  );
  const already = () => {
    const found = alert();
    return found ? incidentForAlert(found, app.incidents()) : undefined;
  };
  return (
    <section class="screen incident-screen" aria-labelledby="open-from-alert-title">
      <a class="back-link" href="#incident">
        ‹ Incident
      </a>
      <h1 id="open-from-alert-title">Open an incident for a monitor alert</h1>
      <Show when={!alert.loading}>
        <Show
          when={alert()}
          fallback={
            <>
              <p class="empty">This monitor alert is not on this phone. Sync in Settings to read it, or open an incident yourself.</p>
              <OpenIncidentForm onOpened={() => location.replace('#incident')} />
            </>
          }
        >
          {(found) => (
            <>
              <p class="note">
                “{found().title}”, raised at {formatTime(found().raised_at)}. The title below is the alert’s: change it once you know more. Its log will say it was opened from this alert.
              </p>
              <Show when={already()}>{(incident) => <p class="urgent">{incident().id} “{incident().title}” is already open. Open a second incident only if this is a different problem.</p>}</Show>
              <OpenIncidentForm fromAlert={found()} onOpened={() => location.replace('#incident')} />
            </>
          )}
        </Show>
      </Show>
    </section>
  );
}
