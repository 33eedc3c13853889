import { describe, expect, it } from 'vitest';
import { verifyExport } from '../../src/domain/export/verify-export';
import { appendLogEntry } from '../../src/store/log-repository';
import { exportIncident, readIncidentLog, type ExportProgress } from '../../src/store/incident-export';
import type { MusterDatabase } from '../../src/store/open-database';
import { filesOf, manifestOf } from './export-fixtures';
import { completeFields, INCIDENT, quickFields, WORKSPACE } from './log-entry-fixtures';
import { openTestDatabase } from './test-database';

async function logEntries(db: MusterDatabase, count: number, incident = INCIDENT) {
  for (let index = 0; index < count; index += 1) {
    const fields = index % 4 === 3 ? completeFields({ incident_id: incident, communication_type: 'decision' }) : quickFields({ incident_id: incident, message_summary: `Update ${index + 1}` });
    await appendLogEntry(db, fields, { workspace_id: WORKSPACE, author: 'Tom Becker', corrects: null });
  }
}

describe('reading an incident for export', () => {
  it('reads the whole log a page at a time, oldest first, and only that incident', async () => {
    const db = await openTestDatabase();
    await logEntries(db, 23);
    await logEntries(db, 3, 'INC-2026-005');
    const pages: number[] = [];
    const entries = await readIncidentLog(db, WORKSPACE, INCIDENT, (read) => pages.push(read), 5);
    expect(entries.map((entry) => entry.local_seq)).toEqual(Array.from({ length: 23 }, (_, index) => index + 1));
    expect(entries.every((entry) => entry.incident_id === INCIDENT)).toBe(true);
    expect(pages).toEqual([5, 10, 15, 20, 23]);
  });
});

describe('exporting an incident', () => {
  it('writes a zip that verifies, with progress up to zipping and the extra files listed', async () => {
    const db = await openTestDatabase();
    await logEntries(db, 8);
    const progress: ExportProgress[] = [];
    const built = await exportIncident(db, {
      workspace: { id: WORKSPACE, name: 'Northwind Dental' },
      incident: { id: INCIDENT, title: 'Finance mailbox forwarding rule' },
      exportedBy: 'Tom Becker',
      musterVersion: '0.1.0',
      now: new Date('2026-03-02T18:00:00.000Z'),
      extraFiles: async (entries) => [{ name: 'log.pdf', bytes: new TextEncoder().encode(`%PDF stand-in for ${entries.length} entries`) }],
      onProgress: (step) => progress.push(step),
    });
    expect(built.fileName).toBe('muster-INC-2026-004-2026-03-02.zip');
    expect(await verifyExport(built.bytes)).toMatchObject({ intact: true, entries: 8 });
    expect(manifestOf(built.bytes)).toMatchObject({ exported_by: 'Tom Becker', entries: { count: 8, decisions: 2, first_local_seq: 1, last_local_seq: 8 } });
    expect(new TextDecoder().decode(filesOf(built.bytes).get('log.pdf'))).toBe('%PDF stand-in for 8 entries');
    expect(progress[0]).toEqual({ phase: 'reading', done: 8, total: 8 });
    expect(progress.at(-1)).toEqual({ phase: 'zipping', done: 8, total: 8 });
  });

  it('exports an incident with nothing logged yet: headers only, and it verifies', async () => {
    const db = await openTestDatabase();
    const built = await exportIncident(db, {
      workspace: { id: WORKSPACE, name: 'Northwind Dental' },
      incident: { id: INCIDENT, title: 'Quiet' },
      exportedBy: 'Tom Becker',
      musterVersion: '0.1.0',
    });
    expect(await verifyExport(built.bytes)).toMatchObject({ intact: true, entries: 0 });
  });
});
