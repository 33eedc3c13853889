import { For } from 'solid-js';
import { COMMUNICATION_TYPE_LABELS, COMMUNICATION_TYPES, isCommunicationType } from '../../domain/communication-types';
import type { LogFilter } from '../../store/log-repository';

/** Filter the log by communication type and by "follow-up required". */
export function LogFilters(props: { filter: LogFilter; onChange: (filter: LogFilter) => void }) {
  return (
    <div class="log-filters" role="group" aria-label="Filter the log">
      <label class="sr-only" for="filter-type">
        Communication type
      </label>
      <select
        id="filter-type"
        value={props.filter.type ?? ''}
        onChange={(event) => {
          const value = event.currentTarget.value;
          props.onChange({ ...props.filter, type: isCommunicationType(value) ? value : undefined });
        }}
      >
        <option value="">All types</option>
        <For each={COMMUNICATION_TYPES}>{(type) => <option value={type}>{COMMUNICATION_TYPE_LABELS[type]}</option>}</For>
      </select>
      <label class="toggle">
        <input
          type="checkbox"
          checked={props.filter.followUpOnly ?? false}
          onChange={(event) => props.onChange({ ...props.filter, followUpOnly: event.currentTarget.checked })}
        />
        Follow-up required
      </label>
    </div>
  );
}
