/**
 * The sync controller, loaded only once this phone has a Muster backend configured (or the
 * user signs in): a phone that never syncs (the demo, a company without a backend yet)
 * does not parse it at start. Until it has loaded, the status is idle.
 */
import { createEffect, createRoot, createSignal } from 'solid-js';
import type { SyncController, SyncHost, SyncStatus } from './sync-controller';

const IDLE: SyncStatus = { running: false, message: null, failing: false, lastRunAt: null };

export function createLazySync(host: SyncHost): SyncController {
  const [loaded, setLoaded] = createSignal<SyncController | null>(null);
  let loading: Promise<SyncController> | null = null;
  const load = () =>
    (loading ??= import('./sync-controller').then((module) => {
      const controller = module.createSyncController(host);
      setLoaded(controller);
      return controller;
    }));
  createRoot(() =>
    createEffect(() => {
      if (host.settings().backend_url) void load();
    }),
  );
  return {
    status: () => loaded()?.status() ?? IDLE,
    runNow: () => load().then((controller) => controller.runNow()),
    soon: () => loaded()?.soon(),
    session: (settings) => load().then((controller) => controller.session(settings)),
  };
}
