import { createMemo, For, Show } from 'solid-js';
import { myCalls } from '../../../domain/call-tree';
import type { ChannelStates } from '../../../domain/channels';
import type { StoredCallRun } from '../../../store/schema';
import type { CallContact } from './call-contacts';
import type { RunView } from './incident-calls';
import { MyCallCard } from './MyCallCard';

/**
 * The calls this phone's user must make now, across the incident's runs, the soonest due
 * first. Cards are keyed by run, call and attempt, so a clock tick or a teammate's checkoff
 * does not wipe a note being typed; a call handed on becomes a new card.
 */
export function MyCalls(props: {
  runs: readonly RunView[];
  me: string;
  lookup: (run: StoredCallRun) => (contactId: string) => CallContact;
  channels: ChannelStates;
  incidentId: string;
  now: number;
  onDone: (message: string) => void;
}) {
  const calls = createMemo(() =>
    props.runs
      .flatMap((view) =>
        myCalls(view.state, props.me).map((call) => {
          const item = view.state.nodes.find((node) => node.node.id === call.node.id)!;
          return { key: `${view.run.id} ${call.node.id} ${item.attempts.length}`, run: view.run, item, due: call.attempt.due };
        }),
      )
      .sort((a, b) => Date.parse(a.due) - Date.parse(b.due)),
  );
  const keys = () => calls().map((call) => call.key);
  return (
    <Show
      when={props.me !== ''}
      fallback={
        <p class="note">
          Your calls show here once this phone knows your name: <a href="#settings">set it in Settings › You</a>.
        </p>
      }
    >
      <Show when={keys().length > 0} fallback={<p class="empty" data-testid="no-calls">No call for {props.me} right now.</p>}>
        <ul class="card-list" aria-label="My calls">
          <For each={keys()}>
            {(key) => (
              <Show when={calls().find((call) => call.key === key)}>
                {(call) => (
                  <MyCallCard
                    run={call().run}
                    item={call().item}
                    contact={props.lookup(call().run)}
                    channels={props.channels}
                    incidentId={props.incidentId}
                    now={props.now}
                    onDone={props.onDone}
                  />
                )}
              </Show>
            )}
          </For>
        </ul>
      </Show>
    </Show>
  );
}
