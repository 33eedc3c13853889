import { createResource, createSignal, For, Show } from 'solid-js';
import { listCallTrees, startRun } from '../../../store/call-runs';
import { ErrorAlert } from '../../app/ErrorAlert';
import { FormField } from '../../app/FormField';
import { useMuster } from '../../app/muster-app';
import { failureMessage } from '../incident-actions';

/**
 * Starts running one of the workspace's call trees for this incident; offline too. The run
 * keeps the tree as it is now, so later edits in Settings do not change whom it calls.
 */
export function StartCallRun(props: { incidentId: string; onStarted: (message: string) => void }) {
  const app = useMuster();
  const [trees] = createResource(() => app.settings().workspace_id, (workspaceId) => listCallTrees(app.db, workspaceId));
  const [chosen, setChosen] = createSignal('');
  const [error, setError] = createSignal<string | undefined>();
  const [starting, setStarting] = createSignal(false);
  const available = () => trees.latest ?? [];
  const tree = () => available().find((item) => item.id === chosen()) ?? available()[0];

  const start = async (event: SubmitEvent) => {
    event.preventDefault();
    const picked = tree();
    if (!picked || starting()) return;
    setStarting(true);
    try {
      const { entry } = await startRun(app.db, app.settings(), picked, props.incidentId);
      setError(undefined);
      props.onStarted(`Call tree ${picked.name} started; logged as #${entry.local_seq}.`);
      app.logChanged();
    } catch (failure) {
      setError(failureMessage(failure));
    } finally {
      setStarting(false);
    }
  };

  return (
    <Show
      when={available().length > 0}
      fallback={
        <p class="empty">
          No call tree yet. An owner sets them up in <a href="#settings">Settings › Call trees</a>: whom to call, in what order, who calls, and the backups.
        </p>
      }
    >
      <form onSubmit={start} novalidate>
        <FormField id="start-call-tree" label="Call tree to run">
          <select id="start-call-tree" value={tree()?.id ?? ''} onChange={(event) => setChosen(event.currentTarget.value)}>
            <For each={available()}>{(item) => <option value={item.id}>{item.name}</option>}</For>
          </select>
        </FormField>
        <button type="submit" class="primary wide" disabled={starting()}>
          Start calling (logged)
        </button>
        <ErrorAlert message={error()} />
      </form>
    </Show>
  );
}
