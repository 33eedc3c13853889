import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, openTestDatabase, type TestDatabase } from './database';
import { INCIDENT, WS_A, WS_B, insertRow, rows, seedWorkspaces, users } from './fixtures';

/**
 * Chat connectors: owners and communication owners set them up, every member sees whether
 * they work, nobody but the dispatch function (service_role) ever reads a secret.
 */
describe.each(backends)('chat connectors on %s', (backend) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(backend);
    await seedWorkspaces(db);
  }, 60_000);
  afterAll(() => db?.close());

  const save = (userId: string, id: string | null, kind: string, name: string, config: unknown, secret: unknown) =>
    db.asUser(userId, (q) =>
      q('select public.save_connector($1, $2, $3, $4, $5::jsonb, $6::jsonb) as id', [
        WS_A,
        id,
        kind,
        name,
        JSON.stringify(config),
        secret === null ? null : JSON.stringify(secret),
      ]),
    );
  const list = async (userId: string, workspace = WS_A) =>
    (await db.asUser(userId, (q) => q('select public.list_connectors($1) as connectors', [workspace])))[0]?.connectors as Record<string, unknown>[];
  const secretOf = async (id: string) => (await db.query('select secret from public.connector_secret where connector_id = $1', [id]))[0]?.secret;

  it('lets owners and communication owners save a connector, and nobody else', async () => {
    const hook = { webhook_url: 'https://chat.northwind.example/hooks/xyz123secret' };
    for (const role of ['approver', 'responder', 'viewer', 'outsider'] as const) {
      await expect(save(users[role], null, 'mattermost', 'Ops', {}, hook)).rejects.toThrow('only owners and communication owners can set up connectors');
    }
    const [saved] = await save(users.comm_owner, null, 'mattermost', ' Incident room ', { ignored: true }, hook);
    expect(await secretOf(saved?.id as string)).toEqual(hook);
    expect(await db.query('select name, config, created_by from public.connector where id = $1', [saved?.id])).toEqual([
      { name: 'Incident room', config: {}, created_by: users.comm_owner },
    ]);
  });

  it('validates kinds, names, URLs and the Zulip settings with messages a user can act on', async () => {
    const zulip = { site: 'https://northwind.zulipchat.com/', stream: 'incidents', bot_email: 'muster-bot@northwind.zulipchat.com' };
    await expect(save(users.owner, null, 'slack', 'Slack', {}, { webhook_url: 'https://hooks.slack.com/x' })).rejects.toThrow('a connector is mattermost, rocketchat, zulip, cachet2, cachet3, zammad, osticket, glpi, jira_sm, thehive or nextcloud');
    await expect(save(users.owner, null, 'mattermost', '', {}, { webhook_url: 'https://chat.example/hooks/a' })).rejects.toThrow('a connector needs a name');
    await expect(save(users.owner, null, 'rocketchat', 'RC', {}, { webhook_url: 'http://chat.example/hooks/a/b' })).rejects.toThrow(
      'the incoming webhook URL must be an https:// address',
    );
    await expect(save(users.owner, null, 'rocketchat', 'RC', {}, null)).rejects.toThrow('Rocket.Chat needs its secret the first time');
    await expect(save(users.owner, null, 'zulip', 'Zulip', { ...zulip, site: 'http://zulip.example' }, { api_key: 'k' })).rejects.toThrow(
      'the Zulip site must be an https:// address',
    );
    await expect(save(users.owner, null, 'zulip', 'Zulip', { ...zulip, stream: '' }, { api_key: 'k' })).rejects.toThrow('the Zulip stream needs a name');
    await expect(save(users.owner, null, 'zulip', 'Zulip', { ...zulip, bot_email: 'bot' }, { api_key: 'k' })).rejects.toThrow('the Zulip bot email is not an email');
    await expect(save(users.owner, null, 'zulip', 'Zulip', zulip, { api_key: '' })).rejects.toThrow("Zulip needs the bot's API key");
    // A stand-in server on this machine is allowed (tests).
    await save(users.owner, null, 'rocketchat', 'Local', {}, { webhook_url: 'http://127.0.0.1:3000/hooks/a/b' });

    const [saved] = await save(users.owner, null, 'zulip', 'Zulip', { ...zulip, extra: 'dropped' }, { api_key: 'zulip-key-1' });
    expect(await db.query('select config from public.connector where id = $1', [saved?.id])).toEqual([
      { config: { site: 'https://northwind.zulipchat.com', stream: 'incidents', bot_email: 'muster-bot@northwind.zulipchat.com' } },
    ]);
    // Saving again without a secret keeps it; with one replaces it and clears the last error.
    await db.query(`update public.connector set last_error = 'Zulip refused the API key', last_error_at = now() where id = $1`, [saved?.id]);
    await save(users.owner, saved?.id as string, 'zulip', 'Zulip (renamed)', zulip, null);
    expect(await secretOf(saved?.id as string)).toEqual({ api_key: 'zulip-key-1' });
    expect((await db.query('select last_error from public.connector where id = $1', [saved?.id]))[0]?.last_error).toBe('Zulip refused the API key');
    await save(users.owner, saved?.id as string, 'zulip', 'Zulip (renamed)', zulip, { api_key: 'zulip-key-2' });
    expect(await secretOf(saved?.id as string)).toEqual({ api_key: 'zulip-key-2' });
    expect(await db.query('select name, last_error from public.connector where id = $1', [saved?.id])).toEqual([{ name: 'Zulip (renamed)', last_error: null }]);
    // The kind of a connector never changes, and another workspace's connector is not saved over.
    await expect(save(users.owner, saved?.id as string, 'mattermost', 'M', {}, { webhook_url: 'https://a.example/hooks/b' })).rejects.toThrow('another kind');
    await expect(
      db.asUser(users.outsider, (q) => q('select public.save_connector($1, $2, $3, $4, $5::jsonb, $6::jsonb)', [WS_B, saved?.id, 'zulip', 'Taken', JSON.stringify(zulip), '{"api_key":"x"}'])),
    ).rejects.toThrow('another workspace');
  });

  it('lists connectors to every member with has_secret and their health, never a secret, and to outsiders nothing', async () => {
    const listed = await list(users.viewer);
    expect(listed.find((c) => c.id === rows.connector)).toEqual({
      id: rows.connector,
      kind: 'mattermost',
      name: 'Ops chat',
      config: {},
      has_secret: true,
      last_ok_at: null,
      last_error: null,
      last_error_at: null,
    });
    expect(JSON.stringify(listed)).not.toMatch(/fixture-secret-key|xyz123secret|zulip-key|hooks/);
    expect(await list(users.outsider)).toEqual([]);
    await expect(db.asUser(users.owner, (q) => q('select secret from public.connector_secret'))).rejects.toThrow('permission denied for table connector_secret');
  });

  it('lets owners and communication owners remove a connector with its secret, keeping its dispatches', async () => {
    const [saved] = await save(users.owner, null, 'mattermost', 'Old chat', {}, { webhook_url: 'https://old.example/hooks/k' });
    const id = saved?.id as string;
    await insertRow(db.query, 'connector_dispatch', { id: crypto.randomUUID(), workspace_id: WS_A, connector_id: id, source: 'test', status: 'sent', attempts: 1 });
    await expect(db.asUser(users.responder, (q) => q('select public.delete_connector($1)', [id]))).rejects.toThrow('only owners and communication owners can remove connectors');
    await db.asUser(users.comm_owner, (q) => q('select public.delete_connector($1)', [id]));
    await db.asUser(users.comm_owner, (q) => q('select public.delete_connector($1)', [id]));
    expect(await db.query('select count(*)::int as n from public.connector_secret where connector_id = $1', [id])).toEqual([{ n: 0 }]);
    expect(await db.query('select count(*)::int as n from public.connector_dispatch where workspace_id = $1 and connector_id is null', [WS_A])).toEqual([{ n: 1 }]);
  });

  it("tells the function who may post and pauses chat when the incident marks chat or the identity provider compromised", async () => {
    const access = async (userId: string, incident: string | null = INCIDENT) =>
      (await db.asUser(userId, (q) => q('select public.connector_dispatch_access($1, $2) as access', [rows.connector, incident])))[0]?.access;
    for (const role of ['owner', 'comm_owner', 'responder'] as const) {
      expect(await access(users[role])).toEqual({ user_id: users[role], workspace_id: WS_A, allowed: true, paused: false });
    }
    expect(await access(users.approver)).toMatchObject({ allowed: false });
    expect(await access(users.viewer)).toMatchObject({ allowed: false });
    expect(await access(users.outsider)).toBeNull();

    const mark = (channel: string, state: string) =>
      db.asUser(users.responder, (q) => insertRow(q, 'channel_state', { id: crypto.randomUUID(), workspace_id: WS_A, incident_id: INCIDENT, channel, state }));
    await mark('identity_provider', 'compromised');
    expect(await access(users.owner)).toMatchObject({ paused: true });
    expect(await access(users.owner, null)).toMatchObject({ paused: false });
    await mark('identity_provider', 'safe');
    expect(await access(users.owner)).toMatchObject({ paused: false });
    await mark('chat', 'compromised');
    expect(await access(users.owner)).toMatchObject({ paused: true });
  });

  it('keeps the dispatch RPCs that read secrets and record outcomes to the function', async () => {
    await expect(db.asUser(users.owner, (q) => q('select public.connector_dispatch_start($1, $2)', [crypto.randomUUID(), rows.connector]))).rejects.toThrow(
      'permission denied for function connector_dispatch_start',
    );
    const record = (q: (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>, dispatchId: string, status: string, error: string | null) =>
      q('select public.connector_dispatch_record($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) as row', [
        dispatchId, rows.connector, INCIDENT, 'leadership_update', status, status === 'sent' ? '42' : null, null, 2, status === 'sent' ? 200 : 404, error, users.owner,
      ]);
    await expect(db.asUser(users.owner, (q) => record(q, crypto.randomUUID(), 'sent', null))).rejects.toThrow('permission denied for function connector_dispatch_record');

    const started = await db.asService((q) => q('select public.connector_dispatch_start($1, $2) as start', [crypto.randomUUID(), rows.connector]));
    expect(started[0]?.start).toEqual({ previous: null, kind: 'mattermost', name: 'Ops chat', config: {}, secret: { webhook_url: 'https://chat.example/hooks/fixture-secret-key' } });

    const failedId = crypto.randomUUID();
    await db.asService((q) => record(q, failedId, 'failed', 'Mattermost answered 404: check the webhook URL.'));
    expect(await db.query('select last_error, last_error_at is not null as stamped from public.connector where id = $1', [rows.connector])).toEqual([
      { last_error: 'Mattermost answered 404: check the webhook URL.', stamped: true },
    ]);
    const sentId = crypto.randomUUID();
    const [first] = await db.asService((q) => record(q, sentId, 'sent', null));
    expect(first?.row).toMatchObject({ id: sentId, workspace_id: WS_A, status: 'sent', remote_id: '42', attempts: 2, last_status: 200, created_by: users.owner });
    // A second record of the same id changes nothing and answers the first outcome.
    const [again] = await db.asService((q) => record(q, sentId, 'failed', 'late duplicate'));
    expect(again?.row).toMatchObject({ id: sentId, status: 'sent', error: null });
    const replay = await db.asService((q) => q('select public.connector_dispatch_start($1, $2) as start', [sentId, rows.connector]));
    expect((replay[0]?.start as { previous: unknown }).previous).toMatchObject({ id: sentId, status: 'sent', remote_id: '42' });
    expect((await db.query('select last_ok_at is not null as ok from public.connector where id = $1', [rows.connector]))[0]?.ok).toBe(true);
  });
  it('sets up Cachet 2.x and 3.x status pages with a site, an incident status (default 2, identified) and a token', async () => {
    await expect(save(users.owner, null, 'cachet2', 'Status', { site: 'http://status.example' }, { token: 't' })).rejects.toThrow('the Cachet site must be an https:// address');
    await expect(save(users.owner, null, 'cachet3', 'Status', { site: 'https://status.example', status: 0 }, { token: 't' })).rejects.toThrow(
      'the Cachet incident status is 1 (investigating) to 4 (fixed)',
    );
    await expect(save(users.owner, null, 'cachet3', 'Status', { site: 'https://status.example' }, { token: ' ' })).rejects.toThrow('Cachet needs an API token');
    await expect(save(users.owner, null, 'cachet2', 'Status', { site: 'https://status.example' }, null)).rejects.toThrow('Cachet needs its secret the first time');
    const [v2] = await save(users.owner, null, 'cachet2', 'Status page', { site: 'https://status.example/', token: 'not here' }, { token: 'cachet-token-1' });
    const [v3] = await save(users.comm_owner, null, 'cachet3', 'Status page 3', { site: 'https://status3.example', status: '4' }, { token: 'cachet-key-3' });
    expect(await db.query('select kind, config from public.connector where id = any($1) order by kind', [[v2?.id, v3?.id]])).toEqual([
      { kind: 'cachet2', config: { site: 'https://status.example', status: 2 } },
      { kind: 'cachet3', config: { site: 'https://status3.example', status: 4 } },
    ]);
    expect(await secretOf(v2?.id as string)).toEqual({ token: 'cachet-token-1' });
    expect(JSON.stringify(await list(users.viewer))).not.toContain('cachet-token-1');
    // Chat being compromised does not pause a status page (an earlier test marked it so).
    const access = await db.asUser(users.owner, (q) => q('select public.connector_dispatch_access($1, $2) as access', [v2?.id, INCIDENT]));
    expect(access[0]?.access).toMatchObject({ allowed: true, paused: false });
    // The log takes a published statement.
    await insertRow(db.query, 'connector_dispatch', { id: crypto.randomUUID(), workspace_id: WS_A, connector_id: v2?.id, source: 'statement', status: 'sent', attempts: 1 });
  });
});
