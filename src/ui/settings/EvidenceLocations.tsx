import { createSignal, For, Show } from 'solid-js';
import { addCryptPadLocation, addEvidenceLocation, evidenceLocationTool, nextcloudFolderLink, removeEvidenceLocation, type EvidenceListChange } from '../../domain/evidence-locations';
import { describedBy, FormField } from '../app/FormField';
import { useMuster } from '../app/muster-app';
import { StatusNote } from '../app/StatusNote';
import { useWorkflowSettings } from '../incident/workflow-settings';
import { useEvidenceStorages } from './integrations/evidence-storages';
import { settled } from '../app/settled';

/**
 * Step 7: the workspace's controlled places for evidence and documents. The log entry and
 * decision forms offer them for "Evidence or document location". Nextcloud connectors'
 * folders are one tap away; a CryptPad link is checked (and kept whole: its #key opens it).
 */
export function EvidenceLocations() {
  const app = useMuster();
  const workflow = useWorkflowSettings();
  const [typed, setTyped] = createSignal('');
  const [cryptPad, setCryptPad] = createSignal('');
  const [error, setError] = createSignal<{ field: 'evidence-new' | 'evidence-cryptpad'; text: string } | undefined>();
  const [status, setStatus] = createSignal('');
  const locations = () => workflow().evidenceLocations;
  const errorOf = (field: 'evidence-new' | 'evidence-cryptpad') => (error()?.field === field ? error()?.text : undefined);

  const [storages] = useEvidenceStorages();
  const nextcloudFolders = () => {
    const listed = settled(storages) ?? [];
    return listed.flatMap((storage) => {
      const link = nextcloudFolderLink(storage);
      const known = locations().some((location) => link.ok && location.toLowerCase() === link.url.toLowerCase());
      return link.ok && !known ? [{ name: storage.name, url: link.url }] : [];
    });
  };

  const store = async (change: EvidenceListChange, field: 'evidence-new' | 'evidence-cryptpad', done: (added: string) => string): Promise<boolean> => {
    if (!change.ok) {
      setError({ field, text: change.error });
      return false;
    }
    try {
      await app.updateSettings({ ...app.settings(), evidence_locations: change.locations });
      setError(undefined);
      setStatus(done(change.locations.at(-1) ?? ''));
      return true;
    } catch (failure) {
      setError({ field, text: `Not saved: ${(failure as Error).message}` });
      return false;
    }
  };
  const add = async (event: SubmitEvent) => {
    event.preventDefault();
    if (await store(addEvidenceLocation(locations(), typed()), 'evidence-new', (added) => `Added “${added}”.`)) setTyped('');
  };
  const addCryptPad = async (event: SubmitEvent) => {
    event.preventDefault();
    if (await store(addCryptPadLocation(locations(), cryptPad()), 'evidence-cryptpad', () => 'Added the CryptPad link.')) setCryptPad('');
  };
  const addFolder = (folder: { name: string; url: string }) =>
    void store(addEvidenceLocation(locations(), folder.url), 'evidence-new', () => `Added the Nextcloud folder of ${folder.name}.`);
  const remove = (location: string) =>
    void app.updateSettings({ ...app.settings(), evidence_locations: removeEvidenceLocation(locations(), location) }).then(
      () => setStatus(`Removed “${location}”.`),
      (failure: Error) => setError({ field: 'evidence-new', text: `Not saved: ${failure.message}` }),
    );

  return (
    <section aria-labelledby="evidence-title">
      <h2 id="evidence-title">Evidence locations</h2>
      <p class="note">Controlled storage for incident evidence and documents. Log entries and decisions offer these; evidence files never go through casual chat.</p>
      <Show when={locations().length > 0} fallback={<p class="empty">No locations yet. Add the folder or vault where this company keeps incident evidence.</p>}>
        <ul class="evidence-list" aria-label="Evidence locations">
          <For each={[...locations()]}>
            {(location) => (
              <li>
                <span class="evidence-location">
                  <Show when={evidenceLocationTool(location)}>{(tool) => <strong>{tool()}: </strong>}</Show>
                  {location}
                </span>
                <button type="button" class="secondary" aria-label={`Remove ${location}`} onClick={() => remove(location)}>
                  Remove
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={nextcloudFolders().length > 0}>
        <p class="note">Nextcloud connectors (Settings › Integrations): each incident gets its own folder inside, named for the incident, where exports are uploaded.</p>
        <ul class="evidence-list" aria-label="Nextcloud folders to add">
          <For each={nextcloudFolders()}>
            {(folder) => (
              <li data-testid="nextcloud-folder-suggestion">
                <span class="evidence-location">
                  <strong>{folder.name}: </strong>
                  {folder.url}
                </span>
                <button type="button" class="secondary" aria-label={`Add the Nextcloud folder of ${folder.name}`} onClick={() => addFolder(folder)}>
                  Add
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <form onSubmit={add} novalidate>
        <FormField id="evidence-new" label="Add a location" hint="For example “Nextcloud /Incidents/INC-2026-004” or “CryptPad (link in the bridge notes)”." error={errorOf('evidence-new')}>
          <input id="evidence-new" value={typed()} onInput={(event) => setTyped(event.currentTarget.value)} autocomplete="off" {...describedBy('evidence-new', errorOf('evidence-new'))} />
        </FormField>
        <button type="submit" class="secondary wide">
          Add location
        </button>
      </form>
      <form onSubmit={addCryptPad} novalidate>
        <FormField
          id="evidence-cryptpad"
          label="Add a CryptPad link"
          hint="A CryptPad drive or document, copied whole from its Share menu (https://…/pad/#/2/pad/edit/…)."
          error={errorOf('evidence-cryptpad')}
        >
          <p class="note warning" id="evidence-cryptpad-warning">
            Anyone who holds this link can read the document: the part after # is its key. Share it only through the incident’s safe channel, never in chat or email that may be compromised.
          </p>
          <input
            id="evidence-cryptpad"
            type="url"
            inputmode="url"
            value={cryptPad()}
            onInput={(event) => setCryptPad(event.currentTarget.value)}
            autocomplete="off"
            aria-invalid={errorOf('evidence-cryptpad') ? 'true' : undefined}
            aria-describedby={`evidence-cryptpad-hint evidence-cryptpad-warning${errorOf('evidence-cryptpad') ? ' evidence-cryptpad-error' : ''}`}
          />
        </FormField>
        <button type="submit" class="secondary wide">
          Add CryptPad link
        </button>
      </form>
      <StatusNote text={status()} />
    </section>
  );
}
