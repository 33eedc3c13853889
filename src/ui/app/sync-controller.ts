/**
 * When the phone syncs (DESIGN "Sync contract": iOS has no Background Sync): as soon as the
 * safe-channel gate opens (start, coming back online, signing in), when the app comes back
 * to the foreground, shortly after an entry is saved, and on a timer while open; after a
 * failure, after the engine's backoff instead. One run at a time in this tab; the engine's
 * Web Lock keeps other tabs out. The sync code (and supabase-js) loads on the first run.
 */
import { createEffect, createRoot, createSignal, on, type Accessor } from 'solid-js';
import type { WorkspaceSettings } from '../../domain/workspace';
import type { SessionReport, SyncSession } from '../../sync/sync-session';
import type { MusterDatabase } from '../../store/open-database';
import type { GateVerdict } from '../../sync/safe-channel-gate';

export const SYNC_EVERY_MS = 60_000;
const AFTER_SAVE_MS = 1_500;
const MIN_RETRY_MS = 2_000;

export interface SyncStatus {
  running: boolean;
  /** The last run's outcome in words, or null before the first run. */
  message: string | null;
  /** True when the last run stopped early (network, server, membership): the badge says so. */
  failing: boolean;
  lastRunAt: string | null;
}

export interface SyncController {
  status: Accessor<SyncStatus>;
  /** Runs now (or joins the run in progress); null when the gate is closed. */
  runNow(): Promise<SessionReport | null>;
  /** Syncs soon: coalesces the saves of a burst of entries into one run. */
  soon(): void;
  /** The session for the configured backend (loads supabase-js). */
  session(settings?: WorkspaceSettings): Promise<SyncSession>;
}

export interface SyncHost {
  db: MusterDatabase;
  settings: Accessor<WorkspaceSettings>;
  gate: Accessor<GateVerdict>;
  /** Called after a run that changed what the phone holds. */
  afterRun(report: SessionReport): Promise<void>;
  /** The session could not be renewed: the user must sign in again. */
  signedOut(): Promise<void>;
}

export function describeSyncReport(report: SessionReport): string {
  if (report.reason === 'ok') {
    // E.g. a responder opened an incident from a monitor alert: it stays on this phone until
    // someone who may open incidents on the server does.
    const refused = report.incidentsRefused[0];
    if (refused) return `Log up to date, but ${refused.id} is only on this phone: the server says ${refused.reason}. Ask an owner or communication owner to open it, then its entries sync.`;
    if (report.team?.problems[0]) return `Log up to date. Not yet: ${report.team.problems[0]}`;
    return report.team?.notices[0] ? `Up to date. ${report.team.notices[0]}` : 'Up to date.';
  }
  if (report.reason === 'busy') return 'Another Muster tab is syncing.';
  return report.message;
}

export function createSyncController(host: SyncHost): SyncController {
  const [status, setStatus] = createSignal<SyncStatus>({ running: false, message: null, failing: false, lastRunAt: null });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<SessionReport | null> | null = null;

  const session = async (settings = host.settings()) => {
    if (!settings.backend_url) throw new Error('No Muster backend is configured.');
    const { openSyncSession } = await import('../../sync/sync-session');
    return openSyncSession(settings.backend_url, settings.backend_anon_key ?? '');
  };

  function schedule(ms: number): void {
    clearTimeout(timer);
    timer = setTimeout(() => void controller.runNow(), ms);
  }

  async function run(): Promise<SessionReport | null> {
    const settings = host.settings();
    if (!host.gate().open) return null;
    setStatus((before) => ({ ...before, running: true }));
    let report: SessionReport;
    try {
      report = await (await session(settings)).run(host.db, settings);
    } catch (error) {
      // A failure the engine did not classify (the store closed, the chunk could not load):
      // nothing was lost; try again later.
      setStatus({ running: false, message: `Sync stopped: ${(error as Error).message}`, failing: true, lastRunAt: new Date().toISOString() });
      schedule(SYNC_EVERY_MS);
      return null;
    }
    setStatus({ running: false, message: describeSyncReport(report), failing: report.reason !== 'ok' && report.reason !== 'busy', lastRunAt: new Date().toISOString() });
    await host.afterRun(report);
    if (report.reason === 'auth') await host.signedOut();
    else if (report.reason === 'network' || report.reason === 'server') schedule(Math.max(MIN_RETRY_MS, report.nextRetryInMs));
    else schedule(SYNC_EVERY_MS);
    return report;
  }

  const controller: SyncController = {
    status,
    runNow() {
      current ??= run().finally(() => {
        current = null;
      });
      return current;
    },
    soon() {
      if (host.gate().open) schedule(AFTER_SAVE_MS);
    },
    session,
  };

  // Lives as long as the page: the app's state is created once, outside any component.
  createRoot(() =>
    createEffect(
      on(
        () => host.gate().open,
        (open) => {
          if (open) void controller.runNow();
          else clearTimeout(timer);
        },
      ),
    ),
  );
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && host.gate().open) void controller.runNow();
  });
  return controller;
}
