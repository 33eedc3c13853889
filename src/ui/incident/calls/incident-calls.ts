import { createEffect, createMemo, createSignal, on, untrack, type Accessor } from 'solid-js';
import { dueEscalations, runState, type CallRunState, type EscalationAlert } from '../../../domain/call-tree';
import { listRuns, readRun } from '../../../store/call-runs';
import type { StoredCallRun, StoredCheckoff } from '../../../store/schema';
import { useNow } from '../../app/clock';
import type { MusterApp } from '../../app/muster-app';
import { createNotificationOptIn, notify, perApp, readStorage, writeStorage, type NotificationPermissionState } from '../../app/phone-notifications';
import { parseNotifiedKeys } from '../../../domain/follow-up-reminder';

export interface RunView {
  run: StoredCallRun;
  checkoffs: StoredCheckoff[];
  state: CallRunState;
}

/** An escalation shown inside the app, when the phone may not show notifications. */
export interface InAppEscalation {
  alert: EscalationAlert;
  runId: string;
  incidentId: string;
}

export type CallAlertPermission = NotificationPermissionState;

export interface IncidentCalls {
  /** The current incident's runs, newest first, as of the last read and clock tick. */
  runs: Accessor<RunView[]>;
  loadError: Accessor<string | null>;
  /** Reads the runs again now (after starting one, say) rather than at the next tick. */
  reload(): void;
  permission: Accessor<CallAlertPermission>;
  optedIn: Accessor<boolean>;
  /** From the user's tap only: asks the phone's permission (Notification.requestPermission). */
  optIn(): Promise<void>;
  optOut(): void;
  inApp: Accessor<InAppEscalation[]>;
  dismissInApp(): void;
}

/** localStorage: 'on' once the user asked to be notified of calls handed to them on this phone. */
export const CALL_ALERTS_OPT_IN_KEY = 'muster:call-notifications';

/**
 * The current incident's call runs, read again from the phone's store whenever its data
 * changes (a checkoff here, a teammate's merged by sync) and on every tick of the shared
 * clock, so a call whose wait ran out moves on with nobody touching the phone. Escalations
 * for this phone's user are alerted once each (issue 5: "moves the node to its backup
 * caller/contact and alerts them"), as a notification when the user opted in on this phone,
 * in the app otherwise. Started by the first view that asks, once per app, like the
 * follow-up reminders; it keeps watching until Muster is closed.
 */
export const useIncidentCalls: () => IncidentCalls = perApp(createIncidentCalls);

async function readRuns(app: MusterApp, workspaceId: string, incidentId: string): Promise<Omit<RunView, 'state'>[]> {
  const runs = await listRuns(app.db, workspaceId, incidentId);
  const read = await Promise.all(runs.map((run) => readRun(app.db, run.id)));
  return read.filter((item) => item !== undefined).reverse();
}

function createIncidentCalls(app: MusterApp): IncidentCalls {
  const tick = useNow();
  const [stored, setStored] = createSignal<Omit<RunView, 'state'>[]>([]);
  const [loadError, setLoadError] = createSignal<string | null>(null);
  const [reloads, setReloads] = createSignal(0);
  const notifications = createNotificationOptIn(CALL_ALERTS_OPT_IN_KEY);
  const [inApp, setInApp] = createSignal<InAppEscalation[]>([]);
  const alertedKey = () => `muster:alerted-call-escalations:${app.settings().workspace_id}`;

  let reading = 0;
  createEffect(
    on([() => app.settings().workspace_id, () => app.settings().current_incident_id, app.logVersion, tick, reloads], ([workspaceId, incidentId]) => {
      const token = ++reading;
      if (!incidentId) return setStored([]);
      readRuns(app, workspaceId, incidentId).then(
        (next) => {
          if (token !== reading) return;
          setStored(next);
          setLoadError(null);
        },
        (error: unknown) => {
          if (token === reading) setLoadError(`The call runs could not be read (${(error as Error).message}). Nothing was lost; close and reopen Muster.`);
        },
      );
    }),
  );

  // The state at the time of the read: a checkoff made a second ago is not judged by a clock 14 s old.
  const runs = createMemo(() => {
    const at = new Date();
    return stored().map((item) => ({ ...item, state: runState(item.run.tree, item.run, item.checkoffs, at) }));
  });

  // While calls are still being made, fetch the team's checkoffs at each tick rather than
  // waiting for the minute's sync: the progress view follows teammates closely.
  createEffect(
    on(tick, () => {
      const calling = untrack(runs).some((view) => view.state.progress.pending > 0);
      if (calling && untrack(app.gate).open) app.sync.soon();
    }, { defer: true }),
  );

  createEffect(() => {
    const views = runs();
    const me = app.settings().author_name.trim();
    notifications.refreshPermission();
    if (me === '' || views.length === 0) return;
    const alerted = parseNotifiedKeys(readStorage(globalThis.localStorage, alertedKey()));
    const due = views.flatMap((view) =>
      dueEscalations(view.state, alerted)
        .filter((alert) => alert.to.trim() === me)
        .map((alert) => ({ alert, runId: view.run.id, incidentId: view.run.incident_id })),
    );
    if (due.length === 0) return;
    for (const item of due) alerted.add(item.alert.key);
    writeStorage(globalThis.localStorage, alertedKey(), JSON.stringify([...alerted]));
    const useSystem = notifications.allowed();
    for (const item of due) {
      // The lock screen is not the place for whom to call: the notification names no one.
      void (useSystem ? notify('Muster: a call is yours now', `Open Calls for ${item.incidentId}.`, item.alert.key) : Promise.resolve(false)).then((shown) => {
        if (!shown) setInApp((list) => [...list.filter((other) => other.alert.key !== item.alert.key), item]);
      });
    }
  });

  return {
    runs,
    loadError,
    reload: () => setReloads((count) => count + 1),
    permission: notifications.permission,
    optedIn: notifications.optedIn,
    optIn: notifications.optIn,
    optOut: notifications.optOut,
    inApp,
    dismissInApp: () => setInApp([]),
  };
}
