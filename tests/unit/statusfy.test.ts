import { describe, expect, it } from 'vitest';
import { appendStatusfyUpdate, parseAffectedSystems, statusfyIncidentFile, type StatusfyIncident } from '../../src/domain/statusfy';

const STATEMENT: StatusfyIncident = {
  title: 'Email delivery delayed',
  date: '2026-03-02T09:40:00Z',
  severity: 'partial-outage',
  affectedSystems: ['email', 'website'],
  resolved: false,
  text: 'Some customers receive email late. We are working on it.',
};

/** The front matter's lines, up to the closing '---', and the body after it. */
function split(content: string): { front: string[]; body: string } {
  const lines = content.split('\n');
  expect(lines[0]).toBe('---');
  const end = lines.indexOf('---', 1);
  return { front: lines.slice(1, end), body: lines.slice(end + 1).join('\n') };
}

function made(incident: StatusfyIncident): { fileName: string; content: string } {
  const file = statusfyIncidentFile(incident);
  if (!file.ok) throw new Error(file.reason);
  return file;
}

describe('Statusfy incident files from an approved statement', () => {
  it('writes the documented front matter and the statement as the body, named YYYY-MM-DD_slug.md', () => {
    const file = made({ ...STATEMENT, description: 'Outbound mail queue' });
    expect(file.fileName).toBe('2026-03-02_email-delivery-delayed.md');
    expect(file.content).toBe(
      [
        '---',
        'title: "Email delivery delayed"',
        'date: "2026-03-02T09:40:00.000Z"',
        'severity: partial-outage',
        'affectedsystems:',
        '  - "email"',
        '  - "website"',
        'resolved: false',
        'description: "Outbound mail queue"',
        '---',
        '',
        'Some customers receive email late. We are working on it.',
        '',
      ].join('\n'),
    );
  });

  it('keeps hostile text inside its quotes: colons, quotes, newlines and "---" cannot end the front matter', () => {
    const hostile = 'Outage: "all" systems\n---\nseverity: under-maintenance\n#not a comment \\ \u2028done';
    const file = made({ ...STATEMENT, title: hostile, description: hostile, affectedSystems: ['api: v2', '"quoted"\n---'], text: `Body\n---\n${hostile}` });
    const { front, body } = split(file.content);
    expect(front).toHaveLength(8);
    expect(front.filter((line) => line.startsWith('severity:'))).toEqual(['severity: partial-outage']);
    const value = (key: string) => JSON.parse((front.find((line) => line.startsWith(`${key}: `)) ?? '').slice(key.length + 2)) as string;
    expect(value('title')).toBe(hostile.replace(/\s+/g, ' ').trim());
    expect(value('description')).toBe(hostile);
    expect(front.filter((line) => line.startsWith('  - ')).map((line) => JSON.parse(line.slice(4)))).toEqual(['api: v2', '"quoted"\n---']);
    expect(front.join('\n')).not.toContain('\u2028');
    expect(body).toContain('Body\n---\n');
  });

  it('refuses a file Statusfy could not build: no affected system, no text, not a date', () => {
    expect(statusfyIncidentFile({ ...STATEMENT, affectedSystems: [' '] })).toMatchObject({ ok: false });
    expect(statusfyIncidentFile({ ...STATEMENT, text: '  ' })).toMatchObject({ ok: false });
    expect(statusfyIncidentFile({ ...STATEMENT, date: 'tomorrow' })).toMatchObject({ ok: false });
  });

  it('marks a resolved incident and slugs any title to a safe file name', () => {
    const file = made({ ...STATEMENT, title: 'Ärger / "Störung" ../../etc', resolved: true });
    expect(file.fileName).toBe('2026-03-02_arger-storung-etc.md');
    expect(file.content).toContain('\nresolved: true\n');
    expect(made({ ...STATEMENT, title: '???' }).fileName).toBe('2026-03-02_incident.md');
  });

  it('reads the affected systems as typed, comma- or line-separated, without duplicates', () => {
    expect(parseAffectedSystems(' email, website\napi,,email ')).toEqual(['email', 'website', 'api']);
  });
});

describe('Statusfy updates append, never rewrite history', () => {
  it('keeps the previous file byte for byte and adds one update container', () => {
    const first = made(STATEMENT).content;
    const updated = appendStatusfyUpdate(first, { title: 'Fixed', date: '2026-03-02T11:00:00+01:00', text: 'Email is delivered again.' });
    expect(updated).toEqual({ ok: true, content: `${first}\n::: update Fixed | 2026-03-02T10:00:00.000Z\nEmail is delivered again.\n:::\n` });
  });

  it('cannot close the container early or break its header from the text', () => {
    const first = made(STATEMENT).content;
    const updated = appendStatusfyUpdate(first, { title: 'A | B\nC', date: STATEMENT.date, text: 'line\n:::\n::: update Fake | 2020-01-01' });
    if (!updated.ok) throw new Error(updated.reason);
    const added = updated.content.slice(first.length).split('\n');
    expect(added[1]).toBe('::: update A / B C | 2026-03-02T09:40:00.000Z');
    expect(added.filter((line) => line.startsWith(':::'))).toEqual([added[1], ':::']);
  });
});
