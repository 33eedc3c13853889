import { createResource, createSignal, Show } from 'solid-js';
import type { Incident } from '../../../domain/incident';
import type { StatementRecord } from '../../../domain/incident-records';
import { useMuster } from '../../app/muster-app';
import { useIncidentActions } from '../incident-actions';
import { ApproverSettings } from '../statements/ApproverSettings';
import type { StatementForm } from '../statements/StatementEditor';
import { StatementList } from '../statements/StatementList';
import { StatementView } from '../statements/StatementView';
import { VerifiedFindingForm } from '../statements/VerifiedFindingForm';

/** What is open: a stored statement, or a new one starting from `seed`. */
type Opened = { record: StatementRecord | null; seed: StatementForm };

const EMPTY: StatementForm = { audience: 'customers', title: '', text: '' };

/** Step 6: external statements are drafted, checked, approved, then sent; each version is kept and logged. */
export function StatementsSection(props: { incident: Incident }) {
  const app = useMuster();
  const actions = useIncidentActions();
  const [statements] = createResource(
    () => [props.incident.id, app.logVersion()] as const,
    ([incidentId]) => actions.records(incidentId, 'statement'),
  );
  const [opened, setOpened] = createSignal<Opened | null>(null);
  const openRecord = (record: StatementRecord) => setOpened({ record, seed: { audience: record.audience, title: record.title, text: record.text } });
  const latestOf = (id: string) => statements.latest?.find((record) => record.id === id);

  return (
    <>
      <p class="note">
        Customers, partners, vendors, regulators, law enforcement, media and the public hear only approved statements: known facts, no speculation, no blame, no
        promises that are not confirmed.
      </p>
      <Show
        when={opened()}
        keyed
        fallback={
          <>
            <h2>Statements</h2>
            <button type="button" class="primary wide" onClick={() => setOpened({ record: null, seed: EMPTY })}>
              + New statement
            </button>
            <Show when={statements.latest} fallback={<p>Loading…</p>}>
              {(list) => <StatementList statements={list()} verifiedNoData={Boolean(props.incident.verified_no_data)} onOpen={openRecord} />}
            </Show>
            <VerifiedFindingForm incident={props.incident} />
            <h2>Approvers</h2>
            <ApproverSettings incidentId={props.incident.id} />
          </>
        }
      >
        {(open) => (
          <StatementView
            incident={props.incident}
            opened={open.record}
            seed={open.seed}
            latestOf={latestOf}
            onClose={() => setOpened(null)}
            onUpdate={(seed) => setOpened({ record: null, seed })}
          />
        )}
      </Show>
    </>
  );
}
