import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_WORKSPACE_ID, demoContacts } from '../../src/domain/demo-workspace';
import { appendLogEntry, countLog } from '../../src/store/log-repository';
import type { MusterDatabase } from '../../src/store/open-database';
import { outboxSummary } from '../../src/store/outbox';
import { requestPersistentStorage } from '../../src/store/persistence';
import { recordCheckoff, saveCallTree, startRun } from '../../src/store/call-runs';
import { clearDemoWorkspace, ensureWorkspace } from '../../src/store/first-run';
import { raiseAlert } from '../../src/store/team-alerts';
import {
  listContacts,
  listIncidents,
  listTemplates,
  openIncident,
  readSettings,
  removeContact,
  saveContact,
  saveSettings,
} from '../../src/store/workspace-repository';
import { quickFields } from './log-entry-fixtures';
import { openTestDatabase } from './test-database';

let db: MusterDatabase;

beforeEach(async () => {
  db = await openTestDatabase();
});

afterEach(() => {
  db.close();
});

const FIRST_RUN = new Date('2026-03-02T09:00:00.000Z');
const DEMO_INCIDENT = 'INC-2026-001';

describe('first run', () => {
  it('loads the demo workspace so the screens show something real', async () => {
    const settings = await ensureWorkspace(db, FIRST_RUN);

    expect(settings).toMatchObject({ workspace_id: DEMO_WORKSPACE_ID, is_demo: true, current_incident_id: DEMO_INCIDENT, backend_url: null });
    expect(await readSettings(db)).toEqual(settings);
    const incidents = await listIncidents(db, DEMO_WORKSPACE_ID);
    expect(incidents.map((incident) => [incident.id, incident.status])).toEqual([[DEMO_INCIDENT, 'open']]);
    expect(await listContacts(db, DEMO_WORKSPACE_ID)).toHaveLength(demoContacts(FIRST_RUN.toISOString()).length);
    // In the playbook's order: Step 2, 3, 4, 5, 7.
    expect((await listTemplates(db, DEMO_WORKSPACE_ID)).map((template) => template.kind)).toEqual([
      'leadership_update',
      'employee_instructions',
      'vendor_request',
      'insurance_legal_notice',
      'alternate_channel_notice',
    ]);
    expect(await outboxSummary(db)).toEqual({ waiting: 0, oldestAt: null, rejected: 0 });
  });

  it('changes nothing when the app starts again', async () => {
    const first = await ensureWorkspace(db, FIRST_RUN);
    const contactsBefore = await listContacts(db, DEMO_WORKSPACE_ID);
    const incidentsBefore = await listIncidents(db, DEMO_WORKSPACE_ID);

    const second = await ensureWorkspace(db, new Date('2026-03-05T10:00:00.000Z'));

    expect(second).toEqual(first);
    expect(await listContacts(db, DEMO_WORKSPACE_ID)).toEqual(contactsBefore);
    expect(await listIncidents(db, DEMO_WORKSPACE_ID)).toEqual(incidentsBefore);
    expect(await listTemplates(db, DEMO_WORKSPACE_ID)).toHaveLength(5);
  });

  it('keeps settings the user changed when the app starts again', async () => {
    const demo = await ensureWorkspace(db, FIRST_RUN);
    await saveSettings(db, { ...demo, author_name: 'Tom Becker' });

    expect((await ensureWorkspace(db)).author_name).toBe('Tom Becker');
  });
});

