import { Show } from 'solid-js';
import { signedInToBackend, useMuster } from '../../app/muster-app';
import { ConnectorList } from './ConnectorList';
import { MonitoringWebhook } from './MonitoringWebhook';

/**
 * Settings › Integrations: the chat tools, status page, ticket tools and evidence storage
 * Muster's backend sends to, and the monitoring address it receives alerts on. The backend
 * does the sending and keeps the webhook URLs, tokens and passwords, so it needs sign-in.
 */
export function Integrations() {
  const app = useMuster();
  const signedIn = () => signedInToBackend(app.settings());
  const toTeamAlerts = (event: MouseEvent) => {
    event.preventDefault();
    document.getElementById('alerts-title')?.scrollIntoView();
  };
  return (
    <section aria-labelledby="integrations-title">
      <h2 id="integrations-title">Integrations</h2>
      <p class="note">
        From the incident screens, Muster posts the alternate-channel notice, employee instructions and sent leadership updates to your team chat, publishes approved
        statements on your status page, opens tickets and cases for IT and vendors, and stores exports in Nextcloud. Chat posting pauses while chat is marked compromised
        (Step 7); tickets and storage never pause.
      </p>
      <Show
        when={signedIn()}
        fallback={
          <p class="note" data-testid="integrations-signed-out">
            Sign in to the Muster backend (Sync, above) to set up connectors: the backend sends for you and keeps the webhook URLs, tokens and passwords.
          </p>
        }
      >
        <ConnectorList />
        <section class="connector-group" aria-labelledby="connector-group-monitoring">
          <h3 id="connector-group-monitoring">Monitoring</h3>
          <ul class="card-list" aria-label="Monitoring">
            <MonitoringWebhook />
          </ul>
        </section>
      </Show>
      <p class="note">
        Alerts that ring phones through ntfy or Gotify are set up in{' '}
        <a href="#settings" onClick={toTeamAlerts}>
          Team alerts
        </a>
        .
      </p>
    </section>
  );
}
