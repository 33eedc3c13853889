// Types for server/start.mjs, so TypeScript tests can start the app and backend together.

import type { Database } from './database.mjs';

export interface MusterOptions {
  /** App folder; a relative path is taken from the repository root. Default 'dist'. */
  root?: string;
  /** Default $PORT, else 0 (any free port). */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  swSuffix?: string;
  /** Use this PostgreSQL database instead of PGlite. */
  databaseUrl?: string;
  /** PGlite's data folder. Default '.muster-data' in the repository. */
  dataDir?: string;
  /** An empty PGlite cluster (dumpDataDir()) to copy into a new dataDir instead of running initdb. */
  pgliteTemplate?: Blob;
  /** Folder holding bootstrap/local.sql, migrations/ and seed.sql. Default 'supabase'. */
  supabaseDir?: string;
  /** Apply seed.sql when the database is new. Default false. */
  seed?: boolean;
  bootstrapFile?: string;
  migrationsDir?: string;
  seedFile?: string | null;
  /** HS256 secret for access tokens and API keys. Default: the Supabase CLI's. */
  jwtSecret?: string;
  /** Access tokens' `expires_in`. Default 3600. */
  accessTokenLifetimeSeconds?: number;
  /** How long a rotated refresh token may still be presented. Default 10 (the CLI's). */
  refreshTokenReuseIntervalSeconds?: number;
  /** Leeway on exp/nbf/iat for REST calls. Default 30 (PostgREST's). */
  jwtClockSkewSeconds?: number;
  /** Access tokens' `iss`. Default `<request origin>/auth/v1`. */
  issuer?: string;
  /**
   * Run the send-alert and dispatch Edge Functions under Deno and serve /functions/v1/send-alert
   * and /functions/v1/dispatch. Default
   * false (the command line turns it on). tickSeconds: how often due repeats and escalations
   * go out, default 15; 0 = only when `alerts.tick()` is called.
   */
  alerts?: boolean | { tickSeconds?: number };
}

export interface RunningAlerts {
  /** The send-alert function is running. */
  readonly enabled: boolean;
  /** Why not, in a few words; null when enabled. */
  readonly offReason: string | null;
  /** What the app subscribes with (also in /muster-backend.json); null when off. */
  readonly vapidPublicKey: string | null;
  /** Sends every due round now, as Supabase's cron does; resolves to the function's {rounds}. */
  tick(): Promise<unknown>;
}

export interface RunningDispatch {
  /** The dispatch function (chat connectors) is running; it runs whenever alerts run. */
  readonly enabled: boolean;
  /** Why not, in a few words; null when enabled. */
  readonly offReason: string | null;
}

export interface RunningMuster {
  /** Base URL with a trailing slash; also the Supabase URL for supabase-js. */
  url: string;
  port: number;
  /** The anon API key (an HS256 JWT with role anon). */
  anonKey: string;
  serviceRoleKey: string;
  database: Database;
  /** created: the database was empty at start; applied: files applied by this start. */
  schema: { created: boolean; applied: string[] };
  setSwSuffix(text: string): void;
  alerts: RunningAlerts;
  dispatch: RunningDispatch;
  /** The evidence-upload function (Nextcloud); it runs whenever alerts run. */
  evidenceUpload: RunningDispatch;
  /** Stops serving and the Edge Functions, then closes the database. */
  close(): Promise<void>;
}

export function startMuster(options?: MusterOptions): Promise<RunningMuster>;
