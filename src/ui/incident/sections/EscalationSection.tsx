import { createResource, createSignal, Show } from 'solid-js';
import type { Incident } from '../../../domain/incident';
import { escalationAdvice } from '../../../domain/playbook-triggers';
import { listContacts } from '../../../store/workspace-repository';
import { useMuster } from '../../app/muster-app';
import { StatusNote } from '../../app/StatusNote';
import { EscalationAdvicePanel } from '../escalation/EscalationAdvicePanel';
import { EscalationChecklist } from '../escalation/EscalationChecklist';
import { VendorRequestComposer } from '../escalation/VendorRequestComposer';
import { VendorRequestList } from '../escalation/VendorRequestList';
import { createIncidentRecordList } from '../shared/incident-record-list';

/** Step 4: when to bring in the MSP, vendors or an incident response firm, and precise requests to them. */
export function EscalationSection(props: { incident: Incident }) {
  const app = useMuster();
  const [contacts] = createResource(() => app.settings().workspace_id, (workspaceId) => listContacts(app.db, workspaceId));
  const requests = createIncidentRecordList(() => props.incident.id, 'vendor_request');
  const advice = () => escalationAdvice(props.incident.triggers?.escalation ?? []);
  // Each sent request starts a fresh composer; hiding it keeps what was typed.
  const [round, setRound] = createSignal(1);
  const [composing, setComposing] = createSignal(false);
  const [status, setStatus] = createSignal('');
  const sent = (message: string) => {
    setStatus(message);
    setComposing(false);
    setRound(round() + 1);
  };

  return (
    <>
      <p class="note">Escalate when the company cannot safely contain or investigate the issue alone. Tick what applies now; each tick is logged.</p>
      <EscalationChecklist incident={props.incident} />
      <EscalationAdvicePanel advice={advice()} contacts={contacts() ?? []} channels={props.incident.channels ?? {}} />

      <h2>Vendor requests</h2>
      <StatusNote text={status()} />
      <VendorRequestList requests={requests()} />
      <Show when={!composing()}>
        <button type="button" class="primary wide" onClick={() => { setStatus(''); setComposing(true); }}>
          Write a vendor request
        </button>
      </Show>
      <Show when={round()} keyed>
        {(composerRound) => (
          <div hidden={!composing()} data-round={composerRound}>
            <VendorRequestComposer incident={props.incident} contacts={contacts() ?? []} onSent={sent} onClose={() => setComposing(false)} />
          </div>
        )}
      </Show>
    </>
  );
}
