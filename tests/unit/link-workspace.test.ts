import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Contact } from '../../src/domain/contacts';
import { DEMO_WORKSPACE_ID } from '../../src/domain/demo-workspace';
import { backendCompromised, type Incident } from '../../src/domain/incident';
import type { LogEntry } from '../../src/domain/log-entry';
import type { WorkspaceSettings } from '../../src/domain/workspace';
import { clearDemoWorkspace, ensureWorkspace } from '../../src/store/first-run';
import {
  incidentsMissingOnServer,
  joinServerWorkspace,
  LinkBlockedError,
  mergeServerIncidents,
  planLink,
  type BackendConnection,
  type ServerIncident,
  type ServerWorkspace,
} from '../../src/store/link-workspace';
import { appendLogEntry, countLog, listLogPage } from '../../src/store/log-repository';
import type { MusterDatabase } from '../../src/store/open-database';
import { listRejected, outboxSummary, requeueRejected, settleOutbox, waitingIds } from '../../src/store/outbox';
import {
  listContacts,
  listIncidents,
  listTemplates,
  openIncident,
  readSettings,
  saveContact,
  saveSettings,
} from '../../src/store/workspace-repository';
import { markBackendChannel } from '../../src/store/incident-actions';
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

/** Tom signed in to his own Muster account on the team's backend. */
const CONNECTION: BackendConnection = {
  backend_url: 'https://northwind-muster.supabase.co',
  backend_anon_key: 'anon-key-northwind',
  account: { user_id: 'user-tom', email: 'tom.becker@northwind.example' },
};

const PAYROLL_PHISHING: ServerIncident = {
  id: 'INC-2026-005',
  title: 'Payroll phishing',
  status: 'closed',
  detected_at: '2026-02-10T08:00:00.000Z',
  opened_at: '2026-02-10T08:30:00.000Z',
};
const MAILBOX_RULE: ServerIncident = {
  id: 'INC-2026-006',
  title: 'Finance mailbox forwarding rule',
  status: 'open',
  detected_at: null,
  opened_at: '2026-03-02T08:40:00.000Z',
};
const MFA_PROMPTS: ServerIncident = {
  id: 'INC-2026-007',
  title: 'Suspicious MFA prompts',
  status: 'open',
  detected_at: '2026-03-02T10:00:00.000Z',
  opened_at: '2026-03-02T10:05:00.000Z',
};

/** The team's workspace as `my_workspaces()` lists it: one closed incident, then two open ones. */
const TEAM: ServerWorkspace = {
  id: 'a3c1f0d2-0000-4000-8000-00000000team',
  name: 'Northwind Dental',
  role: 'comm_owner',
  incidents: [PAYROLL_PHISHING, MAILBOX_RULE, MFA_PROMPTS],
};

function contactFor(workspaceId: string, name: string, category: Contact['category']): Contact {
  return {
    id: crypto.randomUUID(),
    workspace_id: workspaceId,
    name,
    organization: 'Northwind Dental',
    role: 'On the coordination list',
    category,
    methods: [{ id: crypto.randomUUID(), channel: 'phone', value: '+1 202 555 0150', label: 'Mobile', available_24x7: false }],
    references: [],
    notes: '',
    priority: 1,
    version: 1,
    updated_at: FIRST_RUN.toISOString(),
  };
}

/** Logs a quick entry, as Tom would from the Log screen. */
function logTo(workspaceId: string, incidentId: string, summary: string, at: Date): Promise<LogEntry> {
  return appendLogEntry(db, quickFields({ incident_id: incidentId, message_summary: summary }), { workspace_id: workspaceId, author: 'Tom Becker', corrects: null, now: at });
}

async function currentSettings(): Promise<WorkspaceSettings> {
  const settings = await readSettings(db);
  if (!settings) throw new Error('this phone has no workspace');
  return settings;
}

/** The demo with two entries logged, one of them parked as refused, so every store holds a demo record. */
async function demoWithEntries(): Promise<WorkspaceSettings> {
  const demo = await ensureWorkspace(db, FIRST_RUN);
  await logTo(demo.workspace_id, DEMO_INCIDENT, 'Called the MSP', new Date('2026-03-02T09:10:00.000Z'));
  const refused = await logTo(demo.workspace_id, DEMO_INCIDENT, 'Told staff to ignore payroll mail', new Date('2026-03-02T09:20:00.000Z'));
  await settleOutbox(db, [{ id: refused.id, action: 'park', reason: 'not a member of this workspace' }]);
  expect(await outboxSummary(db)).toMatchObject({ waiting: 1, rejected: 1 });
  return demo;
}

