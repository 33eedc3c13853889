import { createMemo, createSignal, For, Show } from 'solid-js';
import { methodUsable } from '../../../domain/channels';
import { CONTACT_CHANNEL_LABELS, CONTACT_CHANNELS } from '../../../domain/contact-methods';
import type { Contact } from '../../../domain/contacts';
import type { Incident } from '../../../domain/incident';
import { composeVendorRequest, validateVendorRequest } from '../../../domain/vendor-request';
import { ErrorAlert } from '../../app/ErrorAlert';
import { describedBy, FormField } from '../../app/FormField';
import { useMuster } from '../../app/muster-app';
import { SendActions, type SendVia } from '../../app/SendActions';
import { StatusNote } from '../../app/StatusNote';
import { trackUnsavedForm } from '../../app/unsaved-form';
import { useIncidentActions } from '../incident-actions';
import { ContactToCall } from '../shared/CategoryContacts';
import { recordSaveFailure } from '../shared/record-save-failure';
import { useWorkflowSettings } from '../workflow-settings';
import { initialVendorDraft, vendorRequestInput, vendorRequestSent, type VendorDraft } from './vendor-request-draft';
import { VendorRequestFields, type ComposerErrors } from './VendorRequestFields';

// The validator's fields this form has (the incident ID comes from the incident itself).
const FORM_FIELDS: ReadonlySet<string> = new Set<keyof VendorDraft>(['vendorName', 'asks', 'systems', 'windowFrom', 'windowTo', 'deadline', 'replyChannel']);

// What the button used says about the way it went out; copy and share could be anything.
const METHOD_OF: Partial<Record<SendVia, string>> = { sms: 'sms' };

/**
 * Step 4: "Technical support requests should be precise." Who, what exactly, for which
 * systems and time window, by when; then the request is sent from the phone and marked as
 * sent, which stores it and writes its vendor_request log entry.
 */
export function VendorRequestComposer(props: { incident: Incident; contacts: readonly Contact[]; onSent: (status: string) => void; onClose: () => void }) {
  const app = useMuster();
  const actions = useIncidentActions();
  const workflow = useWorkflowSettings();
  const [draft, setDraft] = createSignal(initialVendorDraft(props.incident, app.settings().author_name, new Date()));
  const [errors, setErrors] = createSignal<ComposerErrors>({});
  const [saving, setSaving] = createSignal(false);
  const [sendStatus, setSendStatus] = createSignal('');
  const set = <K extends keyof VendorDraft>(key: K, value: VendorDraft[K]) => {
    setDraft({ ...draft(), [key]: value });
    // The field's error goes once it is edited; the rest wait for the next "Mark as sent".
    if (errors()[key]) setErrors({ ...errors(), [key]: undefined });
  };
  const input = createMemo(() => vendorRequestInput(draft(), props.incident, workflow().timeZone));
  const message = createMemo(() => composeVendorRequest(input()));
  const picked = () => props.contacts.find((contact) => contact.id === draft().contactId);
  const methodWarning = () => (draft().method === '' ? null : methodUsable(draft().method as (typeof CONTACT_CHANNELS)[number], props.incident.channels ?? {}).warning);

  const typed = () => draft().vendorName.trim() !== '' || draft().systems.trim() !== '' || draft().replyChannel.trim() !== '';
  trackUnsavedForm('vendor-request', typed);

  const pick = (contactId: string) => {
    const contact = props.contacts.find((candidate) => candidate.id === contactId);
    setDraft({
      ...draft(),
      contactId,
      vendorName: contact ? contact.organization || contact.name : draft().vendorName,
      reference: contact ? (contact.references[0]?.value ?? '') : draft().reference,
    });
    if (contact) setErrors({ ...errors(), vendorName: undefined });
  };

  const markSent = async () => {
    const now = new Date();
    const check = validateVendorRequest(input(), now);
    const found: ComposerErrors = {};
    if (!check.ok) for (const [field, error] of Object.entries(check.errors)) if (FORM_FIELDS.has(field)) found[field as keyof VendorDraft] = error;
    if (draft().method === '') found.method = 'Say how the request went out.';
    if (draft().owner.trim() === '') found.owner = 'Name who follows up the reply.';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const vendor = input().vendorName.trim();
    const contact = picked();
    const contacted = contact && contact.name !== vendor ? `${vendor} (${contact.name})` : vendor;
    const sent = vendorRequestSent(input(), message(), { workspaceId: app.settings().workspace_id, owner: draft().owner, method: draft().method, contacted }, now);
    setSaving(true);
    try {
      const { entry } = await actions.save(sent.record, sent.note);
      app.setUnsaved('vendor-request', false);
      props.onSent(`Request to ${vendor} marked as sent${entry ? ` and logged as #${entry.local_seq}` : ''}.`);
    } catch (failure) {
      setErrors({ save: recordSaveFailure(failure) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <section class="vendor-composer" aria-labelledby="vendor-composer-title">
      <h2 id="vendor-composer-title">New vendor request</h2>
      <VendorRequestFields draft={draft()} errors={errors()} contacts={props.contacts} set={set} pick={pick} />

      <h3>The request</h3>
      <p class="preview-subject" data-testid="vendor-request-subject">
        {message().subject}
      </p>
      <pre class="preview" data-testid="vendor-request-preview">
        {message().text}
      </pre>
      <Show when={message().missing.length > 0}>
        <p class="note warning">Still empty: {message().missing.join(', ')}.</p>
      </Show>
      <Show when={picked()}>
        {(contact) => (
          <ul class="card-list" aria-label={`Ways to reach ${contact().name}`}>
            <ContactToCall contact={contact()} channels={props.incident.channels ?? {}} />
          </ul>
        )}
      </Show>
      <SendActions
        subject={message().subject}
        text={message().text}
        copiedStatus="Copied: paste it into the vendor’s portal, chat or mail."
        onStatus={setSendStatus}
        onUsed={(via) => METHOD_OF[via] && set('method', METHOD_OF[via])}
      />
      <StatusNote text={sendStatus()} />

      <FormField id="vr-method" label="How did it go out?" error={errors().method}>
        <select id="vr-method" value={draft().method} onChange={(event) => set('method', event.currentTarget.value)} {...describedBy('vr-method', errors().method)}>
          <option value="">Choose…</option>
          <For each={[...CONTACT_CHANNELS]}>{(channel) => <option value={channel}>{CONTACT_CHANNEL_LABELS[channel]}</option>}</For>
        </select>
      </FormField>
      <Show when={methodWarning()}>{(warning) => <p class="note warning">{warning()}</p>}</Show>
      <ErrorAlert message={errors().save} />
      <Show when={Object.values(errors()).some(Boolean) && !errors().save}>
        <p class="save-error" role="alert">
          Not marked as sent: fix the fields marked above. Nothing you typed is lost.
        </p>
      </Show>
      <div class="form-actions">
        <button type="button" class="secondary" onClick={() => props.onClose()}>
          Hide for now
        </button>
        <button type="button" class="primary" disabled={saving()} onClick={() => void markSent()}>
          Mark as sent
        </button>
      </div>
    </section>
  );
}
