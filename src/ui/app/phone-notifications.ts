/**
 * What the follow-up reminders (Step 8) and the call-tree escalations (issue 5) share: one
 * watcher per app, the phone's notification permission, the opt-in and already-notified
 * flags kept in web storage, and showing one notification.
 */
import { createRoot, createSignal, untrack, type Accessor } from 'solid-js';
import { useMuster, type MusterApp } from './muster-app';

/**
 * A watcher that runs once per app: made by the first view that asks, in its own root, so it
 * keeps running after that view closes, until Muster is closed.
 */
export function perApp<T>(create: (app: MusterApp) => T): () => T {
  const running = new WeakMap<MusterApp, T>();
  return () => {
    const app = useMuster();
    let watcher = running.get(app);
    if (!watcher) {
      watcher = createRoot(() => create(app));
      running.set(app, watcher);
    }
    return watcher;
  };
}
export type NotificationPermissionState = NotificationPermission | 'unsupported';

const currentPermission = (): NotificationPermissionState => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);

export function readStorage(storage: Storage | undefined, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** Storage refused (private mode, full): at worst a reminder or an alert repeats. */
export function writeStorage(storage: Storage | undefined, key: string, value: string | null): void {
  try {
    if (value === null) storage?.removeItem(key);
    else storage?.setItem(key, value);
  } catch {
    // See above: nothing is lost but the memory of what was already shown.
  }
}

/**
 * Shows a notification; false when the phone would not. Chrome on Android shows them only
 * through the service worker, so that comes first; a page without one uses the constructor.
 */
export async function notify(title: string, body: string, tag: string): Promise<boolean> {
  try {
    const registration = await navigator.serviceWorker?.getRegistration();
    if (registration) {
      await registration.showNotification(title, { body, tag });
      return true;
    }
    new Notification(title, { body, tag });
    return true;
  } catch {
    return false;
  }
}

export interface NotificationOptIn {
  permission: Accessor<NotificationPermissionState>;
  /** The user asked for these notifications on this phone (and has not stopped them). */
  optedIn: Accessor<boolean>;
  /** Reads the phone's permission again (it can change in the browser's settings). */
  refreshPermission(): void;
  /** Notifications may be shown now: opted in and granted. Read untracked. */
  allowed(): boolean;
  /** From the user's tap only: asks the phone's permission (Notification.requestPermission). */
  optIn(): Promise<void>;
  optOut(): void;
}

/** One kind of opt-in phone notification, its choice kept in localStorage under `key` ('on' or absent). */
export function createNotificationOptIn(key: string): NotificationOptIn {
  const [permission, setPermission] = createSignal(currentPermission());
  const [optedIn, setOptedIn] = createSignal(readStorage(globalThis.localStorage, key) === 'on');
  return {
    permission,
    optedIn,
    refreshPermission: () => setPermission(currentPermission()),
    allowed: () => untrack(optedIn) && untrack(permission) === 'granted',
    async optIn() {
      if (typeof Notification === 'undefined') return;
      setPermission(await Notification.requestPermission());
      setOptedIn(true);
      writeStorage(globalThis.localStorage, key, 'on');
    },
    optOut() {
      setOptedIn(false);
      writeStorage(globalThis.localStorage, key, null);
    },
  };
}
