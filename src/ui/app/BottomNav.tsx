import { For } from 'solid-js';
import { SCREEN_LABELS, SCREENS, type Screen } from './screens';

/** The five screens, at the bottom where a thumb reaches them. */
export function BottomNav(props: { current: Screen }) {
  return (
    <nav class="bottom-nav" aria-label="Screens">
      <For each={SCREENS}>
        {(screen) => (
          <a href={`#${screen}`} aria-current={props.current === screen ? 'page' : undefined}>
            {SCREEN_LABELS[screen]}
          </a>
        )}
      </For>
    </nav>
  );
}
