import { createResource, For, Show } from 'solid-js';
import type { ChannelStates } from '../../../domain/channels';
import { useMuster } from '../../app/muster-app';
import { CONNECTOR_GROUPS } from './connector-groups';
import { readIntegrations } from './connector-list';
import { ConnectorToolCard } from './ConnectorToolCard';

/** The connectors under their headings (Chat, Status page, Tickets and cases, Evidence storage), each tool with its state for the current incident. */
export function ConnectorList() {
  const app = useMuster();
  // Keyed by workspace: switching workspaces (Settings › Sync) lists the new one's connectors.
  const [view, { refetch }] = createResource(() => app.settings().workspace_id, () => readIntegrations(app));
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
          <>
            <Show when={!loaded().canManage}>
              <p class="note">Owners and communication owners set connectors up.</p>
            </Show>
            <For each={CONNECTOR_GROUPS}>
              {(group) => (
                <section class="connector-group" aria-labelledby={`connector-group-${group.id}`}>
                  <h3 id={`connector-group-${group.id}`}>{group.heading}</h3>
                  <ul class="card-list">
                    <For each={group.tools}>
                      {(tool) => (
                        <ConnectorToolCard
                          tool={tool}
                          connectors={loaded().connectors.filter((connector) => tool.kinds.includes(connector.kind))}
                          canManage={loaded().canManage}
                          states={states()}
                          onChanged={() => void refetch()}
                        />
                      )}
                    </For>
                  </ul>
                </section>
              )}
            </For>
          </>
        )}
      </Show>
    </>
  );
}
