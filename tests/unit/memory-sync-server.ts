// A tiny in-memory Muster backend that follows sync_push / sync_pull's contract
// (supabase/migrations/*_sync.sql): idempotent push answered per change, a content check,
// pull paged by a cursor. For engine tests that need no real server.

import type { LogEntry } from '../../src/domain/log-entry';
import type { PulledLogEntry } from '../../src/store/schema';
import type { ChangeResult } from '../../src/sync/protocol';
import type { OutboxChange, PullPage, SyncTransport } from '../../src/sync/transport';

export interface MemorySyncServer extends SyncTransport {
  stored: PulledLogEntry[];
  pushCalls: number;
  /** Ids the server refuses, with the reason it gives. */
  refuse: Map<string, string>;
}

export function memorySyncServer(userId = 'user-1'): MemorySyncServer {
  const server: MemorySyncServer = {
    stored: [],
    pushCalls: 0,
    refuse: new Map(),
    async push(changes: readonly OutboxChange[]): Promise<ChangeResult[]> {
      server.pushCalls += 1;
      return changes.map((change): ChangeResult => {
        const reason = server.refuse.get(change.id);
        if (reason) return { id: change.id, status: 'rejected', reason };
        const existing = server.stored.find((row) => row.id === change.id);
        if (existing) return { id: change.id, status: 'duplicate' };
        if (change.table !== 'log_entry') throw new Error(`the memory server keeps log entries only, not ${change.table}`);
        const { follow_up: _unstored, ...fields }: LogEntry = change.payload;
        server.stored.push({ ...fields, seq: server.stored.length + 1, recorded_at: new Date(0).toISOString(), recorded_by: userId, chain_hash: 'c'.repeat(64) });
        return { id: change.id, status: 'applied' };
      });
    },
    async pull(cursor: number, pageSize: number): Promise<PullPage> {
      const page = server.stored.filter((row) => row.seq > cursor).slice(0, pageSize);
      return {
        changes: page.map((row) => ({ table: 'log_entry', cursor: row.seq, row })),
        next_cursor: page.at(-1)?.seq ?? cursor,
        has_more: page.length === pageSize,
      };
    },
    async refreshSession() {
      return true;
    },
  };
  return server;
}
