import { createSignal } from 'solid-js';
import { alertIdFromHash, routeFromWorker } from '../../domain/monitor-alert';

export const SCREENS = ['incident', 'log', 'contacts', 'templates', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

export const SCREEN_LABELS: Record<Screen, string> = {
  incident: 'Incident',
  log: 'Log',
  contacts: 'Contacts',
  templates: 'Templates',
  settings: 'Settings',
};

/** `#incident/leadership` → ['incident', 'leadership']. */
function segments(hash: string): [string, string] {
  const [first = '', second = ''] = hash.replace(/^#\/?/, '').split('/');
  return [first, second];
}

function fromHash(hash: string): Screen {
  const [name] = segments(hash);
  return (SCREENS as readonly string[]).includes(name) ? (name as Screen) : 'log';
}

/** The current screen, kept in the URL hash so reload and the back button work. */
export function createScreenRoute() {
  const [screen, setScreen] = createSignal<Screen>(fromHash(location.hash));
  addEventListener('hashchange', () => setScreen(fromHash(location.hash)));
  return screen;
}

/** The part of a screen shown (`#incident/<section>`), '' for the screen's first view. */
export function createSectionRoute() {
  const [section, setSection] = createSignal(segments(location.hash)[1]);
  const follow = () => setSection(segments(location.hash)[1]);
  addEventListener('hashchange', follow);
  return { section, dispose: () => removeEventListener('hashchange', follow) };
}

/**
 * The monitor alert whose open-incident form is shown (`#incident/open?alert=<id>`), or null.
 * It opens from the alert's card or a tap on its notification (monitor-alert.ts).
 */
export function createOpenFromAlertRoute() {
  const [alertId, setAlertId] = createSignal(alertIdFromHash(location.hash));
  addEventListener('hashchange', () => setAlertId(alertIdFromHash(location.hash)));
  return alertId;
}

/**
 * Shows the route the service worker asks for (a tap on a monitor alert's notification while
 * Muster is open: src/sw/alerts.ts). Answers the function that stops listening.
 */
export function followWorkerRoutes(): () => void {
  const container = globalThis.navigator?.serviceWorker;
  if (!container) return () => undefined;
  const follow = (event: MessageEvent) => {
    const hash = routeFromWorker(event.data);
    if (hash) location.hash = hash;
  };
  container.addEventListener('message', follow);
  return () => container.removeEventListener('message', follow);
}
