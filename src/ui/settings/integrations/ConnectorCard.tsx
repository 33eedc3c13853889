import { createSignal, Show } from 'solid-js';
import type { ChannelStates } from '../../../domain/channels';
import { connectorState, CONNECTOR_LABELS, isStatusPageKind, type Connector, type ConnectorKind } from '../../../domain/connectors';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useMuster } from '../../app/muster-app';
import { StatusNote } from '../../app/StatusNote';
import { ConnectorSetupForm } from './ConnectorSetupForm';
import { connectorStateText } from './connector-state-text';
import { dispatchToConnector } from './dispatch-client';
import { SETUP_HELP } from './setup-help';

/**
 * One chat tool or status page: its state, how to set it up, "Send test" (chat only: a test
 * on a status page would be public), and the setup form for owners.
 */
export function ConnectorCard(props: { kind: ConnectorKind; connector: Connector | undefined; canManage: boolean; states: ChannelStates | null; onChanged: () => void }) {
  const app = useMuster();
  const [editing, setEditing] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [status, setStatus] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const label = () => CONNECTOR_LABELS[props.kind];

  const sendTest = async (connector: Connector) => {
    setBusy(true);
    setError(null);
    setStatus('');
    const outcome = await dispatchToConnector(app, {
      dispatchId: crypto.randomUUID(),
      connectorId: connector.id,
      incidentId: null,
      source: 'test',
      text: `Muster test for ${app.settings().name}: incident posts from Muster will appear here.`,
    });
    setBusy(false);
    if (outcome.status === 'sent') setStatus(`Test posted to ${connector.name}.`);
    else setError(outcome.message);
    props.onChanged();
  };

  const remove = async (connector: Connector) => {
    setError(null);
    try {
      await (await app.sync.session()).call('delete_connector', { p_id: connector.id });
      setStatus(`${label()} connector removed.`);
      props.onChanged();
    } catch (failure) {
      setError(`Not removed: ${(failure as Error).message}`);
    }
  };

  return (
    <li class="workflow-card">
      <h3>{label()}</h3>
      <p data-testid={`connector-state-${props.kind}`}>
        <Show when={props.connector}>{(connector) => <>{connector().name}: </>}</Show>
        {connectorStateText(connectorState(props.connector, props.states))}
      </p>
      <p class="note">{SETUP_HELP[props.kind]}</p>
      <Show when={props.connector}>
        {(connector) => (
          <div class="form-actions">
            <Show when={!isStatusPageKind(props.kind)}>
              <button type="button" class="secondary" disabled={busy()} onClick={() => void sendTest(connector())}>
                {busy() ? 'Sending…' : 'Send test'}
              </button>
            </Show>
            <Show when={props.canManage}>
              <button type="button" class="secondary" onClick={() => void remove(connector())} aria-label={`Remove the ${label()} connector ${connector().name}`}>
                Remove
              </button>
            </Show>
          </div>
        )}
      </Show>
      <Show when={props.canManage} fallback={<p class="note">Owners and communication owners set connectors up.</p>}>
        <button type="button" class="secondary wide" aria-expanded={editing()} onClick={() => setEditing(!editing())}>
          {props.connector ? `Change the ${label()} setup` : `Set up ${label()}`}
        </button>
        <Show when={editing()}>
          <ConnectorSetupForm
            kind={props.kind}
            connector={props.connector}
            onSaved={(message) => {
              setEditing(false);
              setStatus(message);
              props.onChanged();
            }}
          />
        </Show>
      </Show>
      <ErrorAlert message={error()} />
      <StatusNote text={status()} />
    </li>
  );
}
