import { For, Show, type JSX } from 'solid-js';
import type { ContactChannel } from '../../../domain/contact-methods';
import type { SendingChannel } from '../../../domain/message-recipients';
import { ErrorAlert } from '../../app/ErrorAlert';
import { FormField } from '../../app/FormField';
import { StatusNote } from '../../app/StatusNote';

/**
 * The step that writes the log: the user says how the message went out (only channels not
 * marked compromised are offered, Step 7) and confirms. Shared by Steps 2 and 3.
 */
export function MarkAsSent(props: {
  id: string;
  offered: readonly SendingChannel[];
  hidden: readonly SendingChannel[];
  sentOn: ContactChannel | '';
  onChoose: (channel: ContactChannel | '') => void;
  /** What marking it sent will log and change, in a sentence. */
  consequence: JSX.Element;
  buttonLabel: string;
  saving: boolean;
  onMark: () => void;
  problem: string;
  status: string;
}) {
  const chosen = () => props.offered.find((channel) => channel.channel === props.sentOn);
  return (
    <div class="mark-as-sent">
      <FormField id={`${props.id}-channel`} label="How it was sent">
        <select id={`${props.id}-channel`} value={props.sentOn} onChange={(event) => props.onChoose(event.currentTarget.value as ContactChannel | '')}>
          <option value="">Choose the channel…</option>
          <For each={[...props.offered]}>{(channel) => <option value={channel.channel}>{channel.label}</option>}</For>
        </select>
      </FormField>
      <Show when={chosen()?.note}>
        <p class="finding">{chosen()?.note}</p>
      </Show>
      <Show when={props.hidden.length > 0}>
        <p class="note" data-testid={`${props.id}-hidden-channels`}>
          Not offered: {props.hidden.map((channel) => channel.note).join(' ')}
        </p>
      </Show>
      <p class="note">{props.consequence}</p>
      <ErrorAlert message={props.problem} />
      <button type="button" class="primary wide" disabled={props.saving} onClick={() => props.onMark()}>
        {props.saving ? 'Logging…' : props.buttonLabel}
      </button>
      <StatusNote text={props.status} />
    </div>
  );
}
