import { createEffect, createSignal, For, lazy, on, onCleanup, Show, Suspense } from 'solid-js';
import type { LogEntry } from '../../domain/log-entry';
import type { LogFilter } from '../../store/log-repository';
import { ErrorAlert } from '../app/ErrorAlert';
import { useMuster } from '../app/muster-app';
import { createEntryDraft } from './entry-draft';
import { LogEntryCard } from './LogEntryCard';
import { LogFilters } from './LogFilters';
import { loadLogView, loadLogViewPage, type LogViewPage } from './log-view';
import { VerifyLog } from './VerifyLog';

// The form is opened by a tap, never needed to show the log: it loads right after the list.
const EntryForm = lazy(() => import('./EntryForm').then((module) => ({ default: module.EntryForm })));
const TeamLog = lazy(() => import('./TeamLog').then((module) => ({ default: module.TeamLog })));
// Export and Verify export: their code and libraries (fflate, papaparse) load only when used.
const LogExport = lazy(() => import('./export/LogExport').then((module) => ({ default: module.LogExport })));

type LogSource = 'team' | 'phone';
const SOURCE_KEY = 'muster-log-source';

/** The communication log of the current incident (Step 8): newest first, paged, filterable. */
export function LogScreen() {
  const app = useMuster();
  const draft = createEntryDraft({
    db: app.db,
    workspaceId: () => app.settings().workspace_id,
    author: () => app.settings().author_name,
    incidentId: () => app.settings().current_incident_id,
    storage: globalThis.localStorage,
  });
  // The update prompt waits while this holds unsaved text, even with the form closed.
  createEffect(() => app.setUnsaved('log-entry', draft.unsaved()));
  const [filter, setFilter] = createSignal<LogFilter>({});
  const [rows, setRows] = createSignal<LogViewPage['rows']>([]);
  const [nextBefore, setNextBefore] = createSignal<number | null>(null);
  const [total, setTotal] = createSignal<number | null>(null);
  const [formOpen, setFormOpen] = createSignal(draft.unsaved());
  const [announcement, setAnnouncement] = createSignal('');
  const [loadError, setLoadError] = createSignal<string | null>(null);
  let loadToken = 0;

  const incidentId = () => app.settings().current_incident_id;
  // Once the phone syncs, the team's log (server order) is the default; the choice is kept.
  const linked = () => Boolean(app.settings().account);
  const [chosenSource, setChosenSource] = createSignal<LogSource | null>(globalThis.localStorage?.getItem(SOURCE_KEY) as LogSource | null);
  const source = (): LogSource => (linked() ? (chosenSource() ?? 'team') : 'phone');
  const chooseSource = (next: LogSource) => {
    setChosenSource(next);
    globalThis.localStorage?.setItem(SOURCE_KEY, next);
  };

  const loadFirstPage = async () => {
    const incident = incidentId();
    const token = ++loadToken;
    if (!incident) return setRows([]);
    const workspace = app.settings().workspace_id;
    const startup = Object.keys(filter()).length === 0 ? app.takeStartupLog(workspace, incident) : null;
    const view = await (startup ?? loadLogView(app.db, workspace, incident, filter())).catch((error: unknown) => {
      setLoadError(`The log could not be read (${(error as Error).message}). Nothing was lost; close and reopen Muster.`);
      return null;
    });
    if (token !== loadToken || !view) return;
    setLoadError(null);
    const { page, count } = view;
    setRows(page.rows);
    setNextBefore(page.nextBeforeSeq);
    setTotal(count);
    performance.mark('muster:log-usable');
    void EntryForm.preload();
  };

  const loadOlder = async () => {
    const before = nextBefore();
    const incident = incidentId();
    if (before === null || !incident) return;
    setNextBefore(null);
    const token = loadToken;
    const page = await loadLogViewPage(app.db, app.settings().workspace_id, incident, filter(), before).catch((error: unknown) => {
      setLoadError(`Older entries could not be read (${(error as Error).message}). Nothing was lost; close and reopen Muster.`);
      setNextBefore(before);
      return null;
    });
    if (token !== loadToken || !page) return;
    setRows([...rows(), ...page.rows]);
    setNextBefore(page.nextBeforeSeq);
  };

  createEffect(on([incidentId, filter, app.logVersion], () => void loadFirstPage()));

  // Load the next page when the end of the list scrolls into view.
  let sentinel: HTMLDivElement | undefined;
  const observer = new IntersectionObserver((items) => {
    if (items.some((item) => item.isIntersecting)) void loadOlder();
  });
  createEffect(() => sentinel && observer.observe(sentinel));
  onCleanup(() => observer.disconnect());

  const saved = (entry: LogEntry) => {
    setFormOpen(false);
    app.logChanged();
    setAnnouncement(`Saved entry #${entry.local_seq}.`);
  };
  // A correction opened and left untouched is not what "+ Log communication" means.
  const openNewEntry = () => {
    if (draft.corrects() && !draft.unsaved()) draft.reset();
    setFormOpen(true);
  };
  const correct = (entry: LogEntry) => {
    draft.startCorrection(entry);
    setFormOpen(true);
  };

  return (
    <section class="screen log-screen" aria-labelledby="log-title">
      <h1 id="log-title">Communication log</h1>
      <p class="sr-only" role="status" aria-live="polite">
        {announcement()}
      </p>
      <Show
        when={incidentId()}
        fallback={<p class="empty">No incident is open. Open one in Settings to start the log.</p>}
      >
        {(incident) => (
          <>
            <Show when={formOpen()}>
              <Suspense>
                <EntryForm draft={draft} onSaved={saved} onCancel={() => setFormOpen(false)} />
              </Suspense>
            </Show>
            <Show when={!formOpen()}>
              <Show when={linked()}>
                <div class="view-switch" role="group" aria-label="Whose entries">
                  <button type="button" class="secondary" aria-pressed={source() === 'team'} onClick={() => chooseSource('team')}>
                    Team (server)
                  </button>
                  <button type="button" class="secondary" aria-pressed={source() === 'phone'} onClick={() => chooseSource('phone')}>
                    This phone
                  </button>
                </div>
              </Show>
              <Show when={source() === 'team'}>
                <Suspense fallback={<p>Opening the team log…</p>}>
                  <TeamLog incidentId={incident()} />
                </Suspense>
              </Show>
              <Show when={source() === 'phone'}>
                <LogFilters filter={filter()} onChange={setFilter} />
                <ErrorAlert message={loadError()} />
                <p class="log-count" data-testid="log-count">
                  {total() === null ? '' : `${total()} ${total() === 1 ? 'entry' : 'entries'}`}
                </p>
                <Show when={total() === 0}>
                  <p class="empty">Nothing logged yet for this incident. Every call, message and decision goes here: tap “+ Log communication”.</p>
                </Show>
                <ol class="entry-list" reversed aria-label={`Log of ${incident()}, newest first`}>
                  <For each={rows()}>{(row) => <LogEntryCard entry={row.entry} links={row.links()} onCorrect={correct} />}</For>
                </ol>
                <div ref={sentinel} />
                <Show when={nextBefore() !== null}>
                  <button type="button" class="secondary wide" onClick={loadOlder}>
                    Show older entries
                  </button>
                </Show>
              </Show>
              <VerifyLog incidentId={incident()} />
              <Suspense>
                <LogExport incidentId={incident()} />
              </Suspense>
              <div class="bottom-action">
                <button type="button" class="primary wide" onClick={openNewEntry}>
                  {draft.unsaved() ? 'Continue your entry' : '+ Log communication'}
                </button>
              </div>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
