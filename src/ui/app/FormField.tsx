import { Show, type JSX } from 'solid-js';
import { FieldError } from './FieldError';

/** A labelled control with its error read out by screen readers (aria-describedby). */
export function FormField(props: { id: string; label: string; error?: string | undefined; hint?: string; children: JSX.Element }) {
  return (
    <div class="field" classList={{ 'field-invalid': !!props.error }}>
      <label for={props.id}>{props.label}</label>
      <Show when={props.hint}>
        <p class="field-hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      </Show>
      {props.children}
      <FieldError id={props.id} error={props.error} />
    </div>
  );
}

/** aria attributes for a control inside FormField. */
export function describedBy(id: string, error: string | undefined) {
  return { 'aria-invalid': error ? ('true' as const) : undefined, 'aria-describedby': error ? `${id}-error` : undefined };
}
