import type { SupabaseClient } from '@supabase/supabase-js';
import { ValiError } from 'valibot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkspaceSettings } from '../../src/domain/workspace';
import { listLogPage } from '../../src/store/log-repository';
import type { MusterDatabase } from '../../src/store/open-database';
import { oldestWaiting } from '../../src/store/outbox';
import { acknowledgeAlert, getAlert, keepReceivedAlert, listAlerts, listMonitorAlerts, logOpenedFromAlert } from '../../src/store/team-alerts';
import { openIncident } from '../../src/store/workspace-repository';
import { pullMonitorAlerts } from '../../src/sync/monitor-alerts';
import { openTestDatabase } from './test-database';

const WORKSPACE = '7d1e3c4a-0000-4000-8000-000000000001';
const NOW = new Date('2026-03-02T10:00:00.000Z');
const MARIA: WorkspaceSettings = { workspace_id: WORKSPACE, name: 'Northwind Dental', is_demo: false, author_name: 'Maria Lopez', current_incident_id: null, backend_url: null };
const VPN = { id: '0b7c1f0e-1111-4111-8111-000000000001', workspace_id: WORKSPACE, title: 'Monitor down: VPN gateway' };

let db: MusterDatabase;
beforeEach(async () => {
  db = await openTestDatabase();
});
afterEach(() => db.close());

describe('a monitor alert arriving by push', () => {
  it('is kept once, unacknowledged, among the workspace’s monitor alerts and not an incident’s', async () => {
    expect(await keepReceivedAlert(db, VPN, NOW)).toBe(true);
    expect(await keepReceivedAlert(db, { ...VPN, title: 'Reminder' }, new Date(NOW.getTime() + 300_000))).toBe(false);

    expect(await listMonitorAlerts(db, WORKSPACE)).toEqual([
      { ...VPN, incident_id: '', raised_at: NOW.toISOString(), raised_here: false, repeat_minutes: 5, max_repeats: 3, dispatched: true, acked_at: null, status: null },
    ]);
    expect(await listAlerts(db, WORKSPACE, 'INC-2026-004')).toEqual([]);
    // Nothing to send: the server raised it.
    expect(await oldestWaiting(db, 10)).toEqual([]);
  });

  it('keeps an acknowledgement made from the notification before the push was stored', async () => {
    await acknowledgeAlert(db, MARIA, { ...VPN, incident_id: null }, NOW);
    expect(await keepReceivedAlert(db, VPN, NOW)).toBe(false);
    expect((await getAlert(db, VPN.id))?.acked_at).toBe(NOW.toISOString());
  });
});

describe('opening an incident from a monitor alert', () => {
  it('logs in the new incident which monitor alert it came from, and acknowledges the alert', async () => {
    await keepReceivedAlert(db, VPN, new Date('2026-03-02T09:00:00.000Z'));
    const alert = (await getAlert(db, VPN.id))!;
    const incident = await openIncident(db, MARIA, alert.title, NOW, { owner: 'Maria Lopez', deputy: 'Sam Reed' });

    const entry = await logOpenedFromAlert(db, MARIA, incident.id, alert, NOW);

    expect(entry).toMatchObject({
      incident_id: incident.id,
      communication_type: 'internal_update',
      contacted: 'Monitoring',
      contact_method: 'Push alert',
      message_summary: 'Opened from the monitor alert “Monitor down: VPN gateway” raised at 2026-03-02 09:00 UTC: monitoring reported VPN gateway down.',
    });
    const page = await listLogPage(db, WORKSPACE, incident.id, {}, { limit: 10 });
    expect(page.entries.map((logged) => logged.message_summary)).toEqual([entry.message_summary]);
    expect((await getAlert(db, VPN.id))?.acked_at).toBe(NOW.toISOString());
    expect((await oldestWaiting(db, 10)).map((row) => row.table).sort()).toEqual(['alert_ack', 'log_entry']);
  });

  it('does not acknowledge twice an alert already acknowledged', async () => {
    await acknowledgeAlert(db, MARIA, { ...VPN, incident_id: null }, NOW);
    const alert = (await getAlert(db, VPN.id))!;
    const incident = await openIncident(db, MARIA, alert.title, NOW);
    await logOpenedFromAlert(db, MARIA, incident.id, alert, NOW);
    expect((await oldestWaiting(db, 10)).map((row) => row.table).sort()).toEqual(['alert_ack', 'log_entry']);
  });
});

/** alert_status as the server answers it, for a client that answers only that. */
function serverListing(listed: unknown): { client: SupabaseClient; calls: unknown[] } {
  const calls: unknown[] = [];
  const client = {
    rpc: async (fn: string, args: unknown) => {
      calls.push([fn, args]);
      return { data: listed, error: null, status: 200 };
    },
  } as unknown as SupabaseClient;
  return { client, calls };
}

const listed = (overrides: Record<string, unknown>) => ({
  id: VPN.id,
  incident_id: null,
  title: VPN.title,
  raised_at: '2026-03-02T09:00:00.000Z',
  raised_by: null,
  raised_by_name: '',
  repeat_every_seconds: 300,
  max_repeats: 3,
  acks: [{ user_id: 'u-sam', name: 'Sam Reed', acked_at: '2026-03-02T09:01:00.000Z' }],
  pending: [{ user_id: 'u-maria', name: 'Maria Lopez' }],
  rounds: [],
  ...overrides,
});

describe('monitor alerts read from the server', () => {
  it('asks for the whole workspace’s alerts and keeps the monitors’ from the last week, with who acknowledged', async () => {
    const { client, calls } = serverListing([
      listed({}),
      listed({ id: '0b7c1f0e-1111-4111-8111-000000000002', incident_id: 'INC-2026-004', title: 'Move to the phone bridge now' }),
      listed({ id: '0b7c1f0e-1111-4111-8111-000000000003', title: 'Monitor down: Mail', raised_at: '2026-02-20T09:00:00.000Z' }),
    ]);

    expect(await pullMonitorAlerts(client, db, MARIA, 'u-maria', NOW)).toBe(1);

    expect(calls).toEqual([['alert_status', { p_workspace_id: WORKSPACE, p_incident_id: null }]]);
    const [kept, ...others] = await listMonitorAlerts(db, WORKSPACE);
    expect(others).toEqual([]);
    expect(kept).toMatchObject({ id: VPN.id, incident_id: '', title: VPN.title, raised_at: '2026-03-02T09:00:00.000Z', acked_at: null });
    expect(kept?.status?.acks.map((ack) => ack.name)).toEqual(['Sam Reed']);
    expect(await listAlerts(db, WORKSPACE, 'INC-2026-004')).toEqual([]);
  });

  it('keeps this phone’s acknowledgement made before the server had it', async () => {
    await acknowledgeAlert(db, MARIA, { ...VPN, incident_id: null }, NOW);
    await pullMonitorAlerts(serverListing([listed({})]).client, db, MARIA, 'u-maria', NOW);
    expect((await getAlert(db, VPN.id))?.acked_at).toBe(NOW.toISOString());
  });

  it('rejects an answer it cannot read and stores nothing', async () => {
    await expect(pullMonitorAlerts(serverListing([listed({ acks: 'all' })]).client, db, MARIA, 'u-maria', NOW)).rejects.toBeInstanceOf(ValiError);
    await expect(pullMonitorAlerts(serverListing({ error: 'nope' }).client, db, MARIA, 'u-maria', NOW)).rejects.toBeInstanceOf(ValiError);
    expect(await listMonitorAlerts(db, WORKSPACE)).toEqual([]);
  });
});
