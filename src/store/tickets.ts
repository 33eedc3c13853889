/**
 * Tickets and cases opened from an incident (issue 7, Step 4 and Step 8): this phone's, kept
 * from the press on ('pending' before the backend is asked), and the team's, read after each
 * sync from `incident_tickets`. The dispatch function opens at most one ticket per dispatch
 * id, so a ticket whose answer never came is sent again under the same id.
 */
import { CONNECTOR_KINDS, CONNECTOR_LABELS, isTicketKind, TICKET_NOUN, type ConnectorKind } from '../domain/connectors';
import type { IDBPObjectStore, StoreNames } from 'idb';
import type { MusterDatabase } from './open-database';
import type { MusterDB, TicketRecord } from './schema';
import { commitStrict } from './strict-transaction';

export type { TicketRecord } from './schema';

/** What a ticket is for: the incident, or one log entry (a follow-up, a vendor request). */
export const INCIDENT_SUBJECT = 'incident';
const SUBJECT = /^(incident|entry:[0-9a-f-]{36})$/;

export function entrySubject(entryId: string): string {
  return `entry:${entryId}`;
}

export function isTicketSubject(subject: string): boolean {
  return SUBJECT.test(subject);
}

/** A file sent with a new ticket (the incident's log as CSV). */
export interface TicketAttachment {
  name: string;
  contentType: string;
  text: string;
}

/** What goes into the ticket, or into the update of one. */
export interface TicketContent {
  title: string;
  text: string;
  /** Opening only: the tool lists them as tasks (TheHive) or in the text. */
  tasks?: readonly string[];
  attachment?: TicketAttachment | null;
}

/** One request to the dispatch function with source 'ticket'. */
export interface TicketDispatch extends TicketContent {
  dispatchId: string;
  connectorId: string;
  incidentId: string;
  subject: string;
  /** Set for an update: the ticket's id in the tool. */
  remoteId?: string;
}

export type TicketOutcome =
  | { status: 'sent'; remoteId: string | null; remoteLabel: string | null; remoteUrl: string | null; warning: string | null; attempts: number }
  | {
      status: 'failed';
      message: string;
      /** False when the backend was not reached: try again under the same id. */
      answered: boolean;
      /** The backend stored this failure under the id: a new try needs a new id. */
      recorded: boolean;
      /** The tool cannot do this at all (osTicket: updates). */
      notSupported: boolean;
    };

/** The connector a ticket goes through, as much as a ticket needs of it. */
export interface TicketConnector {
  id: string;
  kind: string;
  name: string;
}

const knownKind = (kind: string): ConnectorKind | null => ((CONNECTOR_KINDS as readonly string[]).includes(kind) ? (kind as ConnectorKind) : null);

/** "Zammad", "Jira Service Management"; a kind this version does not know, as the connector is named. */
export function ticketTool(ticket: { kind: string; connector_name: string }): string {
  const kind = knownKind(ticket.kind);
  return kind ? CONNECTOR_LABELS[kind] : ticket.connector_name;
}

/** What the tool calls it: "ticket", "request" (Jira SM), "case" (TheHive). */
export function ticketNoun(kind: string): string {
  const known = knownKind(kind);
  return known && isTicketKind(known) ? TICKET_NOUN[known] : 'ticket';
}

/** "Zammad ticket 31001", "TheHive case #7"; without the number while there is none. */
export function ticketName(ticket: { kind: string; connector_name: string; remote_label: string | null }): string {
  const name = `${ticketTool(ticket)} ${ticketNoun(ticket.kind)}`;
  return ticket.remote_label ? `${name} ${ticket.remote_label}` : name;
}

/** The incident's tickets on this phone, oldest first. */
export async function listTickets(db: MusterDatabase, workspaceId: string, incidentId: string): Promise<TicketRecord[]> {
  const tickets = await db.getAllFromIndex('tickets', 'by-incident', [workspaceId, incidentId]);
  return tickets.sort(byCreation);
}

/** The tickets opened (or being opened) for one subject, oldest first. */
export async function ticketsFor(db: MusterDatabase, workspaceId: string, incidentId: string, subject: string): Promise<TicketRecord[]> {
  const tickets = await db.getAllFromIndex('tickets', 'by-subject', [workspaceId, incidentId, subject]);
  return tickets.sort(byCreation);
}

function byCreation(a: TicketRecord, b: TicketRecord): number {
  return a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id);
}

/**
 * Records a ticket about to be asked for, before the backend is: 'pending' under a new
 * dispatch id. Rejects with a StoreError (nothing sent then: the caller stops).
 */
export async function startTicket(
  db: MusterDatabase,
  workspaceId: string,
  target: { incidentId: string; subject: string },
  connector: TicketConnector,
  now = new Date(),
): Promise<TicketRecord> {
  const stamp = now.toISOString();
  const ticket: TicketRecord = {
    id: crypto.randomUUID(),
    workspace_id: workspaceId,
    incident_id: target.incidentId,
    subject: target.subject,
    connector_id: connector.id,
    kind: connector.kind,
    connector_name: connector.name,
    status: 'pending',
    remote_id: null,
    remote_label: null,
    remote_url: null,
    warning: null,
    error: null,
    retry_needs_new_id: false,
    created_at: stamp,
    updated_at: stamp,
  };
  await commitStrict(db, ['tickets'], (tx) => tx.objectStore('tickets').add(ticket));
  return ticket;
}

/**
 * Makes a pending or failed ticket ready to be asked for again: the same dispatch id while
 * the backend recorded no verdict for it (so a ticket it did open is answered, not opened
 * twice), a new one when it stored the failure (that id would only answer the failure).
 * Resolves with the record to send, or null when the ticket is no longer on this phone or
 * was opened meanwhile. Rejects with a StoreError.
 */
