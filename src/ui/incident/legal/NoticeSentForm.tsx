import { createSignal, For, Show } from 'solid-js';
import { methodUsable } from '../../../domain/channels';
import { CONTACT_CHANNEL_LABELS, CONTACT_CHANNELS, type ContactChannel } from '../../../domain/contact-methods';
import type { Contact } from '../../../domain/contacts';
import type { Incident } from '../../../domain/incident';
import type { ObligationRecord } from '../../../domain/incident-records';
import { NOTIFY_PARTY_CATEGORIES, type NotifyParty } from '../../../domain/playbook-triggers';
import { markNoticeSent, partyLabel } from '../../../store/obligation-records';
import { CancelAndSubmit } from '../../app/CancelAndSubmit';
import { ErrorAlert } from '../../app/ErrorAlert';
import { describedBy, FormField } from '../../app/FormField';
import { trackUnsavedForm } from '../../app/unsaved-form';
import { contactsIn } from '../shared/CategoryContacts';
import { createRecordForm } from '../shared/record-form';
import { methodLabel } from '../escalation/vendor-request-draft';
import { useObligationActions } from './use-obligation-actions';

function firstContact(record: ObligationRecord, contacts: readonly Contact[]): string {
  const categories = NOTIFY_PARTY_CATEGORIES[record.party as NotifyParty] ?? [];
  const contact = categories.flatMap((category) => contactsIn(contacts, category))[0];
  if (!contact) return partyLabel(record.party);
  return contact.organization && contact.organization !== contact.name ? `${contact.name} (${contact.organization})` : contact.name;
}

/** The notice went out: who was told and how; logged as the party's notice (insurance, legal…). */
export function NoticeSentForm(props: { incident: Incident; record: ObligationRecord; contacts: readonly Contact[]; onDone: () => void }) {
  const obligations = useObligationActions(() => props.incident);
  const form = createRecordForm<ObligationRecord, 'contacted' | 'method'>(props.record, 'notice');
  const [contacted, setContacted] = createSignal(firstContact(form.opened, props.contacts));
  const [method, setMethod] = createSignal('');
  const [summary, setSummary] = createSignal('');
  trackUnsavedForm(form.id, () => summary().trim() !== '');
  const warning = () => (method() === '' ? null : methodUsable(method() as ContactChannel, props.incident.channels ?? {}).warning);

  const save = form.submit(
    () => {
      const found: { contacted?: string; method?: string } = {};
      if (contacted().trim() === '') found.contacted = 'Name who was told.';
      if (method() === '') found.method = 'Say how they were told.';
      return found;
    },
    () => markNoticeSent(form.opened, { contacted: contacted(), method: methodLabel(method()), summary: summary() }, obligations.context(), new Date()),
    () => props.onDone(),
  );

  return (
    <form class="inline-form" onSubmit={save} novalidate>
      <FormField id={`${form.id}-who`} label="Who was told" error={form.errors().contacted}>
        <input id={`${form.id}-who`} value={contacted()} onInput={(event) => setContacted(event.currentTarget.value)} {...describedBy(`${form.id}-who`, form.errors().contacted)} />
      </FormField>
      <FormField id={`${form.id}-how`} label="How" error={form.errors().method}>
        <select id={`${form.id}-how`} value={method()} onChange={(event) => setMethod(event.currentTarget.value)} {...describedBy(`${form.id}-how`, form.errors().method)}>
          <option value="">Choose…</option>
          <For each={[...CONTACT_CHANNELS]}>{(channel) => <option value={channel}>{CONTACT_CHANNEL_LABELS[channel]}</option>}</For>
        </select>
      </FormField>
      <Show when={warning()}>{(text) => <p class="note warning">{text()}</p>}</Show>
      <FormField id={`${form.id}-what`} label="What was said, claim or reference number (optional)">
        <textarea id={`${form.id}-what`} rows="2" value={summary()} onInput={(event) => setSummary(event.currentTarget.value)} />
      </FormField>
      <ErrorAlert message={form.saveError()} />
      <CancelAndSubmit submitLabel="Save: notified" onCancel={() => props.onDone()} />
    </form>
  );
}
