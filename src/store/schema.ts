import type { DBSchema } from 'idb';
import type { CallRun, CallTree, Checkoff } from '../domain/call-tree';
import type { ContactImportRecord } from '../domain/contact-import/import-record';
import type { Contact, ContactMethod } from '../domain/contacts';
import type { Incident } from '../domain/incident';
import type { IncidentRecord } from '../domain/incident-records';
import type { LogCounts } from '../domain/log-counts';
import type { LogEntry } from '../domain/log-entry';
import type { TeamAlert } from '../domain/team-alert';
import type { MessageTemplate } from '../domain/templates';
import type { WorkspaceSettings } from '../domain/workspace';

/** A call-tree run as `sync_push` inserts it into `call_run` (server column names). */
export interface CallRunChange {
  id: string;
  workspace_id: string;
  incident_id: string;
  call_tree_id: string;
  tree_version: number;
  tree: CallTree;
  contacts: Record<string, RunContact>;
  started_at: string;
  started_by_name: string;
}

/** A checkoff as `sync_push` inserts it into `checkoff`. */
export interface CheckoffChange {
  id: string;
  workspace_id: string;
  call_run_id: string;
  node_id: string;
  caller: string;
  contact_id: string;
  method: string;
  outcome: Checkoff['outcome'];
  note: string;
  called_at: string;
}

/** A team alert as `sync_push` inserts it into `alert`; who raised it and when, the server stamps. */
export interface AlertChange {
  id: string;
  workspace_id: string;
  incident_id: string;
  message: string;
  repeat_every_seconds: number;
  max_repeats: number;
}

/** An acknowledgement as `sync_push` inserts it into `alert_ack`; whose and when, the server stamps. */
export interface AlertAckChange {
  id: string;
  workspace_id: string;
  alert_id: string;
}

/** What a change to each table carries: the row in the server's column names. */
export interface OutboxPayloads {
  log_entry: LogEntry;
  call_run: CallRunChange;
  checkoff: CheckoffChange;
  alert: AlertChange;
  alert_ack: AlertAckChange;
}

/**
 * The keys the outbox's `in-log-order` index reads from every payload. A log entry has them;
 * other changes carry `incident_id` and `local_seq: 0` so they are indexed (and so sent) in
 * the order they were made. The server ignores keys that are not columns of the table.
 */
export interface OutboxOrder {
  incident_id: string;
  local_seq: number;
}

interface OutboxRowOf<T extends keyof OutboxPayloads> {
  id: string;
  workspace_id: string;
  table: T;
  op: 'insert';
  payload: OutboxPayloads[T] & OutboxOrder;
  created_at: string;
  attempts: number;
  last_error: string | null;
}

/** A change waiting for the server (DESIGN "Sync contract"). */
export type OutboxRow = { [T in keyof OutboxPayloads]: OutboxRowOf<T> }[keyof OutboxPayloads];

/**
 * A change the server definitely refused (DESIGN: "park that change as rejected, shown to
 * the user, kept on the device"). It leaves the outbox so it never blocks the queue, and
 * stays here until the user deals with it.
 */
export type RejectedChange = OutboxRow & {
  rejected_at: string;
  reason: string;
};

/**
 * A log entry as the server holds it, pulled from `sync_pull`: the phone's fields plus the
 * ones only the server assigns (its order, time, recorder and chain). Any member's entries,
 * not only this phone's. `communication_type` is a plain string: a newer app may log types
 * this one does not know, and the entry is evidence all the same.
 */
export interface PulledLogEntry extends Omit<LogEntry, 'follow_up' | 'communication_type'> {
  communication_type: string;
  seq: number;
  recorded_at: string;
  recorded_by: string | null;
  chain_hash: string;
}

/** Where this phone stands with the server, per workspace (Settings shows it). */
export interface SyncState {
  workspace_id: string;
  /** The server's opaque `next_cursor`: everything before it is in `pulled`. */
  cursor: number;
  last_pull_at: string | null;
  last_push_at: string | null;
  /** Why the last run stopped early, in words a responder can act on; null after a clean run. */
  last_error: string | null;
}

