import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALERT_TITLE_MAX, alertNotification, parseAlertPayload } from '../../src/domain/team-alert';
import type { WorkspaceSettings } from '../../src/domain/workspace';
import { listLogPage } from '../../src/store/log-repository';
import type { MusterDatabase } from '../../src/store/open-database';
import { describeChange, oldestWaiting } from '../../src/store/outbox';
import { acknowledgeAlert, listAlerts, markDispatched, mergeServerAlerts, raiseAlert, undispatchedAlerts, type ServerAlert } from '../../src/store/team-alerts';
import { openTestDatabase } from './test-database';

const WORKSPACE = '7d1e3c4a-0000-4000-8000-000000000001';
const INCIDENT = 'INC-2026-004';
const NOW = new Date('2026-03-02T10:00:00.000Z');
const MARIA: WorkspaceSettings = { workspace_id: WORKSPACE, name: 'Northwind Dental', is_demo: false, author_name: 'Maria Lopez', current_incident_id: INCIDENT, backend_url: null };

let db: MusterDatabase;
beforeEach(async () => {
  db = await openTestDatabase();
});
afterEach(() => db.close());

async function summaries(): Promise<string[]> {
  const page = await listLogPage(db, WORKSPACE, INCIDENT, {}, { limit: 50 });
  return page.entries.reverse().map((entry) => entry.message_summary);
}

describe('raising a team alert', () => {
  it('stores it, queues it for the server in the server’s column names, and logs it', async () => {
    const { alert, entry } = await raiseAlert(db, MARIA, INCIDENT, '  Move to the   phone bridge ', NOW);

    expect(alert).toMatchObject({ title: 'Move to the phone bridge', raised_here: true, dispatched: false, acked_at: null, repeat_minutes: 5, max_repeats: 3 });
    expect(entry).toMatchObject({ contacted: 'Whole team', contact_method: 'Push alert', message_summary: 'Team alert sent: Move to the phone bridge' });
    const waiting = await oldestWaiting(db, 10);
    expect(waiting.map((row) => row.table)).toEqual(['alert', 'log_entry']);
    expect(waiting[0]?.payload).toEqual({
      id: alert.id,
      workspace_id: WORKSPACE,
      incident_id: INCIDENT,
      message: 'Move to the phone bridge',
      repeat_every_seconds: 300,
      max_repeats: 3,
      local_seq: 0,
    });
    expect(describeChange(waiting[0]!)).toBe('Team alert: Move to the phone bridge');
    expect(await undispatchedAlerts(db, WORKSPACE)).toEqual([alert]);
    await markDispatched(db, alert.id);
    expect(await undispatchedAlerts(db, WORKSPACE)).toEqual([]);
  });

  it('refuses an empty or over-long title and writes nothing', async () => {
    await expect(raiseAlert(db, MARIA, INCIDENT, '   ', NOW)).rejects.toThrow('Not sent: Say in a few words what the team must do.');
    await expect(raiseAlert(db, MARIA, INCIDENT, 'x'.repeat(ALERT_TITLE_MAX + 1), NOW)).rejects.toThrow(`Keep it under ${ALERT_TITLE_MAX} characters`);
    expect(await oldestWaiting(db, 10)).toEqual([]);
    expect(await listAlerts(db, WORKSPACE, INCIDENT)).toEqual([]);
  });
});

