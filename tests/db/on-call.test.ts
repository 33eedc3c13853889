import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { backends, openTestDatabase, type TestDatabase } from './database';
import { INCIDENT, WS_A, insertRow, seedWorkspaces, users } from './fixtures';

/**
 * On call (issue 7: "a monitor going down raises an alert to the on-call members"): each
 * member sets their own on-call flag; a monitor's alert (no incident) rings the members on
 * call when it is raised, or everyone when nobody is; incident alerts still ring everyone.
 */
interface ClaimedRound {
  round: number;
  kind: string;
  recipients: number;
  subscriptions: { endpoint: string }[];
}

describe.each(backends)('on call on %s', (backend) => {
  let db: TestDatabase;
  const phoneOf: Record<string, string> = {};

  beforeAll(async () => {
    db = await openTestDatabase(backend);
    await seedWorkspaces(db);
    for (const [role, userId] of Object.entries(users)) {
      if (role === 'outsider') continue;
      phoneOf[userId] = `https://push.example/${role}-phone`;
      await db.asUser(userId, (q) => q('select public.save_push_subscription($1, $2, $3, $4, $5)', [WS_A, phoneOf[userId], `p256dh-${role}`, `auth-${role}`, `${role}'s phone`]));
    }
  }, 60_000);
  afterAll(() => db?.close());
  beforeEach(async () => {
    await db.query('update public.member set on_call = false where workspace_id = $1', [WS_A]);
  });

  const setOnCall = (userId: string, onCall: boolean | null) => db.asUser(userId, (q) => q('select public.set_on_call($1, $2) as on_call', [WS_A, onCall]));
  const status = async (userId: string) => (await db.asUser(userId, (q) => q('select public.on_call_status($1) as status', [WS_A])))[0]?.status;
  /** A monitor's alert as the uptime-kuma webhook stores it (service role, no incident, no raiser). */
  async function monitorAlert(audience: string[] | null = null): Promise<string> {
    const id = crypto.randomUUID();
    await db.asService((q) => insertRow(q, 'alert', { id, workspace_id: WS_A, incident_id: null, message: 'Monitor down: VPN gateway', ...(audience ? { audience } : {}) }));
    return id;
  }
  async function firstRound(alertId: string): Promise<ClaimedRound | undefined> {
    const [row] = await db.asService((q) => q('select public.alert_claim_rounds($1, now() + interval \'1 second\') as rounds', [alertId]));
    return (row?.rounds as ClaimedRound[])[0];
  }
  // The phones subscribed here (the seed adds another phone of one member; it is not counted).
  const endpoints = (round: ClaimedRound | undefined) =>
    (round?.subscriptions ?? []).map((s) => s.endpoint).filter((endpoint) => Object.values(phoneOf).includes(endpoint)).sort();
  const phones = (...ids: string[]) => ids.map((id) => phoneOf[id]).sort();

  it('lets each member set only their own on-call flag, and tells members who is on call', async () => {
    expect(await setOnCall(users.responder, true)).toEqual([{ on_call: true }]);
    await setOnCall(users.viewer, true);
    expect(await db.query('select user_id from public.member where workspace_id = $1 and on_call order by user_id', [WS_A])).toEqual(
      [users.responder, users.viewer].sort().map((user_id) => ({ user_id })),
    );
    const seen = (await status(users.owner)) as { me: boolean; on_call: { user_id: string }[] };
    expect(seen.me).toBe(false);
    expect(seen.on_call.map((member) => member.user_id).sort()).toEqual([users.responder, users.viewer].sort());
    expect(((await status(users.responder)) as { me: boolean }).me).toBe(true);
    // Someone outside the workspace can neither set a flag there nor see who is on call.
    await expect(setOnCall(users.outsider, true)).rejects.toThrow('not a member of this workspace');
    expect(await status(users.outsider)).toBeNull();
    await expect(setOnCall(users.owner, null)).rejects.toThrow('say whether you are on call');
    await setOnCall(users.responder, false);
    expect(((await status(users.responder)) as { me: boolean }).me).toBe(false);
  });

  it('rings the members on call with a monitor alert, and lists only them as pending', async () => {
    await setOnCall(users.responder, true);
    await setOnCall(users.approver, true);
    const alertId = await monitorAlert();
    const round = await firstRound(alertId);
    expect(round).toMatchObject({ round: 0, kind: 'send', recipients: 2 });
    expect(endpoints(round)).toEqual(phones(users.responder, users.approver));
    const [row] = await db.asUser(users.viewer, (q) => q('select public.alert_status($1, null) as alerts', [WS_A]));
    const listed = (row?.alerts as { id: string; pending: { user_id: string }[] }[]).find((alert) => alert.id === alertId);
    expect(listed?.pending.map((member) => member.user_id).sort()).toEqual([users.responder, users.approver].sort());
  });

  it('rings everyone when nobody is on call, and keeps the audience of the moment it was raised', async () => {
    const alertId = await monitorAlert();
    await setOnCall(users.responder, true); // too late for this alert
    const round = await firstRound(alertId);
    expect(round?.recipients).toBe(5);
    expect(endpoints(round)).toEqual(phones(users.owner, users.comm_owner, users.approver, users.responder, users.viewer));
  });

  it('ignores an audience a client sends, and leaves incident alerts for everyone', async () => {
    await setOnCall(users.viewer, true);
    // A monitor alert that names its own audience still rings who is on call.
    const monitor = await monitorAlert([users.owner]);
    expect(endpoints(await firstRound(monitor))).toEqual(phones(users.viewer));
    // The responder's alert in an incident (as sync_push stores it) rings every other member.
    const id = crypto.randomUUID();
    await db.asUser(users.responder, (q) => insertRow(q, 'alert', { id, workspace_id: WS_A, incident_id: INCIDENT, message: 'Move to the phone bridge', audience: [users.owner] }));
    expect(await db.query('select audience from public.alert where id = $1', [id])).toEqual([{ audience: null }]);
    expect(endpoints(await firstRound(id))).toEqual(phones(users.owner, users.comm_owner, users.approver, users.viewer));
  });
});
