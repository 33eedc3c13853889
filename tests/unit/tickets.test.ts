import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webLink } from '../../src/domain/web-link';
import type { WorkspaceSettings } from '../../src/domain/workspace';
import { ticketLogNote } from '../../src/store/dispatch-log';
import { listLogPage } from '../../src/store/log-repository';
import type { MusterDatabase } from '../../src/store/open-database';
import {
  deleteWorkspaceTickets,
  entrySubject,
  listTickets,
  mergeServerTickets,
  ticketName,
  ticketsFor,
  type ServerTicket,
  type TicketDispatch,
  type TicketOutcome,
} from '../../src/store/tickets';
import { commitStrict } from '../../src/store/strict-transaction';
import { addTicketUpdate, openTicket, retryTicket, type SendTicket, type TicketContext } from '../../src/ui/incident/tickets/ticket-flow';
import { openTestDatabase } from './test-database';

const WORKSPACE = '7d1e3c4a-0000-4000-8000-000000000001';
const INCIDENT = 'INC-2026-004';
const FOLLOW_UP = entrySubject('5b2f9a10-1111-4111-8111-000000000001');
const settings: WorkspaceSettings = { workspace_id: WORKSPACE, name: 'Northwind Dental', is_demo: false, author_name: 'Maria Lopez', current_incident_id: INCIDENT, backend_url: null };
const HELPDESK = { id: '0a000000-0000-4000-8000-0000000000a1', kind: 'zammad', name: 'Helpdesk' };
const CONTENT = { title: 'Follow-up: Call the insurer back', text: 'Follow-up from security incident INC-2026-004 (log entry #3):\nCall the insurer back.\nOwner: Maria Lopez\nDeadline: none set' };
const TARGET = { incidentId: INCIDENT, subject: FOLLOW_UP, about: 'follow-up #3 (Call the insurer back)' };

const opened = (patch: Partial<Extract<TicketOutcome, { status: 'sent' }>> = {}): TicketOutcome => ({
  status: 'sent',
  remoteId: '31',
  remoteLabel: '31001',
  remoteUrl: 'https://helpdesk.northwind.test/#ticket/zoom/31',
  warning: null,
  attempts: 1,
  ...patch,
});
const unanswered: TicketOutcome = { status: 'failed', message: 'Not sent: no answer from the Muster backend (offline or unreachable).', answered: false, recorded: false, notSupported: false };
const refusedAfterRetries: TicketOutcome = { status: 'failed', message: 'Not sent: Zammad answered 422 (the group does not exist).', answered: true, recorded: true, notSupported: false };

/** A dispatch function stand-in: answers in turn, and keeps every request it got. */
function sender(...answers: TicketOutcome[]): SendTicket & { requests: TicketDispatch[] } {
  const requests: TicketDispatch[] = [];
  const send = async (request: TicketDispatch) => {
    requests.push(request);
    const answer = answers.shift();
    if (!answer) throw new Error('no more answers');
    return answer;
  };
  return Object.assign(send, { requests });
}

let db: MusterDatabase;
beforeEach(async () => {
  db = await openTestDatabase();
});
afterEach(() => db.close());

const contextWith = (send: SendTicket): TicketContext => ({ db, settings, send, now: () => new Date('2026-03-02T10:00:00.000Z') });

async function summaries(): Promise<string[]> {
  const page = await listLogPage(db, WORKSPACE, INCIDENT, {}, { limit: 50 });
  return page.entries.reverse().map((entry) => entry.message_summary);
}

