import { describe, expect, it } from 'vitest';
import {
  GENESIS_HASH,
  canonicalContent,
  contentHash,
  sealEntry,
  verifyChain,
  type HashedContent,
} from '../../src/domain/hash-chain';
import { LOG_FIELDS, type LogEntry } from '../../src/domain/log-entry';
import { completeFields, entryMeta, quickFields } from './log-entry-fixtures';

/** Five entries of one incident, sealed one after the other as the store does. */
async function sealedChain(): Promise<LogEntry[]> {
  const drafts = [
    completeFields({ communication_type: 'leadership_update', contacted: 'Maria Lopez' }),
    quickFields({ communication_type: 'employee_instruction', contacted: 'All staff' }),
    completeFields(),
    quickFields({ communication_type: 'insurance_notice', contacted: 'Shoreline Mutual claims' }),
    completeFields({ communication_type: 'decision', contacted: 'Leadership group' }),
  ];
  const chain: LogEntry[] = [];
  for (const [index, fields] of drafts.entries()) {
    const tip = chain.at(-1) ?? null;
    // The fourth entry completes the second, so `corrects` is set somewhere in the chain.
    const corrects = index === 3 ? (chain[1]?.id ?? null) : null;
    const meta = entryMeta({ device_recorded_at: `2026-03-02T09:1${index}:00.000Z`, corrects });
    chain.push(await sealEntry(fields, meta, tip));
  }
  return chain;
}

/** A copy of the chain the test may change without touching the original objects. */
function copyOf(chain: readonly LogEntry[]): LogEntry[] {
  return chain.map((entry) => ({ ...entry }));
}

/** What someone editing the stored entry would write instead of the recorded value. */
function tamperedValue(value: string | null): string {
  return value === null ? 'added later' : `${value} (edited)`;
}

/** Every value `content_hash` must cover: the template's 13 fields plus who, when and which entry. */
const COVERED_FIELDS = [
  ...LOG_FIELDS.map((spec) => spec.name),
  'id',
  'author',
  'device_recorded_at',
  'corrects',
  'workspace_id',
] as const satisfies readonly (keyof HashedContent)[];

describe('sealing entries into a chain', () => {
  it('numbers the entries 1 to n and links each one to the entry before it', async () => {
    const chain = await sealedChain();

    expect(chain.map((entry) => entry.local_seq)).toEqual([1, 2, 3, 4, 5]);
    expect(chain[0]?.prev_hash).toBe(GENESIS_HASH);
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    for (let n = 1; n < chain.length; n += 1) expect(chain[n]?.prev_hash).toBe(chain[n - 1]?.hash);
    for (const entry of chain) {
      expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(entry.content_hash).toBe(await contentHash(entry));
    }
  });

  it('flags an entry for follow-up only when "Follow-up required" is filled in', async () => {
    const chain = await sealedChain();

    expect(chain.map((entry) => entry.follow_up)).toEqual([1, 0, 1, 0, 1]);
  });

  it('reports an untouched log as intact, every entry checked', async () => {
    expect(await verifyChain(await sealedChain())).toEqual({ intact: true, checked: 5 });
  });

  it('reports an empty log as intact with nothing checked', async () => {
    expect(await verifyChain([])).toEqual({ intact: true, checked: 0 });
  });
});

describe('detecting an edited entry', () => {
  const chainPromise = sealedChain();

  for (const field of COVERED_FIELDS) {
    for (const position of [0, 1, 2, 3, 4]) {
      it(`points at entry #${position + 1} when its "${field}" was changed after recording`, async () => {
        const chain = copyOf(await chainPromise);
        const tampered = chain[position] as LogEntry;
        Object.assign(tampered, { [field]: tamperedValue(tampered[field]) });

        const verdict = await verifyChain(chain);

        expect(verdict.intact).toBe(false);
        if (verdict.intact) return;
        expect(verdict.entry).toBe(tampered);
        expect(verdict.reason).toBe('content');
        expect(verdict.checked).toBe(position);
        expect(verdict.explanation).toContain(`Entry #${position + 1} was changed after it was recorded`);
      });
    }
  }

  it("catches an edit even when the editor also recomputed that entry's hashes, at the next entry", async () => {
    const chain = copyOf(await chainPromise);
    const original = chain[1] as LogEntry;
    const { id, workspace_id, author, device_recorded_at, corrects } = original;
    const previous = chain[0] as LogEntry;
    chain[1] = await sealEntry(
      { ...original, message_summary: 'Nothing was shared with staff.' },
      { id, workspace_id, author, device_recorded_at, corrects },
      previous,
    );

    const verdict = await verifyChain(chain);

    expect(verdict.intact).toBe(false);
    if (verdict.intact) return;
    expect(verdict.entry).toBe(chain[2]);
    expect(verdict.reason).toBe('link');
  });
});