/** A real workspace made on this phone: two contacts, an incident, no log entry yet. */
async function ownWorkspaceWithoutEntries(): Promise<{ own: WorkspaceSettings; contacts: Contact[] }> {
  await ensureWorkspace(db, FIRST_RUN);
  const cleared = await clearDemoWorkspace(db, 'Northwind Dental', new Date('2026-03-03T08:00:00.000Z'));
  await saveSettings(db, { ...cleared, author_name: 'Tom Becker' });
  const contacts = [contactFor(cleared.workspace_id, 'Maria Lopez', 'leadership'), contactFor(cleared.workspace_id, 'Bluebridge IT', 'msp')];
  for (const contact of contacts) await saveContact(db, contact);
  await openIncident(db, await currentSettings(), 'Website defaced', new Date('2026-03-04T07:00:00.000Z'));
  return { own: await currentSettings(), contacts };
}

describe('planning how this phone joins a server workspace', () => {
  it('answers same for the workspace the phone already is', async () => {
    const { own } = await ownWorkspaceWithoutEntries();
    await logTo(own.workspace_id, 'INC-2026-001', 'Called the hosting provider', new Date('2026-03-04T07:10:00.000Z'));

    expect(await planLink(db, own, own.workspace_id)).toBe('same');
  });

  it('answers replace-demo from the demo, even with demo entries logged', async () => {
    const demo = await demoWithEntries();

    expect(await planLink(db, demo, TEAM.id)).toBe('replace-demo');
  });

  it('answers adopt from a workspace of this phone that holds no log entries', async () => {
    const { own } = await ownWorkspaceWithoutEntries();

    expect(await planLink(db, own, TEAM.id)).toBe('adopt');
  });

  it('answers blocked once an entry was logged in this phone’s own workspace', async () => {
    const { own } = await ownWorkspaceWithoutEntries();
    await logTo(own.workspace_id, 'INC-2026-001', 'Called the hosting provider', new Date('2026-03-04T07:10:00.000Z'));

    expect(await planLink(db, own, TEAM.id)).toBe('blocked');
  });

  it('still answers blocked when the only entry was refused by the server', async () => {
    const { own } = await ownWorkspaceWithoutEntries();
    const entry = await logTo(own.workspace_id, 'INC-2026-001', 'Called the hosting provider', new Date('2026-03-04T07:10:00.000Z'));
    await settleOutbox(db, [{ id: entry.id, action: 'park', reason: 'incident closed' }]);

    expect(await planLink(db, own, TEAM.id)).toBe('blocked');
  });
});

describe('joining the team’s workspace from the demo', () => {
  it('deletes every demo record: incident, contacts, templates, entries, waiting and refused changes', async () => {
    await demoWithEntries();

    await joinServerWorkspace(db, TEAM, CONNECTION);

    expect(await listIncidents(db, DEMO_WORKSPACE_ID)).toEqual([]);
    expect(await listContacts(db, DEMO_WORKSPACE_ID)).toEqual([]);
    expect(await listTemplates(db, DEMO_WORKSPACE_ID)).toEqual([]);
    expect(await countLog(db, DEMO_WORKSPACE_ID, DEMO_INCIDENT, {})).toBe(0);
    expect((await listLogPage(db, DEMO_WORKSPACE_ID, DEMO_INCIDENT, {}, { limit: 10 })).entries).toEqual([]);
    expect(await db.count('log')).toBe(0);
    expect(await db.count('chain-tips')).toBe(0);
    expect(await listRejected(db, DEMO_WORKSPACE_ID)).toEqual([]);
    expect(await outboxSummary(db)).toEqual({ waiting: 0, oldestAt: null, rejected: 0 });
  });

  it('leaves the phone signed in to the team’s workspace, without the demo’s author', async () => {
    await demoWithEntries();

    const settings = await joinServerWorkspace(db, TEAM, CONNECTION);

    expect(settings).toEqual({
      workspace_id: TEAM.id,
      name: 'Northwind Dental',
      is_demo: false,
      author_name: '',
      current_incident_id: MAILBOX_RULE.id,
      backend_url: 'https://northwind-muster.supabase.co',
      backend_anon_key: 'anon-key-northwind',
      account: { user_id: 'user-tom', email: 'tom.becker@northwind.example' },
      last_email: 'tom.becker@northwind.example',
    });
    expect(await readSettings(db)).toEqual(settings);
  });

  it('lists the team’s incidents, with their status, and the playbook’s templates', async () => {
    await demoWithEntries();

    await joinServerWorkspace(db, TEAM, CONNECTION);

    const incidents = await listIncidents(db, TEAM.id);
    expect(incidents.map((incident) => [incident.id, incident.title, incident.status])).toEqual([
      [PAYROLL_PHISHING.id, 'Payroll phishing', 'closed'],
      [MAILBOX_RULE.id, 'Finance mailbox forwarding rule', 'open'],
      [MFA_PROMPTS.id, 'Suspicious MFA prompts', 'open'],
    ]);
    // The server knew no detection time: the incident counts as detected when it was opened.
    expect(incidents.find((incident) => incident.id === MAILBOX_RULE.id)?.detected_at).toBe('2026-03-02T08:40:00.000Z');
    expect((await listTemplates(db, TEAM.id)).map((template) => template.kind)).toEqual([
      'leadership_update',
      'employee_instructions',
      'vendor_request',
      'insurance_legal_notice',
      'alternate_channel_notice',
    ]);
  });

  it('selects no incident when the team has none open', async () => {
    await ensureWorkspace(db, FIRST_RUN);

    const settings = await joinServerWorkspace(db, { ...TEAM, incidents: [PAYROLL_PHISHING] }, CONNECTION);

    expect(settings.current_incident_id).toBeNull();
  });
});

