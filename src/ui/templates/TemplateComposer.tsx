import { createMemo, createSignal, For, Show } from 'solid-js';
import { renderTemplate, wordCount, type MessageTemplate, type TemplateValues } from '../../domain/templates';
import { FormField } from '../app/FormField';
import { useMuster } from '../app/muster-app';
import { SendActions } from '../app/SendActions';
import { StatusNote } from '../app/StatusNote';
import { trackUnsavedForm } from '../app/unsaved-form';

// Step 2: "The first leadership update should be short and factual."
const SHORT_MESSAGE_WORDS = 150;

/** Fill a template's fields and take the text away: copy, share, SMS, mail. Shown as text only. */
export function TemplateComposer(props: { template: MessageTemplate; onClose: () => void }) {
  const app = useMuster();
  const [values, setValues] = createSignal<TemplateValues>({ incident_id: app.settings().current_incident_id ?? '' });
  const [status, setStatus] = createSignal('');
  const message = createMemo(() => renderTemplate(props.template, values()));
  const words = () => wordCount(message().text);
  // Read once: at cleanup time props.template belongs to a closed <Show> and throws.
  const formId = `template-${props.template.id}`;
  const typed = () => Object.entries(values()).some(([key, value]) => key !== 'incident_id' && value.trim() !== '');
  trackUnsavedForm(formId, typed);

  return (
    <section class="composer" aria-labelledby="composer-title">
      <button type="button" class="link-button" onClick={() => props.onClose()}>
        ← All templates
      </button>
      <h2 id="composer-title">{props.template.name}</h2>
      <p class="note">To: {props.template.audience}</p>
      <For each={props.template.fields}>
        {(field) => (
          <FormField id={`tpl-${field.key}`} label={field.required ? field.label : `${field.label} (optional)`}>
            <Show
              when={field.multiline}
              fallback={<input id={`tpl-${field.key}`} value={values()[field.key] ?? ''} onInput={(event) => setValues({ ...values(), [field.key]: event.currentTarget.value })} />}
            >
              <textarea id={`tpl-${field.key}`} rows="2" value={values()[field.key] ?? ''} onInput={(event) => setValues({ ...values(), [field.key]: event.currentTarget.value })} />
            </Show>
          </FormField>
        )}
      </For>
      <h3>Message</h3>
      <p class="preview-subject" data-testid="template-subject">{message().subject}</p>
      <pre class="preview" data-testid="template-preview">{message().text}</pre>
      <p class="note" classList={{ warning: words() > SHORT_MESSAGE_WORDS }}>
        {words()} words{words() > SHORT_MESSAGE_WORDS ? `: keep it short, under ${SHORT_MESSAGE_WORDS}.` : ''}
      </p>
      <Show when={message().missing.length > 0}>
        <p class="note warning">Still empty: {message().missing.join(', ')}.</p>
      </Show>
      <StatusNote text={status()} />
      <SendActions subject={message().subject} text={message().text} copyPrimary linksOnOwnRow onStatus={setStatus} />
    </section>
  );
}
