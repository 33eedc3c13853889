import { createResource, createSignal, For, onMount, Show } from 'solid-js';
import { ErrorAlert } from '../app/ErrorAlert';
import { FormField } from '../app/FormField';
import { signedInToBackend, useMuster } from '../app/muster-app';
import { StatusNote } from '../app/StatusNote';
import { alertSupport, applicationServerKey, deviceLabel, type PushEnvironment } from './alert-support';
import { OnCall } from './OnCall';
import { alertPublicKey } from './backend-config';

function pushEnvironment(): PushEnvironment {
  const standalone = matchMedia('(display-mode: standalone)').matches || (navigator as Navigator & { standalone?: boolean }).standalone === true;
  const hasNotification = typeof Notification !== 'undefined';
  return {
    hasPush: 'serviceWorker' in navigator && 'PushManager' in window,
    hasNotification,
    permission: hasNotification ? Notification.permission : 'unsupported',
    userAgent: navigator.userAgent,
    standalone,
  };
}

async function registration(): Promise<ServiceWorkerRegistration> {
  const found = await navigator.serviceWorker.getRegistration();
  if (!found) throw new Error('Muster’s offline worker is not installed on this phone yet: reload Muster once while online, then try again.');
  return found;
}

interface Relay {
  id: string;
  kind: 'ntfy' | 'gotify';
  server_url: string;
  topic: string;
  has_token: boolean;
}

/**
 * Settings › Team alerts: turn push alerts on or off for this phone (permission is asked
 * only from the button), and the workspace's ntfy / Gotify relays for people whose browser
 * push is unreliable.
 */
export function AlertSettings() {
  const app = useMuster();
  const [support, setSupport] = createSignal(alertSupport(pushEnvironment()));
  const [subscribed, setSubscribed] = createSignal<boolean | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [status, setStatus] = createSignal('');
  const signedIn = () => signedInToBackend(app.settings());

  onMount(() => {
    if (support().kind !== 'ready') return;
    void navigator.serviceWorker
      .getRegistration()
      .then((found) => found?.pushManager.getSubscription())
      .then((subscription) => setSubscribed(Boolean(subscription)))
      .catch(() => setSubscribed(false));
  });

  async function act(action: () => Promise<string>) {
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      setStatus(await action());
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
      setSupport(alertSupport(pushEnvironment()));
    }
  }

  const turnOn = () =>
    act(async () => {
      const settings = app.settings();
      if (!settings.backend_url || !settings.account) throw new Error('Sign in to the Muster backend first (Sync, above): alerts are sent through it.');
      const key = await alertPublicKey(settings.backend_url);
      if (!key) throw new Error('The Muster backend has no alert key (VAPID) configured, so it cannot send alerts. Tell whoever runs it; see the README.');
      const permission = await Notification.requestPermission();
      if (permission !== 'granted') throw new Error('Muster may not show notifications, so alerts stay off. You can still see alerts in the Incident tab.');
      const worker = await registration();
      const subscription = await worker.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: applicationServerKey(key) });
      const { endpoint, keys } = subscription.toJSON();
      if (!endpoint || !keys?.['p256dh'] || !keys['auth']) throw new Error('The browser gave an incomplete push subscription: alerts stay off.');
      const session = await app.sync.session();
      await session.call('save_push_subscription', {
        p_workspace_id: settings.workspace_id,
        p_endpoint: endpoint,
        p_p256dh: keys['p256dh'],
        p_auth: keys['auth'],
        p_device_label: deviceLabel(navigator.userAgent),
      });
      setSubscribed(true);
      return 'Alerts are on for this phone. They repeat every 5 minutes until you tap Acknowledge.';
    });

  const turnOff = () =>
    act(async () => {
      const subscription = await (await registration()).pushManager.getSubscription();
      if (subscription) {
        await subscription.unsubscribe();
        // Offline or signed out: the push service forgets the phone now, and the server
        // deletes the subscription the first time it answers 410.
        if (signedIn()) await (await app.sync.session()).call('delete_push_subscription', { p_endpoint: subscription.endpoint }).catch(() => undefined);
      }
      setSubscribed(false);
      return 'Alerts are off for this phone.';
    });

  return (
    <section aria-labelledby="alerts-title">
      <h2 id="alerts-title">Team alerts</h2>
      <p class="note">
        When someone alerts the team (“Move to the phone bridge”), this phone rings even if company email and chat are down. An alert carries only a short title and the incident ID;
        details stay in Muster.
      </p>
      <Show
        when={support().kind === 'ready'}
        fallback={
          <p class="urgent" role="status">
            {(support() as { message: string }).message}
          </p>
        }
      >
        <Show
          when={subscribed()}
          fallback={
            <>
              <p class="note">Turning alerts on asks this phone for permission to show notifications.</p>
              <button type="button" class="primary wide" disabled={busy()} onClick={() => void turnOn()}>
                Turn on alerts on this phone
              </button>
            </>
          }
        >
          <p class="note" data-testid="alerts-on">
            Alerts are on for this phone.
          </p>
          <button type="button" class="secondary wide" disabled={busy()} onClick={() => void turnOff()}>
            Turn off alerts on this phone
          </button>
        </Show>
      </Show>
      <ErrorAlert message={error()} />
      <StatusNote text={status()} />
      <Show when={signedIn()}>
        <OnCall />
        <AlertRelays />
      </Show>
    </section>
  );
}

