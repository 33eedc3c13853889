import { createResource, For, Show } from 'solid-js';
import { CHANNEL_LABELS, CHANNEL_SAFETY_LABELS, CHANNELS, channelSafety, type ChannelStates } from '../../domain/channels';
import { COORDINATION_AREA_LABELS, coordinationSummary, type CoordinationStates } from '../../domain/coordination';
import type { Incident } from '../../domain/incident';
import type { ObligationRecord } from '../../domain/incident-records';
import { nextUpdateStatus } from '../../domain/leadership-update';
import { countdown, mustNotWaitBanner, type Obligation } from '../../domain/obligations';
import { escalationAdvice, leadershipVerdict, NOTIFY_PARTY_LABELS, type NotifyParty } from '../../domain/playbook-triggers';
import { vendorRequestStatus } from '../../domain/vendor-request';
import type { FollowUpState } from '../../domain/follow-ups';
import { AlertsCockpitCard } from './alerts/AlertsCockpitCard';
import { CallsCockpitCard } from './calls/CallsCockpitCard';
import { useFollowUpReminders } from './follow-up-reminders';
import { useNow } from '../app/clock';
import { useMuster } from '../app/muster-app';
import { useIncidentActions } from './incident-actions';
import { INCIDENT_SECTIONS } from './sections';
import { IncidentTicketCard } from './tickets/IncidentTicketCard';
import { useWorkflowSettings } from './workflow-settings';

function asObligation(record: ObligationRecord): Obligation {
  return { ...record, party: record.party as NotifyParty };
}

/**
 * The incident at a glance: who communicates, when leadership expects the next update,
 * which notices are due, which vendor requests wait, which follow-ups are open, which
 * channels are unsafe; and the way into each step of the playbook.
 */
