import { createMemo, createSignal, For, Show } from 'solid-js';
import { alternateChannelNotice, CHANNEL_LABELS, effectiveSafety, methodUsable, TALK_CHANNELS, type ChannelStates } from '../../../domain/channels';
import type { Incident } from '../../../domain/incident';
import { ErrorAlert } from '../../app/ErrorAlert';
import { FormField } from '../../app/FormField';
import { LiveSecretWarning } from '../../app/LiveSecretWarning';
import { SendActions } from '../../app/SendActions';
import { StatusNote } from '../../app/StatusNote';
import { failureMessage, useIncidentActions } from '../incident-actions';
import { PostToChat } from '../shared/PostToChat';
import { useWorkflowSettings } from '../workflow-settings';

const IN_PERSON = 'In person';

/** Step 7: the message that moves the response team to safe channels, sent from here and logged. */
export function AlternateChannelNotice(props: { incident: Incident }) {
  const actions = useIncidentActions();
  const workflow = useWorkflowSettings();
  const [meetingPoint, setMeetingPoint] = createSignal('');
  const [sentTo, setSentTo] = createSignal('Response team');
  const [status, setStatus] = createSignal('');
  const [error, setError] = createSignal('');
  const states = () => (props.incident.channels ?? {}) as ChannelStates;
  const notice = createMemo(() => alternateChannelNotice({ states: states(), bridgeUrl: workflow().bridgeUrl, meetingPoint: meetingPoint(), incidentId: props.incident.id }));
  // The notice goes out only on a channel that is not compromised; the first safe one is the default.
  const methods = () => [...TALK_CHANNELS.filter((channel) => effectiveSafety(channel, states()).state !== 'compromised').map((channel) => CHANNEL_LABELS[channel]), IN_PERSON];
  const [method, setMethod] = createSignal('');
  const chosenMethod = () => (methods().includes(method()) ? method() : (methods()[0] ?? IN_PERSON));

  const markSent = async (event: SubmitEvent) => {
    event.preventDefault();
    setError('');
    const recipients = sentTo().trim();
    if (recipients === '' || recipients.length > 200) return setError('Say who got the notice (at most 200 characters), e.g. "Response team".');
    try {
      const entry = await actions.log(props.incident.id, {
        type: 'internal_update',
        contacted: recipients,
        method: chosenMethod(),
        summary: `Alternate-channel notice sent.\n\n${notice().text}`,
        action: 'Use only the channels named in the notice.',
      });
      setStatus(`Marked as sent, logged as #${entry.local_seq}.`);
    } catch (failure) {
      setError(failureMessage(failure));
    }
  };

  return (
    <section aria-labelledby="notice-title">
      <h2 id="notice-title">Alternate-channel notice</h2>
      <FormField id="meeting-point" label="Meeting point (optional)" hint="Where to meet when nothing else works, e.g. reception, 2nd floor.">
        <input id="meeting-point" value={meetingPoint()} maxlength="200" onInput={(event) => setMeetingPoint(event.currentTarget.value)} />
      </FormField>
      <p class="preview-subject">{notice().subject}</p>
      <pre class="preview" data-testid="channel-notice">{notice().text}</pre>
      <LiveSecretWarning text={notice().text} />
      <StatusNote text={status()} />
      <SendActions
        subject={notice().subject}
        text={notice().text}
        copyPrimary
        sms={methodUsable('sms', states()).usable}
        email={methodUsable('personal_email', states()).usable}
        onStatus={setStatus}
      />
      <PostToChat incidentId={props.incident.id} source="alternate_channel" text={notice().text} states={states()} />
      <Show when={!methodUsable('corporate_email', states()).usable}>
        <p class="note warning">Corporate email is not safe: send from a personal address, or use another channel.</p>
      </Show>
      <form onSubmit={markSent} novalidate>
        <FormField id="notice-to" label="Sent to">
          <input id="notice-to" value={sentTo()} maxlength="200" onInput={(event) => setSentTo(event.currentTarget.value)} />
        </FormField>
        <FormField id="notice-method" label="Sent via">
          <select id="notice-method" value={chosenMethod()} onChange={(event) => setMethod(event.currentTarget.value)}>
            <For each={methods()}>{(option) => <option value={option}>{option}</option>}</For>
          </select>
        </FormField>
        <button type="submit" class="secondary wide">
          Mark as sent (logged)
        </button>
      </form>
      <ErrorAlert message={error()} />
    </section>
  );
}
