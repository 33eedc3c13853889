import { createMemo, Show } from 'solid-js';
import { describeSecrets, scanForSecrets } from '../../../domain/secret-scanner';

/**
 * Step 7: "Do not send passwords, tokens ..." A text that looks like it holds a secret is
 * sent only after the user confirms it does not. Returns the reason sending waits, or null.
 */
export function secretHold(text: string, acknowledgedText: string): string | null {
  const findings = scanForSecrets(text);
  if (findings.length === 0 || acknowledgedText === text) return null;
  return `Not sent yet. ${describeSecrets(findings)}`;
}

/** The warning before sending, with the user's confirmation. Shared by Steps 2 and 3. */
export function SecretWarning(props: { id: string; text: string; acknowledgedText: string; onAcknowledge: (text: string) => void }) {
  const findings = createMemo(() => scanForSecrets(props.text));
  return (
    <Show when={findings().length > 0}>
      <div class="finding blocking" data-testid={props.id}>
        <p>{describeSecrets(findings())}</p>
        <p>Found: {findings().map((finding) => `${finding.label} “${finding.excerpt}”`).join(', ')}. Remove it from the text above.</p>
        <label class="check-row">
          <input
            type="checkbox"
            id={props.id}
            checked={props.acknowledgedText === props.text}
            onChange={(event) => props.onAcknowledge(event.currentTarget.checked ? props.text : '')}
          />
          <span>It is not a secret: allow sending this text</span>
        </label>
      </div>
    </Show>
  );
}
