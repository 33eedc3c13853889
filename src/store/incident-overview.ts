/**
 * Reads that look across an incident's log or the whole workspace: the follow-ups still
 * open (Step 8) and the counts the readiness check needs ("Expected Outputs"). Only this
 * phone's log is read: entries pulled from the team are not corrected or counted here.
 */
import { isReachable24x7 } from '../domain/contacts';
import { completionFields } from '../domain/follow-up-completion';
import type { LogEntry } from '../domain/log-entry';
import type { ReadinessInput } from '../domain/readiness';
import type { WorkspaceSettings } from '../domain/workspace';
import { appendLogEntry } from './log-repository';
import type { MusterDatabase } from './open-database';
import { listContacts, listIncidents } from './workspace-repository';

export interface FollowUpSource {
  /** Entries with "Follow-up required" filled in or a deadline, in log order. */
  entries: LogEntry[];
  /** Those a later entry corrects or completes: their follow-up is no longer open. */
  supersededIds: Set<string>;
}

const DEADLINE_SCAN_PAGE = 1000;

/**
 * Every entry of the incident that needs a follow-up. Entries with follow-up text are read
 * from the 'by-follow-up' index. Entries with only a deadline are not flagged there and no
 * index finds them, so the rest of the log is read in pages and filtered (a cursor would
 * cost a round trip per entry). One read transaction; rejects only if the store is closed.
 */
export async function readFollowUps(db: MusterDatabase, workspaceId: string, incidentId: string, pageSize = DEADLINE_SCAN_PAGE): Promise<FollowUpSource> {
  const tx = db.transaction('log');
  const byFollowUp = tx.store.index('by-follow-up');
  const flagged = await byFollowUp.getAll(IDBKeyRange.bound([workspaceId, incidentId, 1, 0], [workspaceId, incidentId, 1, Infinity]));
  const deadlineOnly: LogEntry[] = [];
  for (let after = -1; ; ) {
    const page = await byFollowUp.getAll(IDBKeyRange.bound([workspaceId, incidentId, 0, after], [workspaceId, incidentId, 0, Infinity], true), pageSize);
    deadlineOnly.push(...page.filter((entry) => entry.deadline !== null));
    const last = page.at(-1);
    if (page.length < pageSize || !last) break;
    after = last.local_seq;
  }
  const entries = [...flagged, ...deadlineOnly].sort((a, b) => a.local_seq - b.local_seq);
  const byCorrects = tx.store.index('by-corrects');
  const correctedBy = await Promise.all(entries.map((entry) => byCorrects.getKey(entry.id)));
  await tx.done;
  const supersededIds = new Set(entries.filter((_, i) => correctedBy[i] !== undefined).map((entry) => entry.id));
  // A leadership update's deadline is the next update it promised: the next update sent
  // keeps that promise, so only the newest one is still open.
  const updates = entries.filter((entry) => entry.communication_type === 'leadership_update');
  for (const kept of updates.slice(0, -1)) supersededIds.add(kept.id);
  return { entries, supersededIds };
}

/**
 * Marks a follow-up done: appends the entry that completes it (follow-up and deadline
 * cleared, the outcome in "Response received"). Rejects with a StoreError, as appendLogEntry.
 */
export function completeFollowUp(db: MusterDatabase, settings: WorkspaceSettings, entry: LogEntry, outcome: string, now = new Date()): Promise<LogEntry> {
  return appendLogEntry(db, completionFields(entry, outcome), { workspace_id: settings.workspace_id, author: settings.author_name, corrects: entry.id, now });
}

function countInto<K extends string>(counts: Partial<Record<K, number>>, key: K): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** What the readiness check reads, gathered from contacts, templates, incidents, settings and the log counts. */
export async function gatherReadinessInput(db: MusterDatabase, settings: WorkspaceSettings): Promise<ReadinessInput> {
  const workspaceId = settings.workspace_id;
  const [contacts, templates, incidents, tips] = await Promise.all([
    listContacts(db, workspaceId),
    db.getAllFromIndex('templates', 'by-workspace', workspaceId),
    listIncidents(db, workspaceId),
    db.getAllFromIndex('chain-tips', 'by-workspace', workspaceId),
  ]);
  const contactsByCategory: ReadinessInput['contactsByCategory'] = {};
  const contactsWith24x7ByCategory: ReadinessInput['contactsWith24x7ByCategory'] = {};
  const contactMethodsByChannel: NonNullable<ReadinessInput['contactMethodsByChannel']> = {};
  const templatesByKind: ReadinessInput['templatesByKind'] = {};
  for (const contact of contacts) {
    countInto(contactsByCategory, contact.category);
    if (isReachable24x7(contact)) countInto(contactsWith24x7ByCategory, contact.category);
    for (const method of contact.methods) countInto(contactMethodsByChannel, method.channel);
  }
  for (const template of templates) countInto(templatesByKind, template.kind);
  return {
    incidents,
    // Settings have no default owner (yet): the check is met when every incident names one.
    defaultCommOwner: null,
    contactsByCategory,
    contactsWith24x7ByCategory,
    templatesByKind,
    // Step 6: audiences whose approvers the workspace set; the built-in default does not count.
    statementApprovers: Object.values(settings.statement_approvers ?? {}).filter((roles) => roles.length > 0).length,
    alternateChannelConfigured: (settings.bridge_url ?? '').trim() !== '',
    contactMethodsByChannel,
    logEntries: tips.reduce((sum, tip) => sum + tip.counts.total, 0),
    decisionEntries: tips.reduce((sum, tip) => sum + (tip.counts.by_type.decision ?? 0), 0),
  };
}
