import { describe, expect, it } from 'vitest';
import {
  addCryptPadLocation,
  addEvidenceLocation,
  checkCryptPadLink,
  evidenceLocationTool,
  evidenceSuggestions,
  nextcloudFolderLink,
  removeEvidenceLocation,
} from '../../src/domain/evidence-locations';

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

const CLOUD = { site: 'https://cloud.example.com', user: 'dana', folder: 'Muster' };

describe('the Nextcloud folder an incident’s evidence goes to (Step 7: controlled storage)', () => {
  it('links the base folder in the Files app, as Settings offers it', () => {
    expect(nextcloudFolderLink(CLOUD)).toEqual({ ok: true, url: 'https://cloud.example.com/apps/files/?dir=/Muster', folder: '/Muster' });
  });

  it('links the incident’s own folder inside it, as the log entry form suggests it', () => {
    expect(nextcloudFolderLink(CLOUD, 'INC-2026-004')).toEqual({
      ok: true,
      url: 'https://cloud.example.com/apps/files/?dir=/Muster/INC-2026-004',
      folder: '/Muster/INC-2026-004',
    });
  });

  it('keeps a nested base folder’s levels and a site under a path, without doubled slashes', () => {
    const link = nextcloudFolderLink({ site: 'https://example.com/nextcloud/', folder: '/Security / Muster/' }, 'INC-1');
    expect(link).toEqual({ ok: true, url: 'https://example.com/nextcloud/apps/files/?dir=/Security/Muster/INC-1', folder: '/Security/Muster/INC-1' });
  });

  it('uses Muster when the connector has no folder (the server’s default)', () => {
    expect(nextcloudFolderLink({ site: 'https://cloud.example.com' })).toMatchObject({ ok: true, url: 'https://cloud.example.com/apps/files/?dir=/Muster' });
  });

  it('encodes a hostile incident id so it cannot add a query, a hash or another parameter', () => {
    const link = nextcloudFolderLink(CLOUD, 'INC 7&dir=Other?x=1#frag%2F"<b>');
    expect(link.ok).toBe(true);
    if (!link.ok) return;
    expect(link.url).toBe('https://cloud.example.com/apps/files/?dir=/Muster/INC%207%26dir%3DOther%3Fx%3D1%23frag%252F%22%3Cb%3E');
    const parsed = new URL(link.url);
    expect([...parsed.searchParams.keys()]).toEqual(['dir']);
    expect(parsed.hash).toBe('');
    expect(parsed.searchParams.get('dir')).toBe('/Muster/INC 7&dir=Other?x=1#frag%2F"<b>');
  });

  it('encodes a hostile base folder name the same way', () => {
    const link = nextcloudFolderLink({ site: 'https://cloud.example.com', folder: 'Evidence #1/&more' });
    expect(link).toMatchObject({ ok: true, url: 'https://cloud.example.com/apps/files/?dir=/Evidence%20%231/%26more' });
  });

  it.each([['../other'], ['x/./y'], ['back\\slash'], ['tab\there']])('refuses the folder %j, which is no plain folder path', (folder) => {
    expect(nextcloudFolderLink({ site: 'https://cloud.example.com', folder })).toEqual({ ok: false, error: expect.stringContaining('is not a plain folder path') });
  });

  it.each([[''], ['..'], ['.'], ['INC/../../admin'], ['INC\u0000'], ['INC\\1']])('refuses the incident id %j as a folder name', (incidentId) => {
    expect(nextcloudFolderLink(CLOUD, incidentId)).toEqual({ ok: false, error: expect.stringContaining('cannot be a Nextcloud folder name') });
  });

  it.each([[undefined], [''], ['cloud.example.com'], ['http://cloud.example.com'], ['https://dana:pw@cloud.example.com'], ['https://cloud.example.com/?a=1'], ['javascript:alert(1)']])(
    'refuses to link a connector whose site is %j',
    (site) => {
      expect(nextcloudFolderLink({ site, folder: 'Muster' })).toEqual({ ok: false, error: expect.stringContaining('no usable site address') });
    },
  );

  it('accepts http only for a Nextcloud on this machine (a test server)', () => {
    expect(nextcloudFolderLink({ site: 'http://127.0.0.1:8080', folder: 'Muster' }, 'INC-1')).toMatchObject({ ok: true, url: 'http://127.0.0.1:8080/apps/files/?dir=/Muster/INC-1' });
  });
});

