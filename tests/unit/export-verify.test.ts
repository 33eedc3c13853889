import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildExport, type BuiltExport } from '../../src/domain/export/build-export';
import { GENESIS_HASH } from '../../src/domain/hash-chain';
import { MANIFEST_NAME, manifestJson, sha256OfBytes } from '../../src/domain/export/export-manifest';
import { describeVerdict, verifyExport, ZIP_FILE, type ExportVerdict } from '../../src/domain/export/verify-export';
import type { LogEntry } from '../../src/domain/log-entry';
import { exportOf, filesOf, HEADER, logJsonFrom, logJsonLines, manifestOf, repack, sealedChain, withFile, withFileAndManifest } from './export-fixtures';

const PDF = { name: 'log.pdf', bytes: new TextEncoder().encode('%PDF-1.7\n% a stand-in for the log PDF\n%%EOF\n') };

function flipped(bytes: Uint8Array, at: number, mask: number): Uint8Array {
  const copy = bytes.slice();
  copy[at] = (copy[at] as number) ^ mask;
  return copy;
}

function problemsOf(verdict: ExportVerdict) {
  if (verdict.intact) throw new Error('expected the export to be reported broken, it verified intact');
  return verdict.problems;
}

let chain: LogEntry[];
let built: BuiltExport;

beforeAll(async () => {
  chain = await sealedChain(7, (index) => (index === 4 ? { message_summary: '=HYPERLINK("http://evil.example","Open")' } : {}));
  built = await exportOf(chain, [PDF]);
});

describe('a clean export', () => {
  it('holds the log, the decisions, the extra files and the manifest, named for the incident and the day', () => {
    expect(built.fileName).toBe('muster-INC-2026-004-2026-03-02.zip');
    expect([...filesOf(built.bytes).keys()]).toEqual(['log.csv', 'decisions.csv', 'log.json', 'log.pdf', MANIFEST_NAME]);
  });

  it('lists in the manifest every file with its SHA-256 and size, the entry count, the first and last #, and the chain head', async () => {
    const manifest = manifestOf(built.bytes);
    const files = filesOf(built.bytes);
    for (const listed of manifest.files) {
      const bytes = files.get(listed.name) as Uint8Array;
      expect(listed).toEqual({ name: listed.name, sha256: await sha256OfBytes(bytes), bytes: bytes.length });
    }
    expect(manifest.entries).toEqual({ count: 7, decisions: 2, first_local_seq: 1, last_local_seq: 7, chain_head_hash: chain.at(-1)?.hash });
    expect(manifest.exported_by).toBe('Tom Becker');
    expect(manifest.incident).toEqual(HEADER.incident);
    expect(manifest.muster_version).toBe('0.1.0');
  });

  it('verifies intact, with its entry count and chain head, in one line', async () => {
    const verdict = await verifyExport(built.bytes);
    expect(verdict).toMatchObject({ intact: true, entries: 7, chainHead: chain.at(-1)?.hash, incidentId: 'INC-2026-004' });
    expect(describeVerdict(verdict)).toBe(`Intact: 7 entries, chain head ${chain.at(-1)?.hash}.`);
  });

  it('verifies for any log, from empty to a few dozen entries of hostile text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 30 }), fc.string({ maxLength: 30 }), async (count, text) => {
        const entries = await sealedChain(count, (index) => (index % 2 === 0 ? { contacted: text, owner: `-${text}` } : {}));
        const verdict = await verifyExport((await exportOf(entries)).bytes);
        expect(verdict).toMatchObject({ intact: true, entries: count, chainHead: entries.at(-1)?.hash ?? GENESIS_HASH });
      }),
      { numRuns: 25 },
    );
  });

  it('writes the same bytes when re-zipped from its files, so the archive itself can be checked', () => {
    expect(repack(filesOf(built.bytes))).toEqual(built.bytes);
  });

  it('refuses an extra file whose name is taken or is a path', async () => {
    await expect(buildExport({ header: HEADER, entries: chain, extraFiles: [{ name: 'manifest.json', bytes: new Uint8Array() }] })).rejects.toThrow(/already has/);
    await expect(buildExport({ header: HEADER, entries: chain, extraFiles: [{ name: '../evil.sh', bytes: new Uint8Array() }] })).rejects.toThrow(/cannot be a file name/);
  });
});

