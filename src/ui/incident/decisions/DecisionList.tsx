import { createEffect, createSignal, For, on, Show } from 'solid-js';
import type { Incident } from '../../../domain/incident';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useMuster } from '../../app/muster-app';
import { LogEntryCard } from '../../log/LogEntryCard';
import { loadLogViewPage, type LogViewRow } from '../../log/log-view';

const DECISIONS = { type: 'decision' } as const;

/** This incident's decisions, newest first: the log's Decision entries, as the Log screen shows them. */
export function DecisionList(props: { incident: Incident }) {
  const app = useMuster();
  const [rows, setRows] = createSignal<LogViewRow[] | null>(null);
  const [nextBefore, setNextBefore] = createSignal<number | null>(null);
  const [loadError, setLoadError] = createSignal<string | null>(null);
  let reading = 0;

  const load = async (beforeSeq: number | null) => {
    const token = beforeSeq === null ? ++reading : reading;
    try {
      const page = await loadLogViewPage(app.db, app.settings().workspace_id, props.incident.id, DECISIONS, beforeSeq);
      if (token !== reading) return;
      setRows(beforeSeq === null ? page.rows : [...(rows() ?? []), ...page.rows]);
      setNextBefore(page.nextBeforeSeq);
      setLoadError(null);
    } catch (error) {
      setLoadError(`The decisions could not be read (${(error as Error).message}). Nothing was lost; close and reopen Muster.`);
    }
  };
  createEffect(on([() => props.incident.id, app.logVersion], () => void load(null)));

  return (
    <section aria-labelledby="decision-list-title">
      <h2 id="decision-list-title">Decisions so far</h2>
      <ErrorAlert message={loadError()} />
      <Show when={rows()?.length === 0}>
        <p class="empty">No decision logged yet for this incident.</p>
      </Show>
      <ol class="entry-list" aria-label="Decisions, newest first">
        <For each={rows() ?? []}>{(row) => <LogEntryCard entry={row.entry} links={row.links()} />}</For>
      </ol>
      <Show when={nextBefore()}>
        {(before) => (
          <button type="button" class="secondary wide" onClick={() => void load(before())}>
            Show older decisions
          </button>
        )}
      </Show>
      <a class="back-link" href="#log">
        Open the whole communication log
      </a>
    </section>
  );
}
