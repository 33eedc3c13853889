import { createSignal } from 'solid-js';
import { describedBy, FormField } from '../../app/FormField';
import { useMuster } from '../../app/muster-app';

/** Asks for this phone's user name, which approvals and log entries record; saved in Settings too. */
export function AuthorNamePrompt(props: { why: string }) {
  const app = useMuster();
  const [name, setName] = createSignal('');
  const [error, setError] = createSignal<string>();
  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const trimmed = name().trim();
    if (trimmed === '') return setError('Enter your name.');
    if (trimmed.length > 200) return setError('The name is too long: at most 200 characters.');
    try {
      await app.updateSettings({ ...app.settings(), author_name: trimmed });
      setError(undefined);
    } catch (failure) {
      setError(`Not saved: ${(failure as Error).message}`);
    }
  };
  return (
    <form onSubmit={save} novalidate class="author-prompt">
      <FormField id="author-prompt" label="Your name" hint={props.why} error={error()}>
        <input id="author-prompt" autocomplete="name" value={name()} onInput={(event) => setName(event.currentTarget.value)} {...describedBy('author-prompt', error())} />
      </FormField>
      <button type="submit" class="secondary wide">
        Save my name
      </button>
    </form>
  );
}
