import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, openTestDatabase, type TestDatabase } from './database';
import { WS_A, WS_B, seedWorkspaces, users } from './fixtures';

/**
 * Monitoring in: the Uptime Kuma webhook secret is made by an owner or communication owner and
 * shown once; nobody but the uptime-kuma function (service_role) can read even its hash; the
 * notifications it stores are readable by the workspace's members only; the first DOWN of an
 * episode raises one team alert, an UP ends the episode.
 */
describe.each(backends)('monitoring webhook on %s', (backend) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(backend);
    await seedWorkspaces(db);
  }, 60_000);
  afterAll(() => db?.close());

  const rotate = (userId: string, workspace = WS_A) =>
    db.asUser(userId, async (q) => (await q('select public.rotate_monitor_webhook_secret($1) as secret', [workspace]))[0]?.secret as string);
  const receive = (secret: string | null, event: Record<string, unknown>, workspace = WS_A) =>
    db.asService(async (q) => (await q('select public.receive_monitor_event($1, $2, $3) as answer', [workspace, secret, JSON.stringify(event)]))[0]?.answer as Record<string, any>);
  const down = (monitorId: string, time: string) => ({ kind: 'heartbeat', monitor_id: monitorId, monitor_name: 'Mail gateway', status: 0, msg: 'timeout', heartbeat_time: time });
  const up = (monitorId: string, time: string) => ({ ...down(monitorId, time), status: 1, msg: 'OK' });
  const alertsOf = async (monitorId: string) =>
    db.query(
      `select a.message, a.raised_by, a.incident_id from public.alert a join public.monitor_event e on e.alert_id = a.id
        where e.workspace_id = $1 and e.monitor_id = $2 order by a.raised_at`,
      [WS_A, monitorId],
    );

  it('lets owners and communication owners make a secret, shown once, and nobody else', async () => {
    const first = await rotate(users.owner);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    const second = await rotate(users.comm_owner);
    expect(second).not.toBe(first);
    for (const role of ['approver', 'responder', 'viewer', 'outsider'] as const) {
      await expect(rotate(users[role])).rejects.toThrow('only owners and communication owners can set up the monitoring webhook');
    }
    const [stored] = await db.query('select secret_hash from public.monitor_webhook_secret where workspace_id = $1', [WS_A]);
    expect(stored?.secret_hash).not.toBe(second);
    expect(stored?.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    const status = await db.asUser(users.viewer, (q) => q('select public.monitor_webhook_status($1) as status', [WS_A]));
    expect(status[0]?.status).toEqual({ configured: true, rotated_at: expect.stringMatching(/Z$/) });
    expect(JSON.stringify(status)).not.toContain(second);
    const stranger = await db.asUser(users.outsider, (q) => q('select public.monitor_webhook_status($1) as status', [WS_A]));
    expect(stranger[0]?.status).toEqual({ configured: false, rotated_at: null });
  });

  it('never lets a member or anyone signed in read the secret table, and only the function checks a secret', async () => {
    for (const role of ['owner', 'comm_owner', 'viewer', 'outsider'] as const) {
      await expect(db.asUser(users[role], (q) => q('select * from public.monitor_webhook_secret'))).rejects.toThrow(
        'permission denied for table monitor_webhook_secret',
      );
    }
    await expect(db.asAnon((q) => q('select * from public.monitor_webhook_secret'))).rejects.toThrow('permission denied');
    await expect(db.asUser(users.owner, (q) => q('select public.monitor_webhook_secret_ok($1, $2)', [WS_A, 'x']))).rejects.toThrow(
      'permission denied for function monitor_webhook_secret_ok',
    );
    await expect(db.asUser(users.owner, (q) => q('select public.receive_monitor_event($1, $2, $3)', [WS_A, 'x', '{}']))).rejects.toThrow(
      'permission denied for function receive_monitor_event',
    );
  });

  it('stores nothing for a wrong, missing or old secret', async () => {
    const old = await rotate(users.owner);
    const current = await rotate(users.owner);
    const before = await db.query('select count(*)::int as n from public.monitor_event');
    expect(await receive(old, down('7', '2026-03-02 09:00:00.000'))).toEqual({ outcome: 'unauthorized' });
    expect(await receive(null, down('7', '2026-03-02 09:00:00.000'))).toEqual({ outcome: 'unauthorized' });
    expect(await receive('', down('7', '2026-03-02 09:00:00.000'))).toEqual({ outcome: 'unauthorized' });
    // Workspace B has no secret: A's does not open it.
    expect(await receive(current, down('7', '2026-03-02 09:00:00.000'), WS_B)).toEqual({ outcome: 'unauthorized' });
    expect(await db.query('select count(*)::int as n from public.monitor_event')).toEqual(before);
  });

  it('raises one alert per down episode: repeats and re-deliveries add none, an UP ends the episode', async () => {
    const secret = await rotate(users.owner);
    const first = await receive(secret, down('12', '2026-03-02 09:00:00.000'));
    expect(first).toMatchObject({ outcome: 'alerted', alert_id: expect.any(String) });
    expect(await receive(secret, down('12', '2026-03-02 09:00:00.000'))).toEqual({ outcome: 'duplicate', event_id: first.event_id, alert_id: first.alert_id });
    expect(await receive(secret, down('12', '2026-03-02 09:05:00.000'))).toMatchObject({ outcome: 'still_down', alert_id: null });
    // Pending does not end the episode.
    expect(await receive(secret, { ...down('12', '2026-03-02 09:06:00.000'), status: 2 })).toMatchObject({ outcome: 'recorded' });
    expect(await receive(secret, down('12', '2026-03-02 09:07:00.000'))).toMatchObject({ outcome: 'still_down' });
    expect(await alertsOf('12')).toEqual([{ message: 'Monitor down: Mail gateway', raised_by: null, incident_id: null }]);

    expect(await receive(secret, up('12', '2026-03-02 09:10:00.000'))).toMatchObject({ outcome: 'recorded', alert_id: null });
    expect(await receive(secret, down('12', '2026-03-02 09:20:00.000'))).toMatchObject({ outcome: 'alerted' });
    expect(await alertsOf('12')).toHaveLength(2);
    // Another monitor has its own episode.
    expect(await receive(secret, down('13', '2026-03-02 09:20:00.000'))).toMatchObject({ outcome: 'alerted' });
  });

  // Two connections at once: PostgreSQL only (PGlite has one connection, so nothing to race).
  if (backend === 'postgres') it('raises one alert when two DOWN notifications for a monitor arrive at once', async () => {
    const secret = await rotate(users.owner);
    const first = await db.connect();
    const second = await db.connect();
    try {
      for (const session of [first, second]) {
        await session.query('begin');
        await session.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ role: 'service_role' })]);
        await session.query('set local role service_role');
      }
      const send = (session: typeof first, time: string) =>
        session.query('select public.receive_monitor_event($1, $2, $3) as answer', [WS_A, secret, JSON.stringify(down('30', time))]);
      const [mine] = await send(first, '2026-03-02 11:00:00.000');
      // The second waits for the first to commit, then finds the monitor already down.
      const theirs = send(second, '2026-03-02 11:00:20.000');
      await new Promise((resolve) => setTimeout(resolve, 200));
      await first.query('commit');
      const [answer] = await theirs;
      await second.query('commit');
      expect([(mine?.answer as Record<string, unknown>).outcome, (answer?.answer as Record<string, unknown>).outcome]).toEqual(['alerted', 'still_down']);
      expect(await alertsOf('30')).toHaveLength(1);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('cuts the alert to 120 characters and names a monitor without a name by its id', async () => {
    const secret = await rotate(users.owner);
    await receive(secret, { ...down('20', '2026-03-02 10:00:00.000'), monitor_name: 'x'.repeat(300) });
    await receive(secret, { ...down('21', '2026-03-02 10:00:00.000'), monitor_name: '' });
    const [long] = await alertsOf('20');
    expect(long?.message).toBe(`Monitor down: ${'x'.repeat(120 - 'Monitor down: '.length)}`);
    expect(await alertsOf('21')).toEqual([{ message: 'Monitor down: monitor 21', raised_by: null, incident_id: null }]);
  });

  it('stores a test notification without an alert, and refuses an event that is neither', async () => {
    const secret = await rotate(users.owner);
    const alertsBefore = await db.query('select count(*)::int as n from public.alert');
    const test = await receive(secret, { kind: 'test', msg: 'Sent from Uptime Kuma' });
    expect(test).toMatchObject({ outcome: 'test', alert_id: null });
    expect(await db.query('select count(*)::int as n from public.alert')).toEqual(alertsBefore);
    await expect(receive(secret, { kind: 'heartbeat', monitor_id: '5', status: 9 })).rejects.toThrow('a monitor event is a test, a notice with a monitor id, or a heartbeat');
    await expect(receive(secret, { kind: 'heartbeat', status: 0 })).rejects.toThrow('a monitor event is a test, a notice with a monitor id, or a heartbeat');
  });

  it('shows the events to the workspace members only', async () => {
    const listed = async (userId: string) =>
      (await db.asUser(userId, (q) => q('select public.list_monitor_events($1, 100) as events', [WS_A])))[0]?.events as Record<string, any>[];
    const viewerSees = await listed(users.viewer);
    expect(viewerSees.length).toBeGreaterThan(5);
    expect(viewerSees.find((event) => event.kind === 'test')).toMatchObject({ monitor_id: null, status: null, msg: 'Sent from Uptime Kuma', alert_id: null });
    expect(viewerSees[0]).toEqual({
      id: expect.any(String), kind: expect.any(String), monitor_id: null, monitor_name: '', status: null, msg: expect.any(String),
      heartbeat_time: '', received_at: expect.stringMatching(/Z$/), alert_id: null,
    });
    expect(await listed(users.outsider)).toEqual([]);
    const counted = await db.asUser(users.outsider, (q) => q('select count(*)::int as n from public.monitor_event'));
    expect(counted).toEqual([{ n: 0 }]);
    await expect(db.asUser(users.owner, (q) => q(`delete from public.monitor_event`))).rejects.toThrow('permission denied for table monitor_event');
    await expect(db.asAnon((q) => q('select public.list_monitor_events($1)', [WS_A]))).rejects.toThrow('permission denied for function list_monitor_events');
  });
});
