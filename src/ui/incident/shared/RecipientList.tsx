import { For, Show, type JSX } from 'solid-js';
import { CONTACT_CHANNEL_LABELS } from '../../../domain/contact-methods';
import type { GroupMember } from '../../../domain/message-recipients';
import { ContactMethodButton } from '../../contacts/ContactMethodButton';

/**
 * Who a group message goes to: each contact ticked (or not) for this message, with the ways
 * to reach them one by one. Methods on a compromised channel are hidden, and the list says
 * so. Shared by Steps 2 and 3.
 */
export function RecipientList(props: {
  members: readonly GroupMember[];
  excluded: readonly string[];
  onInclude: (contactId: string, included: boolean) => void;
  empty: JSX.Element;
}) {
  return (
    <Show when={props.members.length > 0} fallback={props.empty}>
      <ul class="card-list recipient-list">
        <For each={[...props.members]}>
          {(member) => (
            <li class="recipient">
              <label class="check-row">
                <input type="checkbox" checked={!props.excluded.includes(member.contact.id)} onChange={(event) => props.onInclude(member.contact.id, event.currentTarget.checked)} />
                <span>
                  <span class="sr-only">Send to </span>
                  <strong>{member.contact.name}</strong>
                  <span class="recipient-role">{member.contact.role || member.contact.organization}</span>
                </span>
              </label>
              <Show when={member.offered.length + member.hidden.length > 0}>
                <details class="recipient-methods">
                  <summary>
                    Ways to reach {member.contact.name} ({member.offered.length})
                  </summary>
                  <div class="methods">
                    <For each={member.offered}>
                      {(offer) => (
                        <>
                          <ContactMethodButton method={offer.method} contactName={member.contact.name} />
                          <Show when={offer.warning}>
                            <p class="finding">{offer.warning}</p>
                          </Show>
                        </>
                      )}
                    </For>
                  </div>
                </details>
              </Show>
              <For each={member.hidden}>
                {(hidden) => (
                  <p class="note hidden-method">
                    Hidden: {hidden.method.label || CONTACT_CHANNEL_LABELS[hidden.method.channel]} ({CONTACT_CHANNEL_LABELS[hidden.method.channel]}). {hidden.reason}
                  </p>
                )}
              </For>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
