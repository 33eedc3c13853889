import { For, Show } from 'solid-js';
import { isReachable24x7, type Contact } from '../../domain/contacts';
import { ContactMethodButton, type ChannelMarks } from './ContactMethodButton';

export function ContactCard(props: { contact: Contact; onEdit: (contact: Contact) => void; marks?: ChannelMarks | undefined }) {
  return (
    <li class="contact-card" data-testid="contact">
      <h3>
        {props.contact.name}
        <Show when={isReachable24x7(props.contact)}>
          <span class="tag tag-info">24/7</span>
        </Show>
      </h3>
      <p class="contact-role">{[props.contact.role, props.contact.organization].filter(Boolean).join(' · ')}</p>
      <Show when={props.contact.references.length > 0}>
        <dl class="contact-refs">
          <For each={props.contact.references}>
            {(reference) => (
              <>
                <dt>{reference.label}</dt>
                <dd>{reference.value}</dd>
              </>
            )}
          </For>
        </dl>
      </Show>
      <Show when={props.contact.notes}>
        <p class="note">{props.contact.notes}</p>
      </Show>
      <div class="methods">
        <For each={props.contact.methods}>{(method) => <ContactMethodButton method={method} contactName={props.contact.name} marks={props.marks} />}</For>
      </div>
      <button type="button" class="link-button" onClick={() => props.onEdit(props.contact)} aria-label={`Edit ${props.contact.name}`}>
        Edit
      </button>
    </li>
  );
}
