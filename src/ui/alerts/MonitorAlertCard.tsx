import { Show } from 'solid-js';
import { incidentForAlert, openFromAlertHash } from '../../domain/monitor-alert';
import type { TeamAlert } from '../../domain/team-alert';
import { useNow } from '../app/clock';
import { useMuster } from '../app/muster-app';
import { formatTime, minutesAgo } from '../app/relative-time';

/** One monitor that went down: when, whether this user acknowledged it, and the incident for it, open or to open. */
export function MonitorAlertCard(props: { alert: TeamAlert; onAcknowledge: () => void; onGoTo: (incidentId: string) => void }) {
  const app = useMuster();
  const now = useNow();
  const id = () => `monitor-alert-${props.alert.id}`;
  const acks = () => props.alert.status?.acks ?? [];
  const openIncident = () => incidentForAlert(props.alert, app.incidents());
  return (
    <li class="workflow-card" aria-labelledby={`${id()}-title`} data-testid="monitor-alert">
      <h3 id={`${id()}-title`}>{props.alert.title}</h3>
      <p class="note">
        Raised at {formatTime(props.alert.raised_at)} ({minutesAgo(props.alert.raised_at, now())}).
        <Show when={acks().length > 0}> Acknowledged by {acks().map((ack) => ack.name || 'a member').join(', ')}.</Show>
      </p>
      <Show when={props.alert.acked_at} fallback={<p class="urgent">You have not acknowledged it yet.</p>}>
        {(at) => <p class="note">You acknowledged at {formatTime(at())}.</p>}
      </Show>
      <Show
        when={openIncident()}
        fallback={
          <a class="button primary wide" href={openFromAlertHash(props.alert.id)} aria-describedby={`${id()}-title`}>
            Open an incident
          </a>
        }
      >
        {(incident) => (
          <>
            <p class="note">{incident().id} is open for it.</p>
            <Show when={incident().id !== app.settings().current_incident_id}>
              <button type="button" class="secondary wide" onClick={() => props.onGoTo(incident().id)}>
                Go to {incident().id}
              </button>
            </Show>
          </>
        )}
      </Show>
      <Show when={props.alert.acked_at === null}>
        <button type="button" class="secondary wide" onClick={() => props.onAcknowledge()} aria-describedby={`${id()}-title`}>
          Acknowledge
        </button>
      </Show>
    </li>
  );
}
