import { For, Show } from 'solid-js';
import { defaultNextUpdate, formatMinutes } from '../../../domain/leadership-update';
import { describedBy, FormField } from '../../app/FormField';
import { fromTimeInput, toTimeInput } from '../shared/time-input';

/**
 * A date and time in the phone's local time. With `quickMinutes`, buttons set it to now
 * plus that many minutes ("next update in 30 min"), rounded up to five minutes.
 */
export function UpdatePointTime(props: {
  id: string;
  label: string;
  /** ISO 8601. */
  value: string;
  error?: string | undefined;
  warning?: string | undefined;
  hint?: string;
  quickMinutes?: readonly number[];
  onInput: (iso: string) => void;
}) {
  return (
    <FormField id={props.id} label={props.label} error={props.error} hint={props.hint}>
      <input type="datetime-local" id={props.id} value={toTimeInput(props.value)} onInput={(event) => props.onInput(fromTimeInput(event.currentTarget.value))} {...describedBy(props.id, props.error)} />
      <Show when={props.quickMinutes}>
        {(choices) => (
          <div class="quick-times" role="group" aria-label={`${props.label}: quick choices`}>
            <For each={[...choices()]}>
              {(minutes) => (
                <button type="button" class="secondary" onClick={() => props.onInput(defaultNextUpdate(new Date(), minutes))}>
                  In {formatMinutes(minutes)}
                </button>
              )}
            </For>
          </div>
        )}
      </Show>
      <Show when={props.warning}>
        <p class="finding">{props.warning}</p>
      </Show>
    </FormField>
  );
}