describe('joining the team’s workspace from this phone’s own workspace', () => {
  it('moves contacts, templates and incidents over: nothing the user typed is lost', async () => {
    const { own, contacts } = await ownWorkspaceWithoutEntries();
    const templatesBefore = await listTemplates(db, own.workspace_id);

    const settings = await joinServerWorkspace(db, TEAM, CONNECTION);

    expect(settings).toMatchObject({ workspace_id: TEAM.id, name: 'Northwind Dental', is_demo: false, author_name: 'Tom Becker', ...CONNECTION });
    const listed = await listContacts(db, TEAM.id);
    expect(listed.map((contact) => contact.name).sort()).toEqual(['Bluebridge IT', 'Maria Lopez']);
    expect(listed).toEqual(expect.arrayContaining(contacts.map((contact) => ({ ...contact, workspace_id: TEAM.id }))));
    const templates = await listTemplates(db, TEAM.id);
    expect(templates.map((template) => template.body)).toEqual(templatesBefore.map((template) => template.body));
    expect((await listIncidents(db, TEAM.id)).map((incident) => [incident.id, incident.title])).toEqual([
      ['INC-2026-001', 'Website defaced'],
      [PAYROLL_PHISHING.id, 'Payroll phishing'],
      [MAILBOX_RULE.id, 'Finance mailbox forwarding rule'],
      [MFA_PROMPTS.id, 'Suspicious MFA prompts'],
    ]);
    expect(await listContacts(db, own.workspace_id)).toEqual([]);
    expect(await listTemplates(db, own.workspace_id)).toEqual([]);
    expect(await listIncidents(db, own.workspace_id)).toEqual([]);
  });

  it('offers the incident opened on this phone for registration on the server', async () => {
    await ownWorkspaceWithoutEntries();

    await joinServerWorkspace(db, TEAM, CONNECTION);

    expect((await incidentsMissingOnServer(db, TEAM.id, TEAM.incidents)).map((incident) => [incident.id, incident.workspace_id])).toEqual([
      ['INC-2026-001', TEAM.id],
    ]);
  });

  it('refuses once an entry was logged, and changes nothing: settings, entries and the outbox stay', async () => {
    const { own } = await ownWorkspaceWithoutEntries();
    const entry = await logTo(own.workspace_id, 'INC-2026-001', 'Called the hosting provider', new Date('2026-03-04T07:10:00.000Z'));
    const summaryBefore = await outboxSummary(db);

    await expect(joinServerWorkspace(db, TEAM, CONNECTION)).rejects.toThrow();

    expect(await readSettings(db)).toEqual(own);
    expect(await db.get('log', entry.id)).toEqual(entry);
    expect(await countLog(db, own.workspace_id, 'INC-2026-001', {})).toBe(1);
    expect(await outboxSummary(db)).toEqual(summaryBefore);
    expect(await waitingIds(db, [entry.id])).toEqual(new Set([entry.id]));
    expect((await listContacts(db, own.workspace_id)).map((contact) => contact.name).sort()).toEqual(['Bluebridge IT', 'Maria Lopez']);
    expect((await listIncidents(db, own.workspace_id)).map((incident) => incident.id)).toEqual(['INC-2026-001']);
    expect(await listIncidents(db, TEAM.id)).toEqual([]);
    expect(await listTemplates(db, TEAM.id)).toEqual([]);
  });

  it('tells the user why: their entries cannot move to another workspace', async () => {
    const { own } = await ownWorkspaceWithoutEntries();
    await logTo(own.workspace_id, 'INC-2026-001', 'Called the hosting provider', new Date('2026-03-04T07:10:00.000Z'));

    const refused = joinServerWorkspace(db, TEAM, CONNECTION);

    await expect(refused).rejects.toBeInstanceOf(LinkBlockedError);
    await expect(refused).rejects.toThrow('This phone holds log entries of “Northwind Dental”');
  });

  it('keeps the team’s incident and the phone’s own apart when both use the same number', async () => {
    await ownWorkspaceWithoutEntries();
    const ransomware: ServerIncident = { ...MFA_PROMPTS, id: 'INC-2026-001', title: 'Ransomware on the file server' };

    const settings = await joinServerWorkspace(db, { ...TEAM, incidents: [ransomware] }, CONNECTION);

    const incidents = await listIncidents(db, TEAM.id);
    expect(incidents.find((incident) => incident.id === 'INC-2026-001')?.title).toBe('Ransomware on the file server');
    // The phone's own incident takes the next free number, and stays the one it works on.
    expect(incidents.find((incident) => incident.title === 'Website defaced')?.id).toBe('INC-2026-002');
    expect(settings.current_incident_id).toBe('INC-2026-002');
  });

  it('does not carry another server workspace’s incidents into the one joined next', async () => {
    await ensureWorkspace(db, FIRST_RUN);
    const teamA = await joinServerWorkspace(db, TEAM, CONNECTION);
    const clinic: ServerWorkspace = { id: 'b7d2e1f3-0000-4000-8000-0000000clinic', name: 'Harbor Clinic', role: 'viewer', incidents: [] };
    expect(await planLink(db, teamA, clinic.id)).toBe('switch');

    await joinServerWorkspace(db, clinic, CONNECTION);

    expect(await incidentsMissingOnServer(db, clinic.id, clinic.incidents)).toEqual([]);
    // Workspace A's records stay on the phone under A's id, there again if the user switches back.
    expect((await listIncidents(db, TEAM.id)).length).toBe(TEAM.incidents.length);
  });
});

