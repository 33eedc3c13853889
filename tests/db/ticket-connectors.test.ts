import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, openTestDatabase, type Query, type TestDatabase } from './database';
import { INCIDENT, WS_A, seedWorkspaces, users } from './fixtures';

/**
 * Ticket and case tools (Zammad, osTicket, GLPI, Jira SM, TheHive) and evidence storage
 * (Nextcloud): an owner sets them up with settings checked per kind; the tickets and uploads
 * the functions record are listed per incident for every member, and nobody else.
 */
describe.each(backends)('ticket and storage connectors on %s', (backend) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(backend);
    await seedWorkspaces(db);
  }, 60_000);
  afterAll(() => db?.close());

  const save = (kind: string, config: unknown, secret: unknown, id: string | null = null, userId: string = users.owner) =>
    db.asUser(userId, (q) =>
      q('select public.save_connector($1, $2, $3, $4, $5::jsonb, $6::jsonb) as id', [
        WS_A,
        id,
        kind,
        `${kind} desk`,
        JSON.stringify(config),
        secret === null ? null : JSON.stringify(secret),
      ]),
    ).then((result) => result[0]?.id as string);
  const configOf = async (id: string) => (await db.query('select config from public.connector where id = $1', [id]))[0]?.config;
  const secretOf = async (id: string) => (await db.query('select secret from public.connector_secret where connector_id = $1', [id]))[0]?.secret;

  const valid: Record<string, { config: Record<string, string>; secret: Record<string, string>; stored: Record<string, unknown> }> = {
    zammad: {
      config: { site: 'https://tickets.northwind.example/', group: ' IT Security ', customer: 'it@northwind.example' },
      secret: { token: 'zammad-token-1' },
      stored: { site: 'https://tickets.northwind.example', group: 'IT Security', customer: 'it@northwind.example' },
    },
    osticket: {
      config: { site: 'https://help.northwind.example', name: 'Muster', email: 'muster@northwind.example' },
      secret: { api_key: 'ABCDEF0123' },
      stored: { site: 'https://help.northwind.example', name: 'Muster', email: 'muster@northwind.example' },
    },
    glpi: {
      config: { site: 'https://glpi.northwind.example', ignored: 'x' },
      secret: { app_token: 'app-1', user_token: 'user-1' },
      stored: { site: 'https://glpi.northwind.example' },
    },
    jira_sm: {
      config: { site: 'https://northwind.atlassian.net', email: 'ops@northwind.example', service_desk_id: '4', request_type_id: '12' },
      secret: { api_token: 'jira-token' },
      stored: { site: 'https://northwind.atlassian.net', email: 'ops@northwind.example', service_desk_id: '4', request_type_id: '12' },
    },
    thehive: {
      config: { site: 'https://thehive.northwind.example', organisation: '' },
      secret: { api_key: 'hive-key' },
      stored: { site: 'https://thehive.northwind.example', organisation: '' },
    },
    nextcloud: {
      config: { site: 'https://cloud.northwind.example', user: 'muster', folder: '/Incidents/Evidence/' },
      secret: { app_password: 'aaaaa-bbbbb-ccccc' },
      stored: { site: 'https://cloud.northwind.example', user: 'muster', folder: 'Incidents/Evidence' },
    },
  };

  it('stores each kind\'s settings normalised, and its secret where members cannot read it', async () => {
    for (const [kind, { config, secret, stored }] of Object.entries(valid)) {
      const id = await save(kind, config, secret);
      expect(await configOf(id), kind).toEqual(stored);
      expect(await secretOf(id), kind).toEqual(secret);
      const listed = (await db.asUser(users.viewer, (q) => q('select public.list_connectors($1) as list', [WS_A])))[0]?.list as Record<string, unknown>[];
      expect(JSON.stringify(listed)).not.toContain(Object.values(secret)[0]);
      expect(listed.find((connector) => connector.id === id)).toMatchObject({ kind, has_secret: true });
    }
    // Nextcloud's folder defaults to "Muster".
    const id = await save('nextcloud', { site: 'https://cloud.northwind.example', user: 'muster' }, { app_password: 'p' });
    expect(await configOf(id)).toMatchObject({ folder: 'Muster' });
  });

  it('refuses settings a tool cannot work with, saying what to fix', async () => {
    const refusals: [string, Record<string, string>, Record<string, string> | null, string][] = [
      ['zammad', { ...valid.zammad!.config, site: 'http://tickets.northwind.example' }, valid.zammad!.secret, 'the Zammad site must be an https:// address'],
      ['zammad', { ...valid.zammad!.config, group: '' }, valid.zammad!.secret, 'Zammad needs the group new tickets go to'],
      ['zammad', { ...valid.zammad!.config, customer: 'it' }, valid.zammad!.secret, 'the Zammad customer must be an email address'],
      ['zammad', valid.zammad!.config, { token: '' }, 'Zammad needs an access token'],
      ['osticket', { ...valid.osticket!.config, email: 'x' }, valid.osticket!.secret, 'the osTicket email is not an email address'],
      ['osticket', valid.osticket!.config, null, 'osTicket needs its secret the first time'],
      ['glpi', valid.glpi!.config, { app_token: 'a' }, 'GLPI needs your user API token'],
      ['jira_sm', { ...valid.jira_sm!.config, service_desk_id: 'HELP' }, valid.jira_sm!.secret, 'the Jira service desk id and request type id are numbers'],
      ['jira_sm', { ...valid.jira_sm!.config, email: '' }, valid.jira_sm!.secret, "Jira Service Management needs the email of the API token's account"],
      ['thehive', { ...valid.thehive!.config, site: 'https://thehive.example/?x=1' }, valid.thehive!.secret, 'the TheHive site must be an https:// address'],
      ['nextcloud', { ...valid.nextcloud!.config, folder: 'Evidence/../../etc' }, valid.nextcloud!.secret, 'without ".."'],
      ['nextcloud', { ...valid.nextcloud!.config, user: 'a b' }, valid.nextcloud!.secret, 'Nextcloud needs the user name'],
      ['nextcloud', valid.nextcloud!.config, { app_password: ' ' }, 'Nextcloud needs an app password'],
    ];
    for (const [kind, config, secret, message] of refusals) {
      await expect(save(kind, config, secret), message).rejects.toThrow(message);
    }
    // Only owners and communication owners set connectors up.
    await expect(save('zammad', valid.zammad!.config, valid.zammad!.secret, null, users.responder)).rejects.toThrow(
      'only owners and communication owners can set up connectors',
    );
  });

  it('keeps the stored secret when an edit leaves it out', async () => {
    const id = await save('glpi', valid.glpi!.config, valid.glpi!.secret);
    await save('glpi', { site: 'https://glpi2.northwind.example' }, null, id);
    expect(await configOf(id)).toEqual({ site: 'https://glpi2.northwind.example' });
    expect(await secretOf(id)).toEqual(valid.glpi!.secret);
  });

  it('lists an incident\'s sent tickets and uploads to members only, without secrets or failures', async () => {
    const zammad = await save('zammad', valid.zammad!.config, valid.zammad!.secret);
    const nextcloud = await save('nextcloud', valid.nextcloud!.config, valid.nextcloud!.secret);
    const entry = crypto.randomUUID();
    const record = (q: Query, connector: string, source: string, status: string, extra: { label?: string; subject?: string; warning?: string } = {}) =>
      q('select public.connector_dispatch_record($1, $2, $3, $4, $5, $6, $7, 1, 201, $8, $9, $10, $11, $12) as row', [
        crypto.randomUUID(),
        connector,
        INCIDENT,
        source,
        status,
        status === 'sent' ? '17' : null,
        status === 'sent' ? 'https://tickets.northwind.example/#ticket/zoom/17' : null,
        status === 'sent' ? null : 'Zammad refused the credentials (HTTP 401)',
        users.responder,
        extra.label ?? null,
        extra.subject ?? null,
        extra.warning ?? null,
      ]);
    await expect(db.asUser(users.owner, (q) => record(q, zammad, 'ticket', 'sent'))).rejects.toThrow('permission denied for function connector_dispatch_record');
    await db.asService((q) => record(q, zammad, 'ticket', 'sent', { label: '31001', subject: `entry:${entry}`, warning: 'The attachment was not sent.' }));
    await db.asService((q) => record(q, zammad, 'ticket', 'failed', { subject: 'incident' }));
    await db.asService((q) => record(q, nextcloud, 'evidence', 'sent', { label: 'INC-2026-004-log.zip', subject: 'incident' }));
    await db.asService((q) => record(q, zammad, 'leadership_update', 'sent'));
    await db.asService((q) => record(q, zammad, 'statement', 'sent', { subject: 'statement:st-1:v1' }));
    await expect(db.asService((q) => record(q, zammad, 'ticket', 'sent', { subject: 'somewhere' }))).rejects.toThrow('connector_dispatch_subject_check');

    const listFor = async (userId: string) =>
      (await db.asUser(userId, (q) => q('select public.incident_tickets($1) as list', [INCIDENT])))[0]?.list as Record<string, unknown>[];
    const listed = await listFor(users.viewer);
    expect(listed.map((ticket) => [ticket.kind, ticket.source, ticket.remote_label, ticket.subject])).toEqual([
      ['zammad', 'ticket', '31001', `entry:${entry}`],
      ['nextcloud', 'evidence', 'INC-2026-004-log.zip', 'incident'],
      ['zammad', 'statement', null, 'statement:st-1:v1'],
    ]);
    expect(listed[0]).toMatchObject({ connector_name: 'zammad desk', warning: 'The attachment was not sent.', remote_url: 'https://tickets.northwind.example/#ticket/zoom/17' });
    expect(JSON.stringify(listed)).not.toContain('zammad-token');
    expect(await listFor(users.outsider)).toEqual([]);
  });
});
