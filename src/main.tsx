import { createSignal } from 'solid-js';
import { render } from 'solid-js/web';
import { openMusterDB } from './store/open-database';
import { requestPersistentStorage } from './store/persistence';
import { readSettings } from './store/workspace-repository';
import { App } from './ui/app/App';
import { createMusterApp, MusterProvider } from './ui/app/muster-app';
import { loadLogView } from './ui/log/log-view';
import './ui/styles.css';

const UPDATE_CHECK_MS = 30 * 60_000;

/**
 * Registers the service worker once the log is on screen (workbox-window is not needed to
 * start). `onWaiting` fires when a new version is installed and waits for the user's consent;
 * the returned function applies it.
 */
async function registerWorker(onWaiting: () => void): Promise<(() => void) | null> {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return null;
  const { Workbox } = await import('workbox-window');
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
  performance.mark('muster:boot');
  const db = await openMusterDB();
  performance.mark('muster:store-open');
  // First run loads the demo workspace; its data is fetched only then.
  const settings = (await readSettings(db)) ?? (await (await import('./store/first-run')).ensureWorkspace(db));
  // Read the first screen's entries while the rest of the app state loads.
  const incidentId = settings.current_incident_id;
  const startupLog = incidentId
    ? { workspaceId: settings.workspace_id, incidentId, view: loadLogView(db, settings.workspace_id, incidentId, {}) }
    : null;
  startupLog?.view.catch(() => undefined); // observed here; the Log screen awaits it and shows a failure
  const app = await createMusterApp(db, settings, startupLog);
  performance.mark('muster:app-ready');
  // Ask early, so the browser does not evict the log under storage pressure; Settings shows the answer.
  void requestPersistentStorage().catch(() => undefined);
  const [updateReady, setUpdateReady] = createSignal(false);
  let applyUpdate: (() => void) | null = null;
  root.textContent = '';
  render(
    () => (
      <MusterProvider value={app}>
        <App updateReady={updateReady()} onApplyUpdate={() => applyUpdate?.()} />
      </MusterProvider>
    ),
    root,
  );
  applyUpdate = await registerWorker(() => setUpdateReady(true));
}

const root = document.getElementById('app') as HTMLElement;
boot(root).catch((error: unknown) => {
  // Typically private browsing or a browser without IndexedDB: say so instead of a blank page.
  root.textContent = `Muster cannot open its storage on this browser (${(error as Error).message}). Open Muster in a normal (not private) window.`;
});
