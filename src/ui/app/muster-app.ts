import { createContext, createSignal, untrack, useContext, type Accessor } from 'solid-js';
import { backendCompromised, type Incident } from '../../domain/incident';
import type { WorkspaceSettings } from '../../domain/workspace';
import type { MusterDatabase } from '../../store/open-database';
import { outboxSummary, type OutboxSummary } from '../../store/outbox';
import { listIncidents, readSettings, saveSettings } from '../../store/workspace-repository';
import { evaluateGate, type GateVerdict } from '../../sync/safe-channel-gate';
import type { LogView } from '../log/log-view';
import { createLazySync } from './lazy-sync';
import type { SyncController } from './sync-controller';

/** 'alert-acknowledged' comes from the service worker (src/sw/alerts.ts): this tab must sync the ack. */
/** From other tabs, and from the service worker ('alert-acknowledged', 'monitor-alert-received': sw/alerts.ts). */
type TabMessage = 'log-changed' | 'workspace-changed' | 'alert-acknowledged' | 'monitor-alert-received';

/** What every screen shares: the store, this phone's settings, the outbox and unsaved forms. */
export interface MusterApp {
  db: MusterDatabase;
  settings: Accessor<WorkspaceSettings>;
  incidents: Accessor<Incident[]>;
  currentIncident: Accessor<Incident | undefined>;
  outbox: Accessor<OutboxSummary>;
  gate: Accessor<GateVerdict>;
  /** When and how this phone syncs with the Muster backend, and how the last run went. */
  sync: SyncController;
  /** Bumped whenever the log changes, in this tab or another one. */
  logVersion: Accessor<number>;
  /** Tells this tab and the others that entries were written. */
  logChanged(): void;
  /** Ids of forms holding text that is not saved yet; the update prompt waits for none. */
  unsavedForms: Accessor<ReadonlySet<string>>;
  setUnsaved(formId: string, unsaved: boolean): void;
  updateSettings(next: WorkspaceSettings): Promise<void>;
  reloadWorkspace(settings?: WorkspaceSettings, tellOtherTabs?: boolean): Promise<void>;
  refreshOutbox(): Promise<void>;
  /**
   * The log view read during start-up, alongside the rest (saves a round of reads before the
   * first screen); handed out once, and only for the workspace and incident it was read for.
   */
  takeStartupLog(workspaceId: string, incidentId: string): Promise<LogView> | null;
}

export interface StartupLog {
  workspaceId: string;
  incidentId: string;
  view: Promise<LogView>;
}

export async function createMusterApp(db: MusterDatabase, initial: WorkspaceSettings, startupLog: StartupLog | null = null): Promise<MusterApp> {
  let pendingStartupLog = startupLog;
  const [initialIncidents, initialOutbox] = await Promise.all([listIncidents(db, initial.workspace_id), outboxSummary(db)]);
  const [settings, setSettings] = createSignal(initial);
  const [incidents, setIncidents] = createSignal<Incident[]>(initialIncidents);
  const [outbox, setOutbox] = createSignal<OutboxSummary>(initialOutbox);
  const [online, setOnline] = createSignal(navigator.onLine);
  const [unsavedForms, setUnsavedForms] = createSignal<ReadonlySet<string>>(new Set());
  const [logVersion, setLogVersion] = createSignal(0);
  // Other tabs of Muster on this phone: keep their list, badge and settings current.
  const tabs = typeof BroadcastChannel === 'function' ? new BroadcastChannel('muster') : null;
  tabs?.addEventListener('message', (event: MessageEvent<TabMessage>) => {
    // A monitor alert the worker kept from a push is read again with what the phone holds.
    if (event.data === 'log-changed' || event.data === 'monitor-alert-received') {
      pendingStartupLog = null;
      setLogVersion((version) => version + 1);
      void app.refreshOutbox();
    } else if (event.data === 'alert-acknowledged') {
      app.logChanged();
    } else if (event.data === 'workspace-changed') {
      void readSettings(db).then((next) => next && app.reloadWorkspace(next, false));
    }
  });
  addEventListener('online', () => setOnline(true));
  addEventListener('offline', () => setOnline(false));

  const gate = () =>
    evaluateGate({
      backendUrl: settings().backend_url,
      signedIn: Boolean(settings().account),
      online: online(),
      // Compromised for any open incident: nothing of the workspace is sent while it is.
      backendChannelCompromised: incidents().some((incident) => incident.status === 'open' && backendCompromised(incident)),
    });

  const app: MusterApp = {
    db,
    settings,
    incidents,
    currentIncident: () => incidents().find((incident) => incident.id === settings().current_incident_id),
    outbox,
    gate,
    sync: createLazySync({
      db,
      settings,
      gate,
      async afterRun(report) {
        if (report.incidentsChanged > 0) setIncidents(await listIncidents(db, settings().workspace_id));
        if (report.pushed + report.duplicates + report.parked + report.pulled + (report.team?.changed ?? 0) > 0) app.logChanged();
        else await app.refreshOutbox();
      },
      async signedOut() {
        const current = settings();
        if (current.account) await app.updateSettings({ ...current, account: null, last_email: current.account.email });
      },
    }),
    unsavedForms,
    setUnsaved(formId, unsaved) {
      // Untracked: effects call this, and must not re-run because of the set they write.
      const next = new Set(untrack(unsavedForms));
      if (unsaved) next.add(formId);
      else next.delete(formId);
      if (next.size !== untrack(unsavedForms).size) setUnsavedForms(next);
    },
    logVersion,
    logChanged() {
      // The log read at start-up is out of date now: the Log screen must read it afresh.
      pendingStartupLog = null;
      setLogVersion((version) => version + 1);
      tabs?.postMessage('log-changed' satisfies TabMessage);
      void app.refreshOutbox();
      app.sync.soon();
    },
    async updateSettings(next) {
      await saveSettings(db, next);
      setSettings(next);
      tabs?.postMessage('workspace-changed' satisfies TabMessage);
    },
    async reloadWorkspace(next = settings(), tellOtherTabs = true) {
      pendingStartupLog = null;
      setIncidents(await listIncidents(db, next.workspace_id));
      setSettings(next);
      setLogVersion((version) => version + 1);
      await app.refreshOutbox();
      if (tellOtherTabs) tabs?.postMessage('workspace-changed' satisfies TabMessage);
    },
    async refreshOutbox() {
      setOutbox(await outboxSummary(db));
    },
    takeStartupLog(workspaceId, incidentId) {
      const startup = pendingStartupLog;
      pendingStartupLog = null;
      return startup && startup.workspaceId === workspaceId && startup.incidentId === incidentId ? startup.view : null;
    },
  };
  return app;
}

/**
 * Signed in to a Muster backend: its RPCs and functions (connectors, alerts, on call) can be
 * called. Whether sync runs is the safe-channel gate's question, not this one.
 */
export function signedInToBackend(settings: Pick<WorkspaceSettings, 'backend_url' | 'account'>): boolean {
  return Boolean(settings.backend_url && settings.account);
}

const MusterContext = createContext<MusterApp>();

export const MusterProvider = MusterContext.Provider;

export function useMuster(): MusterApp {
  const app = useContext(MusterContext);
  if (!app) throw new Error('useMuster() called outside <MusterProvider>.');
  return app;
}
