import { createResource, createSignal, For, Show } from 'solid-js';
import { methodUsable, type ChannelStates } from '../../../domain/channels';
import { connectorState, isChatKind, isStatusPageKind, type Connector } from '../../../domain/connectors';
import { logDispatch, type IncidentDispatchSource } from '../../../store/dispatch-log';
import { ErrorAlert } from '../../app/ErrorAlert';
import { signedInToBackend, useMuster } from '../../app/muster-app';
import { StatusNote } from '../../app/StatusNote';
import { listConnectors } from '../../settings/integrations/connector-list';
import { dispatchToConnector } from '../../settings/integrations/dispatch-client';
import { readStatementPublishes, statementSubject } from './published-statements';
import { settled } from '../../app/settled';

/**
 * "Post to <connector>" for a finished text: the backend posts it to the team chat and the
 * outcome, sent or failed, is logged. Paused while chat is compromised for the incident
 * (Step 7). Nothing shows on a phone that is not signed in or has no connector.
 * An approved external statement (source 'statement', with its title) goes the same way to
 * the status pages instead, as "Publish to <connector>": chat never gets a statement. A
 * statement already published there (an earlier version, by anyone) gets "Publish update to
 * <connector>": the new version is added to the same status page incident, whose history
 * stays. A version already there is not offered again.
 */
export function PostToChat(props: {
  incidentId: string;
  source: IncidentDispatchSource;
  title?: string;
  text: string;
  states: ChannelStates;
  beforePost?: () => boolean;
  /** A statement: its later versions update the status page incident its first publish made. */
  statement?: { id: string; version: number };
}) {
  const app = useMuster();
  const signedIn = () => signedInToBackend(app.settings());
  const toStatusPage = () => props.source === 'statement';
  const [listed] = createResource(signedIn, () => listConnectors(app));
  // Read only once settled: an error must not throw out of the screen.
  const connectors = () => settled(listed)?.filter((connector) => (toStatusPage() ? isStatusPageKind(connector.kind) : isChatKind(connector.kind)));
  const [published, { refetch: reloadPublished }] = createResource(
    () => (signedIn() && toStatusPage() && props.statement ? { statementId: props.statement.id, incidentId: props.incidentId } : false),
    (key) => readStatementPublishes(app, key.incidentId, key.statementId),
  );
  const publishesOn = (connector: Connector) => settled(published)?.get(connector.id);
  const alreadyThere = (connector: Connector) => props.statement !== undefined && publishesOn(connector)?.versions.has(props.statement.version) === true;
  const [busy, setBusy] = createSignal<string | null>(null);
  const [status, setStatus] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  // A post the backend never answered is sent again under the same id: it cannot appear twice.
  const unanswered = new Map<string, { text: string; dispatchId: string }>();
  const warning = () => methodUsable('chat', props.states).warning;

  const post = async (connector: Connector) => {
    setError(null);
    setStatus('');
    if (props.beforePost && !props.beforePost()) return;
    const text = props.text;
    const retry = unanswered.get(connector.id);
    const dispatchId = retry?.text === text ? retry.dispatchId : crypto.randomUUID();
    setBusy(connector.id);
    try {
      // Asked again at the press: a teammate may have published it since the screen opened.
      const statement = toStatusPage() ? props.statement : undefined;
      const publishes = statement ? (await readStatementPublishes(app, props.incidentId, statement.id)).get(connector.id) : undefined;
      if (statement && publishes?.versions.has(statement.version)) {
        setStatus(`This version is already on ${connector.name}.`);
        void reloadPublished();
        return;
      }
      const earlier = publishes?.remoteId;
      const outcome = await dispatchToConnector(app, {
        dispatchId,
        connectorId: connector.id,
        incidentId: props.incidentId,
        source: props.source,
        title: props.title,
        text,
        subject: statement ? statementSubject(statement.id, statement.version) : undefined,
        updateOf: earlier,
      });
      if (outcome.status === 'failed' && !outcome.answered) unanswered.set(connector.id, { text, dispatchId });
      else unanswered.delete(connector.id);
      const entry = await logDispatch(app.db, app.settings(), props.incidentId, { source: props.source, connector, text, outcome });
      app.logChanged();
      if (outcome.status === 'sent') {
        setStatus(`${earlier ? 'Update published on' : toStatusPage() ? 'Published on' : 'Posted to'} ${connector.name}, logged as #${entry.local_seq}.`);
        if (toStatusPage()) void reloadPublished();
      }
      else setError(`${outcome.message} Logged as #${entry.local_seq}.`);
    } catch (failure) {
      setError(`Posted or not, the log entry was not saved: ${(failure as Error).message}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Show when={signedIn() && (connectors()?.length || listed.error)}>
      <div class="post-to-chat">
        <Show when={listed.error}>
          <p class="note">Connectors cannot be listed now ({(listed.error as Error).message}).</p>
        </Show>
        <Show when={!toStatusPage() && warning()}>
          <p class="note warning">{warning()}</p>
        </Show>
        <For each={connectors() ?? []}>
          {(connector) => {
            const paused = () => {
              const state = connectorState(connector, props.states);
              return state.kind === 'paused' ? state.reason : null;
            };
            const noteId = `post-${props.source}-${connector.id}-paused`;
            return (
              <>
                <Show
                  when={!alreadyThere(connector)}
                  fallback={<p class="note">This version is on {connector.name} (Cachet incident {publishesOn(connector)?.remoteId}).</p>}
                >
                  <button
                    type="button"
                    class="secondary wide"
                    disabled={paused() !== null || busy() !== null}
                    aria-describedby={paused() ? noteId : undefined}
                    onClick={() => void post(connector)}
                  >
                    {busy() === connector.id ? 'Posting…' : `${publishesOn(connector) ? 'Publish update to' : toStatusPage() ? 'Publish to' : 'Post to'} ${connector.name}`}
                  </button>
                </Show>
                <Show when={paused()}>
                  <p class="note" id={noteId}>
                    {paused()}
                  </p>
                </Show>
              </>
            );
          }}
        </For>
        <ErrorAlert message={error()} />
        <StatusNote text={status()} />
      </div>
    </Show>
  );
}
