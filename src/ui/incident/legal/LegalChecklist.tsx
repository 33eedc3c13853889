import { createSignal } from 'solid-js';
import type { Incident } from '../../../domain/incident';
import { LEGAL_TRIGGERS, NOTIFY_PARTY_LABELS, partiesToNotify, type PlaybookTrigger } from '../../../domain/playbook-triggers';
import { ErrorAlert } from '../../app/ErrorAlert';
import { StatusNote } from '../../app/StatusNote';
import { useIncidentActions } from '../incident-actions';
import { recordSaveFailure } from '../shared/record-save-failure';
import { tickTrigger } from '../shared/tick-trigger';
import { TriggerChecklist } from '../shared/TriggerChecklist';
import { recordedStatus, useObligationActions } from './use-obligation-actions';

/**
 * Step 5's eleven conditions. A tick is a logged decision, and at once creates the notice
 * obligations it brings (insurer, legal, compliance, regulator, customers), due by the
 * workspace's notice periods.
 */
export function LegalChecklist(props: { incident: Incident; onRecording: (recording: boolean) => void }) {
  const actions = useIncidentActions();
  const obligations = useObligationActions(() => props.incident);
  const [error, setError] = createSignal('');
  const [status, setStatus] = createSignal('');

  const saveTick = (trigger: PlaybookTrigger, ticked: boolean) =>
    actions.update(
      props.incident.id,
      tickTrigger('legal', trigger.id, ticked),
      () => {
        if (!ticked)
          return {
            type: 'internal_update',
            contacted: 'Incident team',
            method: 'Muster',
            summary: `Legal trigger unticked: ${trigger.label}. Obligations already opened stay open: mark each one "Not required" with the reason if so.`,
          };
        const parties = partiesToNotify([trigger.id]).map((party) => NOTIFY_PARTY_LABELS[party]).join(', ');
        return {
          type: 'decision',
          contacted: 'Incident team',
          method: 'Muster',
          summary: `Legal trigger ticked: ${trigger.label} (${trigger.question} Yes).`,
          decision: `${trigger.label}: notify ${parties}, without waiting for the investigation to finish.`,
        };
      },
    );

  const toggle = async (trigger: PlaybookTrigger, ticked: boolean) => {
    setError('');
    setStatus('');
    props.onRecording(true);
    try {
      const { incident } = await saveTick(trigger, ticked);
      if (!ticked) return true;
      try {
        const recorded = await obligations.recordTicks(incident.triggers?.legal ?? []);
        setStatus(recordedStatus(recorded.written));
      } catch (failure) {
        setError(`Ticked and logged, but its obligations were not saved: ${recordSaveFailure(failure).replace(/^Not saved: /, '')} Tap "Record them now" below.`);
      }
      return true;
    } catch (failure) {
      setError(recordSaveFailure(failure));
      return false;
    } finally {
      props.onRecording(false);
    }
  };

  return (
    <>
      <TriggerChecklist id="legal" legend="Could the incident involve…" triggers={LEGAL_TRIGGERS} ticked={props.incident.triggers?.legal ?? []} onToggle={toggle} />
      <StatusNote text={status()} />
      <ErrorAlert message={error()} />
    </>
  );
}