describe('joining the workspace this phone already is', () => {
  it('keeps the entries and the current incident, and stores the connection', async () => {
    const { own } = await ownWorkspaceWithoutEntries();
    const entry = await logTo(own.workspace_id, 'INC-2026-001', 'Called the hosting provider', new Date('2026-03-04T07:10:00.000Z'));
    const sameOnServer: ServerWorkspace = { ...TEAM, id: own.workspace_id, incidents: [{ ...MFA_PROMPTS, id: 'INC-2026-001', title: 'Website defaced' }, MAILBOX_RULE] };

    const settings = await joinServerWorkspace(db, sameOnServer, CONNECTION);

    expect(settings).toMatchObject({ workspace_id: own.workspace_id, author_name: 'Tom Becker', current_incident_id: 'INC-2026-001', last_email: CONNECTION.account.email, ...CONNECTION });
    expect((await listLogPage(db, own.workspace_id, 'INC-2026-001', {}, { limit: 10 })).entries).toEqual([entry]);
    expect(await waitingIds(db, [entry.id])).toEqual(new Set([entry.id]));
    expect((await listContacts(db, own.workspace_id)).map((contact) => contact.name).sort()).toEqual(['Bluebridge IT', 'Maria Lopez']);
    expect((await listIncidents(db, own.workspace_id)).map((incident) => incident.id)).toEqual(['INC-2026-001', MAILBOX_RULE.id]);
    expect(await listTemplates(db, own.workspace_id)).toHaveLength(5);
  });
});

