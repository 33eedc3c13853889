import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import type { ContactImportRecord } from '../../src/domain/contact-import/import-record';
import { DEMO_WORKSPACE_ID, demoContacts, demoIncident, demoSettings } from '../../src/domain/demo-workspace';
import { sealEntry } from '../../src/domain/hash-chain';
import type { LogEntry } from '../../src/domain/log-entry';
import { playbookTemplatesFor } from '../../src/domain/playbook-templates';
import type { TeamAlert } from '../../src/domain/team-alert';
import { appendLogEntry, countLog, listLogPage, verifyIncidentLog } from '../../src/store/log-repository';
import { DB_VERSION, createVersion1, openMusterDB } from '../../src/store/open-database';
import { outboxSummary } from '../../src/store/outbox';
import type { MusterDBv1, OutboxRow } from '../../src/store/schema';
import { listContacts, listIncidents, listTemplates, readSettings } from '../../src/store/workspace-repository';
import { completeFields, entryMeta, quickFields } from './log-entry-fixtures';
import { openTestDatabase } from './test-database';

const NOW = '2026-03-02T09:00:00.000Z';
const INCIDENT = 'INC-2026-001';

/** How the first prototype stored an entry: sealed the same way, but without the `follow_up` flag. */
type Version1Entry = Omit<LogEntry, 'follow_up'>;

async function version1Entries(): Promise<Version1Entry[]> {
  const meta = { workspace_id: DEMO_WORKSPACE_ID };
  const first = await sealEntry(
    completeFields({ incident_id: INCIDENT, follow_up_required: 'Call the insurer back by 14:00.' }),
    entryMeta(meta),
    null,
  );
  const second = await sealEntry(quickFields({ incident_id: INCIDENT, communication_type: 'decision' }), entryMeta(meta), first);
  return [first, second].map(({ follow_up, ...stored }) => stored);
}

function outboxRowFor(entry: Version1Entry, createdAt: string): OutboxRow {
  return {
    id: entry.id,
    workspace_id: entry.workspace_id,
    table: 'log_entry',
    op: 'insert',
    payload: entry as LogEntry,
    created_at: createdAt,
    attempts: 2,
    last_error: 'Offline',
  };
}

/** A phone that ran the first prototype: a real version-1 database with data in every store. */
async function createVersion1Phone(name: string, entries: Version1Entry[]): Promise<void> {
  const v1 = await openDB<MusterDBv1>(name, 1, {
    upgrade(db) {
      createVersion1(db);
    },
  });
  const tx = v1.transaction(['settings', 'incidents', 'contacts', 'templates', 'log', 'outbox'], 'readwrite');
  await Promise.all([
    tx.objectStore('settings').put(demoSettings(), 'workspace'),
    tx.objectStore('incidents').put(demoIncident(NOW)),
    ...demoContacts(NOW).map((contact) => tx.objectStore('contacts').put(contact)),
    ...playbookTemplatesFor(DEMO_WORKSPACE_ID, NOW).map((template) => tx.objectStore('templates').put(template)),
    ...entries.map((entry) => tx.objectStore('log').put(entry)),
    ...entries.map((entry, index) => tx.objectStore('outbox').put(outboxRowFor(entry, `2026-03-02T09:0${index + 1}:00.000Z`))),
    tx.done,
  ]);
  v1.close();
}

describe('upgrading a phone from the first prototype (version 1)', () => {
  it('keeps every setting, incident, contact, template, entry and waiting change', async () => {
    const name = `t-${crypto.randomUUID()}`;
    const entries = await version1Entries();
    await createVersion1Phone(name, entries);

    const db = await openMusterDB(name);

    expect(db.version).toBe(DB_VERSION);
    expect(await readSettings(db)).toEqual(demoSettings());
    expect(await listIncidents(db, DEMO_WORKSPACE_ID)).toEqual([demoIncident(NOW)]);
    expect(await listContacts(db, DEMO_WORKSPACE_ID)).toHaveLength(demoContacts(NOW).length);
    expect(await listTemplates(db, DEMO_WORKSPACE_ID)).toHaveLength(5);
    expect(await countLog(db, DEMO_WORKSPACE_ID, INCIDENT, {})).toBe(2);
    expect(await outboxSummary(db)).toEqual({ waiting: 2, oldestAt: '2026-03-02T09:01:00.000Z', rejected: 0 });
    expect(await db.get('outbox', entries[0]?.id as string)).toMatchObject({ attempts: 2, last_error: 'Offline' });
    db.close();
  });

  it('marks the old entry that asked for follow-up, and only that one', async () => {
    const name = `t-${crypto.randomUUID()}`;
    const entries = await version1Entries();
    await createVersion1Phone(name, entries);

    const db = await openMusterDB(name);

    const [withFollowUp, without] = entries as [Version1Entry, Version1Entry];
    expect((await db.get('log', withFollowUp.id))?.follow_up).toBe(1);
    expect((await db.get('log', without.id))?.follow_up).toBe(0);
    const followUps = await listLogPage(db, DEMO_WORKSPACE_ID, INCIDENT, { followUpOnly: true }, { limit: 50 });
    expect(followUps.entries.map((entry) => entry.id)).toEqual([withFollowUp.id]);
    const decisions = await listLogPage(db, DEMO_WORKSPACE_ID, INCIDENT, { type: 'decision' }, { limit: 50 });
    expect(decisions.entries.map((entry) => entry.id)).toEqual([without.id]);
    db.close();
  });

  it('still verifies the old entries as an intact chain after the upgrade', async () => {
    const name = `t-${crypto.randomUUID()}`;
    await createVersion1Phone(name, await version1Entries());

    const db = await openMusterDB(name);

    expect(await verifyIncidentLog(db, DEMO_WORKSPACE_ID, INCIDENT)).toEqual({ intact: true, checked: 2 });
    db.close();
  });
});

