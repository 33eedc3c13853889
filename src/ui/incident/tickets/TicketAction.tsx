import { createMemo, createResource, createSignal, For, onMount, Show, type JSX } from 'solid-js';
import { CONNECTOR_LABELS, TICKET_NOUN, type Connector, type TicketKind } from '../../../domain/connectors';
import { ticketName, ticketsFor, type TicketAttachment, type TicketConnector, type TicketOutcome, type TicketRecord } from '../../../store/tickets';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useMuster } from '../../app/muster-app';
import { StatusNote } from '../../app/StatusNote';
import { dispatchTicket } from '../../settings/integrations/dispatch-client';
import { failureMessage } from '../incident-actions';
import { useTicketConnectors } from './ticket-connectors';
import { addTicketUpdate, openTicket, retryTicket, type TicketContext, type TicketResult } from './ticket-flow';
import { TicketLine } from './TicketLine';
import { settled } from '../../app/settled';

export interface TicketActionProps {
  incidentId: string;
  /** 'incident' or 'entry:<log entry id>'. */
  subject: string;
  /** How the log entry names what the ticket is for: "the incident", "follow-up #12". */
  about: string;
  title: () => string;
  /** The ticket's text, and the text an update starts from. */
  text: () => string | Promise<string>;
  tasks?: () => readonly string[];
  attachment?: () => Promise<TicketAttachment | null>;
  /** The element describing what the ticket is for (the follow-up's text), for screen readers. */
  describedBy?: string;
  /** Shown above, only when the action is: the cockpit card's heading. */
  children?: JSX.Element;
  /** Rendered as a cockpit card (a list item), present only when the action is. */
  card?: boolean;
}

const openLabel = (connector: Connector) => `Open a ${TICKET_NOUN[connector.kind as TicketKind]} in ${CONNECTOR_LABELS[connector.kind]}`;

/**
 * Step 4 and 8: open a ticket or case in the team's ticket tool for an incident, a follow-up
 * or a vendor request; then its number links to it, and updates can be added. Each outcome
 * is logged. Nothing shows on a phone that is not signed in, has no ticket tool and no ticket.
 */
