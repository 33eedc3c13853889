import { createEffect, onCleanup } from 'solid-js';
import { useMuster } from './muster-app';

/**
 * Tells the app that form `formId` holds text not saved yet, while `unsaved()` says so and
 * until the form closes: the update prompt waits for it. After a save, the form says
 * `app.setUnsaved(formId, false)` itself, before the fields are cleared or it closes.
 */
export function trackUnsavedForm(formId: string, unsaved: () => boolean): void {
  const app = useMuster();
  createEffect(() => app.setUnsaved(formId, unsaved()));
  onCleanup(() => app.setUnsaved(formId, false));
}
