import { createSignal, For } from 'solid-js';
import type { StatementRecord } from '../../../domain/incident-records';
import { DEFAULT_STATUSFY_SEVERITY, parseAffectedSystems, STATUSFY_SEVERITIES, statusfyIncidentFile, type StatusfySeverity } from '../../../domain/statusfy';
import { ErrorAlert } from '../../app/ErrorAlert';
import { FormField } from '../../app/FormField';
import { StatusNote } from '../../app/StatusNote';
import { downloadFile } from '../../contacts/sheet/download-file';

/** An approved website or public statement as a Statusfy incident file, made on this phone (offline). */
export function StatusfyDownload(props: { record: StatementRecord }) {
  const [severity, setSeverity] = createSignal<StatusfySeverity>(DEFAULT_STATUSFY_SEVERITY);
  const [systems, setSystems] = createSignal('');
  const [resolved, setResolved] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [status, setStatus] = createSignal('');
  const id = `statusfy-${props.record.id}`;

  const download = () => {
    setStatus('');
    const file = statusfyIncidentFile({
      title: props.record.title,
      date: props.record.sent_at ?? new Date().toISOString(),
      severity: severity(),
      affectedSystems: parseAffectedSystems(systems()),
      resolved: resolved(),
      text: props.record.text,
    });
    if (!file.ok) return setError(file.reason);
    setError(null);
    downloadFile(file.content, file.fileName, 'text/markdown');
    setStatus(`${file.fileName} is in your downloads: put it in the status page's content folder and rebuild.`);
  };

  return (
    <details class="statusfy-download">
      <summary>Statusfy status page file</summary>
      <FormField id={`${id}-severity`} label="Severity">
        <select id={`${id}-severity`} value={severity()} onChange={(event) => setSeverity(event.currentTarget.value as StatusfySeverity)}>
          <For each={[...STATUSFY_SEVERITIES]}>{(option) => <option value={option}>{option}</option>}</For>
        </select>
      </FormField>
      <FormField id={`${id}-systems`} label="Affected systems" hint="Their ids from the Statusfy config, separated by commas, e.g. website, api">
        <input id={`${id}-systems`} value={systems()} onInput={(event) => setSystems(event.currentTarget.value)} />
      </FormField>
      <label class="toggle">
        <input type="checkbox" checked={resolved()} onChange={(event) => setResolved(event.currentTarget.checked)} /> Resolved
      </label>
      <button type="button" class="secondary wide" onClick={download}>
        Download Statusfy file
      </button>
      <ErrorAlert message={error()} />
      <StatusNote text={status()} />
    </details>
  );
}
