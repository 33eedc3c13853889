import type { SupabaseClient } from '@supabase/supabase-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Incident } from '../../src/domain/incident';
import type { WorkspaceSettings } from '../../src/domain/workspace';
import type { MusterDatabase } from '../../src/store/open-database';
import { listMonitorAlerts } from '../../src/store/team-alerts';
import { listTickets } from '../../src/store/tickets';
import { syncTeamState } from '../../src/sync/team-state';
import { openTestDatabase } from './test-database';

const WORKSPACE = '7d1e3c4a-0000-4000-8000-000000000001';
const settings: WorkspaceSettings = { workspace_id: WORKSPACE, name: 'Northwind Dental', is_demo: false, author_name: 'Maria Lopez', current_incident_id: 'INC-2026-004', backend_url: null };
const incident = (id: string, status: Incident['status'] = 'open'): Incident => ({ id, workspace_id: WORKSPACE, title: 'Mailbox takeover', status, detected_at: '2026-03-02T08:00:00.000Z', opened_at: '2026-03-02T08:00:00.000Z' });
const teammatesTicket = {
  dispatch_id: 'c0000000-0000-4000-8000-000000000001',
  workspace_id: WORKSPACE,
  connector_id: '0a000000-0000-4000-8000-0000000000a1',
  kind: 'zammad',
  connector_name: 'Helpdesk',
  source: 'ticket',
  subject: 'incident',
  remote_id: 31,
  remote_label: '31001',
  remote_url: 'https://helpdesk.northwind.test/#ticket/zoom/31',
  warning: null,
  created_at: '2026-03-02T09:30:00.000Z',
};

type Answer = { data: unknown; error: { message: string; code: string } | null; status: number };

/** supabase-js as syncTeamState uses it: rpc answers per function, and who asked what. */
function fakeClient(answers: Record<string, (args: Record<string, unknown>) => Answer>) {
  const calls: { fn: string; args: Record<string, unknown> }[] = [];
  const client = {
    rpc: async (fn: string, args: Record<string, unknown>) => {
      calls.push({ fn, args });
      return answers[fn]?.(args) ?? { data: fn === 'call_runs_pull' ? { runs: [], checkoffs: [] } : [], error: null, status: 200 };
    },
    functions: { invoke: async () => ({ error: null }) },
  };
  return { client: client as unknown as SupabaseClient, calls };
}

let db: MusterDatabase;
beforeEach(async () => {
  db = await openTestDatabase();
  await db.put('incidents', incident('INC-2026-004'));
  await db.put('incidents', incident('INC-2026-001', 'closed'));
});
afterEach(() => {
  db.close();
  vi.restoreAllMocks();
});

describe('reading the team’s tickets after a sync', () => {
  it('asks for the tickets of each open incident and shows a teammate’s ticket on this phone', async () => {
    const { client, calls } = fakeClient({ incident_tickets: () => ({ data: [teammatesTicket, { unreadable: true }], error: null, status: 200 }) });

    const report = await syncTeamState(client, db, settings, null);

    expect(calls.filter((call) => call.fn === 'incident_tickets').map((call) => call.args)).toEqual([{ p_incident_id: 'INC-2026-004' }]);
    expect(report).toMatchObject({ changed: 1, problems: [] });
    expect(await listTickets(db, WORKSPACE, 'INC-2026-004')).toEqual([expect.objectContaining({ id: teammatesTicket.dispatch_id, status: 'sent', remote_id: '31', remote_label: '31001' })]);
  });

  it('on a backend without incident_tickets, reads nothing, reports no problem and says so on the console without names or ids', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    await db.put('incidents', incident('INC-2026-005'));
    const { client, calls } = fakeClient({
      incident_tickets: () => ({ data: null, error: { message: 'Could not find the function public.incident_tickets(p_incident_id) in the schema cache', code: 'PGRST202' }, status: 404 }),
    });

    const report = await syncTeamState(client, db, settings, null);

    expect(report.problems).toEqual([]);
    expect(calls.filter((call) => call.fn === 'incident_tickets')).toHaveLength(1);
    expect(info).toHaveBeenCalledTimes(1);
    expect(String(info.mock.calls[0]?.[0])).not.toMatch(/INC-|Northwind|Maria/);
  });

  it('reports another failure as a problem to try again on the next run', async () => {
    const { client } = fakeClient({ incident_tickets: () => ({ data: null, error: { message: 'statement timeout', code: '57014' }, status: 500 }) });
    const report = await syncTeamState(client, db, settings, null);
    expect(report.problems).toEqual(['Tickets of INC-2026-004: statement timeout']);
  });
});

describe('reading the workspace’s monitor alerts after a sync', () => {
  it('stores a monitor alert this phone never got by push, so it can offer to open an incident for it', async () => {
    const raisedAt = new Date(Date.now() - 10 * 60_000).toISOString();
    const monitorAlert = {
      id: 'a1000000-0000-4000-8000-000000000001',
      incident_id: null,
      title: 'Monitor down: VPN gateway',
      raised_at: raisedAt,
      raised_by_name: null,
      repeat_every_seconds: 300,
      max_repeats: 3,
      acks: [],
      pending: [{ user_id: 'u1', name: 'Maria Lopez' }],
      rounds: [],
    };
    const incidentAlert = { ...monitorAlert, id: 'a1000000-0000-4000-8000-000000000002', incident_id: 'INC-2026-004', title: 'Call in now' };
    const { client, calls } = fakeClient({ alert_status: (args) => ({ data: args.p_incident_id === null ? [monitorAlert, incidentAlert] : [], error: null, status: 200 }) });

    const report = await syncTeamState(client, db, settings, null);

    expect(calls.find((call) => call.fn === 'alert_status' && call.args.p_incident_id === null)?.args).toEqual({ p_workspace_id: WORKSPACE, p_incident_id: null });
    expect(report.problems).toEqual([]);
    expect((await listMonitorAlerts(db, WORKSPACE)).map((alert) => alert.title)).toEqual(['Monitor down: VPN gateway']);
  });
});
