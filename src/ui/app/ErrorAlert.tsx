import { Show } from 'solid-js';

/** An error the user must read before going on (a save or a read that failed); nothing while there is none. */
export function ErrorAlert(props: { message: string | null | undefined }) {
  return (
    <Show when={props.message}>
      <p class="save-error" role="alert">
        {props.message}
      </p>
    </Show>
  );
}
