import { createMemo, Show } from 'solid-js';
import { describeSecrets, scanForSecrets } from '../../domain/secret-scanner';

/** The user's confirmation that a text holds no secret: `acknowledgedText` is the text they confirmed. */
export interface SecretAcknowledgement {
  /** The checkbox's id (and the warning's data-testid), for focusing it when sending waits. */
  id: string;
  acknowledgedText: string;
  onAcknowledge: (text: string) => void;
}

/**
 * Step 7: "Do not send passwords, tokens ..." A text that looks like it holds a secret is
 * sent only after the user confirms it does not. Returns the reason sending waits, or null.
 */
export function secretHold(text: string, acknowledgedText: string): string | null {
  const findings = scanForSecrets(text);
  if (findings.length === 0 || acknowledgedText === text) return null;
  return `Not sent yet. ${describeSecrets(findings)}`;
}

/**
 * Step 7: warns, as it is typed, that a text holds a password, token or key, before it is
 * saved or sent. With `acknowledge` (Steps 2 and 3) it also names what it found and asks the
 * user to confirm it is not a secret; secretHold() holds sending until they do.
 */
export function LiveSecretWarning(props: { text: string; acknowledge?: SecretAcknowledgement }) {
  const findings = createMemo(() => scanForSecrets(props.text));
  return (
    <Show when={findings().length > 0}>
      <Show
        when={props.acknowledge}
        fallback={
          <p class="finding blocking" role="alert">
            {describeSecrets(findings())}
          </p>
        }
      >
        {(acknowledge) => (
          <div class="finding blocking" data-testid={acknowledge().id}>
            <p>{describeSecrets(findings())}</p>
            <p>Found: {findings().map((finding) => `${finding.label} “${finding.excerpt}”`).join(', ')}. Remove it from the text above.</p>
            <label class="check-row">
              <input
                type="checkbox"
                id={acknowledge().id}
                checked={acknowledge().acknowledgedText === props.text}
                onChange={(event) => acknowledge().onAcknowledge(event.currentTarget.checked ? props.text : '')}
              />
              <span>It is not a secret: allow sending this text</span>
            </label>
          </div>
        )}
      </Show>
    </Show>
  );
}
