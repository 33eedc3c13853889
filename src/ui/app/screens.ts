import { createSignal } from 'solid-js';

export const SCREENS = ['log', 'contacts', 'templates', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

export const SCREEN_LABELS: Record<Screen, string> = {
  log: 'Log',
  contacts: 'Contacts',
  templates: 'Templates',
  settings: 'Settings',
};

function fromHash(hash: string): Screen {
  const name = hash.replace(/^#\/?/, '');
  return (SCREENS as readonly string[]).includes(name) ? (name as Screen) : 'log';
}

/** The current screen, kept in the URL hash so reload and the back button work. */
export function createScreenRoute() {
  const [screen, setScreen] = createSignal<Screen>(fromHash(location.hash));
  addEventListener('hashchange', () => setScreen(fromHash(location.hash)));
  return screen;
}
