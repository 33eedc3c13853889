import { createSignal, For } from 'solid-js';
import {
  COORDINATION_AREA_LABELS,
  COORDINATION_AREAS,
  COORDINATION_STATE_LABELS,
  COORDINATION_STATES,
  coordinationSummary,
  validateOwnerAssignment,
  type CoordinationArea,
  type CoordinationState,
  type CoordinationStates,
} from '../../../domain/coordination';
import type { Incident } from '../../../domain/incident';
import { ErrorAlert } from '../../app/ErrorAlert';
import { describedBy, FormField } from '../../app/FormField';
import { StatusNote } from '../../app/StatusNote';
import { failureMessage, useIncidentActions } from '../incident-actions';

/** Step 1: who coordinates communication, and whom they coordinate. */
export function OwnerSection(props: { incident: Incident }) {
  const actions = useIncidentActions();
  const [owner, setOwner] = createSignal(props.incident.comm_owner ?? '');
  const [deputy, setDeputy] = createSignal(props.incident.comm_deputy ?? '');
  const [errors, setErrors] = createSignal<Partial<Record<'owner' | 'deputy' | 'save', string>>>({});
  const [status, setStatus] = createSignal('');
  const states = () => (props.incident.coordination ?? {}) as CoordinationStates;
  const summary = () => coordinationSummary(states());

  const changeOwner = async (event: SubmitEvent) => {
    event.preventDefault();
    const found = validateOwnerAssignment({ owner: owner(), deputy: deputy() });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const next = { owner: owner().trim(), deputy: deputy().trim() };
    try {
      const { entry } = await actions.update(
        props.incident.id,
        (incident) => (incident.comm_owner === next.owner && (incident.comm_deputy ?? '') === next.deputy ? null : { ...incident, comm_owner: next.owner, comm_deputy: next.deputy }),
        (before) => {
          const summary = `Communication owner changed from ${before.comm_owner || 'nobody'} to ${next.owner}${next.deputy ? `; deputy: ${next.deputy}` : ''}.`;
          return { type: 'decision', contacted: 'Incident team', method: 'Muster', summary, decision: summary, owner: next.owner };
        },
      );
      setStatus(entry ? `Saved and logged as #${entry.local_seq}.` : 'Nothing changed.');
    } catch (error) {
      setErrors({ save: failureMessage(error) });
    }
  };

  const mark = async (area: CoordinationArea, state: CoordinationState) => {
    try {
      await actions.update(
        props.incident.id,
        (incident) => ((incident.coordination ?? {})[area] === state ? null : { ...incident, coordination: { ...incident.coordination, [area]: state } }),
        {
          type: 'internal_update',
          contacted: 'Incident team',
          method: 'Muster',
          summary: `Coordination: ${COORDINATION_AREA_LABELS[area]} marked ${COORDINATION_STATE_LABELS[state].toLowerCase()}.`,
        },
      );
    } catch (error) {
      setErrors({ save: failureMessage(error) });
    }
  };

  return (
    <>
      <p class="note">The communication owner makes sure the right people receive accurate updates at the right time. No one improvises public or customer-facing statements.</p>
      <form onSubmit={changeOwner} novalidate>
        <FormField id="owner-name" label="Communication owner" error={errors().owner}>
          <input id="owner-name" value={owner()} onInput={(event) => setOwner(event.currentTarget.value)} {...describedBy('owner-name', errors().owner)} />
        </FormField>
        <FormField id="owner-deputy" label="Deputy" error={errors().deputy}>
          <input id="owner-deputy" value={deputy()} onInput={(event) => setDeputy(event.currentTarget.value)} {...describedBy('owner-deputy', errors().deputy)} />
        </FormField>
        <button type="submit" class="secondary wide">
          Save owner (logged as a decision)
        </button>
        <StatusNote text={status()} />
      </form>
      <ErrorAlert message={errors().save} />
      <h2>Whom to coordinate</h2>
      <p data-testid="coordination-summary">
        {summary().counts.done} done, {summary().counts.pending} pending, {summary().counts.not_needed} not needed
      </p>
      <ul class="coordination-list">
        <For each={[...COORDINATION_AREAS]}>
          {(area) => (
            <li>
              <fieldset class="segmented">
                <legend>{COORDINATION_AREA_LABELS[area]}</legend>
                <For each={[...COORDINATION_STATES]}>
                  {(state) => (
                    <label>
                      <input
                        type="radio"
                        name={`coordination-${area}`}
                        value={state}
                        checked={(states()[area] ?? 'pending') === state}
                        onChange={() => void mark(area, state)}
                      />
                      <span>{COORDINATION_STATE_LABELS[state]}</span>
                    </label>
                  )}
                </For>
              </fieldset>
            </li>
          )}
        </For>
      </ul>
    </>
  );
}
