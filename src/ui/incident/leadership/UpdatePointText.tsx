import { describedBy, FormField } from '../../app/FormField';

/** One of Step 2's points answered in a sentence or two. */
export function UpdatePointText(props: { id: string; label: string; value: string; error?: string | undefined; hint?: string; onInput: (value: string) => void }) {
  return (
    <FormField id={props.id} label={props.label} error={props.error} hint={props.hint}>
      <textarea id={props.id} rows="2" value={props.value} onInput={(event) => props.onInput(event.currentTarget.value)} {...describedBy(props.id, props.error)} />
    </FormField>
  );
}
