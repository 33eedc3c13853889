import { describe, expect, it } from 'vitest';
import { statementPublishes, statementSubject } from '../../src/ui/incident/shared/published-statements';

const row = (connector_id: string, subject: string, remote_id: string | number, created_at: string, source = 'statement') => ({ connector_id, source, subject, remote_id, created_at });

describe('where a statement was published before', () => {
  it('is, per status page, the incident its first publish made and the versions already there', () => {
    const rows = [
      row('cachet-b', statementSubject('st-1', 1), 77, '2026-03-02T10:05:00Z'),
      row('cachet-a', statementSubject('st-1', 2), '42', '2026-03-02T11:00:00Z'),
      row('cachet-a', statementSubject('st-1', 1), '42', '2026-03-02T10:00:00Z'),
      row('cachet-a', statementSubject('st-10', 1), '50', '2026-03-02T09:00:00Z'),
      row('zammad', 'entry:0c5f2c1e-0000-4000-8000-000000000001', '31', '2026-03-02T09:00:00Z', 'ticket'),
    ];
    const found = statementPublishes(rows, 'st-1');
    expect([...found.keys()].sort()).toEqual(['cachet-a', 'cachet-b']);
    expect(found.get('cachet-a')).toEqual({ remoteId: '42', versions: new Set([1, 2]) });
    expect(found.get('cachet-b')).toEqual({ remoteId: '77', versions: new Set([1]) });
    expect(statementPublishes(rows, 'st-3')).toEqual(new Map());
  });

  it('skips rows it cannot read, and an answer that is no list', () => {
    expect(statementPublishes([{ connector_id: 'x' }, null, row('cachet-a', 'statement:st-1:vX', '9', '2026-03-02T09:00:00Z'), row('cachet-a', statementSubject('st-1', 1), '42', '2026-03-02T10:00:00Z')], 'st-1')).toEqual(
      new Map([['cachet-a', { remoteId: '42', versions: new Set([1]) }]]),
    );
    expect(statementPublishes({ error: 'nope' }, 'st-1')).toEqual(new Map());
  });
});