describe('upgrading a phone from version 2 (before chain tips were kept)', () => {
  /** A real version-2 database: the released upgrade code run up to version 2, then entries appended as v2 did. */
  async function createVersion2Phone(name: string): Promise<LogEntry[]> {
    const v2 = await openMusterDB(name, 2);
    const entries: LogEntry[] = [];
    for (const summary of ['Bridge opened', 'MSP called', 'Insurer notified']) {
      const entry = await sealEntry(quickFields({ incident_id: INCIDENT, message_summary: summary }), entryMeta({ workspace_id: DEMO_WORKSPACE_ID }), entries.at(-1) ?? null);
      await v2.add('log', entry);
      entries.push(entry);
    }
    v2.close();
    return entries;
  }

  it('records where each chain ends, so the next entry continues it and Verify stays intact', async () => {
    const name = `t-${crypto.randomUUID()}`;
    const entries = await createVersion2Phone(name);

    const db = await openMusterDB(name);

    const last = entries.at(-1) as LogEntry;
    expect(await db.get('chain-tips', [DEMO_WORKSPACE_ID, INCIDENT])).toEqual({
      workspace_id: DEMO_WORKSPACE_ID,
      incident_id: INCIDENT,
      hash: last.hash,
      local_seq: 3,
      counts: { total: 3, follow_up: 0, by_type: { vendor_request: 3 }, by_type_follow_up: {} },
    });
    expect(await countLog(db, DEMO_WORKSPACE_ID, INCIDENT, { type: 'vendor_request' })).toBe(3);
    const next = await appendLogEntry(db, quickFields({ incident_id: INCIDENT, message_summary: 'Leadership updated' }), {
      workspace_id: DEMO_WORKSPACE_ID,
      author: 'Tom Becker',
      corrects: null,
    });
    expect(next).toMatchObject({ local_seq: 4, prev_hash: last.hash });
    expect(await verifyIncidentLog(db, DEMO_WORKSPACE_ID, INCIDENT)).toEqual({ intact: true, checked: 4 });
    db.close();
  });

  it('goes through version 2 and 3 in turn from version 1, ending with the same chain tips', async () => {
    const name = `t-${crypto.randomUUID()}`;
    const entries = await version1Entries();
    await createVersion1Phone(name, entries);

    const db = await openMusterDB(name);

    expect((await db.get('chain-tips', [DEMO_WORKSPACE_ID, INCIDENT]))?.local_seq).toBe(2);
    db.close();
  });
});

