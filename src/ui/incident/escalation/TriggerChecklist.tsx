import { createSignal, For } from 'solid-js';
import type { PlaybookTrigger } from '../../../domain/playbook-triggers';

/**
 * A playbook trigger list as yes/no questions, one big row each. `onToggle` saves and logs
 * the tick; when it fails the box goes back to what is stored. Quick taps are saved one
 * after the other (each tick reads what the one before wrote), and no box is disabled
 * meanwhile, so focus stays where the user is.
 */
export function TriggerChecklist(props: {
  id: string;
  legend: string;
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
  return (
    <fieldset class="trigger-checklist" aria-busy={pending() > 0}>
      <legend>{props.legend}</legend>
      <ul class="check-list">
        <For each={[...props.triggers]}>
          {(trigger) => (
            <li>
              <label class="check-row">
                <input
                  type="checkbox"
                  name={`${props.id}-${trigger.id}`}
                  checked={props.ticked.includes(trigger.id)}
                  onChange={(event) => toggle(trigger, event.currentTarget)}
                />
                <span>
                  <span class="trigger-label">{trigger.label}</span>
                  <span class="trigger-question">{trigger.question}</span>
                </span>
              </label>
            </li>
          )}
        </For>
      </ul>
    </fieldset>
  );
}
