import { createMemo, Show } from 'solid-js';
import { describeSecrets, scanForSecrets } from '../../../domain/secret-scanner';

/** Step 7: warns, as it is typed, that a text holds a password, token or key, before it is saved or sent. */
export function LiveSecretWarning(props: { text: string }) {
  const warning = createMemo(() => describeSecrets(scanForSecrets(props.text)));
  return (
    <Show when={warning()}>
      <p class="finding blocking" role="alert">
        {warning()}
      </p>
    </Show>
  );
}
