// `node server/start.mjs` as a whole: app and backend on one port, data that survives a
// restart, migrations applied once and in order, and a clear refusal when the files no longer
// match the database.

import { cp, mkdtemp, rm, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMuster, type MusterOptions } from '../../server/start.mjs';
import { FIXTURES, backends, createDataPlace, supabaseClient, uniqueEmail, type DataPlace } from './muster-under-test';

const PASSWORD = 'correct horse battery';

describe.each(backends)('Starting Muster on %s', (backend) => {
  let place: DataPlace;
  let supabaseDir: string;
  let options: MusterOptions;

  beforeAll(async () => {
    place = await createDataPlace(backend);
    // A copy of the fixture SQL, so tests can add and edit migrations.
    supabaseDir = await mkdtemp(join(tmpdir(), 'muster-sql-'));
    await cp(FIXTURES.supabaseDir, supabaseDir, { recursive: true });
    options = { root: FIXTURES.root, supabaseDir, bootstrapFile: FIXTURES.bootstrapFile, seed: true, port: 0, ...place.options };
  });
  afterAll(async () => {
    await place?.remove();
    await rm(supabaseDir, { recursive: true, force: true });
  });

  it('serves the app and the backend on one port, and keeps accounts and notes across a restart', async () => {
    const email = uniqueEmail('restart');
    const first = await startMuster(options);
    try {
      expect(first.schema).toEqual({ created: true, applied: ['bootstrap/local.sql', 'migrations/0001_notes.sql', 'seed.sql'] });
      const page = await fetch(first.url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Muster fixture app');
      const deepLink = await fetch(`${first.url}incidents/42`);
      expect(await deepLink.text()).toContain('Muster fixture app');
      // The app it serves finds its backend (and the public anon key) on the same origin.
      const config = await fetch(`${first.url}muster-backend.json`);
      expect(config.headers.get('cache-control')).toBe('no-store');
      expect(await config.json()).toEqual({ anon_key: first.anonKey });

      const supabase = supabaseClient(first.url, first.anonKey);
      expect((await supabase.auth.signUp({ email, password: PASSWORD })).error).toBeNull();
      expect((await supabase.rpc('add_note', { body: `kept ${backend}` })).error).toBeNull();
    } finally {
      await first.close();
    }

    await writeFile(join(supabaseDir, 'migrations', '0002_later.sql'), 'create table public.added_later (id int);\n');
    const second = await startMuster(options);
    try {
      expect(second.schema).toEqual({ created: false, applied: ['migrations/0002_later.sql'] });
      const { rows } = await second.database.query('select count(*)::int as seeds from public.seed_marker');
      expect(rows[0]?.seeds).toBe(1);

      const supabase = supabaseClient(second.url, second.anonKey);
      expect((await supabase.auth.signInWithPassword({ email, password: PASSWORD })).error).toBeNull();
      const notes = await supabase.rpc('my_notes');
      expect(notes.data.map((note: { body: string }) => note.body)).toEqual([`kept ${backend}`]);
    } finally {
      await second.close();
    }
  });

  it('refuses to start when a migration changed after it was applied, naming the file and the way out', async () => {
    await appendFile(join(supabaseDir, 'migrations', '0001_notes.sql'), '\n-- edited after it was applied\n');

    await expect(startMuster(options)).rejects.toThrow(
      /migrations\/0001_notes\.sql changed after it was applied .*Put the change in a new migration/,
    );
  });

  it('refuses to start without supabase/bootstrap/local.sql, saying what it is for', async () => {
    await expect(startMuster({ ...options, bootstrapFile: join(supabaseDir, 'bootstrap', 'missing.sql') })).rejects.toThrow(
      /missing\.sql is missing: it creates Supabase's roles and auth schema/,
    );
  });
});
