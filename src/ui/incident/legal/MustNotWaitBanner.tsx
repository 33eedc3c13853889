import { createMemo, Show } from 'solid-js';
import { countdown, mustNotWaitBanner, type Obligation } from '../../../domain/obligations';
import { useCurrentTime } from '../shared/use-current-time';

/**
 * Step 5: "Do not delay required notifications because the technical investigation is still
 * incomplete." Announced when it appears and whenever a notice becomes due soon or overdue;
 * the countdown inside ticks on screen without being read out every minute.
 */
export function MustNotWaitBanner(props: { obligations: readonly Obligation[] }) {
  const now = useCurrentTime();
  const banner = () => mustNotWaitBanner(props.obligations, now());
  const announced = createMemo(() => {
    return props.obligations.map((obligation) => `${obligation.id}:${countdown(obligation, now()).state}`).join(' ');
  });
  return (
    <Show when={banner() ? announced() : null} keyed>
      {(_key) => (
        <div class="must-not-wait" role="alert" data-testid="must-not-wait">
          <p aria-live="off">{banner()}</p>
        </div>
      )}
    </Show>
  );
}
