import { For, Show } from 'solid-js';
import type { CallContact } from './call-contacts';
import { CALL_STATE_LABELS, callHistory, callStatusLine, clockTime } from './call-labels';
import type { RunView } from './incident-calls';

/**
 * Where one run stands, for everyone on the team: how many calls are reached, pending,
 * failed or still waiting, who is still unreached, and per call who is calling whom now,
 * since when, with every checkoff made on it.
 */
export function CallRunProgress(props: { view: RunView; contact: (contactId: string) => CallContact }) {
  const progress = () => props.view.state.progress;
  const name = (contactId: string) => props.contact(contactId).name;
  const parentName = (parentId: string | null) => {
    const parent = props.view.state.nodes.find((item) => item.node.id === parentId);
    return parent ? name(parent.node.contact_id) : null;
  };
  const headingId = () => `run-${props.view.run.id}`;
  return (
    <section class="call-run" aria-labelledby={headingId()} data-testid="call-run">
      <h3 id={headingId()}>{props.view.run.tree.name}</h3>
      <p class="note">
        Started {clockTime(props.view.run.started_at)} by {props.view.run.started_by || 'someone unnamed'}
      </p>
      <p class="channel-summary" data-testid="call-progress">
        {progress().reached} reached · {progress().pending} pending · {progress().failed} failed · {progress().waiting} waiting
      </p>
      <Show when={progress().unreached.length > 0} fallback={<p class="note">Everyone in this call tree is reached.</p>}>
        <p data-testid="call-unreached">Still unreached: {progress().unreached.map((item) => name(item.contactId)).join(', ')}</p>
      </Show>
      <ol class="card-list">
        {/* Keyed by call id: a re-read every clock tick must not close an open history. */}
        <For each={props.view.state.nodes.map((item) => item.node.id)}>
          {(nodeId) => (
            <Show when={props.view.state.nodes.find((item) => item.node.id === nodeId)}>
              {(item) => {
                const history = () => callHistory(item(), name);
                return (
                  <li class="cockpit-card" data-testid="call-node" data-state={item().state}>
                    <p class="readiness-head">
                      <strong>{name(item().node.contact_id)}</strong>
                      <span classList={{ tag: true, 'tag-ok': item().state === 'reached', 'tag-danger': item().state === 'failed', 'tag-warn': item().state === 'pending' }}>
                        {CALL_STATE_LABELS[item().state]}
                      </span>
                    </p>
                    <p class="follow-up-text" data-testid="call-status">
                      {callStatusLine(item(), name, parentName(item().node.parent_id))}
                    </p>
                    <Show when={history().length > 0}>
                      <details class="version-history">
                        <summary>History of the call to {name(item().node.contact_id)} ({history().length})</summary>
                        <ul class="rejected-list" data-testid="call-history">
                          <For each={history()}>
                            {(line) => (
                              <li>
                                {clockTime(line.at)} {line.text}
                              </li>
                            )}
                          </For>
                        </ul>
                      </details>
                    </Show>
                  </li>
                );
              }}
            </Show>
          )}
        </For>
      </ol>
    </section>
  );
}
