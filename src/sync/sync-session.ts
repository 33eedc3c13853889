/**
 * The phone's session with the Muster backend, as the app uses it: sign-in, the workspaces
 * the user belongs to, and one sync run (incidents first, then the outbox and the team's
 * feed through the sync engine). This module and supabase-js are loaded only when the user
 * signs in or a signed-in phone syncs, never at start (DESIGN "Sync contract").
 */
import { FunctionsHttpError, type FunctionInvokeOptions, type SupabaseClient } from '@supabase/supabase-js';
import * as v from 'valibot';
import type { BackendAccount, WorkspaceSettings } from '../domain/workspace';
import { incidentsMissingOnServer, mergeServerIncidents, type ServerWorkspace } from '../store/link-workspace';
import type { MusterDatabase } from '../store/open-database';
import { recordSyncRun } from '../store/pulled-log';
import { loadSupabase } from './load-supabase';
import { callRpc, createSupabaseTransport } from './supabase-transport';
import { createSyncEngine, type SyncEngine, type SyncReport } from './sync-engine';
import { syncTeamState, type TeamStateReport } from './team-state';
import { MALFORMED_ANSWER, SyncTransportError, withRenewedSession, type SyncTransport } from './transport';

const roleSchema = v.picklist(['owner', 'comm_owner', 'approver', 'responder', 'viewer']);
const workspacesSchema = v.array(
  v.object({
    id: v.string(),
    name: v.string(),
    role: roleSchema,
    incidents: v.array(
      v.object({ id: v.string(), title: v.string(), status: v.picklist(['open', 'closed']), detected_at: v.nullable(v.string()), opened_at: v.string() }),
    ),
  }),
) satisfies v.GenericSchema<unknown, ServerWorkspace[]>;
const answersSchema = v.array(v.object({ id: v.string(), status: v.string(), reason: v.optional(v.nullable(v.string())) }));

/**
 * A run: the engine's report, or why it did not start. `membership`: the server does not
 * list this phone's workspace for the user (removed, or another account): nothing was sent,
 * everything waits on the phone. `incidentsRefused` names incidents the server would not
 * open (the entries logged to them are refused with the reason, kept on the phone).
 */
export type SessionReport = (SyncReport | { reason: 'membership'; message: string; pushed: 0; duplicates: 0; parked: 0; pulled: 0 }) & {
  incidentsChanged: number;
  incidentsRefused: { id: string; reason: string }[];
  /** Call-tree runs and team alerts, read after a clean run; null when the run stopped early. */
  team: TeamStateReport | null;
};

export interface SyncSession {
  signIn(email: string, password: string): Promise<BackendAccount>;
  signUp(email: string, password: string): Promise<BackendAccount>;
  /** Ends the session on this phone (and, when reachable, on the server). Never touches the log or the outbox. */
  signOut(): Promise<void>;
  /** The account of the session stored on this phone, or null. */
  account(): Promise<BackendAccount | null>;
  workspaces(): Promise<ServerWorkspace[]>;
  /** Creates the workspace this phone started offline on the server, under the same id, with the user as owner. */
  createWorkspace(id: string, name: string): Promise<void>;
  run(db: MusterDatabase, settings: WorkspaceSettings): Promise<SessionReport>;
  /** Calls one of the backend's RPCs as the signed-in user (renewing the session once if it ran out). */
  call(fn: string, args: Record<string, unknown>): Promise<unknown>;
  /**
   * Calls one of the backend's Edge Functions as the signed-in user (renewing the session once
   * if it ran out). An HTTP answer, error or not, comes back as status and body; no answer at
   * all rejects with SyncTransportError.
   */
  invoke(fn: string, body: Record<string, unknown>): Promise<FunctionAnswer>;
  /**
   * Sends a file's bytes to an Edge Function as the signed-in user, with `query` as URL
   * parameters (the body carries nothing else); answers and rejects as invoke does.
   */
  upload(fn: string, query: Record<string, string>, bytes: Uint8Array, contentType: string): Promise<FunctionAnswer>;
}

/** An Edge Function's HTTP answer: its status and JSON body (null when the body is not JSON). */
export interface FunctionAnswer {
  status: number;
  body: unknown;
}

export class SignInError extends Error {
  override readonly name = 'SignInError';
}

function accountOf(user: { id: string; email?: string | undefined } | null | undefined): BackendAccount {
  if (!user) throw new SignInError('The Muster backend did not return an account.');
  return { user_id: user.id, email: user.email ?? '' };
}

function signInMessage(error: { message: string; status?: number | undefined }): string {
  if (!error.status) return `No answer from the Muster backend (${error.message}). Check the address and the network.`;
  if (error.status === 400 && /invalid login/i.test(error.message)) return 'Wrong email or password.';
  return error.message;
}

