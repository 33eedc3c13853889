import { createMemo, createSignal, For, Show } from 'solid-js';
import type { Incident } from '../../../domain/incident';
import type { ObligationRecord } from '../../../domain/incident-records';
import { NOTIFY_PARTY_LABELS, type NotifyParty } from '../../../domain/playbook-triggers';
import { planObligations } from '../../../store/obligation-records';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useMuster } from '../../app/muster-app';
import { useWorkflowSettings } from '../workflow-settings';
import { recordSaveFailure } from '../shared/record-save-failure';
import { obligationCount, useObligationActions } from './use-obligation-actions';

/**
 * What the ticked triggers require that the list does not show yet: parties no notice
 * period covers ("add one"), and obligations a failed save left unrecorded.
 */
export function ObligationGaps(props: { incident: Incident; records: readonly ObligationRecord[]; recording: boolean; onAddPeriod: (party: NotifyParty) => void }) {
  const app = useMuster();
  const workflow = useWorkflowSettings();
  const obligations = useObligationActions(() => props.incident);
  const [error, setError] = createSignal('');
  const gaps = createMemo(() => {
    const now = new Date();
    try {
      return planObligations({
        workspaceId: app.settings().workspace_id,
        incidentId: props.incident.id,
        ticked: props.incident.triggers?.legal ?? [],
        clockStart: now,
        periods: workflow().noticePeriods,
        records: props.records,
        context: obligations.context(),
        now,
      });
    } catch {
      // An unknown time zone: the time zone field below says what to fix.
      return { writes: [], unscheduled: [] };
    }
  });
  const recordNow = async () => {
    setError('');
    try {
      await obligations.reschedule();
    } catch (failure) {
      setError(recordSaveFailure(failure));
    }
  };
  return (
    <>
      <For each={gaps().unscheduled}>
        {(party) => (
          <p class="finding blocking" data-testid="unscheduled-party">
            No notice period set for {NOTIFY_PARTY_LABELS[party]}: no due time can be counted.{' '}
            <button type="button" class="link-button" onClick={() => props.onAddPeriod(party)}>
              Add one
            </button>
          </p>
        )}
      </For>
      <Show when={!props.recording && gaps().writes.length > 0}>
        <div class="finding blocking">
          <p>{obligationCount(gaps().writes.length)} of the ticked triggers not recorded yet.</p>
          <button type="button" class="primary wide" onClick={() => void recordNow()}>
            Record them now
          </button>
        </div>
      </Show>
      <ErrorAlert message={error()} />
    </>
  );
}
