import { createSignal } from 'solid-js';

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
