import type { LogEntry, LogEntryFields } from './log-entry';

/**
 * The device-side hash chain (DESIGN "Hashes"). `content_hash` covers the 13 fields, the
 * ids, the author and the device time; `hash` links it to the previous entry of the same
 * incident on this device, so editing, removing or reordering a stored entry is detected.
 */

export const GENESIS_HASH = '0'.repeat(64);

/** The fields `content_hash` covers, in a fixed order. Changing this list breaks every existing chain. */
const CONTENT_KEYS = [
  'id',
  'workspace_id',
  'incident_id',
  'corrects',
  'author',
  'device_recorded_at',
  'occurred_at',
  'communication_type',
  'contacted',
  'contact_method',
  'message_summary',
  'decision_made',
  'action_requested',
  'owner',
  'deadline',
  'response_received',
  'follow_up_required',
  'evidence_location',
] as const satisfies readonly (keyof LogEntry)[];

export type HashedContent = Pick<LogEntry, (typeof CONTENT_KEYS)[number]>;

/** Canonical serialisation: a JSON array of [key, value] pairs in CONTENT_KEYS order, strings NFC-normalised. */
export function canonicalContent(entry: HashedContent): string {
  const pairs = CONTENT_KEYS.map((key) => {
    const value = entry[key];
    return [key, typeof value === 'string' ? value.normalize('NFC') : null];
  });
  return `muster-log-v1\n${JSON.stringify(pairs)}`;
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function contentHash(entry: HashedContent): Promise<string> {
  return sha256Hex(canonicalContent(entry));
}

export function linkHash(prevHash: string, contentHashHex: string, localSeq: number): Promise<string> {
  return sha256Hex(`muster-chain-v1\n${prevHash}\n${contentHashHex}\n${localSeq}`);
}

/**
 * content: an entry's fields no longer match its hash. link: an entry does not follow its
 * predecessor. sequence: an entry in the middle is gone. missing: the newest entries are gone
 * (the chain is intact but ends before where the phone recorded its end).
 */
export type ChainBreak = 'content' | 'link' | 'sequence' | 'missing';

export type ChainVerdict =
  | { intact: true; checked: number }
  | { intact: false; checked: number; entry: LogEntry | null; reason: ChainBreak; explanation: string };

/** Carries what the next chunk needs, so a 50,000-entry log is verified in pages. */
export interface ChainCursor {
  prevHash: string;
  expectedSeq: number;
  checked: number;
}

export const CHAIN_START: ChainCursor = { prevHash: GENESIS_HASH, expectedSeq: 1, checked: 0 };

/** Verifies entries that follow `cursor`, in local_seq order. Returns the verdict and where to continue. */
export async function verifyChainChunk(
  entries: readonly LogEntry[],
  cursor: ChainCursor,
): Promise<{ verdict: ChainVerdict; next: ChainCursor }> {
  let { prevHash, expectedSeq, checked } = cursor;
  for (const entry of entries) {
    const broken = (reason: ChainBreak, explanation: string) => ({
      verdict: { intact: false as const, checked, entry, reason, explanation },
      next: { prevHash, expectedSeq, checked },
    });
    if (entry.local_seq !== expectedSeq)
      return broken('sequence', `Entry #${expectedSeq} is missing: the next stored entry is #${entry.local_seq}.`);
    // follow_up is derived from follow_up_required and stored only for the index: it must agree.
    const followUpMismatch = entry.follow_up !== (entry.follow_up_required.trim() === '' ? 0 : 1);
    if (followUpMismatch || (await contentHash(entry)) !== entry.content_hash)
      return broken('content', `Entry #${entry.local_seq} was changed after it was recorded: its content no longer matches its hash.`);
    if (entry.prev_hash !== prevHash || (await linkHash(prevHash, entry.content_hash, entry.local_seq)) !== entry.hash)
      return broken('link', `Entry #${entry.local_seq} does not link to entry #${entry.local_seq - 1}: an entry was removed, replaced or reordered.`);
    prevHash = entry.hash;
    expectedSeq += 1;
    checked += 1;
  }
  return { verdict: { intact: true, checked }, next: { prevHash, expectedSeq, checked } };
}

export async function verifyChain(entries: readonly LogEntry[]): Promise<ChainVerdict> {
  return (await verifyChainChunk(entries, CHAIN_START)).verdict;
}

export interface EntryMeta {
  id: string;
  workspace_id: string;
  author: string;
  device_recorded_at: string;
  corrects: string | null;
}

/** The last entry of the incident's chain on this device, or null for the first entry. */
export type ChainTip = { hash: string; local_seq: number } | null;

/** Builds the stored form of a new entry: its place in the chain and both hashes. */
export async function sealEntry(fields: LogEntryFields, meta: EntryMeta, tip: ChainTip): Promise<LogEntry> {
  const unsealed = { ...fields, ...meta };
  const local_seq = (tip?.local_seq ?? 0) + 1;
  const prev_hash = tip?.hash ?? GENESIS_HASH;
  const content_hash = await contentHash(unsealed);
  const hash = await linkHash(prev_hash, content_hash, local_seq);
  return { ...unsealed, local_seq, content_hash, prev_hash, hash, follow_up: fields.follow_up_required.trim() === '' ? 0 : 1 };
}
