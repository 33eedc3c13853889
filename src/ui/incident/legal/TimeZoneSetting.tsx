import { createSignal, For, Show } from 'solid-js';
import type { Incident } from '../../../domain/incident';
import { checkTimeZone } from '../../../domain/notice-period-form';
import { describedBy, FormField } from '../../app/FormField';
import { useMuster } from '../../app/muster-app';
import { StatusNote } from '../../app/StatusNote';
import { useIncidentActions } from '../incident-actions';
import { useWorkflowSettings } from '../workflow-settings';
import { recordSaveFailure } from '../shared/record-save-failure';
import { obligationCount, useObligationActions } from './use-obligation-actions';

const PHONE_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
const KNOWN_ZONES: readonly string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

/** The workspace's time zone: due times are written in it and business days counted in it. */
export function TimeZoneSetting(props: { incident: Incident }) {
  const app = useMuster();
  const actions = useIncidentActions();
  const workflow = useWorkflowSettings();
  const obligations = useObligationActions(() => props.incident);
  const [zone, setZone] = createSignal(workflow().timeZone);
  const [error, setError] = createSignal<string | undefined>();
  const [status, setStatus] = createSignal('');

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    setStatus('');
    const check = checkTimeZone(zone());
    if (!check.ok) return setError(check.error);
    setError(undefined);
    setZone(check.zone);
    if (check.zone === workflow().timeZone && app.settings().time_zone) return setStatus('Nothing changed.');
    try {
      await app.updateSettings({ ...app.settings(), time_zone: check.zone });
      await actions.log(props.incident.id, { type: 'internal_update', contacted: 'Incident team', method: 'Muster', summary: `Workspace time zone set to ${check.zone}.` });
      const moved = await obligations.reschedule();
      setStatus(`Saved.${moved.written.length > 0 ? ` ${obligationCount(moved.written.length)} rescheduled and logged.` : ''}`);
    } catch (failure) {
      setError(recordSaveFailure(failure));
    }
  };

  return (
    <form onSubmit={save} novalidate aria-labelledby="time-zone-title">
      <h2 id="time-zone-title">Time zone</h2>
      <FormField id="workspace-time-zone" label="Workspace time zone" hint={`Due times are shown and business days counted in it. This phone: ${PHONE_ZONE}.`} error={error()}>
        <input
          id="workspace-time-zone"
          list="workspace-time-zones"
          autocomplete="off"
          autocapitalize="off"
          spellcheck={false}
          value={zone()}
          onInput={(event) => setZone(event.currentTarget.value)}
          {...describedBy('workspace-time-zone', error())}
        />
        <datalist id="workspace-time-zones">
          <For each={[...KNOWN_ZONES]}>{(known) => <option value={known} />}</For>
        </datalist>
      </FormField>
      <button type="submit" class="secondary wide">
        Save time zone
      </button>
      <Show when={status()}>
        <StatusNote text={status()} />
      </Show>
    </form>
  );
}
