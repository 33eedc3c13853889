/**
 * The sync protocol's rules, pure (DESIGN "Sync contract"): how the outbox is cut into
 * batches, what each per-change answer means for the phone, how a failed request is
 * classified, and how long to wait before the next try. The engine wires these to the
 * store, the clock and the transport; nothing here does I/O.
 */

/** What the server answers for one change of a `sync_push` batch. */
export type ChangeResult =
  | { id: string; status: 'applied' }
  | { id: string; status: 'duplicate' }
  | { id: string; status: 'rejected'; reason: string };

import type { ChangeOutcome } from '../store/outbox';

export type { ChangeOutcome };

/**
 * Every change sent must get exactly one outcome. `applied` and `duplicate` both mean the
 * server has it (a duplicate is a replay of a batch whose answer was lost). A change the
 * server did not answer for is retried, never assumed sent.
 */
export function outcomesOf(sentIds: readonly string[], results: readonly ChangeResult[]): ChangeOutcome[] {
  const byId = new Map(results.map((result) => [result.id, result]));
  return sentIds.map((id) => {
    const result = byId.get(id);
    if (!result) return { id, action: 'retry', reason: 'The server did not answer for this change.' };
    if (result.status === 'rejected') return { id, action: 'park', reason: result.reason };
    return { id, action: 'done' };
  });
}

/** Why a whole request failed, and so what to do about it. */
export type FailureClass = 'retry' | 'refresh-session' | 'park-batch';

export interface RequestFailure {
  /** HTTP status, or null when no answer arrived (offline, DNS, connection reset, timeout). */
  status: number | null;
  /** PostgreSQL / PostgREST error code from the body `{code, message, details, hint}`, if any. */
  code?: string | undefined;
}

/**
 * DESIGN: network, 5xx and 40001 are transient: retry with backoff. 401 means the session
 * expired (perhaps while offline): refresh it and retry, never discard. 403 / 42501 and other
 * 4xx answers are definite: the changes are parked as rejected, kept and shown.
 */
export function classifyFailure(failure: RequestFailure): FailureClass {
  if (failure.status === null) return 'retry';
  if (failure.code === '40001' || failure.code === '40P01') return 'retry';
  if (failure.status === 401 || failure.code === 'PGRST301' || failure.code === 'PGRST303') return 'refresh-session';
  if (failure.status === 408 || failure.status === 429 || failure.status >= 500) return 'retry';
  return 'park-batch';
}

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 5 * 60_000 };

/**
 * "Full jitter": a random wait between 0 and min(cap, base * 2^attempt), so phones that lost
 * the network together do not all come back in the same second. `random` is in [0, 1).
 */
export function backoffDelay(attempt: number, random: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(random * ceiling);
}

export interface BatchLimits {
  maxChanges: number;
  /** JSON bytes per request; keeps a push well inside request-size limits on a slow link. */
  maxBytes: number;
}

export const DEFAULT_BATCH: BatchLimits = { maxChanges: 200, maxBytes: 512 * 1024 };

/**
 * The oldest changes first, as many as fit. A single change larger than maxBytes still goes
 * alone (the server answers for it); it never blocks the queue behind it.
 */
export function nextBatch<T>(queue: readonly T[], sizeOf: (change: T) => number, limits: BatchLimits = DEFAULT_BATCH): T[] {
  const batch: T[] = [];
  let bytes = 0;
  for (const change of queue) {
    const size = sizeOf(change);
    if (batch.length > 0 && (batch.length === limits.maxChanges || bytes + size > limits.maxBytes)) break;
    batch.push(change);
    bytes += size;
  }
  return batch;
}