/**
 * Where each incident's chain on this phone ends, and how many entries it holds per filter:
 * read by key on every append and by the Log screen, checked by Verify.
 */
export interface ChainTipRecord {
  workspace_id: string;
  incident_id: string;
  hash: string;
  local_seq: number;
  counts: LogCounts;
}

/**
 * A call run as this phone keeps it, filed under its workspace, with a copy of the tree as
 * it was started: editing the tree later must not change whom a running call tree calls
 * (the `call-trees` store holds only the latest version).
 */
export type StoredCallRun = CallRun & {
  workspace_id: string;
  tree: CallTree;
  /**
   * The contacts the tree names, as the starting phone had them, so a teammate without
   * them can still dial. Absent on runs stored before they were kept.
   */
  contacts?: Record<string, RunContact>;
};

/** A contact as a run keeps it: enough to show whom to call and to dial them. */
export interface RunContact {
  name: string;
  methods: ContactMethod[];
}

/**
 * A call tree as this phone keeps it: the tree, and how it stands with the server
 * (call-tree-sharing.ts). `synced_version` is the server's version this phone's copy was last
 * saved as or read from (0 or absent: never shared); the local `version` moves on with each
 * edit, so a tree whose versions differ has an edit to share. `refused`: why the server would
 * not take this phone's edit (it stays on this phone only); null or absent otherwise.
 */
export type StoredCallTree = CallTree & { synced_version?: number; refused?: string | null };

/** A checkoff as this phone keeps it: the domain's checkoff, filed under its workspace. */
export type StoredCheckoff = Checkoff & { workspace_id: string };

/**
 * A ticket or case opened in the team's ticket tool (Zammad, osTicket, GLPI, Jira SM,
 * TheHive) for an incident or one of its log entries (a follow-up, a vendor request), by
 * this phone or, read from `incident_tickets`, by a teammate. Keyed by its dispatch id: the
 * record is written 'pending' before the backend is asked, so a press while offline or a
 * crash loses nothing and the retry sends the same id (the dispatch function never opens a
 * ticket twice for one id).
 */
export interface TicketRecord {
  /** The dispatch id. */
  id: string;
  workspace_id: string;
  incident_id: string;
  /** 'incident', or 'entry:<log entry id>' (the follow-up's or the vendor request's entry). */
  subject: string;
  connector_id: string;
  /** A TicketKind; a plain string because a teammate's newer app may use a kind this one does not know. */
  kind: string;
  connector_name: string;
  /** 'pending': asked, no verdict yet (offline, or the answer was lost); 'failed': the backend said no. */
  status: 'pending' | 'sent' | 'failed';
  remote_id: string | null;
  /** The number people read: Zammad "31001", Jira "HELP-12", GLPI "#42". */
  remote_label: string | null;
  remote_url: string | null;
  /** Opened, but a later step did not go through (an attachment, a TheHive task): what to do by hand. */
  warning: string | null;
  /** Why the last try failed or got no answer; null once sent. */
  error: string | null;
  /**
   * The backend stored this failure under the id (the tool refused after the retries), so
   * the same id would only answer it again: trying again needs a new one. False while the
   * backend never recorded a verdict (no answer, or refused before sending).
   */
  retry_needs_new_id: boolean;
  created_at: string;
  updated_at: string;
}

/**
 * The one list of Muster's IndexedDB stores, keys and indexes (version 8).
 * Log keys are [workspace_id, incident_id, ..., local_seq] so every list and filter is a
 * bounded index range, as fast at 50,000 entries as at 100.
 */
