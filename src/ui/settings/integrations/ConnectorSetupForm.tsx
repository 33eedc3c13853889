import { createSignal, For, Show } from 'solid-js';
import {
  CACHET_STATUSES,
  CACHET_VERSION_LABELS,
  checkConnectorForm,
  CONNECTOR_LABELS,
  DEFAULT_CACHET_STATUS,
  isStatusPageKind,
  STATUS_PAGE_KINDS,
  type Connector,
  type ConnectorForm,
  type ConnectorKind,
  type StatusPageKind,
} from '../../../domain/connectors';
import { ErrorAlert } from '../../app/ErrorAlert';
import { describedBy, FormField } from '../../app/FormField';
import { useMuster } from '../../app/muster-app';

/**
 * Adds or changes a connector. The secret (webhook URL, API key) is write-only: the field
 * starts empty, and left empty it keeps what the backend stores.
 */
export function ConnectorSetupForm(props: { kind: ConnectorKind; connector: Connector | undefined; onSaved: (message: string) => void }) {
  const app = useMuster();
  const id = (field: string) => `${props.kind}-${field}`;
  const [form, setForm] = createSignal<ConnectorForm>({
    kind: props.kind,
    name: props.connector?.name ?? '',
    webhookUrl: '',
    site: props.connector?.config.site ?? '',
    botEmail: props.connector?.config.bot_email ?? '',
    apiKey: '',
    stream: props.connector?.config.stream ?? '',
    cachetStatus: props.connector?.config.status ?? DEFAULT_CACHET_STATUS,
    token: '',
  });
  const [invalid, setInvalid] = createSignal<{ field: keyof ConnectorForm; reason: string } | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [saving, setSaving] = createSignal(false);
  const hasSecret = () => props.connector?.has_secret ?? false;
  const secretHint = () => (hasSecret() ? 'Stored on the Muster backend and never shown again: leave empty to keep it.' : 'Stored on the Muster backend and never shown again.');
  const errorOf = (field: keyof ConnectorForm) => (invalid()?.field === field ? invalid()?.reason : undefined);
  const set = (field: keyof ConnectorForm) => (event: { currentTarget: HTMLInputElement }) => setForm({ ...form(), [field]: event.currentTarget.value });

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    setError(null);
    const checked = checkConnectorForm(form(), hasSecret());
    if (!checked.ok) {
      setInvalid({ field: checked.field, reason: checked.reason });
      document.getElementById(id(checked.field))?.focus();
      return;
    }
    setInvalid(null);
    setSaving(true);
    try {
      const session = await app.sync.session();
      await session.call('save_connector', { p_workspace_id: app.settings().workspace_id, p_id: props.connector?.id ?? null, ...checked.save });
      props.onSaved(isStatusPageKind(props.kind) ? 'Cachet connector saved: publish an approved statement to use it.' : `${CONNECTOR_LABELS[props.kind]} connector saved: send a test to check it.`);
    } catch (failure) {
      setError(`Not saved: ${(failure as Error).message}`);
    } finally {
      setSaving(false);
    }
  };

  const field = (name: keyof ConnectorForm, label: string, attributes: { type?: string; placeholder?: string; hint?: string; autocomplete?: string }) => (
    <FormField id={id(name)} label={label} hint={attributes.hint} error={errorOf(name)}>
      <input
        id={id(name)}
        type={attributes.type ?? 'text'}
        value={String(form()[name])}
        placeholder={attributes.placeholder}
        autocomplete={attributes.autocomplete ?? 'off'}
        onInput={set(name)}
        {...describedBy(id(name), errorOf(name))}
      />
    </FormField>
  );

  // A connector's kind never changes (save_connector refuses): the version is picked once.
  const cachetFields = () => (
    <>
      <FormField id={id('version')} label="Cachet version">
        <select
          id={id('version')}
          value={form().kind}
          disabled={props.connector !== undefined}
          onChange={(event) => setForm({ ...form(), kind: event.currentTarget.value as StatusPageKind })}
        >
          <For each={[...STATUS_PAGE_KINDS]}>{(kind) => <option value={kind}>{CACHET_VERSION_LABELS[kind]}</option>}</For>
        </select>
      </FormField>
      {field('site', 'Status page address', { type: 'url', placeholder: 'https://status.example.com' })}
      <FormField id={id('cachetStatus')} label="Incident status when published">
        <select id={id('cachetStatus')} value={String(form().cachetStatus)} onChange={(event) => setForm({ ...form(), cachetStatus: Number(event.currentTarget.value) })}>
          <For each={[...CACHET_STATUSES]}>{(status) => <option value={String(status.id)}>{status.label}</option>}</For>
        </select>
      </FormField>
      {field('token', 'API token', { type: 'password', hint: secretHint(), autocomplete: 'new-password' })}
    </>
  );

  return (
    <form onSubmit={(event) => void save(event)} novalidate aria-label={`${CONNECTOR_LABELS[props.kind]} setup`}>
      {field('name', 'Name', { placeholder: isStatusPageKind(props.kind) ? 'Status page' : 'Incident channel' })}
      <Show when={!isStatusPageKind(props.kind)} fallback={cachetFields()}>
      <Show
        when={props.kind === 'zulip'}
        fallback={field('webhookUrl', 'Incoming webhook URL', { type: 'password', hint: secretHint(), autocomplete: 'new-password' })}
      >
        {field('site', 'Zulip address', { type: 'url', placeholder: 'https://yourcompany.zulipchat.com' })}
        {field('botEmail', 'Bot email', { type: 'email', placeholder: 'muster-bot@yourcompany.zulipchat.com' })}
        {field('apiKey', 'Bot API key', { type: 'password', hint: secretHint(), autocomplete: 'new-password' })}
        {field('stream', 'Stream', { placeholder: 'incident' })}
      </Show>
      </Show>
      <button type="submit" class="primary wide" disabled={saving()}>
        {saving() ? 'Saving…' : `Save ${CONNECTOR_LABELS[props.kind]} connector`}
      </button>
      <ErrorAlert message={error()} />
    </form>
  );
}