export function createSyncSession(client: SupabaseClient, random: () => number = Math.random): SyncSession {
  const adapter = createSupabaseTransport(client);
  const engines = new Map<string, SyncEngine>();
  let session: SyncSession;

  const withSession = <T>(call: () => Promise<T>) => withRenewedSession(() => adapter.refreshSession(), call);

  async function functionAnswer(path: string, options: FunctionInvokeOptions): Promise<FunctionAnswer> {
    const { data, error, response } = await client.functions.invoke(path, options);
    if (!error) return { status: response?.status ?? 200, body: data };
    if (error instanceof FunctionsHttpError) {
      const context = error.context as Response;
      return { status: context.status, body: await context.json().catch(() => null) };
    }
    throw new SyncTransportError({ status: null }, `No answer from the Muster backend: ${(error as Error).message}`, { cause: error });
  }

  /**
   * Calls an Edge Function; on 401 (the session ran out) renews the session once and calls
   * again. The functions are idempotent by the id in their request, so the second call is safe.
   * A renewal that fails (or finds no session) answers the first 401: the caller says "sign in".
   */
  async function callFunction(path: string, options: FunctionInvokeOptions): Promise<FunctionAnswer> {
    const first = await functionAnswer(path, options);
    if (first.status !== 401) return first;
    const renewed = await adapter.refreshSession().catch(() => false);
    return renewed ? functionAnswer(path, options) : first;
  }

  function engineFor(db: MusterDatabase, workspaceId: string): SyncEngine {
    const transport: SyncTransport = adapter;
    let engine = engines.get(workspaceId);
    if (!engine) {
      engine = createSyncEngine({ db, transport, workspaceId, now: () => new Date(), random, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) });
      engines.set(workspaceId, engine);
    }
    return engine;
  }

  const idle = { pushed: 0, duplicates: 0, parked: 0, pulled: 0 } as const;

  session = {
    async signIn(email, password) {
      const { data, error } = await client.auth.signInWithPassword({ email: email.trim(), password });
      if (error) throw new SignInError(signInMessage(error), { cause: error });
      return accountOf(data.user);
    },
    async signUp(email, password) {
      const { data, error } = await client.auth.signUp({ email: email.trim(), password });
      if (error) throw new SignInError(signInMessage(error), { cause: error });
      if (!data.session) throw new SignInError('Account created: confirm it from the email the backend sent, then sign in.');
      return accountOf(data.user);
    },
    async signOut() {
      // scope local: this phone only; a failed server call still ends the session here.
      await client.auth.signOut({ scope: 'local' });
    },
    async account() {
      const { data } = await client.auth.getSession();
      return data.session ? accountOf(data.session.user) : null;
    },
    async workspaces() {
      const data = await withSession(() => callRpc(client, 'my_workspaces', {}));
      const parsed = v.safeParse(workspacesSchema, data);
      if (!parsed.success) throw new SyncTransportError(MALFORMED_ANSWER, 'The Muster backend listed the workspaces in a form this app cannot read.');
      return parsed.output;
    },
    call(fn, args) {
      return withSession(() => callRpc(client, fn, args));
    },
    invoke(fn, body) {
      return callFunction(fn, { body });
    },
    upload(fn, query, bytes, contentType) {
      const body = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: contentType });
      return callFunction(`${fn}?${new URLSearchParams(query).toString()}`, { body, headers: { 'Content-Type': contentType } });
    },
    async createWorkspace(id, name) {
      await withSession(() => callRpc(client, 'create_workspace', { workspace_id: id, workspace_name: name }));
    },
    async run(db, settings) {
      const workspaceId = settings.workspace_id;
      let workspaces: ServerWorkspace[];
      try {
        workspaces = await session.workspaces();
      } catch (error) {
        if (!(error instanceof SyncTransportError)) throw error;
        // Let the engine meet the same failure and classify it (retry, renew, sign in again).
        return { ...(await engineFor(db, workspaceId).runOnce()), incidentsChanged: 0, incidentsRefused: [], team: null };
      }
      const workspace = workspaces.find((each) => each.id === workspaceId);
      if (!workspace) {
        const message = `This account is not a member of “${settings.name}” on the server. Nothing was sent; everything waits on this phone. Ask an owner to add you, or sign in with the account that is.`;
        await recordSyncRun(db, workspaceId, { last_error: message });
        return { reason: 'membership', message, ...idle, incidentsChanged: 0, incidentsRefused: [], team: null };
      }
      const incidentsChanged = await mergeServerIncidents(db, workspaceId, workspace.incidents);
      const missing = await incidentsMissingOnServer(db, workspaceId, workspace.incidents);
      const incidentsRefused: SessionReport['incidentsRefused'] = [];
      if (missing.length > 0) {
        try {
          const answer = v.parse(answersSchema, await withSession(() => callRpc(client, 'register_incidents', { incidents: missing })));
          for (const result of answer) if (result.status === 'rejected') incidentsRefused.push({ id: result.id, reason: result.reason ?? 'refused' });
        } catch (error) {
          if (!(error instanceof SyncTransportError) && !(error instanceof v.ValiError)) throw error;
          // The engine's own calls meet the same trouble and say so; entries wait meanwhile.
        }
      }
      const report = await engineFor(db, workspaceId).runOnce();
      const team = report.reason === 'ok' ? await syncTeamState(client, db, settings, (await session.account())?.user_id ?? null) : null;
      return { ...report, incidentsChanged, incidentsRefused, team };
    },
  };
  return session;
}

const sessions = new Map<string, Promise<SyncSession>>();

/** One session (and one supabase-js client) per backend on this page. */
export function openSyncSession(url: string, anonKey: string): Promise<SyncSession> {
  const key = `${url}\n${anonKey}`;
  let session = sessions.get(key);
  if (!session) {
    session = loadSupabase(url, anonKey).then((client) => createSyncSession(client));
    sessions.set(key, session);
  }
  return session;
}
