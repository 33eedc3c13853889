import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, openTestDatabase, type TestDatabase } from './database';
import { INCIDENT, WS_A, insertRow, rows, seedWorkspaces, users } from './fixtures';

/**
 * When the send-alert function may send which round of an alert, as alert_claim_rounds decides
 * it (mirrors alertSchedule in src/domain/call-tree.ts): round 0 to everyone but the raiser at
 * once, repeat k at raised_at + k x repeat to whoever has not acknowledged, one escalation to
 * the backups after the last repeat, nothing after that or once everyone acknowledged. A round
 * is claimed once, ever.
 */
interface ClaimedRound {
  alert_id: string;
  workspace_id: string;
  incident_id: string | null;
  title: string;
  round: number;
  kind: 'send' | 'repeat' | 'escalate';
  recipients: number;
  subscriptions: { id: string; endpoint: string; p256dh: string; auth: string }[];
  relays: { id: string; kind: string; server_url: string; topic: string; token: string }[];
}

const REPEAT = 300;

describe.each(backends)('alert rounds on %s', (backend) => {
  let db: TestDatabase;
  /** The endpoint of each member's phone in workspace A. */
  const phoneOf: Record<string, string> = {};

  beforeAll(async () => {
    db = await openTestDatabase(backend);
    await seedWorkspaces(db);
    for (const [role, userId] of Object.entries(users)) {
      if (role === 'outsider') continue;
      phoneOf[userId] = `https://push.example/${role}-phone`;
      await db.asUser(userId, (q) =>
        q('select public.save_push_subscription($1, $2, $3, $4, $5)', [WS_A, phoneOf[userId], `p256dh-${role}`, `auth-${role}`, `${role}'s phone`]),
      );
    }
  }, 60_000);
  afterAll(() => db?.close());

  /** The responder raises an alert (as the phone's sync_push inserts it); answers its id and server time. */
  async function raise(overrides: Record<string, unknown> = {}): Promise<{ id: string; raisedAt: Date }> {
    const id = crypto.randomUUID();
    await db.asUser(users.responder, (q) =>
      insertRow(q, 'alert', { id, workspace_id: WS_A, incident_id: INCIDENT, message: 'Move to the phone bridge', repeat_every_seconds: REPEAT, max_repeats: 2, ...overrides }),
    );
    // In whole milliseconds, rounded up, so `at(raisedAt, 0)` is never before the stored microseconds.
    const [row] = await db.query('select ceil(extract(epoch from raised_at) * 1000)::float8 as ms from public.alert where id = $1', [id]);
    return { id, raisedAt: new Date(Number(row?.ms)) };
  }
  const at = (raisedAt: Date, seconds: number) => new Date(raisedAt.getTime() + seconds * 1000).toISOString();
  async function claim(alertId: string | null, now: string): Promise<ClaimedRound[]> {
    const [row] = await db.asService((q) => q('select public.alert_claim_rounds($1, $2) as rounds', [alertId, now]));
    return row?.rounds as ClaimedRound[];
  }
  async function ack(userId: string, alertId: string) {
    await db.asUser(userId, (q) => insertRow(q, 'alert_ack', { id: crypto.randomUUID(), workspace_id: WS_A, alert_id: alertId }));
  }
  const endpoints = (round: ClaimedRound | undefined) => (round?.subscriptions ?? []).map((s) => s.endpoint).sort();
  const phones = (...ids: string[]) => ids.map((id) => phoneOf[id]).sort();

  it('sends round 0 at once to every member but the raiser, with their subscriptions and the relays', async () => {
    const alert = await raise();
    const rounds = await claim(alert.id, at(alert.raisedAt, 1));
    expect(rounds).toHaveLength(1);
    const [round] = rounds;
    expect(round).toMatchObject({ alert_id: alert.id, workspace_id: WS_A, incident_id: INCIDENT, title: 'Move to the phone bridge', round: 0, kind: 'send', recipients: 4 });
    expect(endpoints(round)).toEqual(phones(users.owner, users.comm_owner, users.approver, users.viewer));
    expect(round?.relays).toEqual([
      { id: rows.alertRelay, kind: 'ntfy', server_url: 'https://ntfy.example', topic: 'northwind-alerts', token: 'tk_relay_secret' },
    ]);
  });

  it('claims a round once: asking again, or by tick, sends nothing more', async () => {
    const alert = await raise();
    expect(await claim(alert.id, at(alert.raisedAt, 1))).toHaveLength(1);
    expect(await claim(alert.id, at(alert.raisedAt, 2))).toEqual([]);
    const ticked = await claim(null, at(alert.raisedAt, 3));
    expect(ticked.filter((round) => round.alert_id === alert.id)).toEqual([]);
  });

  it('repeats after each interval, only to the members who have not acknowledged', async () => {
    const alert = await raise();
    await claim(alert.id, at(alert.raisedAt, 0));
    expect(await claim(alert.id, at(alert.raisedAt, REPEAT - 1))).toEqual([]);
    await ack(users.owner, alert.id);
    await ack(users.viewer, alert.id);
    const [repeat] = await claim(alert.id, at(alert.raisedAt, REPEAT));
    expect(repeat).toMatchObject({ round: 1, kind: 'repeat', recipients: 2 });
    expect(endpoints(repeat)).toEqual(phones(users.comm_owner, users.approver));
  });

  it('escalates once to the owners and communication owners after the last repeat, then stops', async () => {
    const alert = await raise();
    await claim(alert.id, at(alert.raisedAt, 0));
    await claim(alert.id, at(alert.raisedAt, REPEAT));
    await claim(alert.id, at(alert.raisedAt, 2 * REPEAT));
    expect(await claim(alert.id, at(alert.raisedAt, 3 * REPEAT - 1))).toEqual([]);
    const [escalation] = await claim(alert.id, at(alert.raisedAt, 3 * REPEAT));
    expect(escalation).toMatchObject({ round: 3, kind: 'escalate', recipients: 2 });
    expect(endpoints(escalation)).toEqual(phones(users.owner, users.comm_owner));
    expect(await claim(alert.id, at(alert.raisedAt, 10 * REPEAT))).toEqual([]);
  });

  it('escalates to the chosen backups when the alert names them (never to the raiser)', async () => {
    const alert = await raise({ escalate_to: `{${users.approver},${users.responder}}`, max_repeats: 0 });
    await claim(alert.id, at(alert.raisedAt, 0));
    const [escalation] = await claim(alert.id, at(alert.raisedAt, REPEAT));
    expect(escalation).toMatchObject({ round: 1, kind: 'escalate', recipients: 1 });
    expect(endpoints(escalation)).toEqual(phones(users.approver));
  });

  it('sends nothing more once every recipient has acknowledged', async () => {
    const alert = await raise();
    await claim(alert.id, at(alert.raisedAt, 0));
    for (const userId of [users.owner, users.comm_owner, users.approver, users.viewer]) await ack(userId, alert.id);
    expect(await claim(alert.id, at(alert.raisedAt, REPEAT))).toEqual([]);
    expect(await claim(alert.id, at(alert.raisedAt, 3 * REPEAT))).toEqual([]);
  });

  it('sends one round, the latest due, when a tick comes late, and never goes back to a skipped one', async () => {
    const alert = await raise();
    await claim(alert.id, at(alert.raisedAt, 0));
    const [late] = await claim(alert.id, at(alert.raisedAt, 2 * REPEAT + 30));
    expect(late).toMatchObject({ round: 2, kind: 'repeat' });
    expect(await claim(alert.id, at(alert.raisedAt, 2 * REPEAT + 60))).toEqual([]);
    const stored = await db.query('select round from public.alert_round where alert_id = $1 order by round', [alert.id]);
    expect(stored.map((row) => row.round)).toEqual([0, 2]);
  });

  it('sends the first round to everyone even when first asked late, and the next one no sooner than half an interval after', async () => {
    const alert = await raise();
    const first = (await claim(null, at(alert.raisedAt, 2 * REPEAT))).filter((r) => r.alert_id === alert.id);
    expect(first).toMatchObject([{ round: 0, kind: 'send', recipients: 4 }]);
    expect((await claim(alert.id, at(alert.raisedAt, 2 * REPEAT + REPEAT / 2 - 1)))).toEqual([]);
    expect((await claim(alert.id, at(alert.raisedAt, 2 * REPEAT + REPEAT / 2)))).toMatchObject([{ round: 2, kind: 'repeat' }]);
  });

  it('never claims an alert raised in the future of p_now, nor one whose escalation is more than a day past', async () => {
    const alert = await raise();
    expect((await claim(alert.id, at(alert.raisedAt, -5)))).toEqual([]);
    expect((await claim(alert.id, at(alert.raisedAt, 3 * REPEAT + 86_400 + 1)))).toEqual([]);
  });

  it('stores the round report and deletes the subscriptions the push service called gone', async () => {
    const alert = await raise();
    const [round] = await claim(alert.id, at(alert.raisedAt, 0));
    const gone = round?.subscriptions.find((s) => s.endpoint === phoneOf[users.viewer]);
    await db.asService((q) => q('select public.alert_round_report($1, 0, 3, 1, $2)', [alert.id, [gone?.id]]));
    expect(await db.query('select delivered, failed, gone, reported_at is not null as reported from public.alert_round where alert_id = $1', [alert.id])).toEqual([
      { delivered: 3, failed: 1, gone: 1, reported: true },
    ]);
    expect(await db.query('select count(*)::int as n from public.push_subscription where endpoint = $1', [phoneOf[users.viewer]])).toEqual([{ n: 0 }]);
    // The viewer's phone subscribes again for the next tests.
    await db.asUser(users.viewer, (q) => q('select public.save_push_subscription($1, $2, $3, $4)', [WS_A, phoneOf[users.viewer], 'p256dh-viewer', 'auth-viewer']));
  });

  it('is the function\'s alone: members cannot claim rounds or report them', async () => {
    await expect(db.asUser(users.owner, (q) => q('select public.alert_claim_rounds()'))).rejects.toThrow('permission denied for function alert_claim_rounds');
    await expect(db.asUser(users.owner, (q) => q(`select public.alert_round_report($1, 0, 0, 0)`, [rows.alert]))).rejects.toThrow(
      'permission denied for function alert_round_report',
    );
  });

  it.runIf(backend === 'postgres')('lets only one of two concurrent ticks claim a round', async () => {
    const alert = await raise();
    const first = await db.connect();
    const second = await db.connect();
    try {
      const service = async (session: typeof first) => {
        await session.query('begin');
        await session.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ role: 'service_role' })]);
        await session.query('set local role service_role');
      };
      await service(first);
      await service(second);
      const now = at(alert.raisedAt, 1);
      const [mine] = await first.query('select public.alert_claim_rounds($1, $2) as rounds', [alert.id, now]);
      // The second waits for the first to commit, then finds the round taken.
      const theirs = second.query('select public.alert_claim_rounds($1, $2) as rounds', [alert.id, now]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await first.query('commit');
      const [answer] = await theirs;
      await second.query('commit');
      expect((mine?.rounds as ClaimedRound[]).map((r) => r.round)).toEqual([0]);
      expect(answer?.rounds).toEqual([]);
    } finally {
      await first.close();
      await second.close();
    }
  });
});