describe('clearing the demo', () => {
  async function demoWithEntries() {
    await ensureWorkspace(db, FIRST_RUN);
    const context = { workspace_id: DEMO_WORKSPACE_ID, author: 'Demo responder', corrects: null };
    await appendLogEntry(db, quickFields({ incident_id: DEMO_INCIDENT }), context);
    await appendLogEntry(db, quickFields({ incident_id: DEMO_INCIDENT, communication_type: 'decision' }), context);
    expect(await countLog(db, DEMO_WORKSPACE_ID, DEMO_INCIDENT, {})).toBe(2);
    expect((await outboxSummary(db)).waiting).toBe(2);
  }

  it('removes the demo contacts, incident, log entries and waiting changes', async () => {
    await demoWithEntries();

    await clearDemoWorkspace(db, 'Northwind Dental');

    expect(await listContacts(db, DEMO_WORKSPACE_ID)).toEqual([]);
    expect(await listIncidents(db, DEMO_WORKSPACE_ID)).toEqual([]);
    expect(await listTemplates(db, DEMO_WORKSPACE_ID)).toEqual([]);
    expect(await countLog(db, DEMO_WORKSPACE_ID, DEMO_INCIDENT, {})).toBe(0);
    expect(await db.count('log')).toBe(0);
    expect(await outboxSummary(db)).toEqual({ waiting: 0, oldestAt: null, rejected: 0 });
  });

  it('removes the demo’s call trees, their runs and checkoffs, and its team alerts', async () => {
    const settings = await ensureWorkspace(db, FIRST_RUN);
    const tree = await saveCallTree(db, {
      id: 'tree-demo',
      workspace_id: DEMO_WORKSPACE_ID,
      name: 'Demo tree',
      version: 1,
      nodes: [{ id: 'n1', parent_id: null, order: 1, contact_id: 'c-1', callers: ['Demo responder'], backup_contact_ids: [], wait_minutes: 10 }],
    });
    const { run } = await startRun(db, settings, tree, DEMO_INCIDENT, FIRST_RUN);
    await recordCheckoff(db, settings, run, { node_id: 'n1', contact_id: 'c-1', method: 'Phone', outcome: 'reached', note: '' }, 'Contact', FIRST_RUN);
    await raiseAlert(db, settings, DEMO_INCIDENT, 'Move to the phone bridge', FIRST_RUN);

    await clearDemoWorkspace(db, 'Northwind Dental');

    expect([await db.count('call-trees'), await db.count('call-runs'), await db.count('checkoffs'), await db.count('alerts')]).toEqual([0, 0, 0, 0]);
    expect(await outboxSummary(db)).toEqual({ waiting: 0, oldestAt: null, rejected: 0 });
  });

  it('starts a real workspace with the playbook templates and nothing waiting', async () => {
    await demoWithEntries();

    const settings = await clearDemoWorkspace(db, '  Northwind Dental  ', new Date('2026-03-03T08:00:00.000Z'));

    expect(settings).toMatchObject({ name: 'Northwind Dental', is_demo: false, current_incident_id: null, backend_url: null, author_name: '' });
    expect(settings.workspace_id).not.toBe(DEMO_WORKSPACE_ID);
    expect(await readSettings(db)).toEqual(settings);
    const templates = await listTemplates(db, settings.workspace_id);
    expect(templates).toHaveLength(5);
    expect(templates.every((template) => template.updated_at === '2026-03-03T08:00:00.000Z')).toBe(true);
    expect(await listContacts(db, settings.workspace_id)).toEqual([]);
    expect(await outboxSummary(db)).toEqual({ waiting: 0, oldestAt: null, rejected: 0 });
  });

  it('names the workspace "My company" when no name was typed', async () => {
    await ensureWorkspace(db, FIRST_RUN);

    expect((await clearDemoWorkspace(db, '   ')).name).toBe('My company');
  });

  it('does not bring the demo back on the next start', async () => {
    await ensureWorkspace(db, FIRST_RUN);
    const cleared = await clearDemoWorkspace(db, 'Northwind Dental');

    expect(await ensureWorkspace(db)).toEqual(cleared);
    expect(await listContacts(db, DEMO_WORKSPACE_ID)).toEqual([]);
  });
});

describe('opening an incident', () => {
  it('gives the first incident of a new workspace INC-YYYY-001 and makes it current', async () => {
    await ensureWorkspace(db, FIRST_RUN);
    const settings = await clearDemoWorkspace(db, 'Northwind Dental');

    const incident = await openIncident(db, settings, '  Finance mailbox forwarding rule  ', new Date('2026-04-10T07:30:00.000Z'));

    expect(incident).toMatchObject({
      id: 'INC-2026-001',
      workspace_id: settings.workspace_id,
      title: 'Finance mailbox forwarding rule',
      status: 'open',
      detected_at: '2026-04-10T07:30:00.000Z',
    });
    expect((await readSettings(db))?.current_incident_id).toBe('INC-2026-001');
    expect(await listIncidents(db, settings.workspace_id)).toEqual([incident]);
  });

  it('numbers the next incident after the ones already opened', async () => {
    const demo = await ensureWorkspace(db, FIRST_RUN);

    const second = await openIncident(db, demo, 'Suspicious MFA prompts', new Date('2026-03-04T10:00:00.000Z'));
    const third = await openIncident(db, { ...demo, current_incident_id: second.id }, 'Website defaced', new Date('2026-03-06T10:00:00.000Z'));

    expect([second.id, third.id]).toEqual(['INC-2026-002', 'INC-2026-003']);
    expect((await readSettings(db))?.current_incident_id).toBe('INC-2026-003');
  });
});

