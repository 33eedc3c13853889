import { createResource, createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import { CONTACT_CHANNEL_LABELS, CONTACT_CHANNELS } from '../../domain/contact-methods';
import { COMMUNICATION_TYPE_LABELS, COMMUNICATION_TYPES } from '../../domain/communication-types';
import { LOG_FIELDS, type LogEntry, type LogFieldName } from '../../domain/log-entry';
import { listContacts } from '../../store/workspace-repository';
import { ErrorAlert } from '../app/ErrorAlert';
import { describedBy, FormField } from '../app/FormField';
import { useMuster } from '../app/muster-app';
import { toLocalInput } from '../app/relative-time';
import { SecretWarning } from '../app/SecretWarning';
import { useEvidenceSuggestions } from '../incident/evidence-suggestions';
import type { EntryDraft } from './entry-draft';

const TEXT_FIELDS: { name: LogFieldName; label: string; multiline: boolean; list?: string }[] = [
  { name: 'decision_made', label: 'Decision made', multiline: true },
  { name: 'action_requested', label: 'Action requested', multiline: true },
  { name: 'owner', label: 'Owner (who made the contact / owns the follow-up)', multiline: false },
  { name: 'response_received', label: 'Response received', multiline: true },
  { name: 'follow_up_required', label: 'Follow-up required (leave empty if none)', multiline: true },
  // Step 7: the workspace's controlled storage locations to pick from; typed text is accepted too.
  { name: 'evidence_location', label: 'Evidence or document location', multiline: false, list: 'entry-evidence-list' },
];

const fieldLabels = (names: readonly LogFieldName[]) => names.map((name) => LOG_FIELDS.find((spec) => spec.name === name)?.label ?? name).join(', ');
const QUICK_FIELDS: readonly LogFieldName[] = ['communication_type', 'contacted', 'message_summary', 'occurred_at'];
const FIELD_IDS: Partial<Record<LogFieldName, string>> = {
  communication_type: 'entry-type',
  contacted: 'entry-contacted',
  message_summary: 'entry-summary',
  occurred_at: 'entry-time',
  incident_id: 'entry-incident',
  contact_method: 'entry-method',
  deadline: 'entry-deadline',
};

/**
 * Quick entry (type, who, summary; time and incident pre-filled) with "All 13 fields" for
 * the full template. Save sits at the bottom, in thumb reach.
 */
export function EntryForm(props: { draft: EntryDraft; onSaved: (entry: LogEntry) => void; onCancel: () => void }) {
  const app = useMuster();
  onMount(() => scrollTo(0, 0));
  const [full, setFull] = createSignal(props.draft.corrects() !== null);
  const [contacts] = createResource(() => app.settings().workspace_id, (workspaceId) => listContacts(app.db, workspaceId));
  const [clock, setClock] = createSignal(new Date());
  const timer = setInterval(() => setClock(new Date()), 30_000);
  onCleanup(() => clearInterval(timer));

  const value = (name: LogFieldName) => props.draft.draft()[name];
  const error = (name: LogFieldName) => props.draft.errors()[name];
  const input = (name: LogFieldName) => (event: { currentTarget: { value: string } }) =>
    props.draft.set(name, event.currentTarget.value);
  const occurredAt = () => (props.draft.timeTouched() ? toLocalInput(value('occurred_at')) || value('occurred_at') : toLocalInput(clock().toISOString()));
  const incidentId = () => value('incident_id') || app.settings().current_incident_id || '';
  // Step 7: the incident's own Nextcloud folder heads the evidence suggestions, once all 13 fields show.
  const evidenceOptions = useEvidenceSuggestions(full, incidentId);

  const save = async (options: { allowSecrets?: boolean } = {}) => {
    const outcome = await props.draft.save(options);
    if (outcome.saved) props.onSaved(outcome.entry);
  };
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void save();
  };
  // "Edit" after the secret warning: back to the first field that holds the secret, opened if hidden.
  const editSecret = (fields: readonly LogFieldName[]) => {
    props.draft.dismissSecretWarning();
    const first = fields[0];
    if (!first) return;
    if (!QUICK_FIELDS.includes(first)) setFull(true);
    document.getElementById(FIELD_IDS[first] ?? `entry-${first}`)?.focus();
  };

  return (
    <form class="entry-form" onSubmit={submit} aria-labelledby="entry-form-title" novalidate>
      <h2 id="entry-form-title">
        {props.draft.corrects() ? `Correct or complete entry #${props.draft.corrects()?.local_seq}` : 'New log entry'}
      </h2>
      <Show when={props.draft.corrects()}>
        {(original) => (
          <p class="note">The original entry stays in the log; this new entry will reference it ({original().contacted}).</p>
        )}
      </Show>
      <FormField id="entry-type" label="Communication type" error={error('communication_type')}>
        {/* No attribute spread on a <select>: it would set the value before the options exist. */}
        <select
          id="entry-type"
          value={value('communication_type')}
          onChange={input('communication_type')}
          aria-invalid={error('communication_type') ? 'true' : undefined}
          aria-describedby={error('communication_type') ? 'entry-type-error' : undefined}
        >
          <option value="">Choose…</option>
          <For each={COMMUNICATION_TYPES}>{(type) => <option value={type}>{COMMUNICATION_TYPE_LABELS[type]}</option>}</For>
        </select>
      </FormField>
      <FormField id="entry-contacted" label="Person or organization contacted" error={error('contacted')}>
        <input id="entry-contacted" list="entry-contacted-list" value={value('contacted')} onInput={input('contacted')} autocomplete="off" {...describedBy('entry-contacted', error('contacted'))} />
        <datalist id="entry-contacted-list">
          <For each={contacts()}>{(contact) => <option value={contact.organization && contact.organization !== contact.name ? `${contact.name} (${contact.organization})` : contact.name} />}</For>
        </datalist>
      </FormField>
      <FormField id="entry-summary" label="Message summary" error={error('message_summary')}>
        <textarea id="entry-summary" rows="3" value={value('message_summary')} onInput={input('message_summary')} {...describedBy('entry-summary', error('message_summary'))} />
      </FormField>
      <FormField id="entry-time" label="Date and time" error={error('occurred_at')} hint={props.draft.timeTouched() ? undefined : 'Now, unless you change it'}>
        <input id="entry-time" type="datetime-local" value={occurredAt()} onInput={input('occurred_at')} {...describedBy('entry-time', error('occurred_at'))} />
      </FormField>
      <Show
        when={full()}
        fallback={
          <p class="note">
            Incident <strong>{incidentId()}</strong>.{' '}
            <button type="button" class="link-button" onClick={() => setFull(true)}>
              All 13 fields
            </button>
          </p>
        }
      >
        <FormField id="entry-incident" label="Incident ID" error={error('incident_id')}>
          <select id="entry-incident" value={incidentId()} onChange={input('incident_id')} disabled={props.draft.corrects() !== null}>
            <For each={app.incidents()}>{(incident) => <option value={incident.id}>{`${incident.id} ${incident.title}`}</option>}</For>
          </select>
        </FormField>
        <FormField id="entry-method" label="Contact method" error={error('contact_method')}>
          <input id="entry-method" list="entry-method-list" value={value('contact_method')} onInput={input('contact_method')} />
          <datalist id="entry-method-list">
            <For each={CONTACT_CHANNELS}>{(channel) => <option value={CONTACT_CHANNEL_LABELS[channel]} />}</For>
          </datalist>
        </FormField>
        <For each={TEXT_FIELDS}>
          {(field) => (
            <FormField id={`entry-${field.name}`} label={field.label} error={error(field.name)}>
              <Show
                when={field.multiline}
                fallback={<input id={`entry-${field.name}`} list={field.list} value={value(field.name)} onInput={input(field.name)} {...describedBy(`entry-${field.name}`, error(field.name))} />}
              >
                <textarea id={`entry-${field.name}`} rows="2" value={value(field.name)} onInput={input(field.name)} {...describedBy(`entry-${field.name}`, error(field.name))} />
              </Show>
            </FormField>
          )}
        </For>
        <datalist id="entry-evidence-list">
          <For each={evidenceOptions()}>{(location) => <option value={location} />}</For>
        </datalist>
        <FormField id="entry-deadline" label="Deadline" error={error('deadline')}>
          <input id="entry-deadline" type="datetime-local" value={toLocalInput(value('deadline')) || value('deadline')} onInput={input('deadline')} />
        </FormField>
      </Show>
      <ErrorAlert message={props.draft.saveError()} />
      <Show when={props.draft.secretWarning()}>
        {(warning) => (
          <SecretWarning message={`${warning().message} Found in: ${fieldLabels(warning().fields)}.`} onEdit={() => editSecret(warning().fields)} onSaveAnyway={() => void save({ allowSecrets: true })} />
        )}
      </Show>
      <Show when={props.draft.unsaved()}>
        <button type="button" class="link-button" onClick={() => props.draft.reset()}>
          Discard this text
        </button>
      </Show>
      <div class="form-actions">
        <button type="button" class="secondary" onClick={() => props.onCancel()}>
          Close (keeps text)
        </button>
        <button type="submit" class="primary" disabled={props.draft.saving()}>
          {props.draft.saving() ? 'Saving…' : 'Save entry'}
        </button>
      </div>
    </form>
  );
}
