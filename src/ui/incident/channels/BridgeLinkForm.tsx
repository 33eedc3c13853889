import { createSignal, Show } from 'solid-js';
import { validateBridgeUrl } from '../../../domain/channel-workflow';
import { jitsiHostFromBridge, jitsiHostWarning, jitsiRoomLink, validateJitsiHost } from '../../../domain/jitsi';
import { describedBy, FormField } from '../../app/FormField';
import { LiveSecretWarning } from '../../app/LiveSecretWarning';
import { useMuster } from '../../app/muster-app';
import { StatusNote } from '../../app/StatusNote';
import { failureMessage, useIncidentActions } from '../incident-actions';
import { useWorkflowSettings } from '../workflow-settings';

/** Step 7's "vendor-supported bridge": the link the alternate-channel notice gives out, kept for the workspace. */
export function BridgeLinkForm(props: { incidentId: string }) {
  const app = useMuster();
  const actions = useIncidentActions();
  const workflow = useWorkflowSettings();
  const [value, setValue] = createSignal(workflow().bridgeUrl);
  const [error, setError] = createSignal<string>();
  const [status, setStatus] = createSignal('');
  // The Jitsi server starts as the saved link's: once a generated link is saved, it is remembered.
  const [jitsiHost, setJitsiHost] = createSignal(jitsiHostFromBridge(workflow().bridgeUrl));
  const [jitsiError, setJitsiError] = createSignal<string>();
  const [jitsiWarning, setJitsiWarning] = createSignal<string | null>(null);

  const generateJitsiLink = () => {
    setStatus('');
    const host = validateJitsiHost(jitsiHost());
    if (!host.ok) return setJitsiError(host.reason);
    setJitsiError(undefined);
    setError(undefined);
    setValue(jitsiRoomLink(host.origin));
    setJitsiWarning(jitsiHostWarning(host.hostname));
    setStatus('New Jitsi room link filled in: save it to use it in the notice.');
  };

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    setStatus('');
    const checked = validateBridgeUrl(value());
    if (!checked.ok) return setError(checked.reason);
    setError(undefined);
    if (checked.url === workflow().bridgeUrl) return setStatus('Nothing changed.');
    try {
      await app.updateSettings({ ...app.settings(), bridge_url: checked.url });
      const summary = checked.url ? `Bridge link for the response team set to ${checked.url}` : 'Bridge link for the response team removed.';
      const entry = await actions.log(props.incidentId, { type: 'internal_update', contacted: 'Incident team', method: 'Muster', summary });
      setValue(checked.url);
      setStatus(`Saved, logged as #${entry.local_seq}.`);
    } catch (failure) {
      setError(failureMessage(failure));
    }
  };

  return (
    <form onSubmit={save} novalidate>
      <FormField id="bridge-url" label="Bridge link (optional)" hint="A Jitsi room or conference link, https:// only. Give PINs by phone." error={error()}>
        <input id="bridge-url" type="url" inputmode="url" value={value()} placeholder="https://meet.jit.si/…" onInput={(event) => setValue(event.currentTarget.value)} {...describedBy('bridge-url', error())} />
      </FormField>
      <LiveSecretWarning text={value()} />
      <FormField id="jitsi-host" label="Jitsi server" hint="For a new room with an unguessable name. Your own server, or meet.jit.si." error={jitsiError()}>
        <input id="jitsi-host" inputmode="url" autocomplete="off" value={jitsiHost()} onInput={(event) => setJitsiHost(event.currentTarget.value)} {...describedBy('jitsi-host', jitsiError())} />
      </FormField>
      <button type="button" class="secondary wide" onClick={generateJitsiLink}>
        Generate a Jitsi link
      </button>
      <Show when={jitsiWarning()}>
        <p class="note warning" data-testid="jitsi-warning">
          {jitsiWarning()}
        </p>
      </Show>
      <button type="submit" class="secondary wide">
        Save bridge link
      </button>
      <StatusNote text={status()} />
    </form>
  );
}
