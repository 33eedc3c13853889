import { createSignal, For, Show } from 'solid-js';
import type { ChannelStates } from '../../../domain/channels';
import type { Connector } from '../../../domain/connectors';
import { StatusNote } from '../../app/StatusNote';
import { ConnectorCard } from './ConnectorCard';
import type { ConnectorTool } from './connector-groups';
import { ConnectorSetupForm } from './ConnectorSetupForm';
import { SETUP_HELP } from './setup-help';

/**
 * One tool (Zammad, Cachet, …): how to set it up, each of its connectors (a workspace may have
 * several, e.g. one per Zammad group), and "Set up" / "Add another" for owners. The setup
 * help is open until the tool is set up, then folded behind its summary.
 */
export function ConnectorToolCard(props: { tool: ConnectorTool; connectors: Connector[]; canManage: boolean; states: ChannelStates | null; onChanged: () => void }) {
  const [adding, setAdding] = createSignal(false);
  const [status, setStatus] = createSignal('');
  // Keyed by id, not by object: a re-read list keeps each card (and its last message) in place.
  const ids = () => props.connectors.map((connector) => connector.id);
  const byId = (id: string) => props.connectors.find((connector) => connector.id === id);
  const setUp = () => props.connectors.length > 0;

  return (
    <li class="workflow-card connector-tool">
      <h4>{props.tool.label}</h4>
      <Show when={setUp()} fallback={<p data-testid={`connector-state-${props.tool.newKind}`}>Not set up.</p>}>
        <ul class="connector-entries" aria-label={`${props.tool.label} connectors`}>
          <For each={ids()}>
            {(id) => (
              <Show when={byId(id)}>
                {(connector) => <ConnectorCard connector={connector()} canManage={props.canManage} states={props.states} onChanged={props.onChanged} onRemoved={setStatus} />}
              </Show>
            )}
          </For>
        </ul>
      </Show>
      <details class="connector-help" open={!setUp()}>
        <summary>How to set up {props.tool.label}</summary>
        <p class="note">{SETUP_HELP[props.tool.newKind]}</p>
      </details>
      <Show when={props.canManage}>
        <button type="button" class="secondary wide" aria-expanded={adding()} onClick={() => setAdding(!adding())}>
          {setUp() ? `Add another ${props.tool.label}` : `Set up ${props.tool.label}`}
        </button>
        <Show when={adding()}>
          <ConnectorSetupForm
            kind={props.tool.newKind}
            connector={undefined}
            onSaved={(message) => {
              setAdding(false);
              setStatus(message);
              props.onChanged();
            }}
          />
        </Show>
      </Show>
      <StatusNote text={status()} />
    </li>
  );
}
