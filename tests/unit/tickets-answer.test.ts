import { describe, expect, it } from 'vitest';
import { dispatchOutcome, ticketOutcome } from '../../src/ui/settings/integrations/dispatch-client';

describe('what the phone makes of the dispatch function’s answer to a ticket', () => {
  it('takes the ticket’s id, the number people read, the link and a warning', () => {
    const answer = { dispatch_id: 'd1', status: 'sent', remote_id: 31, remote_label: 31001, remote_url: 'https://helpdesk.northwind.test/#ticket/zoom/31', attempts: 1, warning: null };
    expect(ticketOutcome(200, answer)).toEqual({ status: 'sent', remoteId: '31', remoteLabel: '31001', remoteUrl: 'https://helpdesk.northwind.test/#ticket/zoom/31', warning: null, attempts: 1 });
    expect(ticketOutcome(200, { ...answer, warning: 'The attachment was not sent.' })).toMatchObject({ warning: 'The attachment was not sent.' });
  });

  it('marks a failure after the retries as stored under the id (a new try needs a new id)', () => {
    const answer = { code: 'dispatch_failed', message: 'Not posted to Helpdesk: Zammad answered 422 (group not found).', details: { attempts: 1, last_status: 422 } };
    expect(ticketOutcome(502, answer)).toEqual({ status: 'failed', message: 'Not sent: Zammad answered 422 (group not found).', answered: true, recorded: true, notSupported: false });
  });

  it('passes on osTicket’s refusal of updates as not supported', () => {
    const answer = { code: 'not_supported', message: 'osTicket’s API only opens tickets: add the update in osTicket.' };
    expect(ticketOutcome(400, answer)).toEqual({ status: 'failed', message: 'Not sent: osTicket’s API only opens tickets: add the update in osTicket.', answered: true, recorded: false, notSupported: true });
  });

  it('treats a gateway failure as not answered (ask again under the same id), stored nowhere', () => {
    expect(ticketOutcome(503, null)).toMatchObject({ status: 'failed', answered: false, recorded: false });
    expect(ticketOutcome(404, null)).toMatchObject({ message: expect.stringMatching(/cannot open tickets/) });
    expect(ticketOutcome(403, { code: 'forbidden' })).toMatchObject({ message: expect.stringMatching(/may not open tickets/) });
    expect(ticketOutcome(200, { ok: true })).toMatchObject({ status: 'failed', answered: true, message: expect.stringMatching(/check the ticket tool/) });
  });

  it('leaves a chat post’s outcome as it was, with the number only when the backend gives one', () => {
    expect(dispatchOutcome(200, { status: 'sent', remote_id: null, remote_url: null, attempts: 1 })).toStrictEqual({ status: 'sent', remoteId: null, remoteUrl: null, attempts: 1 });
    expect(dispatchOutcome(200, { status: 'sent', remote_id: 31, remote_label: '31001', remote_url: null, attempts: 1, warning: 'No attachment.' })).toStrictEqual({
      status: 'sent',
      remoteId: '31',
      remoteUrl: null,
      attempts: 1,
      remoteLabel: '31001',
      warning: 'No attachment.',
    });
  });
});
