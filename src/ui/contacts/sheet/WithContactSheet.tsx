import { lazy, onCleanup, Show, Suspense, type JSX } from 'solid-js';
import { createSectionRoute } from '../../app/screens';

const ContactSheetScreen = lazy(() => import('./ContactSheetScreen').then((m) => ({ default: m.ContactSheetScreen })));

/** The Contacts screen, or its printable sheet at `#contacts/sheet` (loaded on first use). */
export function WithContactSheet(props: { children: JSX.Element }) {
  const route = createSectionRoute();
  onCleanup(route.dispose);
  return (
    <Show when={route.section() === 'sheet'} fallback={props.children}>
      <Suspense fallback={<p>Opening…</p>}>
        <ContactSheetScreen />
      </Suspense>
    </Show>
  );
}