describe('merging the server’s incident list into this phone’s', () => {
  async function teamPhone(): Promise<WorkspaceSettings> {
    await ensureWorkspace(db, FIRST_RUN);
    return joinServerWorkspace(db, { ...TEAM, incidents: [PAYROLL_PHISHING, MAILBOX_RULE] }, CONNECTION);
  }

  it('adds the incidents a teammate opened and answers how many changed', async () => {
    await teamPhone();

    expect(await mergeServerIncidents(db, TEAM.id, [PAYROLL_PHISHING, MAILBOX_RULE, MFA_PROMPTS])).toBe(1);

    expect(await db.get('incidents', [TEAM.id, MFA_PROMPTS.id])).toEqual({
      id: MFA_PROMPTS.id,
      workspace_id: TEAM.id,
      title: 'Suspicious MFA prompts',
      status: 'open',
      detected_at: '2026-03-02T10:00:00.000Z',
      opened_at: '2026-03-02T10:05:00.000Z',
    });
  });

  it('closes an incident a teammate closed, keeping this phone’s title and its compromised marking', async () => {
    const settings = await teamPhone();
    await markBackendChannel(db, settings, MAILBOX_RULE.id, true, new Date('2026-03-02T11:00:00.000Z'));

    const changed = await mergeServerIncidents(db, TEAM.id, [PAYROLL_PHISHING, { ...MAILBOX_RULE, status: 'closed', title: 'Mailbox rule (renamed on the server)' }]);

    expect(changed).toBe(1);
    expect(await db.get('incidents', [TEAM.id, MAILBOX_RULE.id])).toMatchObject({
      title: 'Finance mailbox forwarding rule',
      status: 'closed',
      channels: { muster_backend: 'compromised' },
    });
  });

  it('answers 0 and changes nothing when the phone is up to date', async () => {
    await teamPhone();
    const before = await listIncidents(db, TEAM.id);

    expect(await mergeServerIncidents(db, TEAM.id, [PAYROLL_PHISHING, MAILBOX_RULE])).toBe(0);
    expect(await listIncidents(db, TEAM.id)).toEqual(before);
  });

  it('lists the incidents opened on this phone that the server does not know yet', async () => {
    const settings = await teamPhone();
    const opened = await openIncident(db, settings, 'Website defaced', new Date('2026-03-05T07:00:00.000Z'));

    const missing = await incidentsMissingOnServer(db, TEAM.id, [PAYROLL_PHISHING, MAILBOX_RULE]);

    expect(missing).toEqual([opened]);
    expect(await incidentsMissingOnServer(db, TEAM.id, [PAYROLL_PHISHING, MAILBOX_RULE, { ...MFA_PROMPTS, id: opened.id }])).toEqual([]);
  });
});

describe('changes the server refused', () => {
  const OTHER_WORKSPACE = 'ws-harbor-clinic';

  async function refusedChanges() {
    const first = await logTo(TEAM.id, MAILBOX_RULE.id, 'Called the MSP', new Date('2026-03-02T09:10:00.000Z'));
    const second = await logTo(TEAM.id, MAILBOX_RULE.id, 'Told staff to ignore payroll mail', new Date('2026-03-02T09:20:00.000Z'));
    const kept = await logTo(TEAM.id, MAILBOX_RULE.id, 'Asked the bank to hold payments', new Date('2026-03-02T09:30:00.000Z'));
    const elsewhere = await logTo(OTHER_WORKSPACE, 'INC-2026-001', 'Other company', new Date('2026-03-02T09:40:00.000Z'));
    await settleOutbox(db, [{ id: second.id, action: 'park', reason: 'the incident is closed' }], new Date('2026-03-02T10:00:00.000Z'));
    await settleOutbox(db, [{ id: first.id, action: 'park', reason: 'not a member of this workspace' }], new Date('2026-03-02T10:05:00.000Z'));
    await settleOutbox(db, [{ id: elsewhere.id, action: 'park', reason: 'not a member of this workspace' }], new Date('2026-03-02T10:10:00.000Z'));
    return { first, second, kept, elsewhere };
  }

  it('lists this workspace’s refused changes, newest refusal first, with the server’s reason', async () => {
    const { first, second } = await refusedChanges();

    const rejected = await listRejected(db, TEAM.id);

    expect(rejected.map((row) => [row.id, row.reason, row.rejected_at])).toEqual([
      [first.id, 'not a member of this workspace', '2026-03-02T10:05:00.000Z'],
      [second.id, 'the incident is closed', '2026-03-02T10:00:00.000Z'],
    ]);
    expect(rejected[0]?.payload).toEqual(first);
  });

  it('puts refused changes back in the outbox with their entry, attempts and last error', async () => {
    const { first, second, kept } = await refusedChanges();
    expect(await outboxSummary(db)).toEqual({ waiting: 1, oldestAt: '2026-03-02T09:30:00.000Z', rejected: 3 });

    expect(await requeueRejected(db, [first.id, second.id])).toBe(2);

    expect(await outboxSummary(db)).toEqual({ waiting: 3, oldestAt: '2026-03-02T09:10:00.000Z', rejected: 1 });
    expect(await waitingIds(db, [first.id, second.id, kept.id])).toEqual(new Set([first.id, second.id, kept.id]));
    expect(await db.get('outbox', first.id)).toEqual({
      id: first.id,
      workspace_id: TEAM.id,
      table: 'log_entry',
      op: 'insert',
      payload: first,
      created_at: '2026-03-02T09:10:00.000Z',
      attempts: 1,
      last_error: 'not a member of this workspace',
    });
    expect(await listRejected(db, TEAM.id)).toEqual([]);
    expect(await listRejected(db, OTHER_WORKSPACE)).toHaveLength(1);
  });

  it('ignores ids that are not refused (already requeued, or never were)', async () => {
    const { first, kept } = await refusedChanges();
    await requeueRejected(db, [first.id]);

    expect(await requeueRejected(db, [first.id, kept.id, 'no-such-change'])).toBe(0);

    expect(await outboxSummary(db)).toEqual({ waiting: 2, oldestAt: '2026-03-02T09:10:00.000Z', rejected: 2 });
    expect(await db.get('outbox', kept.id)).toMatchObject({ attempts: 0, last_error: null });
  });
});

