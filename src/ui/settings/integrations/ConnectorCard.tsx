import { createSignal, Show } from 'solid-js';
import type { ChannelStates } from '../../../domain/channels';
import { connectorState, CONNECTOR_LABELS, type Connector } from '../../../domain/connectors';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useMuster } from '../../app/muster-app';
import { StatusNote } from '../../app/StatusNote';
import { connectorCheck } from './connector-check';
import { ConnectorSetupForm } from './ConnectorSetupForm';
import { connectorStateText } from './connector-state-text';

/**
 * One set-up connector: its name and state, "Send test" or "Check connection" (none for a
 * status page: a test would be public), and for owners its setup form and "Remove".
 */
export function ConnectorCard(props: { connector: Connector; canManage: boolean; states: ChannelStates | null; onChanged: () => void; onRemoved: (message: string) => void }) {
  const app = useMuster();
  const [editing, setEditing] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [status, setStatus] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const label = () => CONNECTOR_LABELS[props.connector.kind];
  const check = () => connectorCheck(props.connector.kind);
  const warningId = () => `connector-${props.connector.id}-check-warning`;

  const runCheck = async () => {
    const action = check();
    if (!action) return;
    setBusy(true);
    setError(null);
    setStatus('');
    const outcome = await action.run(app, props.connector);
    setBusy(false);
    if (outcome.ok) setStatus(outcome.status);
    else setError(outcome.error);
    props.onChanged();
  };

  const remove = async () => {
    setError(null);
    try {
      await (await app.sync.session()).call('delete_connector', { p_id: props.connector.id });
      props.onRemoved(`${label()} connector ${props.connector.name} removed.`);
      props.onChanged();
    } catch (failure) {
      setError(`Not removed: ${(failure as Error).message}`);
    }
  };

  return (
    <li class="connector-entry">
      <p data-testid={`connector-state-${props.connector.kind}`}>
        <strong>{props.connector.name}</strong>: {connectorStateText(connectorState(props.connector, props.states), props.connector.kind)}
      </p>
      <Show when={check()?.warning}>
        {(warning) => (
          <p class="note" id={warningId()}>
            {warning()}
          </p>
        )}
      </Show>
      <Show when={check()}>
        {(action) => (
          <button type="button" class="secondary wide" disabled={busy()} aria-describedby={action().warning ? warningId() : undefined} onClick={() => void runCheck()}>
            {busy() ? action().busyLabel : action().label}
          </button>
        )}
      </Show>
      <Show when={props.canManage}>
        <div class="form-actions">
          <button type="button" class="secondary" aria-expanded={editing()} aria-label={`Change the ${label()} setup (${props.connector.name})`} onClick={() => setEditing(!editing())}>
            Change
          </button>
          <button type="button" class="secondary" onClick={() => void remove()} aria-label={`Remove the ${label()} connector ${props.connector.name}`}>
            Remove
          </button>
        </div>
        <Show when={editing()}>
          <ConnectorSetupForm
            kind={props.connector.kind}
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
