/**
 * What the sync engine needs from a backend (DESIGN "Sync contract"), so the engine can be
 * tested against an in-memory server and run against Supabase (supabase-transport.ts)
 * unchanged. Every method either answers in the contract's shape or rejects with a
 * SyncTransportError; an adapter never lets a malformed answer through.
 */
import type { PulledLogEntry, OutboxRow } from '../store/schema';
import { classifyFailure, type ChangeResult, type RequestFailure } from './protocol';

/** What a push sends per change: the outbox row without the phone's bookkeeping. */
/** An outbox row as sent: per table, so the payload's type follows `table`. */
export type OutboxChange = OutboxRow extends infer Row ? (Row extends OutboxRow ? Pick<Row, 'id' | 'table' | 'op' | 'payload'> : never) : never;

/**
 * One change of a pulled page. A table this app version cannot read (a newer server) is
 * passed on as `unreadable` rather than failing the page, so the feed keeps moving.
 */
export type PulledChange =
  | { table: 'log_entry'; cursor: number; row: PulledLogEntry }
  | { table: 'unreadable'; serverTable: string; cursor: number };

export interface PullPage {
  changes: PulledChange[];
  /** Opaque: pass it back as the next cursor. */
  next_cursor: number;
  has_more: boolean;
}

export interface SyncTransport {
  /** Answers per change, as sync_push does; a change missing from the answer was not taken. */
  push(changes: readonly OutboxChange[]): Promise<ChangeResult[]>;
  pull(cursor: number, pageSize: number): Promise<PullPage>;
  /** True when a new session was obtained; false when the user must sign in again. */
  refreshSession(): Promise<boolean>;
}

/**
 * A whole request failed. `failure` is what protocol.classifyFailure reads: status null when
 * no answer arrived; an unreadable answer is reported as 502 so it is retried, not parked
 * (the server may well have applied the batch: a replay then answers duplicate).
 */
export class SyncTransportError extends Error {
  override readonly name = 'SyncTransportError';
  constructor(
    readonly failure: RequestFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const MALFORMED_ANSWER: RequestFailure = { status: 502, code: 'muster-malformed-answer' };

/**
 * Calls the backend; when the session has expired (401, or PostgREST's JWT errors) renews
 * it once with `refresh` and calls again. Rejects with the last error: the 401 itself when
 * the session could not be renewed, so callers decide what "sign in again" means to them.
 */
export async function withRenewedSession<T>(refresh: () => Promise<boolean>, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof SyncTransportError) || classifyFailure(error.failure) !== 'refresh-session') throw error;
    if (!(await refresh())) throw error;
  }
  return call();
}
