import { Show } from 'solid-js';
import { CHANNEL_LABELS, safeChannelsFor, type ChannelStates } from '../../../domain/channels';
import { backendCompromised, type Incident } from '../../../domain/incident';
import { AlternateChannelNotice } from '../channels/AlternateChannelNotice';
import { BridgeLinkForm } from '../channels/BridgeLinkForm';
import { ChannelMarkings } from '../channels/ChannelMarkings';

/** Step 7: which channels are safe for this incident, and the notice that moves the team off the others. */
export function ChannelsSection(props: { incident: Incident }) {
  const safe = () => safeChannelsFor((props.incident.channels ?? {}) as ChannelStates);
  return (
    <>
      <p class="note">
        Do not discuss the incident in a compromised mailbox or system. Contact methods on a compromised channel are hidden from suggestions and marked in Contacts.
      </p>
      <p class="channel-summary" data-testid="safe-channels">
        <Show when={safe().length > 0} fallback="No talk channel is marked safe: meet in person.">
          Safe to talk on: {safe().map((channel) => CHANNEL_LABELS[channel]).join(', ')}.
        </Show>
      </p>
      <Show when={backendCompromised(props.incident)}>
        <p class="urgent" role="status">
          Muster backend marked compromised: this phone does not sync. Entries stay on it.
        </p>
      </Show>
      <h2>Channels</h2>
      <ChannelMarkings incident={props.incident} />
      <h2>Bridge</h2>
      <BridgeLinkForm incidentId={props.incident.id} />
      <AlternateChannelNotice incident={props.incident} />
    </>
  );
}
