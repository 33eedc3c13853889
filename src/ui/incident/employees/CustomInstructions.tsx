import { Index } from 'solid-js';

/** Instructions the playbook's list does not have, one per field; each can be removed. */
export function CustomInstructions(props: { custom: readonly string[]; onChange: (custom: string[]) => void }) {
  const set = (index: number, value: string) => props.onChange(props.custom.map((line, at) => (at === index ? value : line)));
  const remove = (index: number) => props.onChange(props.custom.filter((_, at) => at !== index));
  const add = () => {
    props.onChange([...props.custom, '']);
    queueMicrotask(() => document.getElementById(`ei-custom-${props.custom.length - 1}`)?.focus());
  };
  return (
    <div class="custom-instructions">
      {/* Index, not For: rows are kept by position, so typing never re-creates the field being typed in. */}
      <Index each={[...props.custom]}>
        {(line, index) => (
          <div class="field">
            <label for={`ei-custom-${index}`}>Your instruction {index + 1}</label>
            <div class="input-with-action">
              <input id={`ei-custom-${index}`} value={line()} placeholder="e.g. Log out of the finance portal." onInput={(event) => set(index, event.currentTarget.value)} />
              <button type="button" class="secondary" aria-label={`Remove instruction ${index + 1}`} onClick={() => remove(index)}>
                Remove
              </button>
            </div>
          </div>
        )}
      </Index>
      <button type="button" class="secondary wide" onClick={add}>
        Add your own instruction
      </button>
    </div>
  );
}
