import { createResource, createSignal, Show } from 'solid-js';
import { ErrorAlert } from '../../app/ErrorAlert';
import { FormField } from '../../app/FormField';
import { useMuster } from '../../app/muster-app';
import { formatTime } from '../../app/relative-time';

interface WebhookStatus {
  configured: boolean;
  rotated_at: string | null;
}

/**
 * Monitoring in (Uptime Kuma): the webhook address an owner pastes into Uptime Kuma. The
 * secret in it is shown once, when it is made; making a new one disables the old address.
 */
export function MonitoringWebhook() {
  const app = useMuster();
  const workspaceId = () => app.settings().workspace_id;
  const [status, { refetch }] = createResource(async () => (await (await app.sync.session()).call('monitor_webhook_status', { p_workspace_id: workspaceId() })) as WebhookStatus);
  const [url, setUrl] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);

  async function make() {
    setError(null);
    try {
      const secret = String(await (await app.sync.session()).call('rotate_monitor_webhook_secret', { p_workspace_id: workspaceId() }));
      const base = (app.settings().backend_url ?? '').replace(/\/$/, '');
      setUrl(`${base}/functions/v1/uptime-kuma?workspace=${encodeURIComponent(workspaceId())}&secret=${encodeURIComponent(secret)}`);
      await refetch();
    } catch (failure) {
      setError(`Not made: ${(failure as Error).message}`);
    }
  }

  return (
    <li class="workflow-card" data-testid="monitoring-webhook">
      <h4>Uptime Kuma (monitoring in)</h4>
      <p class="note">
        When a monitor goes down, every member gets a team alert, “Monitor down: &lt;name&gt;”, repeated until acknowledged; repeats while it stays down raise nothing more. In Uptime
        Kuma: Settings › Notifications › Setup Notification, type “Webhook”, body “application/json”, and paste the address below as the Post URL.
      </p>
      <p data-testid="monitoring-status">
        {status.latest?.configured ? `Webhook address made ${formatTime(status.latest.rotated_at ?? '')}.` : 'No webhook address yet.'}
      </p>
      <Show when={url()}>
        {(address) => (
          <FormField id="monitoring-url" label="Webhook address (shown once: copy it now)">
            <input id="monitoring-url" readOnly value={address()} onFocus={(event) => event.currentTarget.select()} />
          </FormField>
        )}
      </Show>
      <button type="button" class="secondary wide" onClick={() => void make()}>
        {status.latest?.configured ? 'Make a new address (the old one stops working)' : 'Make the webhook address'}
      </button>
      <ErrorAlert message={error()} />
    </li>
  );
}