/** The workspace's ntfy and Gotify relays: every alert is also posted there. */
function AlertRelays() {
  const app = useMuster();
  const [kind, setKind] = createSignal<'ntfy' | 'gotify'>('ntfy');
  const [error, setError] = createSignal<string | null>(null);
  const [status, setStatus] = createSignal('');
  const [relays, { refetch }] = createResource(async () => {
    const session = await app.sync.session();
    return (await session.call('list_alert_relays', { p_workspace_id: app.settings().workspace_id })) as Relay[];
  });

  async function save(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    setError(null);
    try {
      const session = await app.sync.session();
      await session.call('save_alert_relay', {
        p_workspace_id: app.settings().workspace_id,
        p_kind: kind(),
        p_server_url: String(data.get('server_url') ?? '').trim(),
        p_topic: String(data.get('topic') ?? '').trim(),
        p_token: String(data.get('token') ?? ''),
      });
      form.reset();
      setStatus('Relay saved: the next alert is posted there too.');
      await refetch();
    } catch (failure) {
      setError(`Not saved: ${(failure as Error).message}`);
    }
  }

  async function remove(relay: Relay) {
    setError(null);
    try {
      await (await app.sync.session()).call('delete_alert_relay', { p_id: relay.id });
      setStatus('Relay removed.');
      await refetch();
    } catch (failure) {
      setError(`Not removed: ${(failure as Error).message}`);
    }
  }

  return (
    <section aria-labelledby="relays-title">
      <h3 id="relays-title">Also send alerts to ntfy or Gotify</h3>
      <p class="note">For people whose browser push is unreliable. Owners and communication owners manage these; the token is stored on the server and never shown again.</p>
      <Show when={relays.error}>
        <p class="note">Relays cannot be listed now ({(relays.error as Error).message}).</p>
      </Show>
      <ul class="card-list" aria-label="Alert relays">
        <For each={relays.latest ?? []}>
          {(relay) => (
            <li class="workflow-card">
              <p>
                {relay.kind === 'ntfy' ? 'ntfy' : 'Gotify'}: {relay.server_url}
                {relay.topic ? ` · topic ${relay.topic}` : ''}
                {relay.has_token ? ' · with token' : ''}
              </p>
              <button type="button" class="secondary" onClick={() => void remove(relay)} aria-label={`Remove the ${relay.kind} relay ${relay.server_url}`}>
                Remove
              </button>
            </li>
          )}
        </For>
      </ul>
      <form onSubmit={(event) => void save(event)}>
        <FormField id="relay-kind" label="Service">
          <select id="relay-kind" value={kind()} onChange={(event) => setKind(event.currentTarget.value as 'ntfy' | 'gotify')}>
            <option value="ntfy">ntfy</option>
            <option value="gotify">Gotify</option>
          </select>
        </FormField>
        <FormField id="relay-url" label="Server address">
          <input id="relay-url" name="server_url" type="url" required placeholder="https://ntfy.example.com" autocomplete="off" />
        </FormField>
        <Show when={kind() === 'ntfy'}>
          <FormField id="relay-topic" label="Topic">
            <input id="relay-topic" name="topic" required autocomplete="off" />
          </FormField>
        </Show>
        <FormField id="relay-token" label={kind() === 'ntfy' ? 'Access token (optional)' : 'Application token'}>
          <input id="relay-token" name="token" type="password" required={kind() === 'gotify'} autocomplete="off" />
        </FormField>
        <button type="submit" class="primary wide">
          Save relay
        </button>
      </form>
      <ErrorAlert message={error()} />
      <StatusNote text={status()} />
    </section>
  );
}
