import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, openTestDatabase, type Query, type TestDatabase } from './database';
import { INCIDENT, WS_A, insertRow, logEntryColumns, memberRoles, phoneEntry, rows, seedWorkspaces, users } from './fixtures';

describe.each(backends)('the log is append-only evidence on %s', (backend) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(backend);
    await seedWorkspaces(db);
  }, 60_000);
  afterAll(() => db?.close());

  const changes = [
    `update public.log_entry set message_summary = 'rewritten' where id = '${rows.logEntry}'`,
    `delete from public.log_entry where id = '${rows.logEntry}'`,
    'truncate public.log_entry cascade',
  ];
  const refused = /^(permission denied for table log_entry|log entries cannot be changed or deleted; record a correction instead)$/;

  async function storedSummary() {
    const [row] = await db.query('select message_summary from public.log_entry where id = $1', [rows.logEntry]);
    return row?.message_summary;
  }

  it.each(memberRoles)('refuses update, delete and truncate to a %s', async (role) => {
    const before = await storedSummary();
    for (const sql of changes) {
      await expect(db.asUser(users[role], (q) => q(sql))).rejects.toThrow(refused);
    }
    expect(await storedSummary()).toBe(before);
  });

  it('refuses update, delete and truncate to service_role', async () => {
    for (const sql of changes) await expect(db.asService((q) => q(sql))).rejects.toThrow(refused);
  });

  it('refuses update, delete and truncate to the table owner (postgres) by trigger', async () => {
    for (const sql of changes) {
      await expect(db.query(sql)).rejects.toThrow('log entries cannot be changed or deleted; record a correction instead');
    }
    expect(await db.query('select count(*)::int as n from public.log_entry where id = $1', [rows.logEntry])).toEqual([{ n: 1 }]);
  });

  it('takes recorded_by from the JWT and seq, recorded_at and chain_hash from the server, whatever the phone sends', async () => {
    const entry = await phoneEntry();
    const forged = {
      ...logEntryColumns(entry),
      recorded_by: users.owner,
      recorded_at: '2000-01-01T00:00:00Z',
      seq: 999_999,
      chain_hash: 'f'.repeat(64),
      pull_pos: 1,
    };
    await db.asUser(users.responder, (q) => insertRow(q, 'log_entry', forged));
    const [row] = await db.query(
      `select recorded_by, seq::text as seq, recorded_at > now() - interval '1 minute' as recent, chain_hash, pull_pos::text as pull_pos
         from public.log_entry where id = $1`,
      [entry.id],
    );
    expect(row?.recorded_by).toBe(users.responder);
    expect(row?.seq).not.toBe('999999');
    expect(row?.recent).toBe(true);
    expect(row?.chain_hash).not.toBe('f'.repeat(64));
    expect(row?.pull_pos).not.toBe('1');
  });

  it('rejects an entry whose fields do not match its content hash', async () => {
    const entry = await phoneEntry();
    const edited = { ...logEntryColumns(entry), message_summary: 'Changed after sealing' };
    await expect(db.asUser(users.responder, (q) => insertRow(q, 'log_entry', edited))).rejects.toThrow(
      'content hash does not match the fields',
    );
  });

  it('matches the phone hash byte for byte for accents, quotes, control characters and no deadline', async () => {
    const entry = await phoneEntry({
      contacted: 'Ame\u0301lie "AJ" O\'Brien \\ \u0001 \t\n',
      message_summary: 'Zürich → 東京 😀 \u2028',
      deadline: null,
    });
    await db.asUser(users.responder, (q) => insertRow(q, 'log_entry', logEntryColumns(entry)));
    const [row] = await db.query('select content_hash from public.log_entry where id = $1', [entry.id]);
    expect(row?.content_hash).toBe(entry.content_hash);
  });

  async function logIncident(incident: string, count: number): Promise<string[]> {
    await db.query(`insert into public.incident (workspace_id, id) values ($1, $2)`, [WS_A, incident]);
    const seqs: string[] = [];
    let tip = null;
    for (let index = 0; index < count; index += 1) {
      const entry = await phoneEntry({ incident_id: incident, message_summary: `Entry ${index + 1}` }, tip);
      tip = { hash: entry.hash, local_seq: entry.local_seq };
      await db.asUser(users.responder, (q: Query) => insertRow(q, 'log_entry', logEntryColumns(entry)));
      const [row] = await db.query('select seq::text as seq from public.log_entry where id = $1', [entry.id]);
      seqs.push(String(row?.seq));
    }
    return seqs;
  }

  async function verify(incident: string) {
    const [row] = await db.asUser(users.viewer, (q) => q('select public.verify_incident_chain($1, $2) as verdict', [WS_A, incident]));
    return row?.verdict as { intact: boolean; checked: number; broken_seq?: number; reason?: string };
  }

  it('verifies an untouched incident chain as intact', async () => {
    await logIncident('INC-2026-010', 3);
    expect(await verify('INC-2026-010')).toEqual({ intact: true, checked: 3 });
    expect((await verify(INCIDENT)).intact).toBe(true);
  });

  it('names the exact seq a superuser changed behind the trigger', async () => {
    const seqs = await logIncident('INC-2026-011', 3);
    await db.query('alter table public.log_entry disable trigger log_entry_no_update');
    await db.query(`update public.log_entry set message_summary = 'Nothing happened' where seq = $1`, [seqs[1]]);
    await db.query('alter table public.log_entry enable trigger log_entry_no_update');
    const verdict = await verify('INC-2026-011');
    expect(verdict).toMatchObject({ intact: false, checked: 1, broken_seq: Number(seqs[1]), reason: 'content' });
  });

  it('names the entry after one a superuser deleted', async () => {
    const seqs = await logIncident('INC-2026-012', 3);
    await db.query('alter table public.log_entry disable trigger log_entry_no_update');
    await db.query('delete from public.log_entry where seq = $1', [seqs[1]]);
    await db.query('alter table public.log_entry enable trigger log_entry_no_update');
    expect(await verify('INC-2026-012')).toMatchObject({ intact: false, checked: 1, broken_seq: Number(seqs[2]), reason: 'link' });
  });

  it('tells an outsider they are not a member instead of verifying', async () => {
    await expect(
      db.asUser(users.outsider, (q) => q('select public.verify_incident_chain($1, $2)', [WS_A, INCIDENT])),
    ).rejects.toThrow('not a member of this workspace');
  });
});
