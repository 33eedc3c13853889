import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFollowUps } from '../../src/domain/follow-ups';
import { assessReadiness } from '../../src/domain/readiness';
import type { WorkspaceSettings } from '../../src/domain/workspace';
import { logNote } from '../../src/store/incident-actions';
import { completeFollowUp, gatherReadinessInput, readFollowUps } from '../../src/store/incident-overview';
import { appendLogEntry, listLogPage } from '../../src/store/log-repository';
import type { MusterDatabase } from '../../src/store/open-database';
import { ensureWorkspace } from '../../src/store/first-run';
import { completeFields, INCIDENT, quickFields, WORKSPACE } from './log-entry-fixtures';
import { openTestDatabase } from './test-database';

let db: MusterDatabase;
const NOW = new Date('2026-03-02T10:00:00.000Z');
const SETTINGS: WorkspaceSettings = {
  workspace_id: WORKSPACE,
  name: 'Northwind',
  is_demo: false,
  author_name: 'Tom Becker',
  current_incident_id: INCIDENT,
  backend_url: null,
};

const append = (fields: Parameters<typeof appendLogEntry>[1], corrects: string | null = null) =>
  appendLogEntry(db, fields, { workspace_id: WORKSPACE, author: 'Tom Becker', corrects });

beforeEach(async () => {
  db = await openTestDatabase();
});

afterEach(() => db.close());

describe('the follow-ups of an incident', () => {
  it('finds entries with follow-up text and entries with only a deadline, not the others', async () => {
    const withText = await append(completeFields({ deadline: null }));
    await append(quickFields());
    const deadlineOnly = await append(quickFields({ deadline: '2026-03-02T12:00:00.000Z' }));
    await append(completeFields({ incident_id: 'INC-2026-005' }));

    const { entries, supersededIds } = await readFollowUps(db, WORKSPACE, INCIDENT);

    expect(entries.map((entry) => entry.id)).toEqual([withText.id, deadlineOnly.id]);
    expect(supersededIds.size).toBe(0);
  });

  it('reads a long log in pages without missing a deadline on a page boundary', async () => {
    const wanted: string[] = [];
    for (let i = 0; i < 7; i++) {
      const entry = await append(quickFields({ deadline: i % 3 === 0 ? '2026-03-02T12:00:00.000Z' : null }));
      if (i % 3 === 0) wanted.push(entry.id);
    }
    const { entries } = await readFollowUps(db, WORKSPACE, INCIDENT, 2);
    expect(entries.map((entry) => entry.id)).toEqual(wanted);
  });

  it('counts a follow-up as superseded once a later entry corrects it', async () => {
    const original = await append(completeFields());
    const correction = await append(completeFields({ follow_up_required: 'Call back at 12:00 instead.' }), original.id);

    const { entries, supersededIds } = await readFollowUps(db, WORKSPACE, INCIDENT);

    expect(supersededIds).toEqual(new Set([original.id]));
    expect(openFollowUps(entries, supersededIds, NOW).map((item) => item.entry.id)).toEqual([correction.id]);
  });

  it('keeps only the newest leadership update open: the next one sent keeps the promised next-update time', async () => {
    const first = await append(quickFields({ communication_type: 'leadership_update', deadline: '2026-03-02T11:00:00.000Z' }));
    const second = await append(quickFields({ communication_type: 'leadership_update', deadline: '2026-03-02T12:00:00.000Z' }));

    const { entries, supersededIds } = await readFollowUps(db, WORKSPACE, INCIDENT);

    expect(supersededIds).toEqual(new Set([first.id]));
    expect(openFollowUps(entries, supersededIds, NOW).map((item) => item.entry.id)).toEqual([second.id]);
  });

  it('is no longer open once marked done, and the original entry stays in the log as written', async () => {
    const original = await append(completeFields());

    const done = await completeFollowUp(db, SETTINGS, original, 'Logs received.');

    const { entries, supersededIds } = await readFollowUps(db, WORKSPACE, INCIDENT);
    expect(openFollowUps(entries, supersededIds, NOW)).toEqual([]);
    expect(done).toMatchObject({ corrects: original.id, follow_up_required: '', deadline: null, author: 'Tom Becker' });
    expect(done.response_received).toContain('Follow-up done: Call back at 11:30 if no logs yet. Outcome: Logs received.');
    const { entries: log } = await listLogPage(db, WORKSPACE, INCIDENT, {}, { limit: 10 });
    expect(log.map((entry) => entry.id)).toEqual([done.id, original.id]);
    expect(log[1]).toEqual(original);
  });
});

describe('what the readiness check reads', () => {
  it('starts with nothing for an empty workspace', async () => {
    const input = await gatherReadinessInput(db, SETTINGS);
    expect(assessReadiness(input).met).toBe(0);
  });

  it('counts the demo workspace contacts, templates, owners and log', async () => {
    const demo = await ensureWorkspace(db, NOW);
    await logNote(db, demo, 'INC-2026-001', { type: 'decision', contacted: 'Incident team', summary: 'Decision: keep the mailbox online.' });
    await logNote(db, demo, 'INC-2026-001', { type: 'internal_update', contacted: 'Incident team', summary: 'Bridge opened.' });

    const input = await gatherReadinessInput(db, { ...demo, statement_approvers: { customers: ['legal'], media: [] }, bridge_url: ' https://meet.example/northwind ' });

    expect(input).toMatchObject({
      incidents: [expect.objectContaining({ comm_owner: 'Tom Becker' })],
      statementApprovers: 1,
      alternateChannelConfigured: true,
      logEntries: 2,
      decisionEntries: 1,
    });
    expect(input.contactsByCategory).toMatchObject({ leadership: 2, msp: 1, cyber_insurance: 1 });
    expect(input.templatesByKind.leadership_update).toBeGreaterThan(0);
    const met = assessReadiness(input).checks.filter((check) => check.ok).map((check) => check.id);
    expect(met).toEqual(expect.arrayContaining(['communication_owner', 'external_communication_rules', 'backup_communication', 'communication_log', 'decision_recording']));
  });
});