describe('any changed byte is detected', () => {
  const names = ['log.csv', 'decisions.csv', 'log.json', 'log.pdf', MANIFEST_NAME];

  it('flipping any byte of any file names that file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), fc.nat(), fc.integer({ min: 1, max: 255 }), async (name, position, mask) => {
        const original = filesOf(built.bytes).get(name) as Uint8Array;
        const verdict = await verifyExport(withFile(built.bytes, name, flipped(original, position % original.length, mask)));
        const problems = problemsOf(verdict);
        // A flipped hash digit in the manifest reads as the file it describes having changed.
        if (name !== MANIFEST_NAME) expect(problems.map((problem) => problem.file)).toContain(name);
      }),
      { numRuns: 150 },
    );
  });

  it('flipping any byte of the zip itself is caught, even in header fields no file depends on', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.integer({ min: 1, max: 255 }), async (position, mask) => {
        problemsOf(await verifyExport(flipped(built.bytes, position % built.bytes.length, mask)));
      }),
      { numRuns: 150 },
    );
  });

  it('names the archive when only a zip header byte changed', async () => {
    // Byte 10 of the first local header is its modification time: no file content depends on it.
    const problems = problemsOf(await verifyExport(flipped(built.bytes, 10, 0x01)));
    expect(problems).toEqual([expect.objectContaining({ file: ZIP_FILE })]);
  });

  it('says so when the file is not a zip at all', async () => {
    const verdict = await verifyExport(new TextEncoder().encode('local_seq,id\n1,abc\n'));
    expect(describeVerdict(verdict)).toMatch(/^Broken: the zip file: cannot be opened as a zip archive/);
  });
});