describe('upgrading a phone from version 7 (before tickets were kept)', () => {
  it('keeps the data of every store and adds an empty tickets store', async () => {
    const name = `t-${crypto.randomUUID()}`;
    const v7 = await openMusterDB(name, 7);
    const entry = await sealEntry(quickFields({ incident_id: INCIDENT, message_summary: 'Bridge opened' }), entryMeta({ workspace_id: DEMO_WORKSPACE_ID }), null);
    const alert: TeamAlert = { id: 'a1', workspace_id: DEMO_WORKSPACE_ID, incident_id: INCIDENT, title: 'Move to the phone bridge', raised_at: NOW, raised_here: true, repeat_minutes: 5, max_repeats: 3, dispatched: true, acked_at: null, status: null };
    const contactImport: ContactImportRecord = { id: 'i1', workspace_id: DEMO_WORKSPACE_ID, file_name: 'team.csv', format: 'csv', imported_at: NOW, imported_by: 'Tom Becker', added: [], updated: [], skipped: 0, malformed: 0, incident_id: null, log_entry_id: null, undone_at: null };
    await v7.put('settings', demoSettings(), 'workspace');
    await v7.put('incidents', demoIncident(NOW));
    await appendLogEntry(v7, quickFields({ incident_id: INCIDENT, message_summary: 'Bridge opened' }), { workspace_id: DEMO_WORKSPACE_ID, author: 'Tom Becker', corrects: null });
    await v7.put('pulled', { ...entry, seq: 1, recorded_at: NOW, recorded_by: null, chain_hash: entry.hash });
    await v7.put('alerts', alert);
    await v7.put('contact-imports', contactImport);
    v7.close();

    const db = await openMusterDB(name);

    expect(db.version).toBe(DB_VERSION);
    expect(await readSettings(db)).toEqual(demoSettings());
    expect(await listIncidents(db, DEMO_WORKSPACE_ID)).toEqual([demoIncident(NOW)]);
    expect(await countLog(db, DEMO_WORKSPACE_ID, INCIDENT, {})).toBe(1);
    expect(await verifyIncidentLog(db, DEMO_WORKSPACE_ID, INCIDENT)).toEqual({ intact: true, checked: 1 });
    expect(await db.get('pulled', entry.id)).toMatchObject({ seq: 1, message_summary: 'Bridge opened' });
    expect(await db.get('alerts', 'a1')).toEqual(alert);
    expect(await db.get('contact-imports', 'i1')).toEqual(contactImport);
    expect(await outboxSummary(db)).toMatchObject({ waiting: 1 });
    expect(await db.count('tickets')).toBe(0);
    db.close();
  });
});

describe('installing on a new phone', () => {
  it('creates every store and index the app reads', async () => {
    const db = await openTestDatabase();
    const stores = ['settings', 'incidents', 'contacts', 'templates', 'log', 'outbox', 'chain-tips', 'rejected', 'pulled', 'sync-state', 'records', 'call-trees', 'call-runs', 'checkoffs', 'alerts', 'contact-imports', 'tickets'] as const;
    const tx = db.transaction([...stores], 'readonly');
    const indexesOf = (store: (typeof stores)[number]) => [...tx.objectStore(store).indexNames].sort();

    expect(db.version).toBe(8);
    expect([...db.objectStoreNames].sort()).toEqual([
      'alerts', 'call-runs', 'call-trees', 'chain-tips', 'checkoffs', 'contact-imports', 'contacts', 'incidents', 'log', 'outbox', 'pulled', 'records', 'rejected', 'settings', 'sync-state', 'templates', 'tickets',
    ]);
    expect(indexesOf('tickets')).toEqual(['by-incident', 'by-subject']);
    expect(tx.objectStore('tickets').keyPath).toBe('id');
    expect(tx.objectStore('tickets').index('by-incident').keyPath).toEqual(['workspace_id', 'incident_id']);
    expect(tx.objectStore('tickets').index('by-subject').keyPath).toEqual(['workspace_id', 'incident_id', 'subject']);
    expect(indexesOf('contact-imports')).toEqual(['by-workspace']);
    expect(tx.objectStore('contact-imports').keyPath).toBe('id');
    expect(indexesOf('call-trees')).toEqual(['by-workspace']);
    expect(indexesOf('call-runs')).toEqual(['by-incident']);
    expect(indexesOf('checkoffs')).toEqual(['by-run']);
    expect(indexesOf('alerts')).toEqual(['by-incident']);
    expect(tx.objectStore('alerts').index('by-incident').keyPath).toEqual(['workspace_id', 'incident_id']);
    expect(tx.objectStore('call-runs').index('by-incident').keyPath).toEqual(['workspace_id', 'incident_id']);
    expect(indexesOf('records')).toEqual(['by-incident']);
    expect(indexesOf('chain-tips')).toEqual(['by-workspace']);
    expect(indexesOf('rejected')).toEqual(['by-workspace']);
    expect(indexesOf('settings')).toEqual([]);
    expect(indexesOf('incidents')).toEqual(['by-workspace']);
    expect(indexesOf('contacts')).toEqual(['by-workspace']);
    expect(indexesOf('templates')).toEqual(['by-workspace']);
    expect(indexesOf('log')).toEqual(['by-corrects', 'by-follow-up', 'by-incident', 'by-type']);
    expect(indexesOf('outbox')).toEqual(['by-created', 'by-workspace', 'in-log-order']);
    expect(indexesOf('pulled')).toEqual(['by-incident-seq']);
    expect(indexesOf('sync-state')).toEqual([]);
    expect(tx.objectStore('pulled').keyPath).toBe('id');
    expect(tx.objectStore('sync-state').keyPath).toBe('workspace_id');
    expect(tx.objectStore('log').index('by-incident').unique).toBe(true);
    db.close();
  });
});
