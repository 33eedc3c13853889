import { createEffect, createSignal, For, on, Show } from 'solid-js';
import type { Incident } from '../../../domain/incident';
import { assessReadiness, type ReadinessAssessment } from '../../../domain/readiness';
import { gatherReadinessInput } from '../../../store/incident-overview';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useMuster } from '../../app/muster-app';
import { readinessFixes } from '../readiness-fixes';

/**
 * "Expected Outputs from This Section": the nine things the company should have, checked
 * against this workspace, each missing one with what to do and where.
 */
export function ReadinessSection(props: { incident?: Incident }) {
  const app = useMuster();
  const [assessment, setAssessment] = createSignal<ReadinessAssessment | null>(null);
  const [loadError, setLoadError] = createSignal<string | null>(null);
  let reading = 0;
  const withoutOwner = () => app.incidents().filter((incident) => !(incident.comm_owner ?? '').trim());

  createEffect(
    on([app.settings, app.incidents, app.logVersion], ([settings]) => {
      const token = ++reading;
      gatherReadinessInput(app.db, settings).then(
        (input) => {
          if (token !== reading) return;
          setAssessment(assessReadiness(input));
          setLoadError(null);
        },
        (error: unknown) => setLoadError(`The workspace could not be read (${(error as Error).message}). Nothing was lost; close and reopen Muster.`),
      );
    }),
  );

  return (
    <>
      <Show when={!props.incident}>
        <h2>Is the company ready?</h2>
      </Show>
      <ErrorAlert message={loadError()} />
      <Show when={assessment()} fallback={<p>Checking…</p>}>
        {(result) => (
          <>
            <p class="readiness-score" data-testid="readiness-score">
              <strong>
                {result().met} of {result().total}
              </strong>{' '}
              expected outputs in place ({result().percent}%).
            </p>
            <Show when={result().met === result().total}>
              <p class="note">“We know who communicates, who approves messages, who must be contacted, which channels are safe, and where communication decisions are recorded.”</p>
            </Show>
            <ul class="check-list" aria-label="The nine expected outputs">
              <For each={result().checks}>
                {(check) => (
                  <li class="readiness-check" classList={{ 'readiness-missing': !check.ok }}>
                    <p class="readiness-head">
                      <span class={check.ok ? 'tag tag-ok' : 'tag tag-warn'}>{check.ok ? 'In place' : 'Missing'}</span> <strong>{check.label}</strong>
                    </p>
                    <Show when={!check.ok}>
                      <p>{check.missing}</p>
                      <Show when={check.id === 'communication_owner' && withoutOwner().length > 0}>
                        <p>Without an owner: {withoutOwner().map((incident) => incident.id).join(', ')}.</p>
                      </Show>
                      <ul class="readiness-fixes">
                        <For each={readinessFixes(check.id, Boolean(props.incident))}>
                          {(fix) => (
                            <li>
                              <a class="card-link" href={fix.href}>
                                {fix.label}
                              </a>
                            </li>
                          )}
                        </For>
                      </ul>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
            <p class="note">Counted on this phone: its contacts, templates, settings and the entries it logged.</p>
          </>
        )}
      </Show>
    </>
  );
}
