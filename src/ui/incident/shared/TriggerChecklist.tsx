import { createSignal, For, Show } from 'solid-js';
import type { PlaybookTrigger } from '../../../domain/playbook-triggers';

/**
 * A playbook trigger list as yes/no questions, one big row each. `onToggle` saves and logs
 * the tick; when it fails the box goes back to what is stored. Quick taps are saved one
 * after the other (each tick reads what the one before wrote), and no box is disabled
 * meanwhile, so focus stays where the user is.
 *
 * With a `legend` (Steps 4 and 5) the list is a group of its own, each trigger's name as its
 * label. Without one (Step 2) the list stands under the section's heading, the names in bold.
 */
export function TriggerChecklist(props: {
  /** Prefixes the boxes' names. */
  id?: string;
  legend?: string;
  triggers: readonly PlaybookTrigger[];
  ticked: readonly string[];
  onToggle: (trigger: PlaybookTrigger, ticked: boolean) => Promise<boolean>;
}) {
  const [pending, setPending] = createSignal(0);
  let queue = Promise.resolve();
  const toggle = (trigger: PlaybookTrigger, box: HTMLInputElement) => {
    const wanted = box.checked;
    setPending((count) => count + 1);
    queue = queue.then(async () => {
      const saved = await props.onToggle(trigger, wanted);
      setPending((count) => count - 1);
      if (!saved) box.checked = !wanted;
    });
  };
  const list = () => (
    <ul class="check-list">
      <For each={[...props.triggers]}>
        {(trigger) => (
          <li>
            <label class="check-row">
              <input
                type="checkbox"
                name={props.id ? `${props.id}-${trigger.id}` : undefined}
                checked={props.ticked.includes(trigger.id)}
                onChange={(event) => toggle(trigger, event.currentTarget)}
              />
              <span>
                <Show when={props.legend} fallback={<strong>{trigger.label}</strong>}>
                  <span class="trigger-label">{trigger.label}</span>
                </Show>
                <span class="trigger-question">{trigger.question}</span>
              </span>
            </label>
          </li>
        )}
      </For>
    </ul>
  );
  return (
    <Show when={props.legend} fallback={list()}>
      {(legend) => (
        <fieldset class="trigger-checklist" aria-busy={pending() > 0}>
          <legend>{legend()}</legend>
          {list()}
        </fieldset>
      )}
    </Show>
  );
}
