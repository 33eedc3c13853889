import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { guessColumnMapping, importCandidates, openImportFile, planImport, type ImportPlan } from '../../src/domain/contact-import/read-import';
import { contactFromDraft, draftFromContact } from '../../src/domain/contact-draft';
import { demoIncident, DEMO_WORKSPACE_ID } from '../../src/domain/demo-workspace';
import type { Contact } from '../../src/domain/contacts';
import type { WorkspaceSettings } from '../../src/domain/workspace';
import { confirmImport, listImports, undoImport } from '../../src/store/contact-import';
import { ensureWorkspace } from '../../src/store/first-run';
import { countLog } from '../../src/store/log-repository';
import type { MusterDatabase } from '../../src/store/open-database';
import { listContacts, saveContact } from '../../src/store/workspace-repository';
import { openTestDatabase } from './test-database';

const NOW = new Date('2026-03-02T09:00:00.000Z');
const INCIDENT = demoIncident(NOW.toISOString());
let db: MusterDatabase;
let settings: WorkspaceSettings;

beforeEach(async () => {
  db = await openTestDatabase();
  settings = await ensureWorkspace(db, NOW);
});

afterEach(() => db.close());

async function planFixture(): Promise<ImportPlan> {
  const opened = openImportFile(new Uint8Array(readFileSync(new URL('../fixtures/import/contacts-windows-1252.csv', import.meta.url))), 'contacts.csv');
  if (!opened.ok || opened.source.format !== 'csv') throw new Error('fixture not read');
  const read = importCandidates(opened.source, guessColumnMapping(opened.source.table.header), { country: 'US', defaultCategory: 'leadership' });
  if (!read.ok) throw new Error(read.reason);
  return planImport(read.candidates, read.malformed, await listContacts(db, DEMO_WORKSPACE_ID), { workspaceId: DEMO_WORKSPACE_ID, country: 'US', now: NOW });
}

const byId = (contacts: Contact[]) => [...contacts].sort((a, b) => a.id.localeCompare(b.id));

describe('confirming and undoing an import', () => {
  it('changes nothing until confirmed, then adds and updates in one step and logs it in the open incident', async () => {
    const before = await listContacts(db, DEMO_WORKSPACE_ID);
    const plan = await planFixture();
    expect(await listContacts(db, DEMO_WORKSPACE_ID)).toEqual(before);

    const outcome = await confirmImport(db, settings, plan, { name: 'contacts.csv', format: 'csv' }, INCIDENT, NOW);

    const after = await listContacts(db, DEMO_WORKSPACE_ID);
    expect(after).toHaveLength(before.length + 1);
    expect(after.find((contact) => contact.name === 'Claims hotline')?.methods.map((m) => m.value)).toContain('claims-desk@example.com');
    expect(outcome.entry?.message_summary).toBe('Imported contacts from contacts.csv: 1 added, 1 updated, 2 skipped, 1 malformed row left out.');
    expect(outcome.record).toMatchObject({ incident_id: INCIDENT.id, log_entry_id: outcome.entry?.id, undone_at: null });
  });

  it('undo restores exactly the contacts before the import, also read back from the store (after a reload)', async () => {
    const before = byId(await listContacts(db, DEMO_WORKSPACE_ID));
    await confirmImport(db, settings, await planFixture(), { name: 'contacts.csv', format: 'csv' }, INCIDENT, NOW);
    const [stored] = await listImports(db, DEMO_WORKSPACE_ID);

    const undone = await undoImport(db, settings, stored!.id, INCIDENT, NOW);

    expect(byId(await listContacts(db, DEMO_WORKSPACE_ID))).toEqual(before);
    expect(undone.record.undone_at).toBe(NOW.toISOString());
    expect(undone.entry?.message_summary).toMatch(/^Undid the contact import from contacts\.csv .*: 1 removed, 1 restored/);
    expect(await countLog(db, DEMO_WORKSPACE_ID, INCIDENT.id, {})).toBe(2);
    await expect(undoImport(db, settings, stored!.id, INCIDENT, NOW)).rejects.toThrow('This import was already undone.');
  });

  it('refuses to undo when an imported contact was edited since, and changes nothing', async () => {
    const { record } = await confirmImport(db, settings, await planFixture(), { name: 'contacts.csv', format: 'csv' }, INCIDENT, NOW);
    const added = record.added[0]!;
    await saveContact(db, contactFromDraft({ ...draftFromContact(added), role: 'Edited by hand' }, DEMO_WORKSPACE_ID, added, NOW));
    const edited = byId(await listContacts(db, DEMO_WORKSPACE_ID));

    await expect(undoImport(db, settings, record.id, INCIDENT, NOW)).rejects.toThrow(/Not undone: Jürgen Müller was edited or removed after this import/);
    expect(byId(await listContacts(db, DEMO_WORKSPACE_ID))).toEqual(edited);
  });

  it('writes nothing when a contact it updates changed after the preview', async () => {
    const plan = await planFixture();
    const claims = plan.updated[0]!.before;
    await saveContact(db, contactFromDraft({ ...draftFromContact(claims), notes: 'Changed in another tab' }, DEMO_WORKSPACE_ID, claims, NOW));
    const before = byId(await listContacts(db, DEMO_WORKSPACE_ID));

    await expect(confirmImport(db, settings, plan, { name: 'contacts.csv', format: 'csv' }, INCIDENT, NOW)).rejects.toThrow(/Claims hotline was changed while you were importing/);
    expect(byId(await listContacts(db, DEMO_WORKSPACE_ID))).toEqual(before);
    expect(await listImports(db, DEMO_WORKSPACE_ID)).toEqual([]);
  });

  it('imports without an open incident and writes no log entry', async () => {
    const outcome = await confirmImport(db, settings, await planFixture(), { name: 'contacts.csv', format: 'csv' }, { ...INCIDENT, status: 'closed' }, NOW);

    expect(outcome).toMatchObject({ entry: null, logError: null, record: { incident_id: null } });
    expect(await countLog(db, DEMO_WORKSPACE_ID, INCIDENT.id, {})).toBe(0);
  });
});
