import { describe, expect, it } from 'vitest';
import { firstPublishes } from '../../src/ui/incident/shared/published-statements';

const row = (connector_id: string, subject: string, remote_id: string | number, created_at: string, source = 'statement') => ({ connector_id, source, subject, remote_id, created_at });

describe('where a statement was published before (its next version is an update there)', () => {
  it('is, per status page connector, the incident its first publish made', () => {
    const rows = [
      row('cachet-b', 'statement:st-1', 77, '2026-03-02T10:05:00Z'),
      row('cachet-a', 'statement:st-1', '42', '2026-03-02T10:00:00Z'),
      row('cachet-a', 'statement:st-1', '43', '2026-03-02T11:00:00Z'),
      row('cachet-a', 'statement:st-2', '50', '2026-03-02T09:00:00Z'),
      row('zammad', 'entry:0c5f2c1e-0000-4000-8000-000000000001', '31', '2026-03-02T09:00:00Z', 'ticket'),
    ];
    expect(firstPublishes(rows, 'st-1')).toEqual(new Map([['cachet-a', '42'], ['cachet-b', '77']]));
    expect(firstPublishes(rows, 'st-3')).toEqual(new Map());
  });

  it('skips rows it cannot read, and an answer that is no list', () => {
    expect(firstPublishes([{ connector_id: 'x' }, null, row('cachet-a', 'statement:st-1', '42', '2026-03-02T10:00:00Z')], 'st-1')).toEqual(new Map([['cachet-a', '42']]));
    expect(firstPublishes({ error: 'nope' }, 'st-1')).toEqual(new Map());
  });
});