export function TicketAction(props: TicketActionProps) {
  const app = useMuster();
  const tools = useTicketConnectors();
  onMount(() => tools.freshen());
  const [tickets, { refetch }] = createResource(
    () => ({ workspaceId: app.settings().workspace_id, incidentId: props.incidentId, subject: props.subject, version: app.logVersion() }),
    (key) => ticketsFor(app.db, key.workspaceId, key.incidentId, key.subject),
  );
  const list = () => tickets.latest ?? [];
  const ids = createMemo(() => list().map((ticket) => ticket.id), undefined, { equals: (a, b) => a.length === b.length && a.every((id, index) => id === b[index]) });
  // Read only once loaded: an unresolved read would hold the whole screen in its Suspense fallback until the backend answers.
  const connectors = () => settled(tools.list) ?? [];
  // A tool that already has a ticket for this subject (opened, or waiting to be) offers no second one.
  const openable = createMemo(() => connectors().filter((connector) => !list().some((ticket) => ticket.connector_id === connector.id)));
  const [pickedId, setPickedId] = createSignal('');
  const picked = () => openable().find((connector) => connector.id === pickedId()) ?? openable()[0];
  const [busy, setBusy] = createSignal<string | null>(null);
  const [status, setStatus] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const pickerId = () => `ticket-tool-${props.subject.replace(/[^a-z0-9-]/gi, '-')}`;
  // Offline, the tools cannot be listed: said on the cockpit card when it shows (a ticket exists), not on every follow-up.
  const listError = () => (props.card && tools.signedIn() && tools.list.error ? (tools.list.error as Error).message : null);
  const visible = () => list().length > 0 || (tools.signedIn() && openable().length > 0);
  const context = (): TicketContext => ({ db: app.db, settings: app.settings(), send: (request) => dispatchTicket(app, request) });

  const content = async () => {
    // The attachment first: a card's text may say why it was left out.
    const attachment = (await props.attachment?.()) ?? null;
    return { title: props.title(), text: await props.text(), tasks: props.tasks?.() ?? [], attachment };
  };

  const report = (result: TicketResult) => {
    const logged = result.entry ? ` Logged as #${result.entry.local_seq}.` : '';
    const extra = result.logError ? ` ${result.logError}` : '';
    if (result.outcome.status === 'sent') {
      setStatus(`Opened ${ticketName(result.ticket)}.${logged}${extra}`);
    } else {
      const kept = result.ticket.status === 'pending' ? ' Kept on this phone: Try again asks under the same id, so it is never opened twice.' : '';
      setError(`${result.outcome.message}${kept}${logged}${extra}`);
    }
  };

  const run = async (key: string, work: () => Promise<void>) => {
    setError(null);
    setStatus('');
    setBusy(key);
    try {
      await work();
    } catch (failure) {
      setError(failureMessage(failure));
    } finally {
      setBusy(null);
      void refetch();
      app.logChanged();
    }
  };

  const open = (connector: Connector) =>
    run('open', async () => {
      const target = { incidentId: props.incidentId, subject: props.subject, about: props.about };
      const tool: TicketConnector = { id: connector.id, kind: connector.kind, name: connector.name };
      report(await openTicket(context(), target, tool, await content()));
    });

  const retry = (ticket: TicketRecord) =>
    run(ticket.id, async () => {
      const result = await retryTicket(context(), ticket.id, props.about, await content());
      if (result) report(result);
      else setStatus(`${ticketName(ticket)} was opened meanwhile.`);
    });

  const update = async (ticket: TicketRecord, dispatchId: string, text: string): Promise<TicketOutcome | null> => {
    const answered: { outcome: TicketOutcome | null } = { outcome: null };
    await run(ticket.id, async () => {
      const result = await addTicketUpdate(context(), ticket, props.about, { dispatchId, title: props.title(), text });
      answered.outcome = result.outcome;
      const logged = `${result.entry ? ` Logged as #${result.entry.local_seq}.` : ''}${result.logError ? ` ${result.logError}` : ''}`;
      if (result.outcome.status === 'sent') setStatus(`Update added to ${ticketName(ticket)}.${logged}`);
      else setError(`${result.outcome.message}${logged}`);
    });
    return answered.outcome;
  };

  const body = () => (
    <>
      {props.children}
      <div class="ticket-action" data-testid="ticket-action">
        {/* By id: the list is read again after every change, and an update being typed must survive that. */}
        <For each={ids()}>
          {(id) => (
            <Show when={list().find((ticket) => ticket.id === id)}>
              {(ticket) => (
                <TicketLine
                  ticket={ticket()}
                  busy={busy()}
                  startText={props.text}
                  onRetry={() => void retry(ticket())}
                  onUpdate={(dispatchId, text) => update(ticket(), dispatchId, text)}
                />
              )}
            </Show>
          )}
        </For>
        <Show when={listError()}>{(message) => <p class="note">Ticket tools cannot be listed now ({message()}).</p>}</Show>
        <Show when={picked()}>
          {(connector) => (
            <>
              <Show when={openable().length > 1}>
                <div class="field">
                  <label for={pickerId()}>Ticket tool</label>
                  <select id={pickerId()} value={connector().id} onChange={(event) => setPickedId(event.currentTarget.value)}>
                    <For each={openable()}>{(option) => <option value={option.id}>{`${option.name} (${CONNECTOR_LABELS[option.kind]})`}</option>}</For>
                  </select>
                </div>
              </Show>
              <button type="button" class="secondary wide" disabled={busy() !== null} aria-describedby={props.describedBy} onClick={() => void open(connector())}>
                {busy() === 'open' ? 'Opening…' : openLabel(connector())}
              </button>
            </>
          )}
        </Show>
        <ErrorAlert message={error()} />
        <StatusNote text={status()} />
      </div>
    </>
  );

  return (
    <Show when={visible()}>
      <Show when={props.card} fallback={body()}>
        <li class="cockpit-card" data-testid="ticket-card">
          {body()}
        </li>
      </Show>
    </Show>
  );
}
