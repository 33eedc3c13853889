import { createResource, For, Show } from 'solid-js';
import type { ChannelStates } from '../../../domain/channels';
import { CHAT_CONNECTOR_KINDS, isStatusPageKind } from '../../../domain/connectors';
import { useMuster } from '../../app/muster-app';
import { ConnectorCard } from './ConnectorCard';
import { readIntegrations } from './connector-list';

/** One card per chat tool and one for Cachet, with its connector (if set up) and its state for the current incident. */
export function ConnectorList() {
  const app = useMuster();
  const [view, { refetch }] = createResource(() => readIntegrations(app));
  const states = () => (app.currentIncident()?.channels ?? null) as ChannelStates | null;
  return (
    <>
      <Show when={view.error}>
        <p class="save-error" role="alert">
          Connectors cannot be listed now: {(view.error as Error).message}
        </p>
      </Show>
      <Show when={view.latest}>
        {(loaded) => (
          <ul class="card-list" aria-label="Connectors">
            <For each={CHAT_CONNECTOR_KINDS}>
              {(kind) => (
                <ConnectorCard
                  kind={kind}
                  connector={loaded().connectors.find((connector) => connector.kind === kind)}
                  canManage={loaded().canManage}
                  states={states()}
                  onChanged={() => void refetch()}
                />
              )}
            </For>
            <Show when={loaded().connectors.find((connector) => isStatusPageKind(connector.kind))} keyed fallback={<ConnectorCard kind="cachet2" connector={undefined} canManage={loaded().canManage} states={states()} onChanged={() => void refetch()} />}>
              {(cachet) => <ConnectorCard kind={cachet.kind} connector={cachet} canManage={loaded().canManage} states={states()} onChanged={() => void refetch()} />}
            </Show>
          </ul>
        )}
      </Show>
    </>
  );
}
