import { For } from 'solid-js';
import { STILL_ACTIVE_ANSWERS, STILL_ACTIVE_LABELS } from '../../../domain/leadership-update';
import { FieldError } from '../../app/FieldError';

/** "Whether the incident appears active": yes, no or not yet known, as three big buttons. */
export function StillActiveChoice(props: { id: string; label: string; value: string; error?: string | undefined; onChange: (value: string) => void }) {
  return (
    <div class="field" classList={{ 'field-invalid': !!props.error }}>
      <fieldset class="segmented still-active" aria-describedby={props.error ? `${props.id}-error` : undefined}>
        <legend>{props.label}</legend>
        <For each={[...STILL_ACTIVE_ANSWERS]}>
          {(answer) => (
            <label>
              <input type="radio" id={`${props.id}-${answer}`} name={props.id} value={answer} checked={props.value === answer} onChange={() => props.onChange(answer)} />
              <span>{STILL_ACTIVE_LABELS[answer]}</span>
            </label>
          )}
        </For>
      </fieldset>
      <FieldError id={props.id} error={props.error} />
    </div>
  );
}
