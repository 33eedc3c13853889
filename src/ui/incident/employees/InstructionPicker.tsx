import { For, Show } from 'solid-js';
import { EMPLOYEE_INSTRUCTIONS } from '../../../domain/employee-instructions';
import { FormField } from '../../app/FormField';
import type { EmployeeDraft } from './employee-draft';

type Detail = 'affectedSystem' | 'alternateChannel' | 'reportTo';

/** What an instruction needs said to be specific (Step 3: "short, specific, and action-oriented"). */
const DETAILS: Partial<Record<(typeof EMPLOYEE_INSTRUCTIONS)[number]['id'], { field: Detail; label: string; placeholder: string }>> = {
  dont_use_affected_system: { field: 'affectedSystem', label: 'Which system (optional)', placeholder: 'e.g. the finance mailbox' },
  use_alternate_channel: { field: 'alternateChannel', label: 'Which channel to use instead', placeholder: 'e.g. the staff SMS group' },
  report_suspicious_activity: { field: 'reportTo', label: 'Whom to report to, and how', placeholder: 'e.g. Tom Becker, +1 202 555 0102' },
};

/** Step 3's list of instructions as checkboxes; a picked one that needs a detail asks for it. */
export function InstructionPicker(props: { draft: EmployeeDraft; safeChannels: string; onChange: (patch: Partial<EmployeeDraft>) => void }) {
  const pick = (id: string, on: boolean) => props.onChange({ picked: on ? [...props.draft.picked, id] : props.draft.picked.filter((known) => known !== id) });
  return (
    <ul class="check-list instruction-list">
      <For each={[...EMPLOYEE_INSTRUCTIONS]}>
        {(instruction) => {
          const detail = DETAILS[instruction.id];
          const picked = () => props.draft.picked.includes(instruction.id);
          return (
            <li>
              <label class="check-row">
                <input type="checkbox" checked={picked()} onChange={(event) => pick(instruction.id, event.currentTarget.checked)} />
                <span>{instruction.playbook}</span>
              </label>
              <Show when={detail && picked() ? detail : null}>
                {(needed) => (
                  <div class="instruction-detail">
                    <FormField
                      id={`ei-${needed().field}`}
                      label={needed().label}
                      hint={needed().field === 'alternateChannel' ? `Safe now: ${props.safeChannels}.` : undefined}
                    >
                      <input
                        id={`ei-${needed().field}`}
                        value={props.draft[needed().field]}
                        placeholder={needed().placeholder}
                        onInput={(event) => props.onChange({ [needed().field]: event.currentTarget.value })}
                      />
                    </FormField>
                  </div>
                )}
              </Show>
            </li>
          );
        }}
      </For>
    </ul>
  );
}