describe('marking the Muster backend channel compromised', () => {
  it('marks the incident and logs the decision, so the team sees why this phone went quiet', async () => {
    const { own: settings } = await ownWorkspaceWithoutEntries();

    const incident = await markBackendChannel(db, settings, 'INC-2026-001', true, new Date('2026-03-04T08:00:00.000Z'));

    expect(incident).toMatchObject({ id: 'INC-2026-001', channels: { muster_backend: 'compromised' } });
    expect(await listIncidents(db, settings.workspace_id)).toEqual([incident]);
    const { entries } = await listLogPage(db, settings.workspace_id, 'INC-2026-001', {}, { limit: 10 });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      communication_type: 'decision',
      occurred_at: '2026-03-04T08:00:00.000Z',
      author: 'Tom Becker',
      owner: 'Tom Becker',
      message_summary: 'Muster backend channel marked compromised: this phone stops syncing; entries stay on the phone.',
      decision_made: 'Muster backend channel marked compromised: this phone stops syncing; entries stay on the phone.',
    });
    expect((await outboxSummary(db)).waiting).toBe(1);
  });

  it('marks it safe again and logs that decision too', async () => {
    const { own: settings } = await ownWorkspaceWithoutEntries();
    await markBackendChannel(db, settings, 'INC-2026-001', true, new Date('2026-03-04T08:00:00.000Z'));

    const incident = await markBackendChannel(db, settings, 'INC-2026-001', false, new Date('2026-03-04T09:00:00.000Z'));

    expect(backendCompromised(incident)).toBe(false);
    expect(backendCompromised((await db.get('incidents', [settings.workspace_id, 'INC-2026-001'])) as Incident)).toBe(false);
    const { entries } = await listLogPage(db, settings.workspace_id, 'INC-2026-001', { type: 'decision' }, { limit: 10 });
    expect(entries.map((entry) => entry.message_summary)).toEqual([
      'Muster backend channel marked safe again: syncing resumes.',
      'Muster backend channel marked compromised: this phone stops syncing; entries stay on the phone.',
    ]);
  });

  it('refuses an incident that is not on this phone, and logs nothing', async () => {
    const { own: settings } = await ownWorkspaceWithoutEntries();

    await expect(markBackendChannel(db, settings, 'INC-2026-099', true)).rejects.toThrow('Incident INC-2026-099 is not on this phone.');

    expect(await db.get('incidents', [settings.workspace_id, 'INC-2026-099'])).toBeUndefined();
    expect(await db.count('log')).toBe(0);
    expect(await outboxSummary(db)).toEqual({ waiting: 0, oldestAt: null, rejected: 0 });
    expect((await listIncidents(db, settings.workspace_id))[0]?.channels).toBeUndefined();
  });
});
