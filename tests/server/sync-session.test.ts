// The app's session with the backend, as Settings and the sync triggers use it: phones
// (fake-indexeddb) with the app's store code, unmodified supabase-js in Node, the embedded
// backend with the real migrations and seed.

import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { myCalls, runState, type CallTree } from '../../src/domain/call-tree';
import type { WorkspaceSettings } from '../../src/domain/workspace';
import { listCallTrees, readRun, recordCheckoff, saveCallTree, startRun } from '../../src/store/call-runs';
import { ensureWorkspace } from '../../src/store/first-run';
import { joinServerWorkspace } from '../../src/store/link-workspace';
import { appendLogEntry } from '../../src/store/log-repository';
import { openMusterDB, type MusterDatabase } from '../../src/store/open-database';
import { listRejected, outboxSummary } from '../../src/store/outbox';
import { listIncidents, openIncident, readSettings } from '../../src/store/workspace-repository';
import { createSyncSession, SignInError, type SyncSession } from '../../src/sync/sync-session';
import { quickFields } from '../unit/log-entry-fixtures';
import { backends, startMusterUnderTest, supabaseClient, type MusterUnderTest } from './muster-under-test';

const WORKSPACE = '00000000-0000-4000-8000-0000000000aa';
const PASSWORD = 'correct horse battery';

interface Phone {
  db: MusterDatabase;
  session: SyncSession;
  settings(): Promise<WorkspaceSettings>;
  log(incidentId: string, summary: string): Promise<string>;
}

