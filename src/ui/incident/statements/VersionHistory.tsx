import { For, Show } from 'solid-js';
import type { StatementRecord } from '../../../domain/incident-records';
import { roleLabel } from '../../../domain/statement-workflow';
import { formatTime } from '../../app/relative-time';

/** Step 6: "each version is kept": every text written, newest first, with who approved it. */
export function VersionHistory(props: { record: StatementRecord }) {
  const versions = () => [...props.record.history].reverse();
  const approvalsOf = (version: number) => props.record.approvals.filter((approval) => approval.version === version);
  return (
    <details class="version-history">
      <summary>All versions ({props.record.history.length})</summary>
      <ol class="card-list" reversed>
        <For each={versions()}>
          {(version) => (
            <li class="cockpit-card">
              <p class="note">
                v{version.version} · {version.by || 'unnamed'} · {formatTime(version.at)}
              </p>
              <pre class="preview">{version.text}</pre>
              <Show when={approvalsOf(version.version).length > 0} fallback={<p class="note">Not approved.</p>}>
                <p class="note">
                  Approved by {approvalsOf(version.version).map((approval) => `${approval.by} (${roleLabel(approval.role)})`).join(', ')}
                </p>
              </Show>
            </li>
          )}
        </For>
      </ol>
    </details>
  );
}
