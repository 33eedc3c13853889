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
}
