/**
 * The Supabase adapter of SyncTransport: the two RPCs of supabase/migrations/*_sync.sql and
 * the session refresh, through a supabase-js client. Answers are validated here, at the
 * edge (STYLE "Validate at the edges"): the engine only ever sees the contract's shapes or a
 * SyncTransportError. Fields a newer server adds are ignored.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import * as v from 'valibot';
import type { PulledLogEntry } from '../store/schema';
import type { ChangeResult } from './protocol';
import { MALFORMED_ANSWER, SyncTransportError, type OutboxChange, type PullPage, type PulledChange, type SyncTransport } from './transport';

const resultSchema = v.object({ id: v.string(), status: v.string(), reason: v.optional(v.nullable(v.string())) });
const pushAnswerSchema = v.array(resultSchema);

const nullableText = v.nullable(v.string());
const pulledLogEntrySchema = v.object({
  id: v.string(),
  workspace_id: v.string(),
  incident_id: v.string(),
  occurred_at: v.string(),
  communication_type: v.string(),
  contacted: v.string(),
  contact_method: v.string(),
  message_summary: v.string(),
  decision_made: v.string(),
  action_requested: v.string(),
  owner: v.string(),
  deadline: nullableText,
  response_received: v.string(),
  follow_up_required: v.string(),
  evidence_location: v.string(),
  corrects: nullableText,
  author: v.string(),
  device_recorded_at: v.string(),
  content_hash: v.string(),
  local_seq: v.pipe(v.number(), v.integer()),
  prev_hash: v.string(),
  hash: v.string(),
  recorded_by: nullableText,
  recorded_at: v.string(),
  seq: v.pipe(v.number(), v.integer()),
  chain_hash: v.string(),
}) satisfies v.GenericSchema<unknown, PulledLogEntry>;

const cursorSchema = v.pipe(v.number(), v.integer(), v.minValue(0));
const pullAnswerSchema = v.object({
  changes: v.array(v.object({ table: v.string(), cursor: cursorSchema, row: v.unknown() })),
  next_cursor: cursorSchema,
  has_more: v.boolean(),
});

interface PostgrestAnswer {
  data: unknown;
  error: { message: string; code?: string | null } | null;
  status: number;
}

function malformed(what: string, issues: readonly v.BaseIssue<unknown>[]): SyncTransportError {
  const where = issues[0] ? `${v.getDotPath(issues[0]) ?? 'answer'}: ${issues[0].message}` : 'unreadable';
  return new SyncTransportError(MALFORMED_ANSWER, `The Muster backend answered ${what} in a form this app cannot read (${where}).`);
}

/** supabase-js answers a failed fetch with status 0; anything else carries the HTTP status and PostgREST's code. */
export async function callRpc(client: SupabaseClient, fn: string, args: Record<string, unknown>): Promise<unknown> {
  let answer: PostgrestAnswer;
  try {
    answer = await client.rpc(fn, args);
  } catch (cause) {
    throw new SyncTransportError({ status: null }, 'No answer from the Muster backend (offline or unreachable).', { cause });
  }
  if (answer.error) {
    if (answer.status === 0)
      throw new SyncTransportError({ status: null }, `No answer from the Muster backend (offline or unreachable): ${answer.error.message}`);
    throw new SyncTransportError({ status: answer.status, code: answer.error.code || undefined }, answer.error.message);
  }
  return answer.data;
}

function toChangeResults(data: unknown): ChangeResult[] {
  const parsed = v.safeParse(pushAnswerSchema, data);
  if (!parsed.success) throw malformed('a push', parsed.issues);
  // A status this version does not know (a newer server) counts as unanswered: the change
  // stays queued and is sent again, never taken as stored nor parked.
  return parsed.output.flatMap((result): ChangeResult[] => {
    if (result.status === 'applied' || result.status === 'duplicate') return [{ id: result.id, status: result.status }];
    if (result.status === 'rejected') return [{ id: result.id, status: 'rejected', reason: result.reason || 'The server refused this change without saying why.' }];
    return [];
  });
}

function toPullPage(data: unknown): PullPage {
  const parsed = v.safeParse(pullAnswerSchema, data);
  if (!parsed.success) throw malformed('a pull', parsed.issues);
  const changes = parsed.output.changes.map((change): PulledChange => {
    if (change.table !== 'log_entry') return { table: 'unreadable', serverTable: change.table, cursor: change.cursor };
    const row = v.safeParse(pulledLogEntrySchema, change.row);
    if (!row.success) throw malformed('a pulled log entry', row.issues);
    return { table: 'log_entry', cursor: change.cursor, row: row.output };
  });
  return { changes, next_cursor: parsed.output.next_cursor, has_more: parsed.output.has_more };
}

export function createSupabaseTransport(client: SupabaseClient): SyncTransport {
  return {
    async push(changes: readonly OutboxChange[]) {
      return toChangeResults(await callRpc(client, 'sync_push', { changes }));
    },
    async pull(cursor: number, pageSize: number) {
      return toPullPage(await callRpc(client, 'sync_pull', { cursor, page_size: pageSize }));
    },
    async refreshSession() {
      const { data, error } = await client.auth.refreshSession();
      if (!error) return data.session !== null;
      // No answer, or the auth server failing, is not a verdict on the session: retry later.
      if (error.status === undefined || error.status === 0 || error.status >= 500 || error.name === 'AuthRetryableFetchError')
        throw new SyncTransportError({ status: error.status || null }, `Could not renew the sign-in: ${error.message}`, { cause: error });
      return false;
    },
  };
}
