import { createEffect, createMemo, createSignal, on, type Accessor } from 'solid-js';
import { followUpText } from '../../domain/follow-up-completion';
import { parseNotifiedKeys, reminderFor } from '../../domain/follow-up-reminder';
import { dueNotifications, openFollowUps, type FollowUpItem, type FollowUpNotification } from '../../domain/follow-ups';
import { readFollowUps, type FollowUpSource } from '../../store/incident-overview';
import { useNow } from '../app/clock';
import type { MusterApp } from '../app/muster-app';
import { createNotificationOptIn, notify, perApp, readStorage, writeStorage, type NotificationPermissionState } from '../app/phone-notifications';

export type ReminderPermission = NotificationPermissionState;

/** A reminder shown inside the app, when the phone may not show notifications. */
export interface InAppReminder {
  key: string;
  entryId: string;
  state: FollowUpNotification['state'];
  text: string;
}

export interface FollowUpReminders {
  /** The current incident's open follow-ups, most urgent first, as of the clock's last tick. */
  items: Accessor<FollowUpItem[]>;
  loadError: Accessor<string | null>;
  permission: Accessor<ReminderPermission>;
  /** The user asked for notifications on this phone (and has not stopped them). */
  optedIn: Accessor<boolean>;
  /** From the user's tap only: asks the phone's permission (Notification.requestPermission). */
  optIn(): Promise<void>;
  optOut(): void;
  /** In-app reminders of follow-ups still open. */
  inApp: Accessor<InAppReminder[]>;
  dismissInApp(): void;
}

const EMPTY: FollowUpSource = { entries: [], supersededIds: new Set() };
/** localStorage: 'on' once the user asked for follow-up notifications on this phone. */
export const OPT_IN_KEY = 'muster:follow-up-notifications';

/**
 * Step 8: follow-ups "with due/overdue state and a local notification when due while the
 * app is open". Started by the first screen that asks, once per app; it keeps checking
 * every 15 s (useNow) after that screen closes, until Muster is closed.
 */
export const useFollowUpReminders: () => FollowUpReminders = perApp(createReminders);

function createReminders(app: MusterApp): FollowUpReminders {
  const now = useNow();
  const [source, setSource] = createSignal(EMPTY);
  const [loadError, setLoadError] = createSignal<string | null>(null);
  const notifications = createNotificationOptIn(OPT_IN_KEY);
  const [inApp, setInApp] = createSignal<InAppReminder[]>([]);
  const notifiedKey = () => `muster:notified-follow-ups:${app.settings().workspace_id}`;

  let reading = 0;
  createEffect(
    on([() => app.settings().workspace_id, () => app.settings().current_incident_id, app.logVersion], ([workspaceId, incidentId]) => {
      const token = ++reading;
      if (!incidentId) return setSource(EMPTY);
      readFollowUps(app.db, workspaceId, incidentId).then(
        (next) => {
          if (token !== reading) return;
          setSource(next);
          setLoadError(null);
        },
        (error: unknown) => {
          if (token === reading) setLoadError(`Follow-ups could not be read (${(error as Error).message}). Nothing was lost; close and reopen Muster.`);
        },
      );
    }),
  );

  const items = createMemo(() => openFollowUps(source().entries, source().supersededIds, new Date(now())));

  // Each tick: remind once when a follow-up becomes due soon, once more when overdue.
  createEffect(() => {
    const open = items();
    const at = new Date(now());
    notifications.refreshPermission();
    const notified = parseNotifiedKeys(readStorage(globalThis.sessionStorage, notifiedKey()));
    const due = dueNotifications(open, notified, at);
    if (due.length === 0) return;
    for (const reminder of due) notified.add(reminder.key);
    writeStorage(globalThis.sessionStorage, notifiedKey(), JSON.stringify([...notified]));
    const useSystem = notifications.allowed();
    for (const reminder of due) {
      const entry = open.find((item) => item.entry.id === reminder.entryId)?.entry;
      if (!entry) continue;
      const message = reminderFor(entry, reminder.state);
      void (useSystem ? notify(message.title, message.body, reminder.key) : Promise.resolve(false)).then((shown) => {
        if (shown) return;
        // Inside the app the list's own wording is fine; only the lock screen is kept to the follow-up text.
        const alert = { key: reminder.key, entryId: reminder.entryId, state: reminder.state, text: followUpText(entry) };
        setInApp((list) => [...list.filter((item) => item.entryId !== reminder.entryId), alert]);
      });
    }
  });

  return {
    items,
    loadError,
    permission: notifications.permission,
    optedIn: notifications.optedIn,
    optIn: notifications.optIn,
    optOut: notifications.optOut,
    // Only follow-ups still open: one marked done meanwhile needs no reminder.
    inApp: () => inApp().filter((reminder) => items().some((item) => item.entry.id === reminder.entryId)),
    dismissInApp: () => setInApp([]),
  };
}