export interface MusterDB extends DBSchema {
  settings: { key: 'workspace'; value: WorkspaceSettings };
  incidents: { key: [string, string]; value: Incident; indexes: { 'by-workspace': string } };
  contacts: { key: string; value: Contact; indexes: { 'by-workspace': string } };
  templates: { key: string; value: MessageTemplate; indexes: { 'by-workspace': string } };
  log: {
    key: string;
    value: LogEntry;
    indexes: {
      'by-incident': [string, string, number];
      'by-type': [string, string, string, number];
      'by-follow-up': [string, string, number, number];
      'by-corrects': string;
    };
  };
  outbox: {
    key: string;
    value: OutboxRow;
    /** in-log-order: created_at, then each incident's local order, so entries saved in the same millisecond leave in the order they were logged. */
    indexes: { 'by-created': string; 'by-workspace': string; 'in-log-order': [string, string, string, number] };
  };
  'chain-tips': { key: [string, string]; value: ChainTipRecord; indexes: { 'by-workspace': string } };
  rejected: { key: string; value: RejectedChange; indexes: { 'by-workspace': string } };
  pulled: { key: string; value: PulledLogEntry; indexes: { 'by-incident-seq': [string, string, number] } };
  'sync-state': { key: string; value: SyncState };
  /** Obligations, vendor requests and statements of an incident (incident-records.ts). */
  records: { key: string; value: IncidentRecord; indexes: { 'by-incident': [string, string, string] } };
  /** Call trees (call-tree.ts): only the latest version of each is kept. */
  'call-trees': { key: string; value: StoredCallTree; indexes: { 'by-workspace': string } };
  /** Runs of a call tree for an incident (call-runs.ts). */
  'call-runs': { key: string; value: StoredCallRun; indexes: { 'by-incident': [string, string] } };
  /** Every call checked off in a run, from any phone; written once, never changed. */
  checkoffs: { key: string; value: StoredCheckoff; indexes: { 'by-run': string } };
  /** Team alerts raised here, received by push or listed by the server (team-alerts.ts). */
  alerts: { key: string; value: TeamAlert; indexes: { 'by-incident': [string, string] } };
  /** Confirmed contact imports, with what each changed, so each can be undone (contact-import.ts). */
  'contact-imports': { key: string; value: ContactImportRecord; indexes: { 'by-workspace': string } };
  /** Tickets and cases opened for an incident or one of its entries (tickets.ts), listed per incident and per subject. */
  tickets: { key: string; value: TicketRecord; indexes: { 'by-incident': [string, string]; 'by-subject': [string, string, string] } };
}

/** Version 7: as version 8 without the tickets. */
export type MusterDBv7 = Omit<MusterDB, 'tickets'>;

/** Version 6: as version 7 without the contact imports. */
export type MusterDBv6 = Omit<MusterDBv7, 'contact-imports'>;

/** Version 5: as version 6 without the team alerts. */
export type MusterDBv5 = Omit<MusterDBv6, 'alerts'>;

/** Version 4: as version 5 without the call trees, their runs and checkoffs. */
export type MusterDBv4 = Omit<MusterDBv5, 'call-trees' | 'call-runs' | 'checkoffs'>;

/** Version 3: as version 4 without the incident records. */
export type MusterDBv3 = Omit<MusterDBv4, 'records'>;

/** Version 2: as version 3 without the chain tips (the tip was found with a reverse index scan), rejected changes and the sync stores. */
export type MusterDBv2 = Omit<MusterDBv3, 'chain-tips' | 'rejected' | 'pulled' | 'sync-state'>;

/**
 * Version 1, the first prototype's schema: the log could only be listed whole, and entries
 * had no stored `follow_up` flag. Kept so the upgrade test can build a real v1 database.
 */
export interface MusterDBv1 extends DBSchema {
  settings: { key: 'workspace'; value: WorkspaceSettings };
  incidents: { key: [string, string]; value: Incident; indexes: { 'by-workspace': string } };
  contacts: { key: string; value: Contact; indexes: { 'by-workspace': string } };
  templates: { key: string; value: MessageTemplate; indexes: { 'by-workspace': string } };
  log: { key: string; value: Omit<LogEntry, 'follow_up'>; indexes: { 'by-incident': [string, string, number] } };
  outbox: { key: string; value: OutboxRow; indexes: { 'by-created': string; 'by-workspace': string } };
}

