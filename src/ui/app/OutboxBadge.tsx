import { Show } from 'solid-js';
import { useNow } from './clock';
import { useMuster } from './muster-app';
import { minutesAgo } from './relative-time';

/** "N waiting to sync, oldest X min ago" and why they wait (DESIGN principle 2). */
export function OutboxBadge() {
  const app = useMuster();
  const now = useNow();
  const reason = () => {
    const verdict = app.gate();
    if (!verdict.open) return verdict.reason;
    const sync = app.sync.status();
    if (sync.running) return 'Syncing…';
    return sync.failing && sync.message ? sync.message : 'Sending shortly';
  };
  const problem = () => {
    const sync = app.sync.status();
    return app.gate().open && !sync.running && sync.failing ? sync.message : null;
  };
  return (
    <p class="outbox-badge" role="status" aria-live="polite" data-testid="outbox-badge">
      <Show when={app.outbox().waiting > 0} fallback={<span>Nothing waiting to sync{problem() ? ` · ${problem()}` : ''}</span>}>
        <strong>{app.outbox().waiting} waiting to sync</strong>
        <Show when={app.outbox().oldestAt}>{(oldest) => <span>, oldest {minutesAgo(oldest(), now())}</span>}</Show>
        <span class="outbox-reason"> · {reason()}</span>
      </Show>
      <Show when={app.outbox().rejected > 0}>
        <strong class="outbox-rejected"> · {app.outbox().rejected} refused by the server, kept on this phone</strong>
      </Show>
    </p>
  );
}