export function prepareRetry(db: MusterDatabase, ticketId: string, now = new Date()): Promise<TicketRecord | null> {
  return commitStrict(db, ['tickets'], async (tx) => {
    const store = tx.objectStore('tickets');
    const stored = await store.get(ticketId);
    if (!stored || stored.status === 'sent') return null;
    const stamp = now.toISOString();
    if (!stored.retry_needs_new_id) {
      const again: TicketRecord = { ...stored, status: 'pending', updated_at: stamp };
      await store.put(again);
      return again;
    }
    const fresh: TicketRecord = { ...stored, id: crypto.randomUUID(), status: 'pending', error: null, retry_needs_new_id: false, created_at: stamp, updated_at: stamp };
    await store.delete(stored.id);
    await store.add(fresh);
    return fresh;
  });
}

/** The record once the backend answered (or did not): pure. */
export function settledTicket(ticket: TicketRecord, outcome: TicketOutcome, now = new Date()): TicketRecord {
  const updated_at = now.toISOString();
  if (outcome.status === 'sent') {
    return {
      ...ticket,
      status: 'sent',
      remote_id: outcome.remoteId,
      remote_label: outcome.remoteLabel,
      remote_url: outcome.remoteUrl,
      warning: outcome.warning,
      error: null,
      retry_needs_new_id: false,
      updated_at,
    };
  }
  // No answer: the backend may have opened it; only the same id can tell, so it stays pending.
  return { ...ticket, status: outcome.answered ? 'failed' : 'pending', error: outcome.message, retry_needs_new_id: outcome.recorded, updated_at };
}

/** Stores the outcome of a send. Rejects with a StoreError. */
export async function settleTicket(db: MusterDatabase, ticket: TicketRecord, outcome: TicketOutcome, now = new Date()): Promise<TicketRecord> {
  const settled = settledTicket(ticket, outcome, now);
  await commitStrict(db, ['tickets'], (tx) => tx.objectStore('tickets').put(settled));
  return settled;
}

/** A row of `incident_tickets` (migration 18), as read at the edge. */
export interface ServerTicket {
  dispatch_id: string;
  workspace_id: string | null;
  connector_id: string | null;
  kind: string | null;
  connector_name: string | null;
  source: string;
  subject: string | null;
  remote_id: string | null;
  remote_label: string | null;
  remote_url: string | null;
  warning: string | null;
  created_at: string;
}

const SERVER_FIELDS = ['connector_id', 'kind', 'connector_name', 'remote_id', 'remote_label', 'remote_url', 'warning'] as const satisfies readonly (keyof TicketRecord)[];

/**
 * Stores the tickets the server lists for an incident, so a teammate's ticket shows on this
 * phone too. Per subject and connector the first ticket sent is the ticket; later dispatches
 * for the same pair are its updates (or a duplicate opened at the same moment) and are left
 * out. This phone's own pending or failed tickets are left alone: trying again settles them
 * and writes their log entry. Resolves with how many records were added or changed.
 */
export function mergeServerTickets(db: MusterDatabase, workspaceId: string, incidentId: string, rows: readonly ServerTicket[]): Promise<number> {
  const listed = rows
    .filter((row) => row.source === 'ticket' && (row.workspace_id === null || row.workspace_id === workspaceId) && row.subject !== null && isTicketSubject(row.subject))
    .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.dispatch_id.localeCompare(b.dispatch_id));
  return commitStrict(db, ['tickets'], async (tx) => {
    const store = tx.objectStore('tickets');
    const known = new Map((await store.index('by-incident').getAll([workspaceId, incidentId])).map((ticket) => [ticket.id, ticket]));
    const opened = (subject: string, connectorId: string, except: string) =>
      [...known.values()].some((ticket) => ticket.status === 'sent' && ticket.subject === subject && ticket.connector_id === connectorId && ticket.id !== except);
    let changed = 0;
    for (const row of listed) {
      const subject = row.subject as string;
      const connectorId = row.connector_id ?? '';
      const stored = known.get(row.dispatch_id);
      if (stored && stored.status !== 'sent') continue;
      if (!stored && opened(subject, connectorId, row.dispatch_id)) continue;
      const next: TicketRecord = {
        id: row.dispatch_id,
        workspace_id: workspaceId,
        incident_id: incidentId,
        subject,
        connector_id: connectorId,
        kind: row.kind ?? stored?.kind ?? '',
        connector_name: row.connector_name ?? stored?.connector_name ?? 'a removed connector',
        status: 'sent',
        remote_id: row.remote_id,
        remote_label: row.remote_label,
        remote_url: row.remote_url,
        warning: row.warning,
        error: null,
        retry_needs_new_id: false,
        created_at: stored?.created_at ?? row.created_at,
        updated_at: stored?.updated_at ?? row.created_at,
      };
      if (stored && SERVER_FIELDS.every((field) => stored[field] === next[field])) continue;
      await store.put(next);
      known.set(next.id, next);
      changed += 1;
    }
    return changed;
  });
}

/** The tickets store inside any readwrite transaction that includes it. */
type TicketStore = IDBPObjectStore<MusterDB, ArrayLike<StoreNames<MusterDB>>, 'tickets', 'readwrite'>;

/**
 * Deletes a workspace's tickets, inside the caller's transaction: clearing the demo
 * workspace (first-run.ts's deleteWorkspaceRecords) passes `tx.objectStore('tickets')`.
 */
export async function deleteWorkspaceTickets(tickets: TicketStore, workspaceId: string): Promise<void> {
  const ofWorkspace = IDBKeyRange.bound([workspaceId, ''], [workspaceId, '\uffff']);
  for (const key of await tickets.index('by-incident').getAllKeys(ofWorkspace)) await tickets.delete(key);
}
