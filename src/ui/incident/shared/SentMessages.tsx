import { createResource, For, Match, Switch } from 'solid-js';
import type { CommunicationType } from '../../../domain/communication-types';
import { formatIncidentTime } from '../../../domain/leadership-update';
import { listLogPage } from '../../../store/log-repository';
import { useMuster } from '../../app/muster-app';
import { useWorkflowSettings } from '../workflow-settings';
import { usableTimeZone } from './time-input';
import { settled } from '../../app/settled';

const SHOWN = 20;

/** What this incident's log records as sent of one type, newest first. Shared by Steps 2 and 3. */
export function SentMessages(props: { incidentId: string; type: CommunicationType; deadlineLabel: string; empty: string }) {
  const app = useMuster();
  const workflow = useWorkflowSettings();
  const zone = () => usableTimeZone(workflow().timeZone);
  const [sent] = createResource(
    () => ({ version: app.logVersion(), workspaceId: app.settings().workspace_id, incidentId: props.incidentId, type: props.type }),
    (key) => listLogPage(app.db, key.workspaceId, key.incidentId, { type: key.type }, { limit: SHOWN }),
  );
  // Read only once settled: reading a loading resource would suspend the whole section.
  const page = () => settled(sent);
  return (
    <Switch fallback={<p class="note">Reading the log…</p>}>
      <Match when={sent.state === 'errored'}>
        <p class="save-error" role="alert">
          The log could not be read ({(sent.error as Error).message}). Nothing was lost; close and reopen Muster.
        </p>
      </Match>
      <Match when={page()?.entries.length === 0}>
        <p class="empty">{props.empty}</p>
      </Match>
      <Match when={page()}>
        {(page) => (
          <ul class="card-list sent-list" data-testid={`sent-${props.type}`}>
            <For each={page().entries}>
              {(entry) => (
                <li class="cockpit-card">
                  <p class="sent-head">
                    <strong>#{entry.local_seq}</strong> {formatIncidentTime(entry.occurred_at, zone())} · {entry.contact_method || 'method not recorded'}
                  </p>
                  <p class="sent-to">To {entry.contacted}</p>
                  {entry.deadline ? (
                    <p class="note">
                      {props.deadlineLabel}: {formatIncidentTime(entry.deadline, zone())}
                    </p>
                  ) : null}
                  <details>
                    <summary>Text sent</summary>
                    <pre class="preview">{entry.message_summary}</pre>
                  </details>
                </li>
              )}
            </For>
          </ul>
        )}
      </Match>
    </Switch>
  );
}
