import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../src/domain/log-entry';
import { exportOf, filesOf, sealedChain, withFile } from './export-fixtures';

// `npx muster-verify export.zip` runs bin/muster-verify.mjs: here it is spawned with plain Node 20.
const BIN = fileURLToPath(new URL('../../bin/muster-verify.mjs', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'muster-verify-'));
let chain: LogEntry[];
let zip: Uint8Array;

function musterVerify(...args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function saved(name: string, bytes: Uint8Array): string {
  const path = join(folder, name);
  writeFileSync(path, bytes);
  return path;
}

beforeAll(async () => {
  chain = await sealedChain(5);
  zip = (await exportOf(chain)).bytes;
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('muster-verify (the command line)', () => {
  it('says intact with the entry count and chain head, and exits 0', () => {
    const path = saved('muster-INC-2026-004-2026-03-02.zip', zip);
    const run = musterVerify(path);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(`${path}: Intact: 5 entries, chain head ${chain.at(-1)?.hash}.\n`);
  }, 60_000);

  it('agrees on a log big enough that fflate zips it in worker threads, while this test zipped it on one', async () => {
    const big = await sealedChain(600);
    const run = musterVerify(saved('big.zip', (await exportOf(big)).bytes));
    expect(run).toMatchObject({ code: 0, stdout: expect.stringContaining('Intact: 600 entries') });
  }, 60_000);

  it('exits 1 with one line naming the changed file', () => {
    const logJson = filesOf(zip).get('log.json') as Uint8Array;
    const edited = new TextEncoder().encode(new TextDecoder().decode(logJson).replace('Bluebridge IT service desk', 'Bluebridge IT service deck'));
    const run = musterVerify(saved('tampered.zip', withFile(zip, 'log.json', edited)));
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/tampered\.zip: Broken: log\.json: does not match its SHA-256 in the manifest: it was changed\. \(and \d+ more problems?\)/);
  }, 60_000);

  it('exits 2 when the file cannot be read or no file is given', () => {
    expect(musterVerify(join(folder, 'missing.zip'))).toMatchObject({ code: 2, stderr: expect.stringContaining('cannot read') });
    expect(musterVerify()).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage: npx muster-verify <export.zip>') });
  }, 60_000);
});
