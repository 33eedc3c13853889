import { For } from 'solid-js';
import { CONTACT_CATEGORY_LABELS, type Contact } from '../../../domain/contacts';
import { VENDOR_ASK_LABELS, VENDOR_ASKS } from '../../../domain/vendor-request';
import { FieldError } from '../../app/FieldError';
import { describedBy, FormField } from '../../app/FormField';
import { contactsIn } from '../shared/CategoryContacts';
import { PROVIDER_CATEGORIES, type VendorDraft } from './vendor-request-draft';

export type ComposerErrors = Partial<Record<keyof VendorDraft | 'save', string>>;

/** The vendor request's fields: whom, what to ask for, which systems, the time window, reply by, reply to, owner. */
export function VendorRequestFields(props: {
  draft: VendorDraft;
  errors: ComposerErrors;
  contacts: readonly Contact[];
  set: <K extends keyof VendorDraft>(key: K, value: VendorDraft[K]) => void;
  pick: (contactId: string) => void;
}) {
  const draft = () => props.draft;
  const errors = () => props.errors;
  const set = <K extends keyof VendorDraft>(key: K, value: VendorDraft[K]) => props.set(key, value);
  const providers = () => PROVIDER_CATEGORIES.map((category) => ({ category, contacts: contactsIn(props.contacts, category) })).filter((group) => group.contacts.length > 0);
  return (
    <>
      <FormField id="vr-contact" label="Send to (from your contacts)">
        <select id="vr-contact" value={draft().contactId} onChange={(event) => props.pick(event.currentTarget.value)}>
          <option value="">Someone else: type the name below</option>
          <For each={providers()}>
            {(group) => (
              <optgroup label={CONTACT_CATEGORY_LABELS[group.category]}>
                <For each={group.contacts}>{(contact) => <option value={contact.id}>{contact.organization ? `${contact.organization}: ${contact.name}` : contact.name}</option>}</For>
              </optgroup>
            )}
          </For>
        </select>
      </FormField>
      <FormField id="vr-vendor" label="Vendor or MSP" error={errors().vendorName}>
        <input id="vr-vendor" value={draft().vendorName} onInput={(event) => set('vendorName', event.currentTarget.value)} {...describedBy('vr-vendor', errors().vendorName)} />
      </FormField>
      <FormField id="vr-reference" label="Account, contract or ticket number (optional)">
        <input id="vr-reference" value={draft().reference} onInput={(event) => set('reference', event.currentTarget.value)} />
      </FormField>
      <fieldset aria-describedby={errors().asks ? 'vr-asks-error' : undefined}>
        <legend>Ask for</legend>
        <For each={[...VENDOR_ASKS]}>
          {(ask) => (
            <label class="check-row">
              <input
                type="checkbox"
                checked={draft().asks.includes(ask)}
                onChange={(event) => set('asks', event.currentTarget.checked ? [...draft().asks, ask] : draft().asks.filter((other) => other !== ask))}
              />
              <span>{VENDOR_ASK_LABELS[ask]}</span>
            </label>
          )}
        </For>
        <FieldError id="vr-asks" error={errors().asks} />
      </fieldset>
      <FormField id="vr-systems" label="Affected systems" hint="One per line or separated by commas, e.g. Microsoft 365, file server" error={errors().systems}>
        <textarea id="vr-systems" rows="2" value={draft().systems} onInput={(event) => set('systems', event.currentTarget.value)} {...describedBy('vr-systems', errors().systems)} />
      </FormField>
      <FormField id="vr-from" label="Time window from" hint="When the incident was detected; start earlier if the attacker may have been in before." error={errors().windowFrom}>
        <input id="vr-from" type="datetime-local" value={draft().windowFrom} onInput={(event) => set('windowFrom', event.currentTarget.value)} {...describedBy('vr-from', errors().windowFrom)} />
      </FormField>
      <FormField id="vr-to" label="Time window to" error={errors().windowTo}>
        <input id="vr-to" type="datetime-local" value={draft().windowTo} onInput={(event) => set('windowTo', event.currentTarget.value)} {...describedBy('vr-to', errors().windowTo)} />
      </FormField>
      <FormField id="vr-deadline" label="Reply by" error={errors().deadline}>
        <input id="vr-deadline" type="datetime-local" value={draft().deadline} onInput={(event) => set('deadline', event.currentTarget.value)} {...describedBy('vr-deadline', errors().deadline)} />
      </FormField>
      <FormField id="vr-reply" label="Reply to (a channel that is safe now)" hint="e.g. call Tom Becker on +1 202 555 0102" error={errors().replyChannel}>
        <input id="vr-reply" value={draft().replyChannel} onInput={(event) => set('replyChannel', event.currentTarget.value)} {...describedBy('vr-reply', errors().replyChannel)} />
      </FormField>
      <FormField id="vr-owner" label="Owner (follows up the reply)" error={errors().owner}>
        <input id="vr-owner" value={draft().owner} onInput={(event) => set('owner', event.currentTarget.value)} {...describedBy('vr-owner', errors().owner)} />
      </FormField>

    </>
  );
}
