import { For, Show } from 'solid-js';
import type { SheetContact } from '../../../domain/contact-sheet';

/** One contact on the printable sheet: every method with its 24/7 marker, every reference number. */
export function SheetContactItem(props: { contact: SheetContact }) {
  const who = () => [props.contact.organization, props.contact.role].filter((part) => part.trim() !== '').join(', ');
  return (
    <li class="sheet-contact">
      <p class="sheet-contact-name">
        <strong>{props.contact.name}</strong>
        <Show when={who()}>{(text) => <span class="sheet-contact-role"> · {text()}</span>}</Show>
        <Show when={props.contact.available24x7}>
          <span class="tag tag-info sheet-247">24/7</span>
        </Show>
      </p>
      <dl class="sheet-facts">
        <For each={props.contact.methods}>
          {(method) => (
            <>
              <dt>
                {method.channel}
                <Show when={method.label}> ({method.label})</Show>
              </dt>
              <dd>
                <span class="sheet-value">{method.value}</span>
                <Show when={method.available24x7}> <span class="sheet-247-inline">24/7</span></Show>
                <Show when={method.warning}>{(warning) => <span class="sheet-warning"> {warning()}</span>}</Show>
              </dd>
            </>
          )}
        </For>
        <For each={props.contact.references}>
          {(reference) => (
            <>
              <dt>{reference.label || 'Reference'}</dt>
              <dd class="sheet-value">{reference.value}</dd>
            </>
          )}
        </For>
      </dl>
      <Show when={props.contact.notes.trim()}>{(notes) => <p class="note sheet-notes">{notes()}</p>}</Show>
    </li>
  );
}