describe('opening a ticket for a follow-up', () => {
  it('records it as pending before asking, so the press is kept even if no answer ever comes', async () => {
    let seenWhileAsking: unknown[] = [];
    const send: SendTicket = async () => {
      seenWhileAsking = await ticketsFor(db, WORKSPACE, INCIDENT, FOLLOW_UP);
      return opened();
    };
    await openTicket(contextWith(send), TARGET, HELPDESK, CONTENT);
    expect(seenWhileAsking).toMatchObject([{ status: 'pending', connector_id: HELPDESK.id, kind: 'zammad', subject: FOLLOW_UP }]);
  });

  it('stores the number and link and logs "Opened Zammad ticket 31001 (Helpdesk) for …" with the link as evidence', async () => {
    const send = sender(opened());
    const result = await openTicket(contextWith(send), TARGET, HELPDESK, CONTENT);

    expect(send.requests).toEqual([{ dispatchId: result.ticket.id, connectorId: HELPDESK.id, incidentId: INCIDENT, subject: FOLLOW_UP, ...CONTENT }]);
    expect(await ticketsFor(db, WORKSPACE, INCIDENT, FOLLOW_UP)).toEqual([
      expect.objectContaining({ id: result.ticket.id, status: 'sent', remote_id: '31', remote_label: '31001', remote_url: 'https://helpdesk.northwind.test/#ticket/zoom/31', error: null }),
    ]);
    expect(result.entry).toMatchObject({
      communication_type: 'internal_update',
      contacted: 'Helpdesk',
      contact_method: 'Zammad',
      message_summary: `Opened Zammad ticket 31001 (Helpdesk) for follow-up #3 (Call the insurer back):\n\n${CONTENT.title}\n\n${CONTENT.text}`,
      response_received: 'Opened Zammad ticket 31001: https://helpdesk.northwind.test/#ticket/zoom/31',
      evidence_location: 'https://helpdesk.northwind.test/#ticket/zoom/31',
      follow_up_required: '',
      author: 'Maria Lopez',
    });
  });

  it('keeps a ticket with no answer pending, logs that, and tries again under the same dispatch id', async () => {
    const send = sender(unanswered, opened());
    const first = await openTicket(contextWith(send), TARGET, HELPDESK, CONTENT);
    expect(first.ticket).toMatchObject({ status: 'pending', error: unanswered.status === 'failed' ? unanswered.message : '' });
    expect(first.entry?.message_summary).toMatch(/^Not opened: Zammad ticket \(Helpdesk\) for follow-up #3/);
    expect(first.entry?.response_received).toBe('Failed: no answer from the Muster backend (offline or unreachable).');

    const again = await retryTicket(contextWith(send), first.ticket.id, TARGET.about, CONTENT);

    expect(send.requests.map((request) => request.dispatchId)).toEqual([first.ticket.id, first.ticket.id]);
    expect(again?.ticket).toMatchObject({ id: first.ticket.id, status: 'sent', remote_label: '31001' });
    expect(await ticketsFor(db, WORKSPACE, INCIDENT, FOLLOW_UP)).toHaveLength(1);
    expect(await summaries()).toEqual([expect.stringMatching(/^Not opened: /), expect.stringMatching(/^Opened Zammad ticket 31001 \(Helpdesk\)/)]);
  });

  it('after a failure the backend stored, tries again under a new id (the old one would only answer the failure)', async () => {
    const send = sender(refusedAfterRetries, opened());
    const first = await openTicket(contextWith(send), TARGET, HELPDESK, CONTENT);
    expect(first.ticket).toMatchObject({ status: 'failed', retry_needs_new_id: true, error: 'Not sent: Zammad answered 422 (the group does not exist).' });
    expect(first.entry?.response_received).toBe('Failed: Zammad answered 422 (the group does not exist).');

    const again = await retryTicket(contextWith(send), first.ticket.id, TARGET.about, CONTENT);

    expect(send.requests[1]?.dispatchId).not.toBe(first.ticket.id);
    expect(again?.ticket.id).toBe(send.requests[1]?.dispatchId);
    expect((await ticketsFor(db, WORKSPACE, INCIDENT, FOLLOW_UP)).map((ticket) => [ticket.id, ticket.status])).toEqual([[again?.ticket.id, 'sent']]);
  });

  it('does not ask again for a ticket opened meanwhile', async () => {
    const send = sender(opened());
    const first = await openTicket(contextWith(send), TARGET, HELPDESK, CONTENT);
    expect(await retryTicket(contextWith(send), first.ticket.id, TARGET.about, CONTENT)).toBeNull();
    expect(send.requests).toHaveLength(1);
  });

  it('puts a warning (opened, but a later step failed) into the response and the follow-up of the entry', async () => {
    const warning = 'TheHive: task 2 of 3 was not added (HTTP 500): add it by hand.';
    const send = sender(opened({ warning }));
    const result = await openTicket(contextWith(send), TARGET, { id: HELPDESK.id, kind: 'thehive', name: 'SOC cases' }, CONTENT);
    expect(result.ticket.warning).toBe(warning);
    expect(result.entry?.message_summary).toMatch(/^Opened TheHive case 31001 \(SOC cases\)/);
    expect(result.entry?.response_received).toBe(`Opened TheHive case 31001: https://helpdesk.northwind.test/#ticket/zoom/31\nWarning: ${warning}`);
    expect(result.entry?.follow_up_required).toBe(warning);
  });
});

describe('adding an update to a ticket', () => {
  it('sends the text with the ticket’s id in the tool and logs it, storing no new ticket', async () => {
    const first = await openTicket(contextWith(sender(opened())), TARGET, HELPDESK, CONTENT);
    const send = sender(opened());
    const result = await addTicketUpdate(contextWith(send), first.ticket, TARGET.about, { dispatchId: 'b1000000-0000-4000-8000-000000000001', title: CONTENT.title, text: 'Insurer called back: claim number 77-1.' });

    expect(send.requests).toEqual([
      { dispatchId: 'b1000000-0000-4000-8000-000000000001', connectorId: HELPDESK.id, incidentId: INCIDENT, subject: FOLLOW_UP, title: CONTENT.title, text: 'Insurer called back: claim number 77-1.', remoteId: '31' },
    ]);
    expect(result.entry).toMatchObject({
      message_summary: 'Added an update to Zammad ticket 31001 (Helpdesk) for follow-up #3 (Call the insurer back):\n\nInsurer called back: claim number 77-1.',
      response_received: 'Added Zammad ticket 31001: https://helpdesk.northwind.test/#ticket/zoom/31',
      evidence_location: 'https://helpdesk.northwind.test/#ticket/zoom/31',
    });
    expect(await listTickets(db, WORKSPACE, INCIDENT)).toHaveLength(1);
  });

  it('logs osTicket’s refusal of updates as not added, with its message', async () => {
    const first = await openTicket(contextWith(sender(opened({ remoteId: '482913', remoteLabel: '482913' }))), TARGET, { id: HELPDESK.id, kind: 'osticket', name: 'Support desk' }, CONTENT);
    const refusal: TicketOutcome = { status: 'failed', message: 'Not sent: osTicket’s API only opens tickets: add the update in osTicket.', answered: true, recorded: false, notSupported: true };
    const result = await addTicketUpdate(contextWith(sender(refusal)), first.ticket, TARGET.about, { dispatchId: crypto.randomUUID(), title: CONTENT.title, text: 'Still waiting.' });
    expect(result.entry?.message_summary).toMatch(/^Update not added to osTicket ticket 482913 \(Support desk\)/);
    expect(result.entry?.response_received).toBe('Failed: osTicket’s API only opens tickets: add the update in osTicket.');
  });
});

describe('the team’s tickets read after a sync', () => {
  const row = (patch: Partial<ServerTicket>): ServerTicket => ({
    dispatch_id: 'c0000000-0000-4000-8000-000000000001',
    workspace_id: WORKSPACE,
    connector_id: HELPDESK.id,
    kind: 'zammad',
    connector_name: 'Helpdesk',
    source: 'ticket',
    subject: FOLLOW_UP,
    remote_id: '31',
    remote_label: '31001',
    remote_url: 'https://helpdesk.northwind.test/#ticket/zoom/31',
    warning: null,
    created_at: '2026-03-02T09:30:00.000Z',
    ...patch,
  });

  it('shows a teammate’s ticket on this phone, once, however often it is read', async () => {
    expect(await mergeServerTickets(db, WORKSPACE, INCIDENT, [row({})])).toBe(1);
    expect(await mergeServerTickets(db, WORKSPACE, INCIDENT, [row({})])).toBe(0);
    expect(await ticketsFor(db, WORKSPACE, INCIDENT, FOLLOW_UP)).toEqual([
      expect.objectContaining({ id: row({}).dispatch_id, status: 'sent', remote_label: '31001', connector_name: 'Helpdesk', workspace_id: WORKSPACE, incident_id: INCIDENT }),
    ]);
  });

  it('takes the first dispatch per subject and tool as the ticket: later ones are its updates', async () => {
    const update = row({ dispatch_id: 'c0000000-0000-4000-8000-000000000002', created_at: '2026-03-02T09:45:00.000Z', remote_id: '31' });
    expect(await mergeServerTickets(db, WORKSPACE, INCIDENT, [update, row({})])).toBe(1);
    expect((await listTickets(db, WORKSPACE, INCIDENT)).map((ticket) => ticket.id)).toEqual([row({}).dispatch_id]);
  });

  it('leaves out evidence uploads, other workspaces and subjects it cannot read', async () => {
    const rows = [
      row({ source: 'evidence', subject: 'incident' }),
      row({ dispatch_id: 'c0000000-0000-4000-8000-000000000003', workspace_id: 'another-workspace' }),
      row({ dispatch_id: 'c0000000-0000-4000-8000-000000000004', subject: 'vendor:1' }),
    ];
    expect(await mergeServerTickets(db, WORKSPACE, INCIDENT, rows)).toBe(0);
    expect(await listTickets(db, WORKSPACE, INCIDENT)).toEqual([]);
  });

  it('leaves this phone’s unconfirmed ticket for its retry to settle (and log), even when the server has it', async () => {
    const first = await openTicket(contextWith(sender(unanswered)), TARGET, HELPDESK, CONTENT);
    expect(await mergeServerTickets(db, WORKSPACE, INCIDENT, [row({ dispatch_id: first.ticket.id })])).toBe(0);
    expect((await ticketsFor(db, WORKSPACE, INCIDENT, FOLLOW_UP))[0]?.status).toBe('pending');
  });

  it('does not list this phone’s own updates as tickets', async () => {
    const first = await openTicket(contextWith(sender(opened())), TARGET, HELPDESK, CONTENT);
    const ownUpdate = row({ dispatch_id: 'c0000000-0000-4000-8000-000000000005', created_at: '2026-03-02T11:00:00.000Z' });
    expect(await mergeServerTickets(db, WORKSPACE, INCIDENT, [row({ dispatch_id: first.ticket.id, created_at: first.ticket.created_at }), ownUpdate])).toBe(0);
    expect((await listTickets(db, WORKSPACE, INCIDENT)).map((ticket) => ticket.id)).toEqual([first.ticket.id]);
  });

  it('keeps a ticket whose connector was removed, named as such', async () => {
    await mergeServerTickets(db, WORKSPACE, INCIDENT, [row({ connector_id: null, kind: null, connector_name: null })]);
    const [ticket] = await listTickets(db, WORKSPACE, INCIDENT);
    expect(ticket).toMatchObject({ connector_name: 'a removed connector', kind: '' });
    expect(ticketName(ticket!)).toBe('a removed connector ticket 31001');
  });
});

describe('what the phone shows of a ticket', () => {
  it('names it in the tool’s words', () => {
    expect(ticketName({ kind: 'zammad', connector_name: 'Helpdesk', remote_label: '31001' })).toBe('Zammad ticket 31001');
    expect(ticketName({ kind: 'jira_sm', connector_name: 'IT desk', remote_label: 'HELP-12' })).toBe('Jira Service Management request HELP-12');
    expect(ticketName({ kind: 'thehive', connector_name: 'SOC', remote_label: '#7' })).toBe('TheHive case #7');
    expect(ticketName({ kind: 'glpi', connector_name: 'GLPI', remote_label: null })).toBe('GLPI ticket');
  });

  it('links only to web addresses: a javascript: link from a tool is never followed', () => {
    expect(webLink('https://helpdesk.northwind.test/#ticket/zoom/31')).toBe('https://helpdesk.northwind.test/#ticket/zoom/31');
    expect(webLink('javascript:alert(1)')).toBeNull();
    expect(webLink('not a url')).toBeNull();
    expect(webLink(null)).toBeNull();
  });

  it('logs a ticket whose link is not a web address without the link', () => {
    const note = ticketLogNote({
      action: 'open',
      ticket: { kind: 'zammad', connector_name: 'Helpdesk', remote_label: null, remote_url: null },
      about: 'incident INC-2026-004',
      title: 'INC-2026-004: Mailbox takeover',
      text: 'Summary',
      outcome: opened({ remoteUrl: 'javascript:alert(1)' }),
    });
    expect(note.response).toBe('Opened Zammad ticket 31001.');
    expect(note.evidence).toBe('');
  });
});

describe('clearing a workspace', () => {
  it('removes its tickets and no other workspace’s', async () => {
    await mergeServerTickets(db, WORKSPACE, INCIDENT, [
      { dispatch_id: 'c0000000-0000-4000-8000-000000000009', workspace_id: WORKSPACE, connector_id: HELPDESK.id, kind: 'zammad', connector_name: 'Helpdesk', source: 'ticket', subject: 'incident', remote_id: '1', remote_label: '1', remote_url: null, warning: null, created_at: '2026-03-02T09:00:00.000Z' },
    ]);
    await mergeServerTickets(db, 'other', INCIDENT, [
      { dispatch_id: 'c0000000-0000-4000-8000-000000000010', workspace_id: null, connector_id: HELPDESK.id, kind: 'zammad', connector_name: 'Helpdesk', source: 'ticket', subject: 'incident', remote_id: '2', remote_label: '2', remote_url: null, warning: null, created_at: '2026-03-02T09:00:00.000Z' },
    ]);
    await commitStrict(db, ['tickets'], (tx) => deleteWorkspaceTickets(tx.objectStore('tickets'), WORKSPACE));
    expect(await listTickets(db, WORKSPACE, INCIDENT)).toEqual([]);
    expect(await listTickets(db, 'other', INCIDENT)).toHaveLength(1);
  });
});
