import { describe, expect, it } from 'vitest';
import { dispatchOutcome } from '../../src/ui/settings/integrations/dispatch-client';

describe('what the phone makes of the dispatch function’s answer', () => {
  it('takes a sent post with the chat’s id and link', () => {
    expect(dispatchOutcome(200, { dispatch_id: 'd1', status: 'sent', remote_id: 42, remote_url: 'https://acme.zulipchat.com/#narrow/near/42', attempts: 2 })).toEqual({
      status: 'sent',
      remoteId: '42',
      remoteUrl: 'https://acme.zulipchat.com/#narrow/near/42',
      attempts: 2,
    });
    expect(dispatchOutcome(200, { status: 'sent', remote_id: null, remote_url: null, attempts: 1 })).toEqual({ status: 'sent', remoteId: null, remoteUrl: null, attempts: 1 });
  });

  it('says the connector is paused while chat is marked compromised', () => {
    expect(dispatchOutcome(409, { code: 'connector_paused', message: 'paused' })).toEqual({
      status: 'failed',
      message: 'Not posted: chat is marked compromised for this incident, so the connector is paused.',
      answered: true,
    });
  });

  it('passes on the backend’s own “Not posted to …” after its retries failed', () => {
    const answer = { code: 'dispatch_failed', message: 'Not posted to Incident room: Mattermost does not know this address (HTTP 404).', details: { attempts: 1, last_status: 404 } };
    expect(dispatchOutcome(502, answer)).toEqual({ status: 'failed', message: answer.message, answered: true });
  });

  it('tells sign-in, role and missing-connector refusals apart', () => {
    expect(dispatchOutcome(401, { code: 'no_authorization' })).toMatchObject({ message: expect.stringMatching(/sign in/) });
    expect(dispatchOutcome(403, { code: 'forbidden' })).toMatchObject({ message: expect.stringMatching(/Ask an owner/) });
    expect(dispatchOutcome(404, { code: 'connector_not_found' })).toMatchObject({ message: expect.stringMatching(/no longer exists/) });
    expect(dispatchOutcome(404, null)).toMatchObject({ message: expect.stringMatching(/dispatch function is not running/) });
    expect(dispatchOutcome(400, { code: 'bad_request', message: 'The text is over 4,000 characters' })).toMatchObject({ message: 'Not posted: The text is over 4,000 characters.' });
  });

  it('treats a gateway failure as not answered (post again under the same id) and an unreadable success as answered', () => {
    expect(dispatchOutcome(503, null)).toMatchObject({ status: 'failed', answered: false });
    expect(dispatchOutcome(200, { ok: true })).toMatchObject({ status: 'failed', answered: true, message: expect.stringMatching(/check the chat/) });
  });
});
