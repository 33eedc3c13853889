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
}
