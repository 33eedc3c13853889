import { createResource, createSignal, For, Show } from 'solid-js';
import { monitorAlertsToShow } from '../../domain/monitor-alert';
import type { TeamAlert } from '../../domain/team-alert';
import { acknowledgeAlert, listMonitorAlerts } from '../../store/team-alerts';
import { useNow } from '../app/clock';
import { ErrorAlert } from '../app/ErrorAlert';
import { useMuster } from '../app/muster-app';
import { StatusNote } from '../app/StatusNote';
import { failureMessage } from '../incident/incident-actions';
import { MonitorAlertCard } from './MonitorAlertCard';

/**
 * Monitors that went down (issue 7): each alert Uptime Kuma raised through the backend, on
 * the screen a responder lands on, with Acknowledge and "Open an incident". Nothing at all
 * while there is none to show (monitor-alert.ts says which).
 */
export function MonitorAlerts() {
  const app = useMuster();
  const now = useNow();
  // Read again when the phone's data changes: the app bumps logVersion when the service
  // worker kept a monitor alert from a push, too.
  const [alerts] = createResource(
    () => ({ workspaceId: app.settings().workspace_id, version: app.logVersion() }),
    (source) => listMonitorAlerts(app.db, source.workspaceId),
  );
  const shown = () => monitorAlertsToShow(alerts.latest ?? [], app.settings().workspace_id, new Date(now()));
  const [error, setError] = createSignal<string | null>(null);
  const [status, setStatus] = createSignal('');

  async function acknowledge(alert: TeamAlert) {
    setError(null);
    try {
      await acknowledgeAlert(app.db, app.settings(), alert);
      app.logChanged();
      setStatus(`Acknowledged “${alert.title}”. The team sees it once this phone has synced.`);
    } catch (failure) {
      setError(failureMessage(failure));
    }
  }

  async function goTo(incidentId: string) {
    setError(null);
    try {
      await app.updateSettings({ ...app.settings(), current_incident_id: incidentId });
      location.hash = '#incident';
    } catch (failure) {
      setError(`${incidentId} could not be made the current incident: ${(failure as Error).message}`);
    }
  }

  return (
    <Show when={shown().length > 0 || error() || alerts.error}>
      {/* Above the screen's own content, which starts flush with the header. */}
      <section class="cockpit-card monitor-alerts" style={{ 'margin-top': '0.75rem' }} aria-labelledby="monitor-alerts-title">
        <h2 id="monitor-alerts-title">Monitor alerts</h2>
        <ErrorAlert message={alerts.error ? `Monitor alerts could not be read: ${(alerts.error as Error).message}` : error()} />
        <ul class="card-list" aria-label="Monitor alerts, newest first">
          <For each={shown()}>{(alert) => <MonitorAlertCard alert={alert} onAcknowledge={() => void acknowledge(alert)} onGoTo={(incidentId) => void goTo(incidentId)} />}</For>
        </ul>
        <StatusNote text={status()} />
      </section>
    </Show>
  );
}
