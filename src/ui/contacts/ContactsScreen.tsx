import { createMemo, createResource, createSignal, For, lazy, Show } from 'solid-js';
import type { ChannelStates } from '../../domain/channels';
import { CONTACT_CATEGORIES, CONTACT_CATEGORY_LABELS, type Contact } from '../../domain/contacts';
import { listContacts } from '../../store/workspace-repository';
import { useMuster } from '../app/muster-app';
import { ContactCard } from './ContactCard';
import { ContactEditor } from './ContactEditor';
import { WithContactSheet } from './sheet/WithContactSheet';

// The import view (and, once a file is picked, its parsers) loads only when the user imports.
const ContactImportView = lazy(() => import('./import/ContactImportView').then((m) => ({ default: m.ContactImportView })));

function matches(contact: Contact, query: string): boolean {
  const text = [contact.name, contact.organization, contact.role, CONTACT_CATEGORY_LABELS[contact.category]].join(' ').toLowerCase();
  return query.split(/\s+/).every((word) => text.includes(word));
}

/** The emergency contact list, grouped by the playbook's categories, searchable, usable offline. */
export function ContactsScreen() {
  const app = useMuster();
  const [contacts, { refetch }] = createResource(() => app.settings().workspace_id, (workspaceId) => listContacts(app.db, workspaceId));
  const [query, setQuery] = createSignal('');
  // undefined: the list; null: a new contact; a contact: editing it.
  const [editing, setEditing] = createSignal<Contact | null | undefined>(undefined);
  const [importing, setImporting] = createSignal(false);
  const done = () => {
    setEditing(undefined);
    setImporting(false);
    void refetch();
  };
  // Step 7: during an open incident, methods on its compromised channels are marked.
  const marks = () => {
    const incident = app.currentIncident();
    return incident?.status === 'open' ? { incidentId: incident.id, states: (incident.channels ?? {}) as ChannelStates } : undefined;
  };
  const groups = createMemo(() => {
    const wanted = query().trim().toLowerCase();
    const visible = (contacts() ?? []).filter((contact) => wanted === '' || matches(contact, wanted));
    return CONTACT_CATEGORIES.map((category) => ({
      category,
      contacts: visible.filter((contact) => contact.category === category).sort((a, b) => a.priority - b.priority),
    })).filter((group) => group.contacts.length > 0);
  });
  return (
    <WithContactSheet>
      <section class="screen" aria-labelledby="contacts-title">
        <h1 id="contacts-title">Emergency contacts</h1>
        <Show when={!importing()} fallback={<ContactImportView onDone={done} />}>
          <Show when={editing() === undefined} fallback={<ContactEditor contact={editing() ?? null} onDone={done} />}>
            <div class="contact-tools">
              <button type="button" class="secondary" onClick={() => setImporting(true)}>
                Import contacts
              </button>
              <a class="button secondary" href="#contacts/sheet">
                Print contact sheet
              </a>
            </div>
            <label class="sr-only" for="contact-search">
              Search contacts
            </label>
            <input id="contact-search" type="search" placeholder="Search: insurer, MSP, legal…" value={query()} onInput={(event) => setQuery(event.currentTarget.value)} />
            <Show when={contacts() && groups().length === 0}>
              <p class="empty">{query() ? 'No contact matches.' : 'No contacts yet.'}</p>
            </Show>
            <For each={groups()}>
              {(group) => (
                <section class="contact-group" aria-labelledby={`group-${group.category}`}>
                  <h2 id={`group-${group.category}`}>{CONTACT_CATEGORY_LABELS[group.category]}</h2>
                  <ul>
                    <For each={group.contacts}>{(contact) => <ContactCard contact={contact} onEdit={setEditing} marks={marks()} />}</For>
                  </ul>
                </section>
              )}
            </For>
            <div class="bottom-action">
              <button type="button" class="primary wide" onClick={() => setEditing(null)}>
                + Add contact
              </button>
            </div>
          </Show>
        </Show>
      </section>
    </WithContactSheet>
  );
}
