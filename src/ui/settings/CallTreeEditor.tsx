import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import type { CallTree } from '../../domain/call-tree';
import { listCallTrees, saveCallTree } from '../../store/call-runs';
import { StoreError } from '../../store/store-error';
import { listContacts } from '../../store/workspace-repository';
import { CancelAndSubmit } from '../app/CancelAndSubmit';
import { ErrorAlert } from '../app/ErrorAlert';
import { describedBy, FormField } from '../app/FormField';
import { useMuster } from '../app/muster-app';
import { trackUnsavedForm } from '../app/unsaved-form';
import { contactChoices } from '../incident/calls/call-contacts';
import { failureMessage } from '../incident/incident-actions';
import { addCall, draftChanged, draftOfTree, draftProblems, hasProblems, moveCall, newCallTreeDraft, removeCall, treeOfDraft, updateCall } from './call-tree-draft';
import { knownMemberNames } from './call-tree-members';
import { CallTreeNodeFields, MEMBER_NAMES_LIST } from './CallTreeNodeFields';

const FORM_ID = 'call-tree-editor';

const CONFLICT =
  'Not saved: this call tree was changed since you opened it (in another tab, or by a teammate’s sync). Your changes are still here. Save yours as the newest version, or cancel to see theirs.';

/**
 * Settings › Call trees: one tree's calls, in order. Nothing is saved while a problem remains
 * (each shown next to its call); a save from an out-of-date version is refused and the
 * edits are kept.
 */
export function CallTreeEditor(props: { tree: CallTree | null; onClose: (message: string) => void }) {
  const app = useMuster();
  const start = props.tree ? draftOfTree(props.tree) : newCallTreeDraft();
  const [draft, setDraft] = createSignal(start);
  const [tried, setTried] = createSignal(false);
  const [saveError, setSaveError] = createSignal<string | undefined>();
  const [conflict, setConflict] = createSignal(false);
  const [contacts] = createResource(() => app.settings().workspace_id, (workspaceId) => listContacts(app.db, workspaceId));
  const [names] = createResource(() => app.settings(), (settings) => knownMemberNames(app.db, settings, app.incidents()));
  const choices = createMemo(() => contactChoices(contacts.latest ?? []));
  const contactName = (contactId: string) => (contacts.latest ?? []).find((contact) => contact.id === contactId)?.name ?? 'a contact no longer in the list';
  const problems = createMemo(() => draftProblems(draft(), app.settings().workspace_id));
  const shown = () => (tried() ? problems() : { name: undefined, tree: [], byNode: new Map<string, string[]>() });
  trackUnsavedForm(FORM_ID, () => draftChanged(draft(), start));

  const callLabel = (nodeId: string) => {
    const at = draft().nodes.findIndex((node) => node.id === nodeId);
    const node = draft().nodes[at];
    return `call ${at + 1}${node?.contactId ? ` (${contactName(node.contactId)})` : ''}`;
  };

  const store = async () => {
    try {
      const saved = await saveCallTree(app.db, treeOfDraft(draft(), app.settings().workspace_id));
      app.setUnsaved(FORM_ID, false);
      props.onClose(`Saved ${saved.name} (version ${saved.version}).`);
    } catch (failure) {
      if (failure instanceof StoreError && failure.reason === 'conflict') setConflict(true);
      else setSaveError(failureMessage(failure));
    }
  };
  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    setTried(true);
    setSaveError(undefined);
    setConflict(false);
    if (hasProblems(problems())) return;
    await store();
  };
  const saveOverNewer = async () => {
    const latest = (await listCallTrees(app.db, app.settings().workspace_id)).find((tree) => tree.id === draft().id);
    setDraft((current) => ({ ...current, baseVersion: latest?.version ?? 0 }));
    setConflict(false);
    await store();
  };

  return (
    <form class="call-tree-editor" onSubmit={save} novalidate aria-labelledby="call-tree-editor-title">
      <h3 id="call-tree-editor-title">{props.tree ? `Edit ${props.tree.name}` : 'New call tree'}</h3>
      <datalist id={MEMBER_NAMES_LIST}>
        <For each={names.latest ?? []}>{(name) => <option value={name} />}</For>
      </datalist>
      <FormField id="call-tree-name" label="Name of the call tree" error={shown().name}>
        <input
          id="call-tree-name"
          value={draft().name}
          autocomplete="off"
          onInput={(event) => setDraft((current) => ({ ...current, name: event.currentTarget.value }))}
          {...describedBy('call-tree-name', shown().name)}
        />
      </FormField>
      <Show when={(contacts.latest ?? []).length === 0}>
        <p class="note">
          No contacts yet: <a href="#contacts">add the people and providers to call</a> first.
        </p>
      </Show>
      <ol class="card-list" aria-label="Calls, in order">
        <For each={draft().nodes.map((node) => node.id)}>
          {(nodeId) => (
            <Show when={draft().nodes.find((node) => node.id === nodeId)}>
              {(node) => (
                <CallTreeNodeFields
                  node={node()}
                  position={draft().nodes.findIndex((item) => item.id === nodeId) + 1}
                  count={draft().nodes.length}
                  others={draft()
                    .nodes.filter((other) => other.id !== nodeId)
                    .map((other) => ({ id: other.id, label: callLabel(other.id) }))}
                  contacts={choices()}
                  contactName={contactName}
                  problems={shown().byNode.get(nodeId) ?? []}
                  onChange={(change) => setDraft((current) => updateCall(current, nodeId, change))}
                  onMove={(delta) => setDraft((current) => moveCall(current, nodeId, delta))}
                  onRemove={() => setDraft((current) => removeCall(current, nodeId))}
                />
              )}
            </Show>
          )}
        </For>
      </ol>
      <For each={shown().tree}>{(problem) => <p class="field-error">{problem}</p>}</For>
      <button type="button" class="secondary wide" onClick={() => setDraft((current) => addCall(current))}>
        + Add a call
      </button>
      <Show when={tried() && hasProblems(problems())}>
        <p class="save-error" role="alert">
          Not saved: fix what is marked in red above; each problem says what to do.
        </p>
      </Show>
      <ErrorAlert message={saveError()} />
      <Show when={conflict()}>
        <p class="save-error" role="alert">
          {CONFLICT}
        </p>
        <button type="button" class="secondary wide" onClick={() => void saveOverNewer()}>
          Save mine as the newest version
        </button>
      </Show>
      <CancelAndSubmit submitLabel="Save call tree" onCancel={() => props.onClose('')} />
    </form>
  );
}