describe('detecting removed, reordered or replaced entries', () => {
  it('reports the entry after a deleted middle entry as out of sequence', async () => {
    const chain = copyOf(await sealedChain());
    chain.splice(2, 1);

    const verdict = await verifyChain(chain);

    expect(verdict.intact).toBe(false);
    if (verdict.intact) return;
    expect(verdict.reason).toBe('sequence');
    expect(verdict.entry?.local_seq).toBe(4);
    expect(verdict.checked).toBe(2);
    expect(verdict.explanation).toBe('Entry #3 is missing: the next stored entry is #4.');
  });

  it('reports two swapped entries as out of sequence', async () => {
    const chain = copyOf(await sealedChain());
    [chain[1], chain[3]] = [chain[3] as LogEntry, chain[1] as LogEntry];

    const verdict = await verifyChain(chain);

    expect(verdict.intact).toBe(false);
    if (verdict.intact) return;
    expect(verdict.reason).toBe('sequence');
    expect(verdict.entry).toBe(chain[1]);
  });

  it('reports two swapped entries whose numbers were also swapped as a broken link', async () => {
    const chain = copyOf(await sealedChain());
    const second = chain[1] as LogEntry;
    const fourth = chain[3] as LogEntry;
    chain[1] = { ...fourth, local_seq: 2 };
    chain[3] = { ...second, local_seq: 4 };

    const verdict = await verifyChain(chain);

    expect(verdict.intact).toBe(false);
    if (verdict.intact) return;
    expect(verdict.reason).toBe('link');
    expect(verdict.entry).toBe(chain[1]);
  });

  it('reports an entry whose link to the previous entry was replaced', async () => {
    const chain = copyOf(await sealedChain());
    const replaced = chain[2] as LogEntry;
    replaced.prev_hash = 'f'.repeat(64);

    const verdict = await verifyChain(chain);

    expect(verdict.intact).toBe(false);
    if (verdict.intact) return;
    expect(verdict.reason).toBe('link');
    expect(verdict.entry).toBe(replaced);
    expect(verdict.explanation).toBe('Entry #3 does not link to entry #2: an entry was removed, replaced or reordered.');
  });

  it('reports an entry whose own chain hash was replaced', async () => {
    const chain = copyOf(await sealedChain());
    const replaced = chain[4] as LogEntry;
    replaced.hash = 'a'.repeat(64);

    const verdict = await verifyChain(chain);

    expect(verdict.intact).toBe(false);
    if (verdict.intact) return;
    expect(verdict.reason).toBe('link');
    expect(verdict.entry).toBe(replaced);
  });

  it('reports a chain that does not start at the genesis hash', async () => {
    const chain = copyOf(await sealedChain());
    chain.shift();

    const verdict = await verifyChain(chain);

    expect(verdict.intact).toBe(false);
    if (verdict.intact) return;
    expect(verdict.reason).toBe('sequence');
    expect(verdict.explanation).toBe('Entry #1 is missing: the next stored entry is #2.');
  });
});

describe('canonical content', () => {
  it('hashes the same entry the same way whatever order its keys were stored in', async () => {
    const [entry] = await sealedChain();
    const reversed = Object.fromEntries(Object.entries(entry as LogEntry).reverse()) as LogEntry;

    expect(Object.keys(reversed)[0]).not.toBe(Object.keys(entry as LogEntry)[0]);
    expect(canonicalContent(reversed)).toBe(canonicalContent(entry as LogEntry));
    expect(await contentHash(reversed)).toBe(await contentHash(entry as LogEntry));
  });

  it('hashes "é" typed as one character and as e + accent identically (NFC)', async () => {
    const composed = '\u00e9';
    const decomposed = 'e\u0301';
    expect(composed).not.toBe(decomposed);
    const fields = completeFields({ contacted: `Ren${composed} Dubois`, message_summary: `Caf${composed} network` });
    const sameFieldsDecomposed = completeFields({ contacted: `Ren${decomposed} Dubois`, message_summary: `Caf${decomposed} network` });
    const meta = entryMeta();

    const a = await sealEntry(fields, meta, null);
    const b = await sealEntry(sameFieldsDecomposed, meta, null);

    expect(a.content_hash).toBe(b.content_hash);
    expect(a.hash).toBe(b.hash);
    expect(await verifyChain([{ ...a, contacted: sameFieldsDecomposed.contacted }])).toEqual({ intact: true, checked: 1 });
  });
});

describe('the follow-up flag the list filters on', () => {
  it('is checked against the follow-up text, so flipping it in the store is reported', async () => {
    const chain = copyOf(await sealedChain());
    const target = chain.find((entry) => entry.follow_up === 0);
    if (!target) throw new Error('fixture needs an entry without follow-up');
    target.follow_up = 1;

    const verdict = await verifyChain(chain);

    expect(verdict).toMatchObject({ intact: false, reason: 'content', entry: { id: target.id } });
  });
});