describe('a CryptPad link as an evidence location', () => {
  const PAD = 'https://cryptpad.fr/pad/#/2/pad/edit/Xk3bq1-0sX7FzUa8+Jv9eA9n/';

  it.each([['drive', 'https://cryptpad.fr/drive/#/2/drive/view/4Sv4Ff8p-aB1cD2eF3gH4iJ5/'], ['pad', PAD], ['sheet', 'https://pad.example.org/sheet/#/2/sheet/edit/abc123/'], ['code', 'https://cryptpad.fr/code/#/2/code/view/abc/'], ['kanban', 'https://cryptpad.fr/kanban/#/2/kanban/edit/abc/'], ['file', 'https://cryptpad.fr/file/#/2/file/abc/'], ['form', 'https://cryptpad.fr/form/#/2/form/view/abc/']])(
    'recognises a %s link and keeps its key (the #hash)',
    (_app, link) => {
      expect(checkCryptPadLink(`  ${link} `)).toEqual({ ok: true, url: link });
      expect(evidenceLocationTool(link)).toBe('CryptPad');
    },
  );

  it('accepts a team’s drive without a key (members sign in to open it)', () => {
    expect(checkCryptPadLink('https://cryptpad.fr/drive/')).toEqual({ ok: true, url: 'https://cryptpad.fr/drive/' });
  });

  it('refuses a document link without its key: it would open an empty new document', () => {
    expect(checkCryptPadLink('https://cryptpad.fr/pad/')).toEqual({ ok: false, error: expect.stringContaining('has no key') });
    expect(checkCryptPadLink('https://cryptpad.fr/sheet/#')).toEqual({ ok: false, error: expect.stringContaining('has no key') });
  });

  it.each([
    ['cryptpad.fr/pad/#/2/pad/edit/abc/', 'starting with https://'],
    ['http://cryptpad.fr/pad/#/2/pad/edit/abc/', 'starts with https://'],
    ['https://me:secret@cryptpad.fr/pad/#/2/pad/edit/abc/', 'user name and password'],
    ['https://cryptpad.fr/login/', 'not a CryptPad drive or document link'],
    ['https://example.com/', 'not a CryptPad drive or document link'],
    ['javascript:alert(1)//pad/#x', 'starts with https://'],
  ])('refuses %j', (link, reason) => {
    expect(checkCryptPadLink(link)).toEqual({ ok: false, error: expect.stringContaining(reason) });
  });

  it('adds a checked link to the list, and refuses it twice', () => {
    const added = addCryptPadLocation(LIST, PAD);
    expect(added).toEqual({ ok: true, locations: [...LIST, PAD] });
    expect(addCryptPadLocation([...LIST, PAD], PAD)).toEqual({ ok: false, error: expect.stringContaining('already in the list') });
    expect(addCryptPadLocation(LIST, 'https://example.com/')).toEqual({ ok: false, error: expect.stringContaining('not a CryptPad') });
  });
});

describe('what the list and the entry form show', () => {
  it('names the tool a listed link opens in, and nothing for typed text', () => {
    expect(evidenceLocationTool('https://cloud.example.com/apps/files/?dir=/Muster')).toBe('Nextcloud');
    expect(evidenceLocationTool('https://cloud.example.com/index.php/apps/files/?dir=%2FMuster%2FINC-1')).toBe('Nextcloud');
    expect(evidenceLocationTool('Nextcloud /Incidents/INC-2026-004')).toBeNull();
    expect(evidenceLocationTool('https://cryptpad.fr/pad/')).toBeNull();
    expect(evidenceLocationTool('https://vault.example.com/items/42')).toBeNull();
  });

  it('suggests the incident’s Nextcloud folders first, then the list, each once', () => {
    const folder = 'https://cloud.example.com/apps/files/?dir=/Muster/INC-2026-004';
    expect(evidenceSuggestions([folder], ['Vault', folder.toUpperCase(), 'vault', 'CryptPad'])).toEqual([folder, 'Vault', 'CryptPad']);
  });
});