export function Cockpit(props: { incident: Incident }) {
  const app = useMuster();
  const actions = useIncidentActions();
  const workflow = useWorkflowSettings();
  const now = useNow();
  const [obligations] = createResource(
    () => [props.incident.id, app.logVersion()] as const,
    ([id]) => actions.records(id, 'obligation'),
  );
  // The same read as the Decisions step and the reminders: one per log change, not one each.
  const openItems = useFollowUpReminders().items;
  const followUpCount = (state: FollowUpState) => openItems().filter((item) => item.state === state).length;
  const [requests] = createResource(
    () => [props.incident.id, app.logVersion()] as const,
    ([id]) => actions.records(id, 'vendor_request'),
  );
  const openObligations = () => (obligations() ?? []).filter((record) => record.status === 'open').map(asObligation).sort((a, b) => a.due_at.localeCompare(b.due_at));
  const banner = () => mustNotWaitBanner(openObligations(), new Date(now()));
  const waitingRequests = () =>
    (requests() ?? [])
      .map((request) => ({ request, status: vendorRequestStatus(request, new Date(now())) }))
      .filter((item) => item.status.state !== 'answered');
  const update = () => nextUpdateStatus(props.incident.next_update_due ?? null, new Date(now()));
  const coordination = () => coordinationSummary((props.incident.coordination ?? {}) as CoordinationStates);
  const unsafeChannels = () =>
    CHANNELS.map((channel) => ({ channel, state: channelSafety(channel, (props.incident.channels ?? {}) as ChannelStates) })).filter((item) => item.state !== 'safe');
  const leadership = () => leadershipVerdict(props.incident.triggers?.leadership ?? []);
  const escalation = () => escalationAdvice(props.incident.triggers?.escalation ?? []);

  return (
    <>
      <h1 id="incident-screen-title">
        {props.incident.id} <span class="step-label">{props.incident.title}</span>
      </h1>
      <Show when={banner()}>
        {(text) => (
          <p class="urgent" role="alert" data-testid="must-not-wait">
            {text()}
          </p>
        )}
      </Show>
      <ul class="card-list cockpit">
        <CallsCockpitCard incidentId={props.incident.id} />
        <AlertsCockpitCard incidentId={props.incident.id} />
        <li class="cockpit-card">
          <h2>Communication owner</h2>
          <p data-testid="cockpit-owner">
            {props.incident.comm_owner ? `${props.incident.comm_owner}${props.incident.comm_deputy ? `, deputy ${props.incident.comm_deputy}` : ''}` : 'Nobody named yet'}
          </p>
          <Show when={coordination().pending.length > 0}>
            <p class="note">Still to coordinate: {coordination().pending.map((area) => COORDINATION_AREA_LABELS[area]).join('; ')}</p>
          </Show>
          <a class="card-link" href="#incident/owner">
            Owner and coordination
          </a>
        </li>
        <li class="cockpit-card">
          <h2>Leadership</h2>
          <p classList={{ urgent: update().state === 'overdue', 'due-soon': update().state === 'due_soon' }} data-testid="cockpit-next-update">
            {update().label}
          </p>
          <Show when={leadership().mustNotify}>
            <p class="note">{leadership().message}</p>
          </Show>
          <a class="card-link" href="#incident/leadership">
            Send a leadership update
          </a>
        </li>
        <li class="cockpit-card">
          <h2>Notices due</h2>
          <Show when={openObligations().length > 0} fallback={<p class="note">No open notice. Tick the insurance and legal triggers as facts come in.</p>}>
            <ul class="check-list" data-testid="cockpit-obligations">
              <For each={openObligations()}>
                {(obligation) => {
                  const left = () => countdown(obligation, new Date(now()), workflow().timeZone);
                  return (
                    <li classList={{ urgent: left().state === 'overdue', 'due-soon': left().state === 'due_soon' }}>
                      {NOTIFY_PARTY_LABELS[obligation.party] ?? obligation.party}: {left().label}
                    </li>
                  );
                }}
              </For>
            </ul>
          </Show>
          <a class="card-link" href="#incident/legal">
            Insurance, legal, compliance
          </a>
        </li>
        <li class="cockpit-card">
          <h2>Vendor requests</h2>
          <Show when={escalation().escalateNow}>
            <p class="note">{escalation().message}</p>
          </Show>
          <Show when={waitingRequests().length > 0} fallback={<p class="note">No request waiting for an answer.</p>}>
            <ul class="check-list" data-testid="cockpit-requests">
              <For each={waitingRequests()}>
                {(item) => (
                  <li classList={{ urgent: item.status.state === 'overdue' }}>
                    {item.request.vendor}: {item.status.label}
                  </li>
                )}
              </For>
            </ul>
          </Show>
          <a class="card-link" href="#incident/escalation">
            Escalation and vendor requests
          </a>
        </li>
        <IncidentTicketCard incident={props.incident} />
        <li class="cockpit-card">
          <h2>Follow-ups</h2>
          <p classList={{ urgent: followUpCount('overdue') > 0 }} data-testid="cockpit-follow-ups">
            {openItems().length === 0
              ? 'No open follow-up.'
              : `${openItems().length} open: ${followUpCount('overdue')} overdue, ${followUpCount('due_soon')} due within the hour`}
          </p>
          <a class="card-link" href="#incident/decisions">
            Decisions and follow-ups
          </a>
        </li>
        <li class="cockpit-card">
          <h2>Channels</h2>
          <Show when={unsafeChannels().length > 0} fallback={<p class="note">No channel marked suspect or compromised.</p>}>
            <ul class="check-list" data-testid="cockpit-channels">
              <For each={unsafeChannels()}>
                {(item) => (
                  <li classList={{ urgent: item.state === 'compromised', 'due-soon': item.state === 'suspect' }}>
                    {CHANNEL_LABELS[item.channel]}: {CHANNEL_SAFETY_LABELS[item.state]}
                  </li>
                )}
              </For>
            </ul>
          </Show>
          <a class="card-link" href="#incident/channels">
            Safe channels
          </a>
        </li>
      </ul>
      <h2>All steps</h2>
      <ul class="card-list">
        <For each={[...INCIDENT_SECTIONS]}>
          {(section) => (
            <li>
              <a class="card-link step-link" href={`#incident/${section.id}`}>
                <span class="step-label">{section.step}</span> {section.title}
              </a>
            </li>
          )}
        </For>
      </ul>
    </>
  );
}