describe('rows of log.json dropped, duplicated or moved, with the manifest hash rewritten to match', () => {
  const rowEdits = {
    dropped: (rows: string[], at: number) => rows.filter((_, index) => index !== at),
    duplicated: (rows: string[], at: number) => [...rows.slice(0, at + 1), rows[at] as string, ...rows.slice(at + 1)],
    moved: (rows: string[], at: number) => {
      const copy = [...rows];
      const [row] = copy.splice(at, 1);
      copy.splice(at === copy.length ? 0 : at + 1, 0, row as string);
      return copy;
    },
  };

  it.each(Object.keys(rowEdits) as (keyof typeof rowEdits)[])('any %s row is caught, and log.json is named', async (edit) => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: chain.length - 1 }), async (at) => {
        const parts = logJsonLines(built.bytes);
        const tampered = await withFileAndManifest(built.bytes, 'log.json', logJsonFrom({ ...parts, entries: rowEdits[edit](parts.entries, at) }));
        const problems = problemsOf(await verifyExport(tampered));
        expect(problems.some((problem) => problem.file === 'log.json' || problem.file === MANIFEST_NAME)).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it('names the entry whose row was taken out of the middle', async () => {
    const parts = logJsonLines(built.bytes);
    const tampered = await withFileAndManifest(built.bytes, 'log.json', logJsonFrom({ ...parts, entries: rowEdits.dropped(parts.entries, 2) }));
    const problems = problemsOf(await verifyExport(tampered));
    expect(problems[0]).toMatchObject({ file: 'log.json', entry: 4 });
    expect(problems[0]?.message).toMatch(/Row 3 \(entry #4\) is out of place: entry #3 was expected/);
  });

  it('names the edited entry when a field was changed', async () => {
    const parts = logJsonLines(built.bytes);
    const entries = parts.entries.map((line, index) => (index === 5 ? line.replace('"Tom Becker"', '"Someone else"') : line));
    const problems = problemsOf(await verifyExport(await withFileAndManifest(built.bytes, 'log.json', logJsonFrom({ ...parts, entries }))));
    expect(problems[0]).toMatchObject({ file: 'log.json', entry: 6 });
    expect(describeVerdict({ intact: false, problems })).toMatch(/^Broken: log.json: Row 6 \(entry #6\) was changed/);
  });

  it('catches the newest entries cut off, from the manifest count and chain head', async () => {
    const parts = logJsonLines(built.bytes);
    const tampered = await withFileAndManifest(built.bytes, 'log.json', logJsonFrom({ ...parts, entries: parts.entries.slice(0, -2) }));
    const problems = problemsOf(await verifyExport(tampered));
    expect(problems).toContainEqual(expect.objectContaining({ file: MANIFEST_NAME, message: 'says count is 7, but log.json has 5.' }));
  });
});

describe('the CSV files must say what log.json says', () => {
  it('names log.csv and the entry when a row was dropped from it', async () => {
    const text = new TextDecoder().decode(filesOf(built.bytes).get('log.csv'));
    const lines = text.split('\r\n');
    const withoutRow3 = [...lines.slice(0, 3), ...lines.slice(4)].join('\r\n');
    const problems = problemsOf(await verifyExport(await withFileAndManifest(built.bytes, 'log.csv', new TextEncoder().encode(withoutRow3))));
    expect(problems).toEqual([expect.objectContaining({ file: 'log.csv', entry: 3 })]);
  });

  it('names decisions.csv when a decision cell was edited', async () => {
    const text = new TextDecoder().decode(filesOf(built.bytes).get('decisions.csv')).replace('Disable the forwarding rule', 'Keep the forwarding rule');
    const problems = problemsOf(await verifyExport(await withFileAndManifest(built.bytes, 'decisions.csv', new TextEncoder().encode(text))));
    expect(problems).toEqual([expect.objectContaining({ file: 'decisions.csv', entry: 3, message: expect.stringContaining('column decision_made differs') })]);
  });
});

describe('a changed manifest is detected', () => {
  async function withManifest(edit: (manifest: ReturnType<typeof manifestOf>) => void): Promise<Uint8Array> {
    const manifest = manifestOf(built.bytes);
    edit(manifest);
    return withFile(built.bytes, MANIFEST_NAME, new TextEncoder().encode(manifestJson(manifest)));
  }

  it.each([
    ['who exported it', (m: ReturnType<typeof manifestOf>) => void (m.exported_by = 'Maria Lopez'), /exported_by/],
    ['when', (m: ReturnType<typeof manifestOf>) => void (m.exported_at = '2026-03-01T10:00:00.000Z'), /exported_at/],
    ['the incident title', (m: ReturnType<typeof manifestOf>) => void (m.incident.title = 'Nothing happened'), /incident/],
    ['the entry count', (m: ReturnType<typeof manifestOf>) => void (m.entries.count = 6), /count is 6/],
    ['the chain head', (m: ReturnType<typeof manifestOf>) => void (m.entries.chain_head_hash = GENESIS_HASH), /chain head/],
  ])('%s changed', async (_, edit, message) => {
    const problems = problemsOf(await verifyExport(await withManifest(edit)));
    expect(problems).toContainEqual(expect.objectContaining({ file: MANIFEST_NAME, message: expect.stringMatching(message) }));
  });

  it('the same values written differently', async () => {
    const manifest = manifestOf(built.bytes);
    const problems = problemsOf(await verifyExport(withFile(built.bytes, MANIFEST_NAME, new TextEncoder().encode(JSON.stringify(manifest)))));
    expect(problems).toEqual([expect.objectContaining({ file: MANIFEST_NAME, message: expect.stringContaining('not byte for byte') })]);
  });

  it('a file missing from the zip, or one added to it', async () => {
    const files = filesOf(built.bytes);
    files.delete('log.pdf');
    expect(problemsOf(await verifyExport(repack(files)))).toContainEqual(expect.objectContaining({ file: 'log.pdf', message: expect.stringContaining('missing') }));
    const added = filesOf(built.bytes);
    added.set('invoice.xlsm', new Uint8Array([1, 2, 3]));
    expect(problemsOf(await verifyExport(repack(added)))).toContainEqual(expect.objectContaining({ file: 'invoice.xlsm', message: expect.stringContaining('not listed') }));
  });
});
