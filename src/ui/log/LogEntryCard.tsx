import { createSignal, For, Show } from 'solid-js';
import { COMMUNICATION_TYPE_LABELS } from '../../domain/communication-types';
import { isQuickEntry, LOG_FIELDS, type LogEntry } from '../../domain/log-entry';
import { formatTime } from '../app/relative-time';

export interface EntryLinks {
  correctedBy: LogEntry[];
  corrects: LogEntry | undefined;
  waiting: boolean;
}

const DETAIL_FIELDS = LOG_FIELDS.filter((field) => !['incident_id', 'communication_type', 'contacted', 'message_summary'].includes(field.name));

function detailValue(entry: LogEntry, name: (typeof LOG_FIELDS)[number]['name']): string {
  const value = entry[name];
  if (value === null || value === '') return '';
  return name === 'occurred_at' || name === 'deadline' ? formatTime(value) : value;
}

/** Where the server put an entry of the team log: its order and its own time of receipt. */
export interface ServerPlace {
  seq: number;
  recorded_at: string;
}

/**
 * One log entry: the summary line, its correction links, and on tap every field. An entry of
 * the team log (`server`) is numbered in the server's order; only this phone's own entries
 * (`onCorrect`) can be corrected here.
 */
export function LogEntryCard(props: { entry: LogEntry; links: EntryLinks; onCorrect?: (entry: LogEntry) => void; server?: ServerPlace }) {
  const [open, setOpen] = createSignal(false);
  const detailsId = () => `entry-details-${props.entry.id}`;
  return (
    <li class="entry-card" classList={{ superseded: props.links.correctedBy.length > 0 }} data-testid={props.server ? 'team-entry' : 'log-entry'} data-seq={props.server?.seq ?? props.entry.local_seq}>
      <button type="button" class="entry-summary" aria-expanded={open()} aria-controls={detailsId()} onClick={() => setOpen(!open())}>
        <span class="entry-head">
          <span class="entry-seq">#{props.server?.seq ?? props.entry.local_seq}</span>
          <span class="entry-type">{COMMUNICATION_TYPE_LABELS[props.entry.communication_type] ?? props.entry.communication_type}</span>
          <time dateTime={props.entry.occurred_at}>{formatTime(props.entry.occurred_at)}</time>
        </span>
        <span class="entry-who">{props.entry.contacted}</span>
        <span class="entry-text">{props.entry.message_summary}</span>
        <span class="entry-tags">
          <Show when={props.links.corrects}>{(original) => <span class="tag tag-info">Corrects #{original().local_seq}</span>}</Show>
          <For each={props.links.correctedBy}>{(later) => <span class="tag tag-warn">Corrected by #{later.local_seq}</span>}</For>
          <Show when={props.entry.follow_up === 1}>
            <span class="tag tag-warn">Follow-up</span>
          </Show>
          <Show when={isQuickEntry(props.entry)}>
            <span class="tag">Quick entry</span>
          </Show>
          <Show when={props.links.waiting}>
            <span class="tag">Waiting to sync</span>
          </Show>
        </span>
      </button>
      <Show when={open()}>
        <div class="entry-details" id={detailsId()}>
          <dl>
            <For each={DETAIL_FIELDS}>
              {(field) => (
                <Show when={detailValue(props.entry, field.name)}>
                  <dt>{field.label}</dt>
                  <dd>{detailValue(props.entry, field.name)}</dd>
                </Show>
              )}
            </For>
            <dt>Recorded by</dt>
            <dd>{`${props.entry.author || 'this phone'}, ${formatTime(props.entry.device_recorded_at)}`}</dd>
            <Show when={props.server}>
              {(server) => (
                <>
                  <dt>Received by the server</dt>
                  <dd>{formatTime(server().recorded_at)}</dd>
                </>
              )}
            </Show>
            <dt>Hash</dt>
            <dd class="hash">{props.entry.hash.slice(0, 16)}…</dd>
          </dl>
          <Show when={props.onCorrect}>
            {(onCorrect) => (
              <button type="button" class="secondary" onClick={() => onCorrect()(props.entry)}>
                {isQuickEntry(props.entry) ? 'Complete this entry' : 'Correct this entry'}
              </button>
            )}
          </Show>
        </div>
      </Show>
    </li>
  );
}
