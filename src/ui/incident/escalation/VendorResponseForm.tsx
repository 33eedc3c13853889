import { createEffect, createSignal, For, onCleanup, Show } from 'solid-js';
import { unwrap } from 'solid-js/store';
import { CONTACT_CHANNEL_LABELS, CONTACT_CHANNELS } from '../../../domain/contact-methods';
import type { VendorRequestRecord } from '../../../domain/incident-records';
import { describedBy, FormField } from '../../app/FormField';
import { useMuster } from '../../app/muster-app';
import { useIncidentActions } from '../incident-actions';
import { useWorkflowSettings } from '../workflow-settings';
import { recordSaveFailure } from './record-save-failure';
import { vendorResponseReceived } from './vendor-request-draft';

// The log's "Response received" holds 2000 characters; long answers belong in the evidence store.
const RESPONSE_MAX = 2000;

/** Records the vendor's answer: the request is closed and a vendor_request entry logs the response. */
export function VendorResponseForm(props: { request: VendorRequestRecord; onDone: () => void }) {
  const app = useMuster();
  const actions = useIncidentActions();
  const workflow = useWorkflowSettings();
  // The version this answer is for: if the request changes elsewhere meanwhile, saving is refused.
  const opened = structuredClone(unwrap(props.request));
  const formId = `vendor-response-${opened.id}`;
  const [text, setText] = createSignal('');
  const [method, setMethod] = createSignal('');
  const [followUp, setFollowUp] = createSignal('');
  const [error, setError] = createSignal<{ text?: string; save?: string }>({});
  createEffect(() => app.setUnsaved(formId, text().trim() !== '' || followUp().trim() !== ''));
  onCleanup(() => app.setUnsaved(formId, false));

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const answer = text().trim();
    if (answer === '') return setError({ text: 'Write what they answered, in a sentence or two.' });
    if (answer.length > RESPONSE_MAX) return setError({ text: `Keep it under ${RESPONSE_MAX} characters (now ${answer.length}); put the full answer in the evidence store.` });
    setError({});
    try {
      const received = vendorResponseReceived(opened, { text: answer, method: method(), followUp: followUp() }, workflow().timeZone, new Date());
      await actions.save(received.record, received.note);
      app.setUnsaved(formId, false);
      props.onDone();
    } catch (failure) {
      setError({ save: recordSaveFailure(failure) });
    }
  };

  return (
    <form class="inline-form" onSubmit={save} novalidate>
      <FormField id={`${formId}-text`} label="What they answered" error={error().text}>
        <textarea id={`${formId}-text`} rows="3" value={text()} onInput={(event) => setText(event.currentTarget.value)} {...describedBy(`${formId}-text`, error().text)} />
      </FormField>
      <FormField id={`${formId}-method`} label="How it came (optional)">
        <select id={`${formId}-method`} value={method()} onChange={(event) => setMethod(event.currentTarget.value)}>
          <option value="">Not said</option>
          <For each={[...CONTACT_CHANNELS]}>{(channel) => <option value={channel}>{CONTACT_CHANNEL_LABELS[channel]}</option>}</For>
        </select>
      </FormField>
      <FormField id={`${formId}-follow`} label="Follow-up required (optional)">
        <input id={`${formId}-follow`} value={followUp()} onInput={(event) => setFollowUp(event.currentTarget.value)} />
      </FormField>
      <Show when={error().save}>
        <p class="save-error" role="alert">
          {error().save}
        </p>
      </Show>
      <div class="form-actions">
        <button type="button" class="secondary" onClick={() => props.onDone()}>
          Cancel
        </button>
        <button type="submit" class="primary">
          Save response
        </button>
      </div>
    </form>
  );
}
