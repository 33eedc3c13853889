import { createSignal, For, Index, onMount, Show } from 'solid-js';
import { CONTACT_CHANNEL_LABELS, CONTACT_CHANNELS } from '../../domain/contact-methods';
import { contactFromDraft, draftFromContact, emptyContactDraft, validateContactDraft, type ContactDraft, type ContactErrors } from '../../domain/contact-draft';
import { CONTACT_CATEGORIES, CONTACT_CATEGORY_LABELS, type Contact } from '../../domain/contacts';
import { removeContact, saveContact } from '../../store/workspace-repository';
import { toStoreError } from '../../store/store-error';
import { CancelAndSubmit } from '../app/CancelAndSubmit';
import { ErrorAlert } from '../app/ErrorAlert';
import { describedBy, FormField } from '../app/FormField';
import { useMuster } from '../app/muster-app';

/** Add or edit one emergency contact: who they are, and every way to reach them. */
export function ContactEditor(props: { contact: Contact | null; onDone: () => void }) {
  const app = useMuster();
  onMount(() => scrollTo(0, 0));
  const [draft, setDraft] = createSignal<ContactDraft>(props.contact ? draftFromContact(props.contact) : emptyContactDraft());
  const [errors, setErrors] = createSignal<ContactErrors>({});
  const [saveError, setSaveError] = createSignal<string | null>(null);
  const formId = 'contact-editor';
  const change = (next: Partial<ContactDraft>) => {
    setDraft({ ...draft(), ...next });
    app.setUnsaved(formId, true);
  };
  const changeMethod = (index: number, next: Partial<ContactDraft['methods'][number]>) =>
    change({ methods: draft().methods.map((method, i) => (i === index ? { ...method, ...next } : method)) });
  const changeReference = (index: number, next: Partial<ContactDraft['references'][number]>) =>
    change({ references: draft().references.map((reference, i) => (i === index ? { ...reference, ...next } : reference)) });
  const finish = () => {
    app.setUnsaved(formId, false);
    props.onDone();
  };

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const checked = validateContactDraft(draft());
    if (!checked.ok) return setErrors(checked.errors);
    try {
      await saveContact(app.db, contactFromDraft(checked.draft, app.settings().workspace_id, props.contact, new Date()));
      finish();
    } catch (error) {
      setSaveError(toStoreError(error).message);
    }
  };
  const remove = async () => {
    if (!props.contact || !confirm(`Remove ${props.contact.name} from the contact list?`)) return;
    await removeContact(app.db, props.contact.id);
    finish();
  };

  return (
    <form class="contact-editor" onSubmit={save} novalidate aria-labelledby="contact-editor-title">
      <h2 id="contact-editor-title">{props.contact ? `Edit ${props.contact.name}` : 'New contact'}</h2>
      <FormField id="contact-name" label="Name (person or organization)" error={errors().name}>
        <input id="contact-name" value={draft().name} onInput={(e) => change({ name: e.currentTarget.value })} {...describedBy('contact-name', errors().name)} />
      </FormField>
      <FormField id="contact-category" label="Category" error={errors().category}>
        <select id="contact-category" value={draft().category} onChange={(e) => change({ category: e.currentTarget.value })}>
          <For each={CONTACT_CATEGORIES}>{(category) => <option value={category}>{CONTACT_CATEGORY_LABELS[category]}</option>}</For>
        </select>
      </FormField>
      <FormField id="contact-org" label="Organization">
        <input id="contact-org" value={draft().organization} onInput={(e) => change({ organization: e.currentTarget.value })} />
      </FormField>
      <FormField id="contact-role" label="Role">
        <input id="contact-role" value={draft().role} onInput={(e) => change({ role: e.currentTarget.value })} />
      </FormField>
      <fieldset>
        <legend>Ways to reach them</legend>
        <Show when={errors().methods}>
          <p class="field-error" role="alert">{errors().methods}</p>
        </Show>
        <Index each={draft().methods}>
          {(method, index) => (
            <div class="method-row">
              <FormField id={`method-channel-${index}`} label={`Method ${index + 1}`}>
                <select id={`method-channel-${index}`} value={method().channel} onChange={(e) => changeMethod(index, { channel: e.currentTarget.value })}>
                  <For each={CONTACT_CHANNELS}>{(channel) => <option value={channel}>{CONTACT_CHANNEL_LABELS[channel]}</option>}</For>
                </select>
              </FormField>
              <FormField id={`method-value-${index}`} label="Number, address or link" error={errors().methodRows?.[index]}>
                <input id={`method-value-${index}`} value={method().value} onInput={(e) => changeMethod(index, { value: e.currentTarget.value })} {...describedBy(`method-value-${index}`, errors().methodRows?.[index])} />
              </FormField>
              <FormField id={`method-label-${index}`} label="Label (e.g. Mobile, Claims hotline)">
                <input id={`method-label-${index}`} value={method().label} onInput={(e) => changeMethod(index, { label: e.currentTarget.value })} />
              </FormField>
              <label class="toggle">
                <input type="checkbox" checked={method().available_24x7} onChange={(e) => changeMethod(index, { available_24x7: e.currentTarget.checked })} />
                Answered 24/7
              </label>
            </div>
          )}
        </Index>
        <button type="button" class="secondary wide" onClick={() => change({ methods: [...draft().methods, { channel: 'phone', value: '', label: '', available_24x7: false }] })}>
          + Add a way to reach them
        </button>
      </fieldset>
      <fieldset>
        <legend>Policy, contract or account numbers</legend>
        <Index each={draft().references}>
          {(reference, index) => (
            <div class="reference-row">
              <FormField id={`reference-label-${index}`} label="What it is (e.g. Policy)">
                <input id={`reference-label-${index}`} value={reference().label} onInput={(e) => changeReference(index, { label: e.currentTarget.value })} />
              </FormField>
              <FormField id={`reference-value-${index}`} label="Number">
                <input id={`reference-value-${index}`} value={reference().value} onInput={(e) => changeReference(index, { value: e.currentTarget.value })} />
              </FormField>
            </div>
          )}
        </Index>
        <button type="button" class="secondary wide" onClick={() => change({ references: [...draft().references, { label: '', value: '' }] })}>
          + Add a number
        </button>
      </fieldset>
      <FormField id="contact-notes" label="Notes" error={errors().notes}>
        <textarea id="contact-notes" rows="2" value={draft().notes} onInput={(e) => change({ notes: e.currentTarget.value })} />
      </FormField>
      <ErrorAlert message={saveError()} />
      <CancelAndSubmit submitLabel="Save contact" onCancel={finish} />
      <Show when={props.contact}>
        <button type="button" class="link-button" onClick={remove}>
          Remove this contact
        </button>
      </Show>
    </form>
  );
}
