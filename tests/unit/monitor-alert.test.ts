import { describe, expect, it } from 'vitest';
import type { Incident } from '../../src/domain/incident';
import {
  alertIdFromHash,
  incidentForAlert,
  incidentPrefill,
  monitorAlertsToShow,
  monitorName,
  openedFromAlertSummary,
  openFromAlertHash,
  routeFromWorker,
} from '../../src/domain/monitor-alert';
import type { TeamAlert } from '../../src/domain/team-alert';

const WORKSPACE = '7d1e3c4a-0000-4000-8000-000000000001';
const ALERT_ID = '0b7c1f0e-1111-4111-8111-000000000001';
const NOW = new Date('2026-03-02T10:00:00.000Z');

function alert(overrides: Partial<TeamAlert> = {}): TeamAlert {
  return {
    id: ALERT_ID,
    workspace_id: WORKSPACE,
    incident_id: '',
    title: 'Monitor down: VPN gateway',
    raised_at: '2026-03-02T09:00:00.000Z',
    raised_here: false,
    repeat_minutes: 5,
    max_repeats: 3,
    dispatched: true,
    acked_at: null,
    status: null,
    ...overrides,
  };
}

const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000).toISOString();

describe('the monitor’s name, from the alert title only', () => {
  it('reads the name the backend put after “Monitor down:”', () => {
    expect(monitorName('Monitor down: VPN gateway')).toBe('VPN gateway');
    expect(monitorName('Monitor down: monitor 9')).toBe('monitor 9');
  });

  it('names no monitor for another title or an empty name', () => {
    expect(monitorName('Move to the phone bridge now')).toBeNull();
    expect(monitorName('Monitor down:   ')).toBeNull();
    expect(monitorName('monitor down: VPN gateway')).toBeNull();
  });
});

describe('which monitor alerts the responder sees', () => {
  it('lists unacknowledged alerts up to a week old and acknowledged ones for a day, newest first', () => {
    const list = [
      alert({ id: 'a-fresh', raised_at: hoursAgo(1) }),
      alert({ id: 'a-acked-today', raised_at: hoursAgo(20), acked_at: hoursAgo(19) }),
      alert({ id: 'a-acked-yesterday', raised_at: hoursAgo(30), acked_at: hoursAgo(29) }),
      alert({ id: 'a-unacked-6-days', raised_at: hoursAgo(6 * 24) }),
      alert({ id: 'a-unacked-8-days', raised_at: hoursAgo(8 * 24) }),
    ];
    expect(monitorAlertsToShow(list, WORKSPACE, NOW).map((shown) => shown.id)).toEqual(['a-fresh', 'a-acked-today', 'a-unacked-6-days']);
  });

  it('leaves out alerts of an incident and of another workspace', () => {
    const list = [alert({ id: 'of-incident', incident_id: 'INC-2026-004', title: 'Move to the phone bridge now' }), alert({ id: 'elsewhere', workspace_id: 'another' })];
    expect(monitorAlertsToShow(list, WORKSPACE, NOW)).toEqual([]);
  });
});

describe('opening an incident from a monitor alert', () => {
  it('prefills the title from the alert and names the monitor; type and severity stay the responder’s to choose', () => {
    expect(incidentPrefill(alert({ title: 'Monitor down:  VPN   gateway ' }))).toEqual({ title: 'Monitor down: VPN gateway', monitor: 'VPN gateway' });
    expect(incidentPrefill(alert({ title: 'Monitor down: VPN gateway' }))).toEqual({ title: 'Monitor down: VPN gateway', monitor: 'VPN gateway' });
  });

  it('logs which monitor and when, in UTC, since the log is read in other time zones', () => {
    expect(openedFromAlertSummary(alert())).toBe('Opened from the monitor alert “Monitor down: VPN gateway” raised at 2026-03-02 09:00 UTC: monitoring reported VPN gateway down.');
    expect(openedFromAlertSummary(alert({ title: 'Certificate expires soon' }))).toBe('Opened from the monitor alert “Certificate expires soon” raised at 2026-03-02 09:00 UTC.');
  });

  it('finds an open incident a teammate already opened from the same alert, so no second one is offered', () => {
    const incident = (id: string, title: string, status: Incident['status'] = 'open'): Incident => ({
      id,
      workspace_id: WORKSPACE,
      title,
      status,
      detected_at: NOW.toISOString(),
      opened_at: NOW.toISOString(),
    });
    const incidents = [incident('INC-2026-001', 'Monitor down: VPN gateway', 'closed'), incident('INC-2026-002', 'Finance mailbox'), incident('INC-2026-003', 'monitor down:  VPN gateway')];
    expect(incidentForAlert(alert(), incidents)?.id).toBe('INC-2026-003');
    expect(incidentForAlert(alert({ title: 'Monitor down: Mail server' }), incidents)).toBeUndefined();
  });
});

describe('the route to the prefilled form', () => {
  it('round-trips the alert id through the hash', () => {
    expect(openFromAlertHash(ALERT_ID)).toBe(`#incident/open?alert=${ALERT_ID}`);
    expect(alertIdFromHash(openFromAlertHash(ALERT_ID))).toBe(ALERT_ID);
    expect(alertIdFromHash(`#incident/open?alert=${ALERT_ID.toUpperCase()}`)).toBe(ALERT_ID);
  });

  it('is no route for any other hash or an id that is not a UUID', () => {
    for (const hash of ['', '#incident', '#incident/alerts', '#incident/open', '#incident/open?alert=', '#incident/open?alert=../settings', `#incident/open?alert=${ALERT_ID}&x=1`, `#log/open?alert=${ALERT_ID}`])
      expect(alertIdFromHash(hash), hash).toBeNull();
  });

  it('follows only the worker’s open-route messages for that route', () => {
    const hash = openFromAlertHash(ALERT_ID);
    expect(routeFromWorker({ type: 'open-route', hash })).toBe(hash);
    expect(routeFromWorker({ type: 'open-route', hash: '#settings' })).toBeNull();
    expect(routeFromWorker({ type: 'open-route', hash: 'javascript:alert(1)' })).toBeNull();
    expect(routeFromWorker({ type: 'SKIP_WAITING' })).toBeNull();
    expect(routeFromWorker('alert-acknowledged')).toBeNull();
    expect(routeFromWorker(null)).toBeNull();
  });
});