describe('editing a contact', () => {
  it('stores the next version of a contact', async () => {
    await ensureWorkspace(db, FIRST_RUN);
    const [insurer] = (await listContacts(db, DEMO_WORKSPACE_ID)).filter((contact) => contact.category === 'cyber_insurance');
    if (!insurer) throw new Error('demo has no insurer');

    await saveContact(db, { ...insurer, notes: 'Notice within 48 hours (policy renewed).', version: insurer.version + 1 });

    expect(await db.get('contacts', insurer.id)).toMatchObject({ notes: 'Notice within 48 hours (policy renewed).', version: 2 });
  });

  it('refuses a save started from an older version, keeping the other tab\'s edit', async () => {
    await ensureWorkspace(db, FIRST_RUN);
    const [insurer] = (await listContacts(db, DEMO_WORKSPACE_ID)).filter((contact) => contact.category === 'cyber_insurance');
    if (!insurer) throw new Error('demo has no insurer');
    await saveContact(db, { ...insurer, notes: 'Edited in the other tab', version: 2 });

    const stale = saveContact(db, { ...insurer, notes: 'Edited here', version: 2 });

    await expect(stale).rejects.toMatchObject({ name: 'StoreError', reason: 'conflict' });
    expect(await db.get('contacts', insurer.id)).toMatchObject({ notes: 'Edited in the other tab', version: 2 });
  });

  it('removes a contact from the list', async () => {
    await ensureWorkspace(db, FIRST_RUN);
    const [first] = await listContacts(db, DEMO_WORKSPACE_ID);
    if (!first) throw new Error('demo has no contacts');

    await removeContact(db, first.id);

    expect((await listContacts(db, DEMO_WORKSPACE_ID)).map((contact) => contact.id)).not.toContain(first.id);
  });
});

describe('asking the browser to keep Muster\'s data', () => {
  /** The browser's StorageManager, reduced to what Muster calls. */
  function fakeStorage(state: { persisted: boolean; grant: boolean }) {
    const calls = { persist: 0 };
    const storage = {
      persisted: async () => state.persisted,
      persist: async () => {
        calls.persist += 1;
        return state.grant;
      },
      estimate: async () => ({ usage: 1_200_000, quota: 300_000_000 }),
    } as unknown as StorageManager;
    return { storage, calls };
  }

  it('reports persisted, with usage and quota, when the browser grants it', async () => {
    const { storage, calls } = fakeStorage({ persisted: false, grant: true });

    expect(await requestPersistentStorage(storage)).toEqual({ persistence: 'persisted', usageBytes: 1_200_000, quotaBytes: 300_000_000 });
    expect(calls.persist).toBe(1);
  });

  it('does not ask again when the data is already persisted', async () => {
    const { storage, calls } = fakeStorage({ persisted: true, grant: false });

    expect((await requestPersistentStorage(storage)).persistence).toBe('persisted');
    expect(calls.persist).toBe(0);
  });

  it('reports not persisted when the browser refuses', async () => {
    const { storage } = fakeStorage({ persisted: false, grant: false });

    expect((await requestPersistentStorage(storage)).persistence).toBe('not-persisted');
  });

  it('reports unsupported when the browser has no persistent storage API', async () => {
    const withoutPersist = { estimate: async () => ({ usage: 1, quota: 2 }) } as unknown as StorageManager;

    expect(await requestPersistentStorage(withoutPersist)).toEqual({ persistence: 'unsupported', usageBytes: null, quotaBytes: null });
  });

  it('reports unknown usage when the browser gives no estimate', async () => {
    const { storage } = fakeStorage({ persisted: true, grant: true });
    const withoutEstimate = { persisted: storage.persisted, persist: storage.persist } as unknown as StorageManager;

    expect(await requestPersistentStorage(withoutEstimate)).toEqual({ persistence: 'persisted', usageBytes: null, quotaBytes: null });
  });
});
