import { createSignal } from 'solid-js';
import { render } from 'solid-js/web';
import { Workbox } from 'workbox-window';
import { openMusterDB } from './store/open-database';
import { requestPersistentStorage } from './store/persistence';
import { readSettings } from './store/workspace-repository';
import { App } from './ui/app/App';
import { createMusterApp, MusterProvider } from './ui/app/muster-app';
import './ui/styles.css';

const UPDATE_CHECK_MS = 30 * 60_000;

/** Registers the service worker; `onWaiting` fires when a new version is installed and waits for consent. */
function registerWorker(onWaiting: () => void): (() => void) | null {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return null;
  const worker = new Workbox('./sw.js', { scope: './' });
  worker.addEventListener('waiting', onWaiting);
  void worker.register();
  setInterval(() => void worker.update(), UPDATE_CHECK_MS);
  return () => {
    worker.addEventListener('controlling', () => location.reload());
    worker.messageSkipWaiting();
  };
}

async function boot(root: HTMLElement): Promise<void> {
  const db = await openMusterDB();
  // First run loads the demo workspace; its data is fetched only then.
  const settings = (await readSettings(db)) ?? (await (await import('./store/first-run')).ensureWorkspace(db));
  const app = await createMusterApp(db, settings);
  // Ask early, so the browser does not evict the log under storage pressure; Settings shows the answer.
  void requestPersistentStorage().catch(() => undefined);
  const [updateReady, setUpdateReady] = createSignal(false);
  const applyUpdate = registerWorker(() => setUpdateReady(true));
  root.textContent = '';
  render(
    () => (
      <MusterProvider value={app}>
        <App updateReady={updateReady()} onApplyUpdate={() => applyUpdate?.()} />
      </MusterProvider>
    ),
    root,
  );
}

const root = document.getElementById('app') as HTMLElement;
boot(root).catch((error: unknown) => {
  // Typically private browsing or a browser without IndexedDB: say so instead of a blank page.
  root.textContent = `Muster cannot open its storage on this browser (${(error as Error).message}). Open Muster in a normal (not private) window.`;
});
