import { Show } from 'solid-js';

/** What is wrong with one field, read out at once; `${id}-error` is what describedBy() points the control to. */
export function FieldError(props: { id: string; error: string | undefined }) {
  return (
    <Show when={props.error}>
      <p class="field-error" id={`${props.id}-error`} role="alert">
        {props.error}
      </p>
    </Show>
  );
}
