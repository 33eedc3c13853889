import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, openTestDatabase, type TestDatabase } from './database';
import { INCIDENT, WS_A, insertRow, rows, seedWorkspaces, users } from './fixtures';

/**
 * Who may see and change what the alert delivery keeps: rounds are the function's to write,
 * relay tokens are never readable by members, a push subscription is its member's own.
 */
describe.each(backends)('alert delivery access on %s', (backend) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(backend);
    await seedWorkspaces(db);
  }, 60_000);
  afterAll(() => db?.close());

  const status = async (userId: string, workspace = WS_A) =>
    (await db.asUser(userId, (q) => q('select public.alert_status($1, $2) as alerts', [workspace, INCIDENT])))[0]?.alerts as Record<string, any>[];

  it('shows a member who acknowledged, who has not, and the rounds sent', async () => {
    await db.query(`update public.member set display_name = 'Dana' where user_id = $1`, [users.owner]);
    await db.asUser(users.owner, (q) => insertRow(q, 'alert_ack', { id: crypto.randomUUID(), workspace_id: WS_A, alert_id: rows.alert }));
    const [alert] = await status(users.viewer);
    expect(alert).toMatchObject({ id: rows.alert, incident_id: INCIDENT, title: 'Join the bridge', max_repeats: 3, repeat_every_seconds: 300 });
    expect(alert?.rounds).toEqual([expect.objectContaining({ round: 0, kind: 'send', recipients: 4, delivered: 0, gone: 0, failed: 0 })]);
    // The fixture's own ack was stored by no one signed in; the owner's is theirs, by name.
    expect(alert?.acks).toEqual([{ user_id: users.owner, name: 'Dana', acked_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) }]);
    const pending = alert?.pending.map((member: { user_id: string }) => member.user_id);
    expect(pending).not.toContain(users.owner);
    expect(pending).toContainEqual(users.viewer);
  });

  it('shows a non-member nothing: no alerts, no rounds, no relays', async () => {
    expect(await status(users.outsider)).toEqual([]);
    const seen = await db.asUser(users.outsider, (q) =>
      q(`select (select count(*)::int from public.alert_round) as rounds, (select count(*)::int from public.alert_relay) as relays,
                public.list_alert_relays($1) as listed, public.alert_visible($2) as visible`, [WS_A, rows.alert]),
    );
    expect(seen).toEqual([{ rounds: 0, relays: 0, listed: [], visible: false }]);
  });

  it('never lets a member read a relay token, only whether there is one', async () => {
    await expect(db.asUser(users.owner, (q) => q('select token from public.alert_relay'))).rejects.toThrow('permission denied for table alert_relay');
    const [row] = await db.asUser(users.responder, (q) => q('select public.list_alert_relays($1) as relays', [WS_A]));
    expect(row?.relays).toEqual([
      { id: rows.alertRelay, kind: 'ntfy', server_url: 'https://ntfy.example', topic: 'northwind-alerts', has_token: true, created_at: expect.any(String) },
    ]);
    expect(JSON.stringify(row?.relays)).not.toContain('tk_relay_secret');
  });

  it('lets owners and communication owners save and remove relays, and nobody else', async () => {
    const save = (userId: string, kind: string, url: string, topic: string, token: string | null) =>
      db.asUser(userId, (q) => q('select public.save_alert_relay($1, $2, $3, $4, $5) as id', [WS_A, kind, url, topic, token]));
    await expect(save(users.responder, 'ntfy', 'https://ntfy.example', 'other-topic', null)).rejects.toThrow(
      'only owners and communication owners can set up alert relays',
    );
    await expect(save(users.outsider, 'ntfy', 'https://ntfy.example', 'other-topic', null)).rejects.toThrow('only owners');
    await expect(save(users.comm_owner, 'ntfy', 'http://ntfy.example', 'x', null)).rejects.toThrow('must be an https:// address');
    await expect(save(users.comm_owner, 'ntfy', 'https://ntfy.example', 'no spaces', null)).rejects.toThrow('an ntfy topic is 1 to 64');
    await expect(save(users.comm_owner, 'gotify', 'https://gotify.example', '', null)).rejects.toThrow('Gotify needs an application token');

    // Saving the same topic again with a new token replaces the token, under the same id.
    const [again] = await save(users.comm_owner, 'ntfy', 'https://ntfy.example/', 'northwind-alerts', 'tk_rotated');
    expect(again?.id).toBe(rows.alertRelay);
    expect(await db.query('select token from public.alert_relay where id = $1', [rows.alertRelay])).toEqual([{ token: 'tk_rotated' }]);
    // Saving it without a token keeps the token.
    await save(users.owner, 'ntfy', 'https://ntfy.example', 'northwind-alerts', null);
    expect(await db.query('select token from public.alert_relay where id = $1', [rows.alertRelay])).toEqual([{ token: 'tk_rotated' }]);

    const [gotify] = await save(users.owner, 'gotify', 'https://gotify.example', 'ignored', 'AppToken');
    await expect(db.asUser(users.approver, (q) => q('select public.delete_alert_relay($1)', [gotify?.id]))).rejects.toThrow(
      'only owners and communication owners can remove alert relays',
    );
    await db.asUser(users.owner, (q) => q('select public.delete_alert_relay($1)', [gotify?.id]));
    // Already gone is not an error.
    await db.asUser(users.owner, (q) => q('select public.delete_alert_relay($1)', [gotify?.id]));
    expect(await db.query('select count(*)::int as n from public.alert_relay where kind = $1', ['gotify'])).toEqual([{ n: 0 }]);
  });

  it('refuses every write to alert_round by members: only the function records rounds', async () => {
    await expect(db.asUser(users.owner, (q) => insertRow(q, 'alert_round', { workspace_id: WS_A, alert_id: rows.alert, round: 5, kind: 'repeat' }))).rejects.toThrow(
      'permission denied for table alert_round',
    );
    await expect(db.asUser(users.owner, (q) => q('update public.alert_round set delivered = 99'))).rejects.toThrow('permission denied for table alert_round');
    await expect(db.asUser(users.owner, (q) => q('delete from public.alert_round'))).rejects.toThrow('permission denied for table alert_round');
  });

  it("keeps each member's push subscriptions private, and moves an endpoint to whoever saves it last", async () => {
    const endpoint = 'https://push.example/shared-tablet';
    const [saved] = await db.asUser(users.approver, (q) => q('select public.save_push_subscription($1, $2, $3, $4, $5) as id', [WS_A, endpoint, 'k1', 'a1', 'Tablet']));
    // Others cannot see it, even in the same workspace.
    const others = await db.asUser(users.owner, (q) => q('select count(*)::int as n from public.push_subscription where endpoint = $1', [endpoint]));
    expect(others).toEqual([{ n: 0 }]);
    // Saving again (new keys) keeps the row.
    const [resaved] = await db.asUser(users.approver, (q) => q('select public.save_push_subscription($1, $2, $3, $4, $5) as id', [WS_A, endpoint, 'k2', 'a2', 'Tablet']));
    expect(resaved?.id).toBe(saved?.id);
    // Another member signs in on the same browser: the endpoint is theirs now.
    await db.asUser(users.viewer, (q) => q('select public.save_push_subscription($1, $2, $3, $4, $5)', [WS_A, endpoint, 'k3', 'a3', 'Tablet']));
    expect(await db.query('select user_id, p256dh, device_label from public.push_subscription where endpoint = $1', [endpoint])).toEqual([
      { user_id: users.viewer, p256dh: 'k3', device_label: 'Tablet' },
    ]);
    // The approver cannot delete it any more; the viewer can.
    await db.asUser(users.approver, (q) => q('select public.delete_push_subscription($1)', [endpoint]));
    expect(await db.query('select count(*)::int as n from public.push_subscription where endpoint = $1', [endpoint])).toEqual([{ n: 1 }]);
    await db.asUser(users.viewer, (q) => q('select public.delete_push_subscription($1)', [endpoint]));
    expect(await db.query('select count(*)::int as n from public.push_subscription where endpoint = $1', [endpoint])).toEqual([{ n: 0 }]);
  });

  it('refuses subscriptions for a workspace the caller is not in, and endpoints that are not https', async () => {
    await expect(db.asUser(users.outsider, (q) => q('select public.save_push_subscription($1, $2, $3, $4)', [WS_A, 'https://push.example/x', 'k', 'a']))).rejects.toThrow(
      'not a member of this workspace',
    );
    await expect(db.asUser(users.owner, (q) => q('select public.save_push_subscription($1, $2, $3, $4)', [WS_A, 'http://push.example/x', 'k', 'a']))).rejects.toThrow(
      'push_subscription_endpoint_check',
    );
    // A stand-in push service on this machine is allowed (tests).
    await db.asUser(users.owner, (q) => q('select public.save_push_subscription($1, $2, $3, $4)', [WS_A, 'http://127.0.0.1:8090/push/x', 'k', 'a']));
  });
});
