import { createEffect, createSignal, For, on, Show } from 'solid-js';
import type { Incident } from '../../../domain/incident';
import { confirmExample, draftFromPeriod, emptyNoticePeriodDraft, periodAppliesTo, periodNote, periodSpan, type NoticePeriodDraft } from '../../../domain/notice-period-form';
import type { NoticePeriod } from '../../../domain/obligations';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useMuster } from '../../app/muster-app';
import { StatusNote } from '../../app/StatusNote';
import { useIncidentActions } from '../incident-actions';
import { useWorkflowSettings } from '../workflow-settings';
import { recordSaveFailure } from '../shared/record-save-failure';
import { NoticePeriodForm } from './NoticePeriodForm';
import { obligationCount, useObligationActions } from './use-obligation-actions';

/** Which period is open in the form: an existing one by its position, or a new one. */
type Editing = { index: number | null; draft: NoticePeriodDraft; key: number };

/**
 * The workspace's notice periods (Step 5: "review its cyber insurance policy, contracts, and
 * compliance requirements before making assumptions"). Shipped examples stay marked until
 * confirmed or replaced; every change recalculates this incident's open notices and is logged.
 */
export function NoticePeriodEditor(props: { incident: Incident; addFor: { party: string; key: number } | null }) {
  const app = useMuster();
  const actions = useIncidentActions();
  const workflow = useWorkflowSettings();
  const obligations = useObligationActions(() => props.incident);
  const [editing, setEditing] = createSignal<Editing | null>(null);
  const [removing, setRemoving] = createSignal<number | null>(null);
  const [status, setStatus] = createSignal('');
  const [error, setError] = createSignal('');
  const periods = () => workflow().noticePeriods;
  const open = (next: Editing) => {
    setStatus('');
    setError('');
    setEditing(next);
  };

  createEffect(
    on(
      () => props.addFor,
      (request) => {
        if (request) open({ index: null, draft: { ...emptyNoticePeriodDraft(), party: request.party }, key: request.key });
      },
    ),
  );

  const store = async (next: NoticePeriod[], what: string) => {
    setError('');
    setStatus('');
    try {
      await app.updateSettings({ ...app.settings(), notice_periods: next });
    } catch (failure) {
      setError(recordSaveFailure(failure));
      return;
    }
    setEditing(null);
    setRemoving(null);
    try {
      await actions.log(props.incident.id, { type: 'internal_update', contacted: 'Incident team', method: 'Muster', summary: `Notice period ${what}.` });
      const moved = await obligations.reschedule();
      setStatus(`Saved. ${moved.written.length > 0 ? `${obligationCount(moved.written.length)} of this incident rescheduled and logged.` : 'No open notice of this incident changes.'}`);
    } catch (failure) {
      setError(`The period is saved, but this incident’s notices were not recalculated: ${recordSaveFailure(failure).replace(/^Not saved: /, '')}`);
    }
  };
  const describe = (period: NoticePeriod) => `${periodAppliesTo(period)}, ${periodSpan(period)} ("${period.label}")`;
  const replace = (index: number, period: NoticePeriod) => periods().map((old, at) => (at === index ? period : old));
  const saveForm = (period: NoticePeriod) => {
    const open = editing();
    if (open?.index == null) return store([...periods(), period], `added: ${describe(period)}`);
    return store(replace(open.index, period), `changed: ${describe(period)}, was ${describe(periods()[open.index] as NoticePeriod)}`);
  };

  return (
    <section aria-labelledby="notice-periods-title">
      <h2 id="notice-periods-title">Notice periods</h2>
      <p class="note">How long the company has to tell each party once a trigger is ticked. Set for the whole workspace.</p>
      <ul class="card-list" data-testid="notice-periods">
        <For each={[...periods()]}>
          {(period, index) => (
            <li class="workflow-card">
              <h3>{period.label}</h3>
              <p>
                <strong>{periodSpan(period)}</strong> · {periodAppliesTo(period)}
              </p>
              <Show when={period.example}>
                <p class="warning example-tag">Example — confirm against your policy/contract</p>
              </Show>
              <Show when={periodNote(period)}>
                <p class="note">{periodNote(period)}</p>
              </Show>
              <Show
                when={editing()?.index === index()}
                fallback={
                  <Show
                    when={removing() === index()}
                    fallback={
                      <div class="form-actions period-actions">
                        <Show when={period.example}>
                          <button
                            type="button"
                            class="primary"
                            onClick={() => void store(replace(index(), confirmExample(period)), `confirmed against the policy or contract: ${describe(period)}`)}
                            aria-label={`Confirm ${period.label} as it is`}
                          >
                            Confirm
                          </button>
                        </Show>
                        <button type="button" class="secondary" onClick={() => open({ index: index(), draft: draftFromPeriod(period), key: Date.now() })} aria-label={`Edit ${period.label}`}>
                          Edit
                        </button>
                        <button type="button" class="secondary" onClick={() => setRemoving(index())} aria-label={`Remove ${period.label}`}>
                          Remove
                        </button>
                      </div>
                    }
                  >
                    <p>Remove this period? Open notices keep their due time.</p>
                    <div class="form-actions">
                      <button type="button" class="secondary" onClick={() => setRemoving(null)}>
                        Keep
                      </button>
                      <button type="button" class="danger" onClick={() => void store(periods().filter((_, at) => at !== index()), `removed: ${describe(period)}`)}>
                        Remove
                      </button>
                    </div>
                  </Show>
                }
              >
                <NoticePeriodForm id={`period-${index()}`} initial={(editing() as Editing).draft} onSave={saveForm} onCancel={() => setEditing(null)} />
              </Show>
            </li>
          )}
        </For>
      </ul>
      <Show
        when={editing()?.index === null}
        fallback={
          <button type="button" class="secondary wide" onClick={() => open({ index: null, draft: emptyNoticePeriodDraft(), key: Date.now() })}>
            Add a notice period
          </button>
        }
      >
        <Show when={editing()?.key} keyed>
          {(key) => <NoticePeriodForm id={`period-new-${key}`} initial={(editing() as Editing).draft} onSave={saveForm} onCancel={() => setEditing(null)} />}
        </Show>
      </Show>
      <StatusNote text={status()} />
      <ErrorAlert message={error()} />
    </section>
  );
}
