import { createSignal, Show } from 'solid-js';
import { clearDemoWorkspace } from '../../store/first-run';
import { FormField } from '../app/FormField';
import { useMuster } from '../app/muster-app';

/** Replaces the demo workspace with an empty one for the user's own company. */
export function DemoWorkspace() {
  const app = useMuster();
  const [confirming, setConfirming] = createSignal(false);
  const [company, setCompany] = createSignal('');
  const [error, setError] = createSignal<string | undefined>();
  const clear = async () => {
    try {
      const settings = await clearDemoWorkspace(app.db, company());
      await app.reloadWorkspace(settings);
      setConfirming(false);
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  return (
    <Show when={app.settings().is_demo}>
      <section aria-labelledby="demo-title" class="demo-settings">
        <h2 id="demo-title">Demo workspace</h2>
        <p>You are looking at example data for a fictional company. Clear it to start with your own.</p>
        <Show
          when={confirming()}
          fallback={
            <button type="button" class="secondary wide" onClick={() => setConfirming(true)}>
              Clear demo data…
            </button>
          }
        >
          <FormField id="company-name" label="Your company's name" error={error()}>
            <input id="company-name" value={company()} onInput={(event) => setCompany(event.currentTarget.value)} />
          </FormField>
          <p class="note">Deletes the demo incident, contacts and any entries you logged in the demo. Templates are kept.</p>
          <button type="button" class="danger wide" onClick={clear}>
            Delete demo data and start
          </button>
          <button type="button" class="link-button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </Show>
      </section>
    </Show>
  );
}
