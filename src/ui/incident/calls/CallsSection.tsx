import { createResource, createSignal, For, Show } from 'solid-js';
import type { ChannelStates } from '../../../domain/channels';
import type { Incident } from '../../../domain/incident';
import type { StoredCallRun } from '../../../store/schema';
import { listContacts } from '../../../store/workspace-repository';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useMuster } from '../../app/muster-app';
import { StatusNote } from '../../app/StatusNote';
import { useCurrentTime } from '../shared/use-current-time';
import { contactLookup } from './call-contacts';
import { CallAlertOptIn, CallAlerts } from './CallAlerts';
import { CallRunProgress } from './CallRunProgress';
import { useIncidentCalls } from './incident-calls';
import { MyCalls } from './MyCalls';
import { StartCallRun } from './StartCallRun';

/**
 * The incident's call trees at work: this phone's user's calls first, then where each run
 * stands for the whole team, then starting a run. Every start and checkoff is logged.
 */
export function CallsSection(props: { incident: Incident }) {
  const app = useMuster();
  const calls = useIncidentCalls();
  const time = useCurrentTime();
  const [contacts] = createResource(() => app.settings().workspace_id, (workspaceId) => listContacts(app.db, workspaceId));
  const [status, setStatus] = createSignal('');
  const runs = () => calls.runs().filter((view) => view.run.incident_id === props.incident.id);
  const lookup = (run: StoredCallRun) => contactLookup(contacts.latest ?? [], run);
  const lookupByRun = (runId: string, contactId: string) => contactLookup(contacts.latest ?? [], runs().find((view) => view.run.id === runId)?.run)(contactId);
  const channels = () => (props.incident.channels ?? {}) as ChannelStates;

  return (
    <>
      <CallAlerts contact={lookupByRun} />
      <p class="note">Who calls whom, in order, with backups. Each call you check off is written to the log: who called whom, how, the outcome and the time.</p>
      <ErrorAlert message={calls.loadError()} />
      <h2>My calls</h2>
      <MyCalls
        runs={runs()}
        me={app.settings().author_name.trim()}
        lookup={lookup}
        channels={channels()}
        incidentId={props.incident.id}
        now={time().getTime()}
        onDone={setStatus}
      />
      <StatusNote text={status()} />
      <CallAlertOptIn />
      <Show when={runs().length > 0}>
        <h2>Progress</h2>
        <For each={runs().map((view) => view.run.id)}>
          {(runId) => (
            <Show when={runs().find((view) => view.run.id === runId)}>{(view) => <CallRunProgress view={view()} contact={lookup(view().run)} />}</Show>
          )}
        </For>
      </Show>
      <h2>{runs().length > 0 ? 'Start another call tree' : 'Start a call tree'}</h2>
      <StartCallRun incidentId={props.incident.id} onStarted={setStatus} />
    </>
  );
}
