import { createEffect, createMemo, createSignal, on, type Accessor } from 'solid-js';

/**
 * A form's typed text, kept in localStorage so it survives leaving the screen, a reload or a
 * killed tab: nothing typed is lost. Shared by Steps 2 and 3. `restore` checks what was
 * stored (an older or newer Muster may have written it) and returns null for what it
 * cannot read; the form then starts blank.
 */
export function createStoredDraft<T>(key: Accessor<string>, blank: () => T, restore: (stored: unknown) => T | null, storage: Storage | undefined = globalThis.localStorage) {
  const read = (name: string): T => {
    try {
      const raw = storage?.getItem(name);
      return (raw ? restore(JSON.parse(raw)) : null) ?? blank();
    } catch {
      return blank();
    }
  };
  // A memo: only a different key (another incident or workspace) re-reads the stored draft.
  const name = createMemo(key);
  const [draft, setDraft] = createSignal<T>(read(name()));
  createEffect(
    on(name, (next) => {
      setDraft(() => read(next));
    }, { defer: true }),
  );

  const store = (next: T) => {
    setDraft(() => next);
    try {
      storage?.setItem(name(), JSON.stringify(next));
    } catch {
      // Storage full or blocked: the text is still in memory and on screen.
    }
  };
  return {
    draft,
    update(patch: Partial<T>) {
      store({ ...draft(), ...patch });
    },
    clear() {
      setDraft(() => blank());
      storage?.removeItem(name());
    },
  };
}

/** For `restore`: the stored value as an object whose fields are still to be checked, or null. */
export function storedObject(stored: unknown): Record<string, unknown> | null {
  return typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? (stored as Record<string, unknown>) : null;
}

export function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
