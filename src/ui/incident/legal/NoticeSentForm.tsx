import { createEffect, createSignal, For, onCleanup, Show } from 'solid-js';
import { unwrap } from 'solid-js/store';
import { methodUsable } from '../../../domain/channels';
import { CONTACT_CHANNEL_LABELS, CONTACT_CHANNELS, type ContactChannel } from '../../../domain/contact-methods';
import type { Contact } from '../../../domain/contacts';
import type { Incident } from '../../../domain/incident';
import type { ObligationRecord } from '../../../domain/incident-records';
import { NOTIFY_PARTY_CATEGORIES, type NotifyParty } from '../../../domain/playbook-triggers';
import { markNoticeSent, partyLabel } from '../../../store/obligation-records';
import { describedBy, FormField } from '../../app/FormField';
import { useMuster } from '../../app/muster-app';
import { useIncidentActions } from '../incident-actions';
import { contactsIn } from '../escalation/CategoryContacts';
import { recordSaveFailure } from '../escalation/record-save-failure';
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
  const app = useMuster();
  const actions = useIncidentActions();
  const obligations = useObligationActions(() => props.incident);
  // The version being closed: a change elsewhere meanwhile makes the save a conflict.
  const opened = structuredClone(unwrap(props.record));
  const id = `notice-${opened.id}`;
  const [contacted, setContacted] = createSignal(firstContact(opened, props.contacts));
  const [method, setMethod] = createSignal('');
  const [summary, setSummary] = createSignal('');
  const [errors, setErrors] = createSignal<{ contacted?: string; method?: string; save?: string }>({});
  createEffect(() => app.setUnsaved(id, summary().trim() !== ''));
  onCleanup(() => app.setUnsaved(id, false));
  const warning = () => (method() === '' ? null : methodUsable(method() as ContactChannel, props.incident.channels ?? {}).warning);

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const found: { contacted?: string; method?: string } = {};
    if (contacted().trim() === '') found.contacted = 'Name who was told.';
    if (method() === '') found.method = 'Say how they were told.';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      const write = markNoticeSent(opened, { contacted: contacted(), method: methodLabel(method()), summary: summary() }, obligations.context(), new Date());
      await actions.save(write.record, write.note);
      app.setUnsaved(id, false);
      props.onDone();
    } catch (failure) {
      setErrors({ save: recordSaveFailure(failure) });
    }
  };

  return (
    <form class="inline-form" onSubmit={save} novalidate>
      <FormField id={`${id}-who`} label="Who was told" error={errors().contacted}>
        <input id={`${id}-who`} value={contacted()} onInput={(event) => setContacted(event.currentTarget.value)} {...describedBy(`${id}-who`, errors().contacted)} />
      </FormField>
      <FormField id={`${id}-how`} label="How" error={errors().method}>
        <select id={`${id}-how`} value={method()} onChange={(event) => setMethod(event.currentTarget.value)} {...describedBy(`${id}-how`, errors().method)}>
          <option value="">Choose…</option>
          <For each={[...CONTACT_CHANNELS]}>{(channel) => <option value={channel}>{CONTACT_CHANNEL_LABELS[channel]}</option>}</For>
        </select>
      </FormField>
      <Show when={warning()}>{(text) => <p class="note warning">{text()}</p>}</Show>
      <FormField id={`${id}-what`} label="What was said, claim or reference number (optional)">
        <textarea id={`${id}-what`} rows="2" value={summary()} onInput={(event) => setSummary(event.currentTarget.value)} />
      </FormField>
      <Show when={errors().save}>
        <p class="save-error" role="alert">
          {errors().save}
        </p>
      </Show>
      <div class="form-actions">
        <button type="button" class="secondary" onClick={() => props.onDone()}>
          Cancel
        </button>
        <button type="submit" class="primary">
          Save: notified
        </button>
      </div>
    </form>
  );
}
