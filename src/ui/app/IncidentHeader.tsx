import { Show } from 'solid-js';
import { useMuster } from './muster-app';
import { OutboxBadge } from './OutboxBadge';

/** Top of every screen: demo marker, the incident being worked, and what waits to sync. */
export function IncidentHeader() {
  const app = useMuster();
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
      <OutboxBadge />
    </header>
  );
}
