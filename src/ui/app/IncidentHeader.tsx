import { Show } from 'solid-js';
import { nextUpdateStatus } from '../../domain/next-update';
import { useNow } from './clock';
import { useMuster } from './muster-app';
import { OutboxBadge } from './OutboxBadge';

/** Top of every screen: demo marker, the incident being worked, its owner and next update, and what waits to sync. */
export function IncidentHeader() {
  const app = useMuster();
  const now = useNow();
  // Step 2: the promised next leadership update, counting down; urgent once overdue.
  const update = (due: string | null) => (due ? nextUpdateStatus(due, new Date(now())) : null);
  return (
    <header class="app-header">
      <Show when={app.settings().is_demo}>
        <p class="demo-banner" data-testid="demo-banner">
          DEMO data · <a href="#settings">clear it in Settings</a>
        </p>
      </Show>
      <p class="incident-line">
        <Show when={app.currentIncident()} fallback={<span>No open incident</span>}>
          {(incident) => (
            <>
              <strong>{incident().id}</strong> <span>{incident().title}</span>
            </>
          )}
        </Show>
      </p>
      <Show when={app.currentIncident()}>
        {(incident) => (
          <p class="incident-people" data-testid="incident-owner">
            <Show when={incident().comm_owner} fallback={<a href="#incident/owner">No communication owner: name one</a>}>
              <span>Owner: {incident().comm_owner}</span>
            </Show>
            <Show when={update(incident().next_update_due ?? null)}>
              {(status) => (
                <a href="#incident/leadership" class={`next-update next-update-${status().state}`} data-testid="next-update">
                  {status().label}
                </a>
              )}
            </Show>
          </p>
        )}
      </Show>
      <OutboxBadge />
    </header>
  );
}
