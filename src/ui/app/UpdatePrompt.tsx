import { Show } from 'solid-js';
import { useMuster } from './muster-app';

/**
 * A new version is installed and waiting. It is applied only on the user's tap, and never
 * while a form holds unsaved text: the reload would take the text with it.
 */
export function UpdatePrompt(props: { ready: boolean; onApply: () => void }) {
  const app = useMuster();
  const blocked = () => app.unsavedForms().size > 0;
  return (
    <Show when={props.ready}>
      <div class="update-prompt" role="alert" data-testid="update-prompt">
        <p>{blocked() ? 'A new version of Muster is ready. Save or discard your text first, then update.' : 'A new version of Muster is ready.'}</p>
        <button type="button" class="primary" disabled={blocked()} onClick={() => props.onApply()}>
          Update now
        </button>
      </div>
    </Show>
  );
}
