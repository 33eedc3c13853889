import { createSignal, For } from 'solid-js';
import {
  CACHET_STATUSES,
  CACHET_VERSION_LABELS,
  checkConnectorForm,
  connectorForm,
  CONNECTOR_LABELS,
  isChatKind,
  isStatusPageKind,
  isTicketKind,
  STATUS_PAGE_KINDS,
  type Connector,
  type ConnectorForm,
  type ConnectorKind,
  type StatusPageKind,
} from '../../../domain/connectors';
import { ErrorAlert } from '../../app/ErrorAlert';
import { describedBy, FormField } from '../../app/FormField';
import { useMuster } from '../../app/muster-app';
import { SETUP_FIELDS, type SetupField } from './setup-fields';

const namePlaceholder = (kind: ConnectorKind) =>
  isChatKind(kind) ? 'Incident channel' : isStatusPageKind(kind) ? 'Status page' : isTicketKind(kind) ? 'IT service desk' : 'Evidence store';

function savedMessage(kind: ConnectorKind): string {
  if (isStatusPageKind(kind)) return 'Cachet connector saved: publish an approved statement to use it.';
  if (isChatKind(kind)) return `${CONNECTOR_LABELS[kind]} connector saved: send a test to check it.`;
  return `${CONNECTOR_LABELS[kind]} connector saved: check the connection to see that it works.`;
}

/**
 * Adds or changes a connector. The secret (webhook URL, token, password) is write-only: the
 * field starts empty, and left empty it keeps what the backend stores.
 */
export function ConnectorSetupForm(props: { kind: ConnectorKind; connector: Connector | undefined; onSaved: (message: string) => void }) {
  const app = useMuster();
  // Unique per form: two connectors of one kind may have their forms open at once.
  const id = (field: string) => `connector-${props.connector?.id ?? `new-${props.kind}`}-${field}`;
  const [form, setForm] = createSignal<ConnectorForm>(connectorForm(props.kind, props.connector));
  const [invalid, setInvalid] = createSignal<{ field: keyof ConnectorForm; reason: string } | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [saving, setSaving] = createSignal(false);
  const hasSecret = () => props.connector?.has_secret ?? false;
  const secretHint = () => {
    if (!hasSecret()) return 'Stored on the Muster backend and never shown again.';
    return props.kind === 'glpi' ? 'Stored on the Muster backend and never shown again: leave both tokens empty to keep them.' : 'Stored on the Muster backend and never shown again: leave empty to keep it.';
  };
  const errorOf = (field: keyof ConnectorForm) => (invalid()?.field === field ? invalid()?.reason : undefined);

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
      props.onSaved(savedMessage(props.kind));
    } catch (failure) {
      setError(`Not saved: ${(failure as Error).message}`);
    } finally {
      setSaving(false);
    }
  };

  const input = (spec: SetupField) => (
    <FormField id={id(spec.name)} label={spec.label} hint={spec.secret ? secretHint() : spec.hint} error={errorOf(spec.name)}>
      <input
        id={id(spec.name)}
        type={spec.secret ? 'password' : (spec.type ?? 'text')}
        value={String(form()[spec.name])}
        placeholder={spec.placeholder}
        inputMode={spec.numeric ? 'numeric' : undefined}
        // "new-password": browsers ignore "off" on password fields and would fill in the user's own saved password.
        autocomplete={spec.secret ? 'new-password' : 'off'}
        spellcheck={false}
        onInput={(event) => setForm({ ...form(), [spec.name]: event.currentTarget.value })}
        {...describedBy(id(spec.name), errorOf(spec.name))}
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
      {input({ name: 'site', label: 'Status page address', type: 'url', placeholder: 'https://status.example.com' })}
      <FormField id={id('cachetStatus')} label="Incident status when published">
        <select id={id('cachetStatus')} value={String(form().cachetStatus)} onChange={(event) => setForm({ ...form(), cachetStatus: Number(event.currentTarget.value) })}>
          <For each={[...CACHET_STATUSES]}>{(status) => <option value={String(status.id)}>{status.label}</option>}</For>
        </select>
      </FormField>
      {input({ name: 'token', label: 'API token', secret: true })}
    </>
  );

  const kindFields = (kind: ConnectorKind) => (isStatusPageKind(kind) ? cachetFields() : <For each={SETUP_FIELDS[kind]}>{input}</For>);

  return (
    <form class="connector-setup" onSubmit={(event) => void save(event)} novalidate aria-label={`${CONNECTOR_LABELS[props.kind]} setup`}>
      {input({ name: 'name', label: 'Name', placeholder: namePlaceholder(props.kind) })}
      {kindFields(props.kind)}
      <button type="submit" class="primary wide" disabled={saving()}>
        {saving() ? 'Saving…' : `Save ${CONNECTOR_LABELS[props.kind]} connector`}
      </button>
      <ErrorAlert message={error()} />
    </form>
  );
}
