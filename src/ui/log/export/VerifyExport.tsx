import { createSignal, For, Show } from 'solid-js';
import type { ExportVerdict } from '../../../domain/export/verify-export';
import { ErrorAlert } from '../../app/ErrorAlert';

/** Lets the browser paint and handle taps between chunks of the chain check. */
const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const MAX_ZIP_BYTES = 512 * 1024 * 1024;

/**
 * "Verify export": the user picks a Muster export zip; every file's SHA-256, the manifest,
 * the hash chain in log.json and the CSV files are checked on the phone (the same code as
 * `npx muster-verify`), and the screen says intact, or which file and entry broke.
 */
export function VerifyExport() {
  const [status, setStatus] = createSignal('');
  const [verdict, setVerdict] = createSignal<ExportVerdict | null>(null);
  const [summary, setSummary] = createSignal('');
  const [problemLines, setProblemLines] = createSignal<string[]>([]);
  const [error, setError] = createSignal<string | null>(null);

  const verify = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setVerdict(null);
    setError(null);
    if (file.size > MAX_ZIP_BYTES) return setError(`${file.name} is ${Math.round(file.size / 1024 / 1024)} MB; a Muster export this phone can check is at most 512 MB.`);
    setStatus(`Checking ${file.name}…`);
    try {
      const [{ verifyExport, describeVerdict, describeProblem }, bytes] = await Promise.all([
        import('../../../domain/export/verify-export'),
        file.arrayBuffer().then((buffer) => new Uint8Array(buffer)),
      ]);
      const result = await verifyExport(bytes, {
        pause: yieldToPage,
        onProgress: (checked, total) => setStatus(`Checking ${file.name}: ${checked} of ${total} entries re-hashed…`),
      });
      setSummary(`${file.name}: ${describeVerdict(result)}`);
      setProblemLines(result.intact ? [] : result.problems.map(describeProblem));
      setVerdict(result);
      setStatus('');
    } catch (failure) {
      setStatus('');
      setError(`${file.name} could not be read (${(failure as Error).message}).`);
    } finally {
      // Picking the same file again (after re-exporting it) must check it again.
      input.value = '';
    }
  };

  return (
    <div class="verify-export">
      <div class="field">
        <label for="verify-export-file">Verify an export (pick its zip)</label>
        <input id="verify-export-file" type="file" accept=".zip,application/zip" onChange={(event) => void verify(event.currentTarget)} />
      </div>
      <p class="note" role="status" aria-live="polite">
        {status()}
      </p>
      <ErrorAlert message={error()} />
      <Show when={verdict()}>
        {(result) => (
          <div role="status" data-testid="export-verify-result">
            <p class={result().intact ? 'verify-ok' : 'verify-broken'}>{summary()}</p>
            <Show when={problemLines().length > 1}>
              <ul class="export-problems" aria-label="Everything that does not check out">
                <For each={problemLines()}>{(line) => <li>{line}</li>}</For>
              </ul>
            </Show>
          </div>
        )}
      </Show>
    </div>
  );
}
