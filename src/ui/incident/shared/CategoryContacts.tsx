import { For, Show } from 'solid-js';
import { methodUsable, suggestedMethods, type ChannelStates } from '../../../domain/channels';
import { CONTACT_CATEGORY_LABELS, type Contact, type ContactCategory } from '../../../domain/contacts';
import { ContactMethodButton } from '../../contacts/ContactMethodButton';

/** The contacts of one category, first called first, or the line that says none is in the list. */
export function contactsIn(contacts: readonly Contact[], category: ContactCategory): Contact[] {
  return contacts.filter((contact) => contact.category === category).sort((a, b) => a.priority - b.priority);
}

/**
 * Whom to call for one category, with one-tap call, text and mail buttons. Methods on a
 * channel marked compromised for this incident are left out (Step 7), suspect ones warned.
 */
export function CategoryContacts(props: { category: ContactCategory; contacts: readonly Contact[]; channels: ChannelStates; nested?: boolean }) {
  const label = () => CONTACT_CATEGORY_LABELS[props.category];
  const found = () => contactsIn(props.contacts, props.category);
  return (
    <div class="category-contacts">
      <Show when={props.nested} fallback={<h3>{label()}</h3>}>
        <h4>{label()}</h4>
      </Show>
      <Show
        when={found().length > 0}
        fallback={
          <p class="note missing-contact">
            No {label()} contact in your list:{' '}
            <a href="#contacts" aria-label={`Add a ${label()} contact`}>
              add one
            </a>
          </p>
        }
      >
        <ul class="card-list">
          <For each={found()}>{(contact) => <ContactToCall contact={contact} channels={props.channels} />}</For>
        </ul>
      </Show>
    </div>
  );
}

/** One contact with its usable ways to reach them, as a list item. */
export function ContactToCall(props: { contact: Contact; channels: ChannelStates }) {
  const usable = () => suggestedMethods(props.contact.methods, props.channels);
  const hidden = () => props.contact.methods.length - usable().length;
  return (
    <li class="contact-to-call">
      <p class="contact-name">{props.contact.name}</p>
      <p class="contact-role">{[props.contact.role, props.contact.organization].filter(Boolean).join(' · ')}</p>
      <For each={props.contact.references}>
        {(reference) => (
          <p class="note">
            {reference.label}: <strong>{reference.value}</strong>
          </p>
        )}
      </For>
      <div class="methods">
        <For each={usable()}>
          {(method) => (
            <>
              <ContactMethodButton method={method} contactName={props.contact.name} />
              <Show when={methodUsable(method.channel, props.channels).warning}>{(warning) => <p class="note warning">{warning()}</p>}</Show>
            </>
          )}
        </For>
      </div>
      <Show when={hidden() > 0}>
        <p class="note">
          {hidden()} {hidden() === 1 ? 'way' : 'ways'} to reach them hidden: the channel is marked compromised (Step 7).
        </p>
      </Show>
    </li>
  );
}
