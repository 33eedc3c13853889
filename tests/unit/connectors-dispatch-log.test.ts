import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkspaceSettings } from '../../src/domain/workspace';
import { dispatchLogNote, logDispatch, type DispatchRecord } from '../../src/store/dispatch-log';
import { listLogPage } from '../../src/store/log-repository';
import type { MusterDatabase } from '../../src/store/open-database';
import { INCIDENT, WORKSPACE } from './log-entry-fixtures';
import { openTestDatabase } from './test-database';

const settings: WorkspaceSettings = { workspace_id: WORKSPACE, name: 'Northwind', is_demo: false, author_name: 'Dana Kim', current_incident_id: INCIDENT, backend_url: null };
const record = (patch: Partial<DispatchRecord>): DispatchRecord => ({
  source: 'alternate_channel',
  connector: { kind: 'mattermost', name: 'Incident room' },
  text: 'Security incident INC-2026-004: how the response team communicates from now on.',
  outcome: { status: 'sent', remoteId: null, remoteUrl: null },
  ...patch,
});

let db: MusterDatabase;
beforeEach(async () => {
  db = await openTestDatabase();
});
afterEach(() => db.close());

describe('the log entry of a post to chat', () => {
  it('logs the alternate-channel notice as an internal update, to the connector, by the tool', () => {
    expect(dispatchLogNote(record({}))).toEqual({
      type: 'internal_update',
      contacted: 'Incident room',
      method: 'Mattermost',
      summary: 'Posted to Mattermost (Incident room):\n\nSecurity incident INC-2026-004: how the response team communicates from now on.',
      response: 'Posted.',
    });
  });

  it('keeps the type of leadership updates and employee instructions', () => {
    expect(dispatchLogNote(record({ source: 'leadership_update' })).type).toBe('leadership_update');
    expect(dispatchLogNote(record({ source: 'employee_instruction' })).type).toBe('employee_instruction');
    expect(dispatchLogNote(record({ source: 'statement', connector: { kind: 'cachet2', name: 'Status page' } })).type).toBe('public_statement');
  });

  it('records the chat’s link or message id as the response', () => {
    const zulip = { kind: 'zulip', name: 'Zulip #incident' } as const;
    expect(dispatchLogNote(record({ connector: zulip, outcome: { status: 'sent', remoteId: '42', remoteUrl: 'https://acme.zulipchat.com/#narrow/near/42' } })).response).toBe(
      'Posted: https://acme.zulipchat.com/#narrow/near/42',
    );
    expect(dispatchLogNote(record({ connector: zulip, outcome: { status: 'sent', remoteId: '42', remoteUrl: null } })).response).toBe('Posted, message id 42');
  });

  it('logs a failed post as not posted, with the error, so nobody believes it went out', () => {
    const note = dispatchLogNote(record({ outcome: { status: 'failed', message: 'Not posted: the webhook answered 404: check the webhook URL.' } }));
    expect(note.summary).toMatch(/^Not posted to Mattermost \(Incident room\):/);
    expect(note.response).toBe('Failed: the webhook answered 404: check the webhook URL.');
  });

  it('appends the entry to the incident’s log', async () => {
    const entry = await logDispatch(db, settings, INCIDENT, record({ outcome: { status: 'sent', remoteId: 'abc', remoteUrl: null } }));
    const page = await listLogPage(db, WORKSPACE, INCIDENT, {}, { limit: 10 });
    expect(page.entries.map((each) => each.id)).toEqual([entry.id]);
    expect(entry).toMatchObject({ communication_type: 'internal_update', contacted: 'Incident room', contact_method: 'Mattermost', response_received: 'Posted, message id abc', author: 'Dana Kim' });
  });
});
