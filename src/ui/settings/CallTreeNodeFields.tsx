import { For, Index, Show } from 'solid-js';
import { MAX_WAIT_MINUTES, MIN_WAIT_MINUTES } from '../../domain/call-tree';
import { FormField } from '../app/FormField';
import type { CallNodeDraft } from './call-tree-draft';

export const MEMBER_NAMES_LIST = 'call-tree-member-names';

/**
 * One call of a tree: whom, after which call, who calls (the first, then who takes over),
 * the backup contacts in order and the wait. Its problems are listed under it. Buttons,
 * not dragging, move it: a thumb on a 360 px screen can tap them.
 */
export function CallTreeNodeFields(props: {
  node: CallNodeDraft;
  position: number;
  count: number;
  /** Every other call of the tree, to follow. */
  others: { id: string; label: string }[];
  contacts: { id: string; label: string }[];
  contactName: (contactId: string) => string;
  problems: readonly string[];
  onChange: (change: (node: CallNodeDraft) => CallNodeDraft) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}) {
  const id = (field: string) => `call-${props.node.id}-${field}`;
  const title = () => `Call ${props.position}`;
  const setList = <K extends 'callers' | 'backupContactIds'>(key: K, index: number, value: string) =>
    props.onChange((node) => ({ ...node, [key]: node[key].map((item, at) => (at === index ? value : item)) }));
  const dropFromList = (key: 'callers' | 'backupContactIds', index: number) => props.onChange((node) => ({ ...node, [key]: node[key].filter((_, at) => at !== index) }));

  return (
    <li>
      <fieldset class="call-node-fields" classList={{ 'field-invalid': props.problems.length > 0 }} data-testid="call-node-fields">
        <legend>
          {title()}: {props.node.contactId ? props.contactName(props.node.contactId) : 'whom?'}
        </legend>
        <Show when={props.problems.length > 0}>
          <ul class="field-error" id={id('problems')}>
            <For each={props.problems}>{(problem) => <li>{problem}</li>}</For>
          </ul>
        </Show>
        <FormField id={id('contact')} label="Whom to call">
          <select id={id('contact')} onChange={(event) => props.onChange((node) => ({ ...node, contactId: event.currentTarget.value }))}>
            <option value="">Choose a contact…</option>
            <For each={props.contacts}>
              {(contact) => (
                <option value={contact.id} selected={props.node.contactId === contact.id}>
                  {contact.label}
                </option>
              )}
            </For>
          </select>
        </FormField>
        <FormField id={id('parent')} label="Called">
          <select
            id={id('parent')}
            onChange={(event) => props.onChange((node) => ({ ...node, parentId: event.currentTarget.value || null }))}
          >
            {/* selected per option: the labels change as contacts are chosen, and re-rendered options would drop a select's value. */}
            <option value="" selected={props.node.parentId === null}>
              First, as soon as the call tree starts
            </option>
            <For each={props.others}>
              {(other) => (
                <option value={other.id} selected={props.node.parentId === other.id}>
                  After {other.label}
                </option>
              )}
            </For>
          </select>
        </FormField>
        <Index each={props.node.callers}>
          {(caller, index) => (
            <FormField id={id(`caller-${index}`)} label={index === 0 ? 'Who calls (member name)' : `Backup caller ${index} (takes over)`}>
              <div class={index > 0 ? 'input-with-action' : undefined}>
                <input
                  id={id(`caller-${index}`)}
                  list={MEMBER_NAMES_LIST}
                  autocomplete="off"
                  value={caller()}
                  onInput={(event) => setList('callers', index, event.currentTarget.value)}
                />
                <Show when={index > 0}>
                  <button type="button" class="secondary" aria-label={`Remove backup caller ${index} of ${title().toLowerCase()}`} onClick={() => dropFromList('callers', index)}>
                    Remove
                  </button>
                </Show>
              </div>
            </FormField>
          )}
        </Index>
        <button type="button" class="secondary wide" onClick={() => props.onChange((node) => ({ ...node, callers: [...node.callers, ''] }))}>
          + Backup caller for {title().toLowerCase()}
        </button>
        <Index each={props.node.backupContactIds}>
          {(contactId, index) => (
            <FormField id={id(`backup-${index}`)} label={`Backup contact ${index + 1} (called if not reached)`}>
              <div class="input-with-action">
                <select id={id(`backup-${index}`)} onChange={(event) => setList('backupContactIds', index, event.currentTarget.value)}>
                  <option value="">Choose a contact…</option>
                  <For each={props.contacts}>
                    {(contact) => (
                      <option value={contact.id} selected={contactId() === contact.id}>
                        {contact.label}
                      </option>
                    )}
                  </For>
                </select>
                <button type="button" class="secondary" aria-label={`Remove backup contact ${index + 1} of ${title().toLowerCase()}`} onClick={() => dropFromList('backupContactIds', index)}>
                  Remove
                </button>
              </div>
            </FormField>
          )}
        </Index>
        <button type="button" class="secondary wide" onClick={() => props.onChange((node) => ({ ...node, backupContactIds: [...node.backupContactIds, ''] }))}>
          + Backup contact for {title().toLowerCase()}
        </button>
        <FormField
          id={id('wait')}
          label="Minutes before it moves to the backup"
          hint={`Whole minutes, ${MIN_WAIT_MINUTES} to ${MAX_WAIT_MINUTES}. Also how long to wait for a call back after a voicemail.`}
        >
          <input
            id={id('wait')}
            type="number"
            inputmode="numeric"
            min={MIN_WAIT_MINUTES}
            max={MAX_WAIT_MINUTES}
            step="1"
            value={props.node.waitMinutes}
            onInput={(event) => props.onChange((node) => ({ ...node, waitMinutes: event.currentTarget.value }))}
          />
        </FormField>
        <div class="quick-times">
          <button type="button" class="secondary" aria-label={`Move ${title().toLowerCase()} up`} disabled={props.position === 1} onClick={() => props.onMove(-1)}>
            Up
          </button>
          <button type="button" class="secondary" aria-label={`Move ${title().toLowerCase()} down`} disabled={props.position === props.count} onClick={() => props.onMove(1)}>
            Down
          </button>
          <button type="button" class="secondary" aria-label={`Remove ${title().toLowerCase()}`} onClick={() => props.onRemove()}>
            Remove
          </button>
        </div>
      </fieldset>
    </li>
  );
}
