import { createSignal, For } from 'solid-js';
import { CONTACT_CHANNEL_LABELS, CONTACT_CHANNELS } from '../../../domain/contact-methods';
import type { VendorRequestRecord } from '../../../domain/incident-records';
import { CancelAndSubmit } from '../../app/CancelAndSubmit';
import { ErrorAlert } from '../../app/ErrorAlert';
import { describedBy, FormField } from '../../app/FormField';
import { trackUnsavedForm } from '../../app/unsaved-form';
import { createRecordForm } from '../shared/record-form';
import { useWorkflowSettings } from '../workflow-settings';
import { vendorResponseReceived } from './vendor-request-draft';

// The log's "Response received" holds 2000 characters; long answers belong in the evidence store.
const RESPONSE_MAX = 2000;

/** Records the vendor's answer: the request is closed and a vendor_request entry logs the response. */
export function VendorResponseForm(props: { request: VendorRequestRecord; onDone: () => void }) {
  const workflow = useWorkflowSettings();
  const form = createRecordForm<VendorRequestRecord, 'text'>(props.request, 'vendor-response');
  const [text, setText] = createSignal('');
  const [method, setMethod] = createSignal('');
  const [followUp, setFollowUp] = createSignal('');
  trackUnsavedForm(form.id, () => text().trim() !== '' || followUp().trim() !== '');

  const save = form.submit(
    () => {
      const answer = text().trim();
      if (answer === '') return { text: 'Write what they answered, in a sentence or two.' };
      if (answer.length > RESPONSE_MAX) return { text: `Keep it under ${RESPONSE_MAX} characters (now ${answer.length}); put the full answer in the evidence store.` };
      return {};
    },
    () => vendorResponseReceived(form.opened, { text: text().trim(), method: method(), followUp: followUp() }, workflow().timeZone, new Date()),
    () => props.onDone(),
  );

  return (
    <form class="inline-form" onSubmit={save} novalidate>
      <FormField id={`${form.id}-text`} label="What they answered" error={form.errors().text}>
        <textarea id={`${form.id}-text`} rows="3" value={text()} onInput={(event) => setText(event.currentTarget.value)} {...describedBy(`${form.id}-text`, form.errors().text)} />
      </FormField>
      <FormField id={`${form.id}-method`} label="How it came (optional)">
        <select id={`${form.id}-method`} value={method()} onChange={(event) => setMethod(event.currentTarget.value)}>
          <option value="">Not said</option>
          <For each={[...CONTACT_CHANNELS]}>{(channel) => <option value={channel}>{CONTACT_CHANNEL_LABELS[channel]}</option>}</For>
        </select>
      </FormField>
      <FormField id={`${form.id}-follow`} label="Follow-up required (optional)">
        <input id={`${form.id}-follow`} value={followUp()} onInput={(event) => setFollowUp(event.currentTarget.value)} />
      </FormField>
      <ErrorAlert message={form.saveError()} />
      <CancelAndSubmit submitLabel="Save response" onCancel={() => props.onDone()} />
    </form>
  );
}
