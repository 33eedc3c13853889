import { describe, expect, it } from 'vitest';
import { addEvidenceLocation, removeEvidenceLocation } from '../../src/domain/evidence-locations';

const LIST = ['Nextcloud /Incidents/INC-2026-004'];

describe('the workspace list of controlled evidence locations (Step 7)', () => {
  it('adds a location, trimmed, at the end', () => {
    expect(addEvidenceLocation(LIST, '  CryptPad (link in the bridge notes) ')).toEqual({
      ok: true,
      locations: ['Nextcloud /Incidents/INC-2026-004', 'CryptPad (link in the bridge notes)'],
    });
  });

  it('refuses an empty location with an example of what to type', () => {
    expect(addEvidenceLocation(LIST, '   ')).toEqual({ ok: false, error: expect.stringContaining('Type the location') });
  });

  it('refuses a location already listed, whatever its case', () => {
    expect(addEvidenceLocation(LIST, 'nextcloud /incidents/INC-2026-004')).toEqual({
      ok: false,
      error: '"nextcloud /incidents/INC-2026-004" is already in the list.',
    });
  });

  it('refuses a location longer than the log field', () => {
    expect(addEvidenceLocation([], 'x'.repeat(1001))).toEqual({ ok: false, error: 'The location is too long: 1001 characters, at most 1000.' });
  });

  it('removes exactly the location chosen', () => {
    expect(removeEvidenceLocation([...LIST, 'Vault'], 'Vault')).toEqual(LIST);
  });
});
