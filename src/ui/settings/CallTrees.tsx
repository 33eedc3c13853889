import { createResource, createSignal, For, lazy, Show, Suspense } from 'solid-js';
import type { CallTree } from '../../domain/call-tree';
import type { StoredCallTree } from '../../store/schema';
import { listCallTrees } from '../../store/call-runs';
import { ErrorAlert } from '../app/ErrorAlert';
import { useMuster } from '../app/muster-app';
import { StatusNote } from '../app/StatusNote';

// The editor loads when a tree is opened, from the service worker's precache when offline.
const CallTreeEditor = lazy(() => import('./CallTreeEditor').then((m) => ({ default: m.CallTreeEditor })));

/** Where a tree stands with the team, in a few words. */
function sharingOf(tree: StoredCallTree, signedIn: boolean): string {
  if (tree.refused) return `only on this phone: ${tree.refused}`;
  if ((tree.synced_version ?? 0) === tree.version) return 'shared with the team';
  return signedIn ? 'shared at the next sync' : 'on this phone (sign in to Sync to share it)';
}

/**
 * Settings › Call trees: the workspace's trees, and the way into editing one. Owners set
 * them up before an incident; responders run them from Incident › Calls.
 */
export function CallTrees() {
  const app = useMuster();
  // Read again after every change of the phone's data: a sync brings the team's trees.
  const [read, { refetch }] = createResource(
    () => ({ workspaceId: app.settings().workspace_id, version: app.logVersion() }),
    ({ workspaceId }) =>
      listCallTrees(app.db, workspaceId).then(
        (trees) => ({ trees, error: undefined }),
        (error: unknown) => ({ trees: [] as StoredCallTree[], error: `The call trees could not be read (${(error as Error).message}). Nothing was lost; close and reopen Muster.` }),
      ),
  );
  const trees = () => read.latest?.trees ?? [];
  const [editing, setEditing] = createSignal<{ tree: CallTree | null } | null>(null);
  const [status, setStatus] = createSignal('');
  const close = (message: string) => {
    setEditing(null);
    setStatus(message);
    if (message) void refetch();
  };
  return (
    <section aria-labelledby="call-trees-title">
      <h2 id="call-trees-title">Call trees</h2>
      <Show
        when={editing()}
        fallback={
          <>
            <p class="note">Whom the team calls when an incident starts, in what order, who makes each call and who takes over. Run one from Incident › Calls.</p>
            <ErrorAlert message={read.latest?.error} />
            <Show when={trees().length > 0} fallback={<p class="empty">No call tree yet.</p>}>
              <ul class="evidence-list" aria-label="Call trees">
                <For each={trees()}>
                  {(tree) => (
                    <li>
                      <span class="evidence-location">
                        {tree.name} · {tree.nodes.length} {tree.nodes.length === 1 ? 'call' : 'calls'}
                        <span class="note" data-testid="call-tree-sharing">
                          {' · '}
                          {sharingOf(tree, Boolean(app.settings().account))}
                        </span>
                      </span>
                      <button type="button" class="secondary" aria-label={`Edit call tree ${tree.name}`} onClick={() => setEditing({ tree })}>
                        Edit
                      </button>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
            <button type="button" class="secondary wide" onClick={() => setEditing({ tree: null })}>
              + New call tree
            </button>
          </>
        }
      >
        {(open) => (
          <Suspense fallback={<p>Opening…</p>}>
            <CallTreeEditor tree={open().tree} onClose={close} />
          </Suspense>
        )}
      </Show>
      <StatusNote text={status()} />
    </section>
  );
}
