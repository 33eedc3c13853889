import { createEffect, createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { alertSchedule } from '../../../domain/call-tree';
import type { Incident } from '../../../domain/incident';
import { ALERT_SUGGESTIONS, ALERT_TITLE_MAX, checkAlertTitle, type TeamAlert } from '../../../domain/team-alert';
import { acknowledgeAlert, listAlerts, raiseAlert } from '../../../store/team-alerts';
import { useNow } from '../../app/clock';
import { ErrorAlert } from '../../app/ErrorAlert';
import { FormField, describedBy } from '../../app/FormField';
import { LiveSecretWarning } from '../../app/LiveSecretWarning';
import { useMuster } from '../../app/muster-app';
import { formatTime } from '../../app/relative-time';
import { StatusNote } from '../../app/StatusNote';
import { failureMessage } from '../incident-actions';

/**
 * Team alerts for the incident: raise one (it rings every member's phone by push, repeating
 * until each acknowledges, then escalates to the owners), see who has acknowledged, and
 * acknowledge the ones teammates raised.
 */
export function AlertsSection(props: { incident: Incident }) {
  const app = useMuster();
  const [title, setTitle] = createSignal('');
  const [titleError, setTitleError] = createSignal<string | undefined>();
  const [error, setError] = createSignal<string | null>(null);
  const [status, setStatus] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [read] = createResource(
    () => ({ incidentId: props.incident.id, workspaceId: app.settings().workspace_id, version: app.logVersion() }),
    (source) => listAlerts(app.db, source.workspaceId, source.incidentId),
  );
  const [alerts, setAlerts] = createStore<{ rows: TeamAlert[] }>({ rows: [] });
  createEffect(() => {
    const next = read.latest;
    if (next) setAlerts('rows', reconcile(next, { key: 'id' }));
  });

  // While an alert sent from here waits for acknowledgements, ask the server every 15 s.
  const waitingForTeam = () => alerts.rows.some((alert) => alert.raised_here && (alert.status === null || alert.status.pending.length > 0));
  const poll = setInterval(() => {
    if (waitingForTeam() && app.gate().open) app.sync.soon();
  }, 15_000);
  onCleanup(() => clearInterval(poll));

  async function send(event: SubmitEvent) {
    event.preventDefault();
    const checked = checkAlertTitle(title());
    if (!checked.ok) {
      setTitleError(checked.message);
      return;
    }
    setTitleError(undefined);
    setBusy(true);
    setError(null);
    try {
      const { entry } = await raiseAlert(app.db, app.settings(), props.incident.id, checked.title);
      setTitle('');
      app.logChanged();
      const gate = app.gate();
      setStatus(
        gate.open
          ? `Alert queued and logged as #${entry.local_seq}; it goes out as soon as this phone has synced.`
          : `Alert logged as #${entry.local_seq}. It goes out when this phone can sync (now: ${gate.reason.toLowerCase()}).`,
      );
    } catch (failure) {
      setError(failureMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  async function acknowledge(alert: TeamAlert) {
    setError(null);
    try {
      const { entry } = await acknowledgeAlert(app.db, app.settings(), alert);
      app.logChanged();
      setStatus(entry ? `Acknowledged and logged as #${entry.local_seq}.` : 'Already acknowledged.');
    } catch (failure) {
      setError(failureMessage(failure));
    }
  }

  return (
    <>
      <section aria-labelledby="alert-new-title">
        <h2 id="alert-new-title">Alert the team</h2>
        <p class="note">
          Every member with alerts turned on gets a push notification, repeated every 5 minutes until they tap Acknowledge; after 3 reminders the owners are alerted. Only the title and{' '}
          {props.incident.id} leave Muster: no names, numbers or details.
        </p>
        <div class="suggestion-row" role="group" aria-label="Common alerts">
          <For each={ALERT_SUGGESTIONS}>
            {(suggestion) => (
              <button type="button" class="secondary" onClick={() => setTitle(suggestion)}>
                {suggestion}
              </button>
            )}
          </For>
        </div>
        <form onSubmit={(event) => void send(event)}>
          <FormField id="alert-title" label="What must the team do?" error={titleError()}>
            <input
              id="alert-title"
              value={title()}
              maxLength={ALERT_TITLE_MAX + 20}
              onInput={(event) => setTitle(event.currentTarget.value)}
              autocomplete="off"
              {...describedBy('alert-title', titleError())}
            />
          </FormField>
          <LiveSecretWarning text={title()} />
          <button type="submit" class="primary wide" disabled={busy()}>
            Send alert to the team
          </button>
        </form>
        <ErrorAlert message={error()} />
        <StatusNote text={status()} />
      </section>
      <section aria-labelledby="alert-list-title">
        <h2 id="alert-list-title">Alerts</h2>
        <ErrorAlert message={read.error ? failureMessage(read.error) : null} />
        <Show when={alerts.rows.length > 0} fallback={<p class="empty">No team alerts for this incident yet.</p>}>
          <ul class="card-list" aria-label="Team alerts, newest first">
            <For each={alerts.rows}>{(alert) => <AlertCard alert={alert} onAcknowledge={() => void acknowledge(alert)} />}</For>
          </ul>
        </Show>
      </section>
    </>
  );
}

function AlertCard(props: { alert: TeamAlert; onAcknowledge: () => void }) {
  const now = useNow();
  const status = () => props.alert.status;
  const schedule = () =>
    alertSchedule(
      { sent_at: props.alert.raised_at, repeat_minutes: props.alert.repeat_minutes, max_repeats: props.alert.max_repeats },
      status()?.pending.length === 0 ? [status()?.acks.at(-1)?.acked_at ?? props.alert.raised_at] : [],
      new Date(now()),
    );
  const id = () => `alert-${props.alert.id}`;
  return (
    <li class="workflow-card" aria-labelledby={`${id()}-title`}>
      <h3 id={`${id()}-title`}>{props.alert.title}</h3>
      <p class="note">
        {props.alert.raised_here ? 'Sent from this phone' : `Sent by ${status()?.raised_by_name || 'a teammate'}`} at {formatTime(props.alert.raised_at)}.
        <Show when={props.alert.raised_here && !props.alert.dispatched}> Waiting to go out: it is sent once this phone syncs.</Show>
      </p>
      <Show when={status()} fallback={<p class="note">Who has acknowledged shows once this phone has synced.</p>}>
        {(known) => (
          <>
            <p data-testid="alert-acks">
              Acknowledged ({known().acks.length}): {known().acks.length > 0 ? known().acks.map((ack) => `${ack.name || 'a member'} at ${formatTime(ack.acked_at)}`).join(', ') : 'nobody yet'}.
            </p>
            <Show when={known().pending.length > 0}>
              <p class="urgent" data-testid="alert-pending">
                Not yet ({known().pending.length}): {known().pending.map((member) => member.name || 'a member').join(', ')}.
                <Show when={schedule().nextRepeatAt}>{(next) => ` Next reminder at ${formatTime(next())}.`}</Show>
                <Show when={schedule().escalated}> Escalated to the owners.</Show>
              </p>
            </Show>
            <Show when={known().rounds.length > 0}>
              <p class="note" data-testid="alert-rounds">
                Push:{' '}
                {known()
                  .rounds.map((round) => `${round.kind === 'send' ? 'sent' : round.kind === 'repeat' ? `reminder ${round.round}` : 'escalation'} to ${round.recipients} ${round.recipients === 1 ? 'member' : 'members'}, ${round.delivered} delivered${round.failed > 0 ? `, ${round.failed} failed` : ''}`)
                  .join('; ')}
                .
              </p>
              <Show when={known().pending.length > 0 && known().rounds.every((round) => round.delivered === 0)}>
                <p class="urgent">No phone of theirs has alerts turned on: call them.</p>
              </Show>
            </Show>
            <p class="note">Checked at {formatTime(known().read_at)}.</p>
          </>
        )}
      </Show>
      <Show when={!props.alert.raised_here}>
        <Show when={props.alert.acked_at} fallback={<button type="button" class="primary wide" onClick={() => props.onAcknowledge()} aria-describedby={`${id()}-title`}>Acknowledge</button>}>
          {(at) => <p class="note">You acknowledged at {formatTime(at())}.</p>}
        </Show>
      </Show>
    </li>
  );
}