describe('acknowledging an alert', () => {
  const pushed = { id: '0b7c1f0e-1111-4111-8111-000000000001', workspace_id: WORKSPACE, incident_id: INCIDENT, title: 'Move to the phone bridge' };

  it('from a push message the phone had not stored: stores it acknowledged, queues the ack and logs it once', async () => {
    const first = await acknowledgeAlert(db, MARIA, pushed, NOW);
    const again = await acknowledgeAlert(db, MARIA, pushed, new Date(NOW.getTime() + 5_000));

    expect(first.alert.acked_at).toBe(NOW.toISOString());
    expect(first.entry?.message_summary).toBe('Acknowledged team alert: Move to the phone bridge');
    expect(again.entry).toBeNull();
    expect(again.alert.acked_at).toBe(NOW.toISOString());
    const waiting = await oldestWaiting(db, 10);
    expect(waiting.map((row) => row.table)).toEqual(['alert_ack', 'log_entry']);
    expect(waiting[0]?.payload).toMatchObject({ workspace_id: WORKSPACE, alert_id: pushed.id, incident_id: INCIDENT, local_seq: 0 });
    expect(await summaries()).toEqual(['Acknowledged team alert: Move to the phone bridge']);
  });

  it('of a monitor that went down (no incident): keeps and queues the ack, with no incident log to write to', async () => {
    const monitor = { id: '0b7c1f0e-1111-4111-8111-000000000009', workspace_id: WORKSPACE, incident_id: null, title: 'Monitor down: Mail gateway' };

    const { alert, entry } = await acknowledgeAlert(db, MARIA, monitor, NOW);

    expect(entry).toBeNull();
    expect(alert).toMatchObject({ incident_id: '', acked_at: NOW.toISOString() });
    const waiting = await oldestWaiting(db, 10);
    expect(waiting.map((row) => [row.table, row.payload.incident_id])).toEqual([['alert_ack', '']]);
    expect(waiting[0]?.payload).toMatchObject({ workspace_id: WORKSPACE, alert_id: monitor.id });
    expect((await acknowledgeAlert(db, MARIA, monitor, NOW)).entry).toBeNull();
    expect(await oldestWaiting(db, 10)).toHaveLength(1);
  });

  it('keeps the team’s acknowledgements from the server, and this phone’s own before the server has it', async () => {
    await acknowledgeAlert(db, MARIA, pushed, NOW);
    const server: ServerAlert = {
      id: pushed.id,
      incident_id: INCIDENT,
      title: pushed.title,
      raised_at: '2026-03-02T09:59:00.000Z',
      repeat_minutes: 5,
      max_repeats: 3,
      status: { raised_by_name: 'Tom Becker', acks: [{ user_id: 'u-sam', name: 'Sam Reed', acked_at: '2026-03-02T09:59:30.000Z' }], pending: [{ user_id: 'u-maria', name: 'Maria Lopez' }], rounds: [] },
    };
    const other: ServerAlert = { ...server, id: '0b7c1f0e-1111-4111-8111-000000000002', title: 'Stand by for a call', raised_at: '2026-03-02T10:01:00.000Z', status: { ...server.status, acks: [{ user_id: 'u-maria', name: 'Maria Lopez', acked_at: '2026-03-02T10:01:10.000Z' }] } };

    expect(await mergeServerAlerts(db, WORKSPACE, [server, other], 'u-maria', NOW)).toBe(2);
    expect(await mergeServerAlerts(db, WORKSPACE, [server, other], 'u-maria', NOW)).toBe(0);

    const alerts = await listAlerts(db, WORKSPACE, INCIDENT);
    expect(alerts.map((alert) => [alert.title, alert.acked_at, alert.raised_here])).toEqual([
      ['Stand by for a call', '2026-03-02T10:01:10.000Z', false],
      ['Move to the phone bridge', NOW.toISOString(), false],
    ]);
    expect(alerts[1]?.status?.acks.map((ack) => ack.name)).toEqual(['Sam Reed']);
  });
});

describe('the push message and its notification', () => {
  const payload = { v: 1, type: 'alert', alert_id: 'a-1', workspace_id: WORKSPACE, incident_id: INCIDENT, title: 'Move to the phone bridge', round: 2, kind: 'repeat' };

  it('reads a well-formed message and shows one notification per alert with an Acknowledge action', () => {
    const parsed = parseAlertPayload(JSON.stringify(payload));
    expect(parsed).toEqual(payload);
    const shown = alertNotification(parsed!);
    expect(shown.title).toBe('Reminder: Move to the phone bridge');
    expect(shown.options).toMatchObject({ tag: 'alert:a-1', requireInteraction: true, actions: [{ action: 'ack', title: 'Acknowledge' }] });
    expect(shown.options.body).toBe('Incident INC-2026-004. Tap Acknowledge so the team knows you saw it.');
    expect(alertNotification({ ...parsed!, kind: 'escalate' }).title).toBe('Not acknowledged: Move to the phone bridge');
  });

  it('reads a monitor alert, which belongs to no incident, and says so on the notification', () => {
    const monitor = { ...payload, incident_id: null, title: 'Monitor down: Mail gateway', round: 0, kind: 'send' };
    const parsed = parseAlertPayload(JSON.stringify(monitor));
    expect(parsed).toEqual(monitor);
    expect(alertNotification(parsed!).options.body).toBe('Whole workspace. Tap Acknowledge so the team knows you saw it.');
    expect(alertNotification(parsed!).options.actions).toEqual([{ action: 'ack', title: 'Acknowledge' }]);
  });

  it('refuses anything else', () => {
    for (const bad of [null, '', 'not json', '[]', '{"v":2,"type":"alert"}', JSON.stringify({ ...payload, round: -1 }), JSON.stringify({ ...payload, kind: 'spam' }), JSON.stringify({ ...payload, title: 5 }), JSON.stringify({ ...payload, incident_id: 7 })])
      expect(parseAlertPayload(bad)).toBeNull();
  });
});
