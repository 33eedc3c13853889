import { createSignal, For, Show } from 'solid-js';
import { addEvidenceLocation, removeEvidenceLocation } from '../../domain/evidence-locations';
import { describedBy, FormField } from '../app/FormField';
import { useMuster } from '../app/muster-app';
import { StatusNote } from '../app/StatusNote';
import { useWorkflowSettings } from '../incident/workflow-settings';

/**
 * Step 7: the workspace's controlled places for evidence and documents. The log entry and
 * decision forms offer them for "Evidence or document location".
 */
export function EvidenceLocations() {
  const app = useMuster();
  const workflow = useWorkflowSettings();
  const [typed, setTyped] = createSignal('');
  const [error, setError] = createSignal<string | undefined>();
  const [status, setStatus] = createSignal('');
  const locations = () => workflow().evidenceLocations;

  const store = async (next: string[], done: string): Promise<boolean> => {
    try {
      await app.updateSettings({ ...app.settings(), evidence_locations: next });
      setError(undefined);
      setStatus(done);
      return true;
    } catch (failure) {
      setError(`Not saved: ${(failure as Error).message}`);
      return false;
    }
  };
  const add = async (event: SubmitEvent) => {
    event.preventDefault();
    const change = addEvidenceLocation(locations(), typed());
    if (!change.ok) return setError(change.error);
    if (await store(change.locations, `Added “${typed().trim()}”.`)) setTyped('');
  };
  const remove = (location: string) => void store(removeEvidenceLocation(locations(), location), `Removed “${location}”.`);

  return (
    <section aria-labelledby="evidence-title">
      <h2 id="evidence-title">Evidence locations</h2>
      <p class="note">Controlled storage for incident evidence and documents. Log entries and decisions offer these; evidence files never go through casual chat.</p>
      <Show when={locations().length > 0} fallback={<p class="empty">No locations yet. Add the folder or vault where this company keeps incident evidence.</p>}>
        <ul class="evidence-list" aria-label="Evidence locations">
          <For each={[...locations()]}>
            {(location) => (
              <li>
                <span class="evidence-location">{location}</span>
                <button type="button" class="secondary" aria-label={`Remove ${location}`} onClick={() => remove(location)}>
                  Remove
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <form onSubmit={add} novalidate>
        <FormField id="evidence-new" label="Add a location" hint="For example “Nextcloud /Incidents/INC-2026-004” or “CryptPad (link in the bridge notes)”." error={error()}>
          <input id="evidence-new" value={typed()} onInput={(event) => setTyped(event.currentTarget.value)} autocomplete="off" {...describedBy('evidence-new', error())} />
        </FormField>
        <button type="submit" class="secondary wide">
          Add location
        </button>
        <StatusNote text={status()} />
      </form>
    </section>
  );
}
