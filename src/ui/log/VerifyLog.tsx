import { createSignal, Show } from 'solid-js';
import { verifyIncidentLog } from '../../store/log-repository';
import { useMuster } from '../app/muster-app';

/** "Verify log": re-hashes the incident's chain and says intact, or which entry broke and how. */
export function VerifyLog(props: { incidentId: string }) {
  const app = useMuster();
  const [status, setStatus] = createSignal<{ ok: boolean; text: string } | null>(null);
  const [running, setRunning] = createSignal(false);
  const verify = async () => {
    setRunning(true);
    setStatus({ ok: true, text: 'Checking…' });
    const verdict = await verifyIncidentLog(app.db, app.settings().workspace_id, props.incidentId, (checked) =>
      setStatus({ ok: true, text: `Checking… ${checked} entries so far` }),
    );
    setStatus(
      verdict.intact
        ? { ok: true, text: `Log intact: ${verdict.checked} entries verified.` }
        : { ok: false, text: verdict.entry ? `Log broken at entry #${verdict.entry.local_seq}. ${verdict.explanation}` : `Log broken. ${verdict.explanation}` },
    );
    setRunning(false);
  };
  return (
    <div class="verify-log">
      <button type="button" class="secondary" onClick={verify} disabled={running()}>
        Verify log
      </button>
      <Show when={status()}>
        {(current) => (
          <p role="status" class={current().ok ? 'verify-ok' : 'verify-broken'} data-testid="verify-result">
            {current().text}
          </p>
        )}
      </Show>
    </div>
  );
}
