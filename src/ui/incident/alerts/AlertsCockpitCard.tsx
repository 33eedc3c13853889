import { createResource, Show } from 'solid-js';
import { listAlerts } from '../../../store/team-alerts';
import { useMuster } from '../../app/muster-app';

/** The cockpit's line on team alerts: what waits for this phone's acknowledgement, and for the team's. */
export function AlertsCockpitCard(props: { incidentId: string }) {
  const app = useMuster();
  const [alerts] = createResource(
    () => ({ workspaceId: app.settings().workspace_id, incidentId: props.incidentId, version: app.logVersion() }),
    (source) => listAlerts(app.db, source.workspaceId, source.incidentId),
  );
  const list = () => alerts.latest ?? [];
  const forMe = () => list().filter((alert) => !alert.raised_here && alert.acked_at === null);
  const waitingOnTeam = () => list().filter((alert) => alert.raised_here && (alert.status?.pending.length ?? 1) > 0);
  const summary = () => {
    if (list().length === 0) return 'No team alert sent.';
    const parts = [];
    if (forMe().length > 0) parts.push(`${forMe().length} waiting for your acknowledgement`);
    if (waitingOnTeam().length > 0) parts.push(`${waitingOnTeam().length} sent from here, not yet acknowledged by everyone`);
    return parts.length > 0 ? `${parts.join('; ')}.` : 'Every alert acknowledged.';
  };
  return (
    <li class="cockpit-card">
      <h2>Team alerts</h2>
      <p classList={{ urgent: forMe().length > 0 }} data-testid="cockpit-alerts">
        {summary()}
      </p>
      <Show when={forMe()[0]}>{(alert) => <p class="note">Latest for you: {alert().title}</p>}</Show>
      <a class="card-link" href="#incident/alerts">
        Alert the team, or acknowledge
      </a>
    </li>
  );
}
