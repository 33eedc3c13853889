import { createEffect, createSignal, For, on, Show } from 'solid-js';
import type { CommunicationType } from '../../domain/communication-types';
import type { LogEntry } from '../../domain/log-entry';
import { countPulled, listPulledPage } from '../../store/pulled-log';
import type { PulledLogEntry } from '../../store/schema';
import { ErrorAlert } from '../app/ErrorAlert';
import { useMuster } from '../app/muster-app';
import { LogEntryCard } from './LogEntryCard';
import { NO_LINKS, PAGE_SIZE } from './log-view';

/** A pulled entry shown with the card of the phone's own log. */
function asLogEntry(entry: PulledLogEntry): LogEntry {
  // A type this version does not know (logged by a newer app) is shown by its name: the card falls back to it.
  return { ...entry, communication_type: entry.communication_type as CommunicationType, follow_up: entry.follow_up_required.trim() === '' ? 0 : 1 };
}

/**
 * The whole team's log of the incident as the server ordered it (every member's entries,
 * this phone's included once they reached the server), newest first, paged.
 */
export function TeamLog(props: { incidentId: string }) {
  const app = useMuster();
  const [entries, setEntries] = createSignal<PulledLogEntry[]>([]);
  const [nextBefore, setNextBefore] = createSignal<number | null>(null);
  const [total, setTotal] = createSignal<number | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  let token = 0;

  const load = async (before: number | null) => {
    const mine = ++token;
    try {
      const workspace = app.settings().workspace_id;
      const [page, count] = await Promise.all([listPulledPage(app.db, workspace, props.incidentId, { beforeSeq: before, limit: PAGE_SIZE }), countPulled(app.db, workspace, props.incidentId)]);
      if (mine !== token) return;
      setEntries(before === null ? page.entries : [...entries(), ...page.entries]);
      setNextBefore(page.nextBeforeSeq);
      setTotal(count);
      setError(null);
    } catch (failure) {
      setError(`The team log could not be read (${(failure as Error).message}). Nothing was lost; close and reopen Muster.`);
    }
  };
  createEffect(on([() => props.incidentId, app.logVersion], () => void load(null)));

  return (
    <>
      <ErrorAlert message={error()} />
      <p class="log-count" data-testid="team-count">
        {total() === null ? '' : `${total()} ${total() === 1 ? 'entry' : 'entries'} on the server`}
      </p>
      <Show when={app.outbox().waiting > 0}>
        <p class="note" data-testid="team-pending">
          {app.outbox().waiting} of this phone’s entries wait to sync; they appear here once the server has them (see “This phone”).
        </p>
      </Show>
      <Show when={total() === 0}>
        <p class="empty">Nothing from the team yet. Entries appear here once they reach the server and this phone syncs.</p>
      </Show>
      <ol class="entry-list" reversed aria-label={`Team log of ${props.incidentId}, newest first`}>
        <For each={entries()}>{(entry) => <LogEntryCard entry={asLogEntry(entry)} links={NO_LINKS} server={{ seq: entry.seq, recorded_at: entry.recorded_at }} />}</For>
      </ol>
      <Show when={nextBefore() !== null}>
        <button type="button" class="secondary wide" onClick={() => void load(nextBefore())}>
          Show older entries
        </button>
      </Show>
    </>
  );
}
