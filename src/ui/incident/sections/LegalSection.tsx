import { createResource, createSignal } from 'solid-js';
import type { Incident } from '../../../domain/incident';
import type { NotifyParty } from '../../../domain/playbook-triggers';
import { asObligation } from '../../../store/obligation-records';
import { listContacts } from '../../../store/workspace-repository';
import { useMuster } from '../../app/muster-app';
import { LegalChecklist } from '../legal/LegalChecklist';
import { MustNotWaitBanner } from '../legal/MustNotWaitBanner';
import { NoticePeriodEditor } from '../legal/NoticePeriodEditor';
import { ObligationGaps } from '../legal/ObligationGaps';
import { ObligationList } from '../legal/ObligationList';
import { TimeZoneSetting } from '../legal/TimeZoneSetting';
import { createIncidentRecordList } from '../shared/incident-record-list';

/** Step 5: what may oblige the company to tell its insurer, counsel, compliance, a regulator or customers, and by when. */
export function LegalSection(props: { incident: Incident }) {
  const app = useMuster();
  const [contacts] = createResource(() => app.settings().workspace_id, (workspaceId) => listContacts(app.db, workspaceId));
  const records = createIncidentRecordList(() => props.incident.id, 'obligation');
  const obligations = () => records().map(asObligation).filter((obligation) => obligation !== null);
  const [recording, setRecording] = createSignal(false);
  const [addFor, setAddFor] = createSignal<{ party: NotifyParty; key: number } | null>(null);

  return (
    <>
      <MustNotWaitBanner obligations={obligations()} />
      <p class="note">
        Review the cyber insurance policy, contracts and compliance requirements before making assumptions. Do not delay a required notice because the investigation is
        incomplete: early notice may be required while facts are still being confirmed.
      </p>
      <LegalChecklist incident={props.incident} onRecording={setRecording} />
      <ObligationGaps incident={props.incident} records={records()} recording={recording()} onAddPeriod={(party) => setAddFor({ party, key: Date.now() })} />
      <h2>Who must be notified</h2>
      <ObligationList incident={props.incident} records={records()} contacts={contacts() ?? []} />
      <NoticePeriodEditor incident={props.incident} addFor={addFor()} />
      <TimeZoneSetting incident={props.incident} />
    </>
  );
}