describe.each(backends)('the app’s sync session on %s', (backend) => {
  let muster: MusterUnderTest;

  async function phone(email: string): Promise<Phone> {
    const db = await openMusterDB(`session-${crypto.randomUUID()}`);
    await ensureWorkspace(db);
    const session = createSyncSession(supabaseClient(muster.url, muster.anonKey), () => 0.5);
    const account = await session.signUp(email, PASSWORD);
    const [workspace] = await session.workspaces();
    if (!workspace) throw new Error(`${email} is in no workspace`);
    await joinServerWorkspace(db, workspace, { backend_url: muster.base, backend_anon_key: muster.anonKey, account });
    const settings = async () => (await readSettings(db)) as WorkspaceSettings;
    return {
      db,
      session,
      settings,
      async log(incidentId, summary) {
        const entry = await appendLogEntry(db, quickFields({ incident_id: incidentId, message_summary: summary }), { workspace_id: WORKSPACE, author: email, corrects: null });
        return entry.id;
      },
    };
  }

  let owner: Phone;
  let responder: Phone;

  beforeAll(async () => {
    muster = await startMusterUnderTest(backend, { supabaseDir: 'supabase', seed: true });
    owner = await phone('owner@demo.muster.test');
    responder = await phone('responder@demo.muster.test');
  });
  afterAll(async () => {
    owner?.db.close();
    responder?.db.close();
    await muster?.close();
  });

  it('says plainly when the password is wrong', async () => {
    const session = createSyncSession(supabaseClient(muster.url, muster.anonKey));
    await expect(session.signIn('owner@demo.muster.test', 'not the password')).rejects.toThrow(new SignInError('Wrong email or password.'));
  });

  it('brings the seeded incident to a phone that joined, and sends what it logs', async () => {
    expect((await listIncidents(responder.db, WORKSPACE)).map((incident) => incident.id)).toEqual(['INC-2026-004']);
    await responder.log('INC-2026-004', 'Called the MSP');

    const report = await responder.session.run(responder.db, await responder.settings());

    expect(report).toMatchObject({ reason: 'ok', pushed: 1, parked: 0, incidentsRefused: [] });
    expect(await outboxSummary(responder.db)).toMatchObject({ waiting: 0, rejected: 0 });
  });

  it("registers the incident the owner opened offline before sending its entries, and teammates' phones get it", async () => {
    const incident = await openIncident(owner.db, await owner.settings(), 'Ransom note on the file server');
    await owner.log(incident.id, 'Isolated the file server');

    const sent = await owner.session.run(owner.db, await owner.settings());
    expect(sent).toMatchObject({ reason: 'ok', pushed: 1, parked: 0, incidentsRefused: [] });

    const received = await responder.session.run(responder.db, await responder.settings());
    expect(received).toMatchObject({ reason: 'ok', incidentsChanged: 1, pulled: 1 });
    expect((await listIncidents(responder.db, WORKSPACE)).map((each) => each.id).sort()).toEqual(['INC-2026-004', incident.id].sort());
  });

  it("keeps a responder's entries for an incident only they have, refused with a reason they can act on", async () => {
    const incident = await openIncident(responder.db, await responder.settings(), 'Only on this phone');
    const id = await responder.log(incident.id, 'Noted a strange login');

    const report = await responder.session.run(responder.db, await responder.settings());

    expect(report.incidentsRefused).toEqual([{ id: incident.id, reason: 'only owners and communication owners can open incidents' }]);
    expect(report).toMatchObject({ reason: 'ok', parked: 1 });
    const [refused] = await listRejected(responder.db, WORKSPACE);
    expect(refused).toMatchObject({ id, reason: 'the incident is not on the server; an owner or communication owner must open it first, then send again' });
  });

  it('brings a call-tree run the owner started offline to the responder, and each one’s checkoffs to the other', async () => {
    const tree: CallTree = {
      id: crypto.randomUUID(),
      workspace_id: WORKSPACE,
      name: 'Leadership first',
      version: 1,
      nodes: [
        { id: 'ceo', parent_id: null, order: 1, contact_id: 'c-ceo', callers: ['Tom Becker'], backup_contact_ids: [], wait_minutes: 10 },
        { id: 'insurer', parent_id: 'ceo', order: 1, contact_id: 'c-insurer', callers: ['Dana Owner'], backup_contact_ids: ['c-broker'], wait_minutes: 10 },
      ],
    };
    const ownerSettings = await owner.settings();
    const responderSettings = { ...(await responder.settings()), author_name: 'Tom Becker' };
    const { run } = await startRun(owner.db, { ...ownerSettings, author_name: 'Dana Owner' }, tree, 'INC-2026-004');

    expect(await owner.session.run(owner.db, ownerSettings)).toMatchObject({ reason: 'ok', parked: 0, team: { problems: [] } });
    const received = await responder.session.run(responder.db, responderSettings);
    expect(received.team?.changed).toBeGreaterThanOrEqual(1);
    const onResponder = await readRun(responder.db, run.id);
    expect(onResponder?.run).toEqual(run);

    // Tom reaches the CEO on his phone; the insurer's call is released to Dana on hers.
    await recordCheckoff(responder.db, responderSettings, onResponder!.run, { node_id: 'ceo', contact_id: 'c-ceo', method: 'Phone', outcome: 'reached', note: '' }, 'CEO');
    expect(await responder.session.run(responder.db, responderSettings)).toMatchObject({ reason: 'ok', parked: 0 });
    await owner.session.run(owner.db, ownerSettings);
    const onOwner = await readRun(owner.db, run.id);
    const state = runState(onOwner!.run.tree, onOwner!.run, onOwner!.checkoffs, new Date());
    expect(state.nodes.map((node) => node.state)).toEqual(['reached', 'pending']);
    expect(myCalls(state, 'Dana Owner').map((call) => call.node.id)).toEqual(['insurer']);
  });

  it('shares the owner’s call tree with the responder, who may run it but not change it for the team', async () => {
    const tree: CallTree = {
      id: crypto.randomUUID(),
      workspace_id: WORKSPACE,
      name: 'Vendors',
      version: 1,
      nodes: [{ id: 'msp', parent_id: null, order: 1, contact_id: 'c-msp', callers: ['Tom Becker'], backup_contact_ids: [], wait_minutes: 10 }],
    };
    await saveCallTree(owner.db, tree);
    await owner.session.run(owner.db, await owner.settings());
    const received = await responder.session.run(responder.db, await responder.settings());
    expect(received.team?.changed).toBeGreaterThanOrEqual(1);
    expect((await listCallTrees(responder.db, WORKSPACE)).find((each) => each.id === tree.id)).toEqual({ ...tree, synced_version: 1, refused: null });

    await saveCallTree(responder.db, { ...tree, name: 'Vendors (responder’s idea)', version: 2 });
    const refused = await responder.session.run(responder.db, await responder.settings());
    expect(refused.team?.notices).toEqual([
      'Your edit of call tree “Vendors (responder’s idea)” was not shared (your role (responder) cannot change call trees; an owner or communication owner can); it is kept as “Vendors (responder’s idea) (this phone only)”.',
    ]);
    const names = (await listCallTrees(responder.db, WORKSPACE)).map((each) => each.name);
    expect(names).toContain('Vendors');
    expect(names).toContain('Vendors (responder’s idea) (this phone only)');
    const onServer = await muster.database.query('select name, version from public.call_tree where id = $1', [tree.id]);
    expect(onServer.rows).toEqual([{ name: 'Vendors', version: 1 }]);
  });

  it('sends nothing while the account is not a member, and keeps every entry waiting', async () => {
    await muster.database.query('delete from public.member where workspace_id = $1 and user_id = (select id from auth.users where email = $2)', [WORKSPACE, 'responder@demo.muster.test']);
    await responder.log('INC-2026-004', 'Logged after removal');

    const report = await responder.session.run(responder.db, await responder.settings());

    expect(report).toMatchObject({ reason: 'membership', pushed: 0, parked: 0 });
    expect(report.reason === 'membership' && report.message).toMatch(/not a member of “Northwind Demo”/);
    expect(await outboxSummary(responder.db)).toMatchObject({ waiting: 1 });
  });
});
