import { describe, expect, it } from 'vitest';
import { describeSyncReport } from '../../src/ui/app/sync-controller';

const ok = { reason: 'ok' as const, pushed: 2, duplicates: 0, parked: 1, pulled: 0, incidentsChanged: 0, team: null };

describe('what Settings › Sync says after a run', () => {
  it('says which incident the server would not open, why, and who can open it', () => {
    const text = describeSyncReport({ ...ok, incidentsRefused: [{ id: 'INC-2026-007', reason: 'only owners and communication owners can open incidents' }] });
    expect(text).toBe(
      'Log up to date, but INC-2026-007 is only on this phone: the server says only owners and communication owners can open incidents. Ask an owner or communication owner to open it, then its entries sync.',
    );
  });

  it('says up to date when nothing was refused', () => {
    expect(describeSyncReport({ ...ok, incidentsRefused: [] })).toBe('Up to date.');
  });
});
