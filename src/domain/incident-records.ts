/**
 * The playbook workflows' records of an incident, kept beside its log: notice obligations
 * (Step 5), vendor requests (Step 4) and external statements (Step 6). Every change of one
 * is also written to the communication log; the record holds the current state, the log
 * the history. Editable records carry a `version` (DESIGN "Conflicts").
 */

interface RecordBase {
  id: string;
  workspace_id: string;
  incident_id: string;
  created_at: string;
  updated_at: string;
  version: number;
  /** The latest log entry about this record; the next one supersedes it (`corrects`). */
  log_entry_id?: string;
}

/** Step 5: someone who must be told (insurer, legal, regulator…), by when. */
export interface ObligationRecord extends RecordBase {
  kind: 'obligation';
  /** NotifyParty of playbook-triggers.ts. */
  party: string;
  /** The legal trigger ids that created or extended it. */
  triggers: string[];
  clock_start: string;
  due_at: string;
  status: 'open' | 'sent' | 'not_required';
  sent_at: string | null;
  note: string;
}

/** Step 4: a precise request to a vendor or MSP, answered or not by its deadline. */
export interface VendorRequestRecord extends RecordBase {
  kind: 'vendor_request';
  vendor: string;
  asks: string[];
  systems: string;
  window_from: string;
  window_to: string;
  deadline: string;
  owner: string;
  response_received_at: string | null;
  response: string;
}

export interface StatementApproval {
  /** The approver role this approval fills (business, legal, leadership). */
  role: string;
  by: string;
  at: string;
  /** The statement version approved; editing makes a new version and voids older approvals. */
  version: number;
}

export interface StatementVersion {
  version: number;
  text: string;
  at: string;
  by: string;
}

/** Step 6: an external statement, drafted, linted, approved, then sent. */
export interface StatementRecord extends RecordBase {
  kind: 'statement';
  /** STATEMENT_AUDIENCES of statement-lint.ts. */
  audience: string;
  title: string;
  text: string;
  required_roles: string[];
  approvals: StatementApproval[];
  /** Every version ever written, oldest first (the current one last). */
  history: StatementVersion[];
  sent_at: string | null;
  sent_via: string;
}

export type IncidentRecord = ObligationRecord | VendorRequestRecord | StatementRecord;
export type IncidentRecordKind = IncidentRecord['kind'];
export type RecordOfKind<K extends IncidentRecordKind> = Extract<IncidentRecord, { kind: K }>;
