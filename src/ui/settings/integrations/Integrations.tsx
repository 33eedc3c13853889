import { Show } from 'solid-js';
import { useMuster } from '../../app/muster-app';
import { ConnectorList } from './ConnectorList';
import { MonitoringWebhook } from './MonitoringWebhook';

/**
 * Settings › Integrations: the chat tools Muster posts approved and internal texts to. The
 * backend does the posting and keeps the webhook URLs and API keys, so it needs sign-in.
 */
export function Integrations() {
  const app = useMuster();
  const signedIn = () => Boolean(app.settings().backend_url && app.settings().account);
  const toTeamAlerts = (event: MouseEvent) => {
    event.preventDefault();
    document.getElementById('alerts-title')?.scrollIntoView();
  };
  return (
    <section aria-labelledby="integrations-title">
      <h2 id="integrations-title">Integrations</h2>
      <p class="note">
        Post the alternate-channel notice, employee instructions and sent leadership updates to your team chat from the incident screens. Posting pauses while chat is marked
        compromised (Step 7).
      </p>
      <Show
        when={signedIn()}
        fallback={
          <p class="note" data-testid="integrations-signed-out">
            Sign in to the Muster backend (Sync, above) to set up chat connectors: the backend posts for you and keeps the webhook URLs and API keys.
          </p>
        }
      >
        <ConnectorList />
        <ul class="card-list" aria-label="Monitoring">
          <MonitoringWebhook />
        </ul>
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
