import { createResource, createSignal, For, Show } from 'solid-js';
import * as v from 'valibot';
import { ErrorAlert } from '../app/ErrorAlert';
import { useMuster } from '../app/muster-app';
import { StatusNote } from '../app/StatusNote';
import { settled } from '../app/settled';

const statusSchema = v.object({ me: v.boolean(), on_call: v.array(v.object({ user_id: v.string(), name: v.string() })) });
type OnCallStatus = v.InferOutput<typeof statusSchema>;

/**
 * "I am on call": a monitor going down (Uptime Kuma) rings the members on call, or everyone
 * when nobody is. Each member says it for themselves, on their own phone (set_on_call);
 * everyone sees who is on call now.
 */
export function OnCall() {
  const app = useMuster();
  const [error, setError] = createSignal<string | null>(null);
  const [status, setStatus] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [read, { refetch }] = createResource(
    () => app.settings().workspace_id,
    async (workspaceId) => v.parse(statusSchema, await (await app.sync.session()).call('on_call_status', { p_workspace_id: workspaceId })),
  );
  // Read without suspending: the screen must not blank while it is read again.
  const current = (): OnCallStatus | undefined => settled(read);
  const names = () => (current()?.on_call ?? []).map((member) => member.name || 'a member without a name');

  async function change(onCall: boolean) {
    setError(null);
    setStatus('');
    setBusy(true);
    try {
      await (await app.sync.session()).call('set_on_call', { p_workspace_id: app.settings().workspace_id, p_on_call: onCall });
      await refetch();
      setStatus(onCall ? 'You are on call: monitor alerts ring this account’s phones.' : 'You are off call.');
    } catch (failure) {
      setError(`Not changed: ${(failure as Error).message}. Check the connection and try again.`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="on-call-title">
      <h3 id="on-call-title">On call</h3>
      <p class="note">
        When a monitor reports a service down, Muster rings the members on call, or everyone when nobody is. Turn alerts on above as well, or the alert cannot reach this phone.
      </p>
      <Show when={read.error}>
        <p class="note">Who is on call cannot be read now ({(read.error as Error).message}).</p>
      </Show>
      <Show when={current()}>
        {(known) => (
          <>
            <label class="check-row">
              <input type="checkbox" checked={known().me} disabled={busy()} onChange={(event) => void change(event.currentTarget.checked)} />
              <span>I am on call: monitor alerts ring me</span>
            </label>
            <p class="note" data-testid="on-call-now">
              <Show when={names().length > 0} fallback="Nobody is on call: monitor alerts ring everyone.">
                On call now: <For each={names()}>{(name, index) => <>{index() > 0 ? ', ' : ''}{name}</>}</For>.
              </Show>
            </p>
          </>
        )}
      </Show>
      <ErrorAlert message={error()} />
      <StatusNote text={status()} />
    </section>
  );
}
