import type { NoticePeriod } from './obligations';

/** Who this phone is signed in as on the Muster backend (its own Supabase Auth account). */
export interface BackendAccount {
  user_id: string;
  email: string;
}

/** The company this phone works for, and this phone's own settings. */
export interface WorkspaceSettings {
  workspace_id: string;
  name: string;
  /** The demo workspace loaded on first run; shown with a banner until cleared. */
  is_demo: boolean;
  /** Who records entries on this phone. */
  author_name: string;
  current_incident_id: string | null;
  /** Muster backend (Supabase) URL; null until sync is configured. */
  backend_url: string | null;
  /** The backend's public anon key (not a secret: RLS protects the data). Absent in settings saved before sync existed. */
  backend_anon_key?: string | null;
  /** Null when signed out, or when the session could not be renewed; sync waits until the user signs in. */
  account?: BackendAccount | null;
  /** The last email used to sign in, to prefill the form after a sign-out. */
  last_email?: string;
  /**
   * The playbook workflows' settings (Steps 2–8). All optional: settings saved by earlier
   * versions lack them, and `workflowSettings()` fills in the defaults.
   */
  /** IANA time zone for due times and messages; default the phone's. */
  time_zone?: string;
  /** Step 5: notice periods per party; default the shipped examples, marked as such. */
  notice_periods?: NoticePeriod[];
  /** Step 6: which approver roles (business, legal, leadership) each audience needs. */
  statement_approvers?: Record<string, string[]>;
  /** Step 7: the controlled places evidence and documents go (a Nextcloud folder, a vault…). */
  evidence_locations?: string[];
  /** Step 7: the bridge (Jitsi, phone conference) the alternate-channel notice points to. */
  bridge_url?: string;
  /** Step 2: minutes between leadership updates; default 60. */
  leadership_cadence_minutes?: number;
}

/** Step 6's approver roles: who reviews an external statement. */
export const APPROVER_ROLES = ['business', 'legal', 'leadership'] as const;
export type ApproverRole = (typeof APPROVER_ROLES)[number];
export const APPROVER_ROLE_LABELS: Record<ApproverRole, string> = { business: 'Business', legal: 'Legal', leadership: 'Leadership' };

/** Every external audience needs all three roles unless the workspace says otherwise (Step 6: "business, legal, and leadership"). */
export const DEFAULT_STATEMENT_APPROVERS: readonly ApproverRole[] = APPROVER_ROLES;

export interface WorkflowSettings {
  timeZone: string;
  noticePeriods: readonly NoticePeriod[];
  approversFor(audience: string): string[];
  evidenceLocations: readonly string[];
  bridgeUrl: string;
  leadershipCadenceMinutes: number;
}

/** The workflows' settings with their defaults filled in. `phoneTimeZone` is Intl's resolved zone. */
export function workflowSettings(settings: WorkspaceSettings, phoneTimeZone: string, examples: readonly NoticePeriod[]): WorkflowSettings {
  return {
    timeZone: settings.time_zone || phoneTimeZone || 'UTC',
    noticePeriods: settings.notice_periods ?? examples,
    approversFor: (audience) => settings.statement_approvers?.[audience] ?? [...DEFAULT_STATEMENT_APPROVERS],
    evidenceLocations: settings.evidence_locations ?? [],
    bridgeUrl: settings.bridge_url ?? '',
    leadershipCadenceMinutes: settings.leadership_cadence_minutes ?? 60,
  };
}
