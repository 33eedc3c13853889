import { createSignal, For, Show } from 'solid-js';
import { channelMarkingAction, channelMarkingSummary, markChannel } from '../../../domain/channel-workflow';
import { CHANNEL_LABELS, CHANNEL_SAFETY, CHANNEL_SAFETY_LABELS, CHANNELS, channelSafety, effectiveSafety, type ChannelSafety, type ChannelStates, type IncidentChannel } from '../../../domain/channels';
import type { Incident } from '../../../domain/incident';
import { ErrorAlert } from '../../app/ErrorAlert';
import { failureMessage, useIncidentActions } from '../incident-actions';

/** What a channel's marking means beyond itself; '' when nothing. */
function consequence(channel: IncidentChannel, states: ChannelStates): string {
  const effective = effectiveSafety(channel, states);
  if (effective.because !== channel) return `Treated as ${effective.state}: it signs in through ${CHANNEL_LABELS[effective.because]}.`;
  if (channel === 'muster_backend')
    return effective.state === 'compromised'
      ? 'Sync is stopped: entries stay on this phone until the backend is marked safe again.'
      : 'Compromised stops this phone syncing with the Muster backend.';
  return '';
}

/** Step 7: each channel safe, suspect or compromised for this incident; each change logged as a decision. */
export function ChannelMarkings(props: { incident: Incident }) {
  const actions = useIncidentActions();
  const [error, setError] = createSignal<{ channel: IncidentChannel; message: string } | null>(null);
  const states = () => (props.incident.channels ?? {}) as ChannelStates;

  const mark = async (channel: IncidentChannel, state: ChannelSafety, input: HTMLInputElement) => {
    setError(null);
    const summary = channelMarkingSummary(channel, state);
    const action = channelMarkingAction(channel, state);
    try {
      await actions.update(props.incident.id, (incident) => markChannel(incident, channel, state), {
        type: 'decision',
        contacted: 'Incident team',
        method: 'Muster',
        summary,
        decision: summary,
        ...(action ? { action } : {}),
      });
    } catch (failure) {
      // Put the radio back on what is stored: the screen must not claim a marking that was not saved.
      const stored = input.closest('fieldset')?.querySelector<HTMLInputElement>(`input[value="${channelSafety(channel, states())}"]`);
      if (stored) stored.checked = true;
      setError({ channel, message: failureMessage(failure) });
    }
  };

  return (
    <ul class="coordination-list channel-list">
      <For each={[...CHANNELS]}>
        {(channel) => (
          <li data-state={effectiveSafety(channel, states()).state}>
            <fieldset class="segmented" aria-describedby={consequence(channel, states()) ? `channel-${channel}-note` : undefined}>
              <legend>{CHANNEL_LABELS[channel]}</legend>
              <For each={[...CHANNEL_SAFETY]}>
                {(state) => (
                  <label>
                    <input
                      type="radio"
                      name={`channel-${channel}`}
                      value={state}
                      checked={channelSafety(channel, states()) === state}
                      onChange={(event) => void mark(channel, state, event.currentTarget)}
                    />
                    <span>{CHANNEL_SAFETY_LABELS[state]}</span>
                  </label>
                )}
              </For>
            </fieldset>
            <Show when={consequence(channel, states())}>
              {(text) => (
                <p class="note channel-consequence" id={`channel-${channel}-note`}>
                  {text()}
                </p>
              )}
            </Show>
            <ErrorAlert message={error()?.channel === channel ? error()?.message : null} />
          </li>
        )}
      </For>
    </ul>
  );
}
