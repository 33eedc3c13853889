// An export stored in Nextcloud (Step 7's controlled storage) and its log entry (Step 8): the
// backend's answer read at the edge, and what the log says, sent or not.

import { describe, expect, it } from 'vitest';
import { evidenceUploadNote, fileSizeText, storedFolder } from '../../src/store/evidence-uploads';
import { evidenceOutcome } from '../../src/ui/settings/integrations/evidence-upload-client';

const FOLDER_URL = 'https://cloud.example.com/apps/files/?dir=%2FMuster%2FINC-2026-004';
const SENT = { upload_id: 'u-1', status: 'sent', remote_id: '/Muster/INC-2026-004/muster-INC-2026-004 (2).zip', remote_label: 'muster-INC-2026-004 (2).zip', remote_url: FOLDER_URL, attempts: 1 };
const FILE = { name: 'muster-INC-2026-004.zip', size: 34 * 1024 + 100, sha256: '0123456789abcdef'.repeat(4) };

describe('reading the evidence-upload function’s answer', () => {
  it('reads a stored file: its path, the name it was stored under and the folder link', () => {
    expect(evidenceOutcome(200, SENT)).toEqual({
      status: 'sent',
      remoteId: '/Muster/INC-2026-004/muster-INC-2026-004 (2).zip',
      remoteLabel: 'muster-INC-2026-004 (2).zip',
      remoteUrl: FOLDER_URL,
      attempts: 1,
    });
  });

  it('never turns a hostile folder link into a link on the screen', () => {
    expect(evidenceOutcome(200, { ...SENT, remote_url: 'javascript:alert(1)' })).toMatchObject({ status: 'sent', remoteUrl: null });
    expect(evidenceOutcome(200, { ...SENT, remote_url: 'not a url' })).toMatchObject({ status: 'sent', remoteUrl: null });
  });

  it('says an unreadable success answer is unreadable, and to look in Nextcloud before uploading again', () => {
    expect(evidenceOutcome(200, { ok: true })).toEqual({ status: 'failed', message: expect.stringContaining('look in Nextcloud'), answered: true });
  });

  it.each([
    [413, { code: 'payload_too_large', message: 'too big' }, /larger than the 25 MB/, true],
    [401, null, /sign in to the Muster backend again/, true],
    [403, { code: 'forbidden', message: 'no' }, /may not upload evidence/, true],
    [404, { code: 'connector_not_found', message: 'x' }, /connector no longer exists/, true],
    [404, null, /evidence-upload function is not running/, true],
    [400, { code: 'source_not_for_connector', message: 'Zulip connectors post texts; upload evidence to a Nextcloud connector' }, /^Not uploaded: Zulip connectors post texts/, true],
    [502, { code: 'upload_failed', message: 'Not uploaded to Company cloud: Nextcloud refused the user and app password (HTTP 401) to make the folder /Muster.' }, /^Not uploaded to Company cloud: Nextcloud refused the user/, true],
    [409, { code: 'connector_not_set_up', message: 'Company cloud has no Nextcloud site, user or app password yet.' }, /^Not uploaded: Company cloud has no Nextcloud site, user or app password yet\.$/, true],
    [503, null, /the backend answered 503/, false],
  ])('words a %i refusal so a responder knows what to do (answered: %s)', (status, body, message, answered) => {
    const outcome = evidenceOutcome(status, body);
    expect(outcome).toEqual({ status: 'failed', message: expect.stringMatching(message), answered });
  });
});

describe('the log entry of an upload', () => {
  it('records the file, its size and the start of its SHA-256, and links the folder as the evidence location', () => {
    const note = evidenceUploadNote({
      connector: { name: 'Company cloud' },
      file: FILE,
      outcome: { status: 'sent', remoteId: SENT.remote_id, remoteLabel: 'muster-INC-2026-004.zip', remoteUrl: FOLDER_URL },
    });
    expect(note).toEqual({
      type: 'internal_update',
      contacted: 'Company cloud',
      method: 'Nextcloud',
      summary: 'Uploaded muster-INC-2026-004.zip (34 KB, SHA-256 0123456789abcdef) to Nextcloud',
      response: FOLDER_URL,
      evidence: FOLDER_URL,
    });
  });

  it('says so when Nextcloud already held the name and the file was kept as "(2)"', () => {
    const note = evidenceUploadNote({ connector: { name: 'Company cloud' }, file: FILE, outcome: { status: 'sent', remoteId: SENT.remote_id, remoteLabel: SENT.remote_label, remoteUrl: FOLDER_URL } });
    expect(note.summary).toBe('Uploaded muster-INC-2026-004.zip (34 KB, SHA-256 0123456789abcdef) to Nextcloud as "muster-INC-2026-004 (2).zip"');
  });

  it('logs a failed upload with the reason and no evidence location', () => {
    const note = evidenceUploadNote({ connector: { name: 'Company cloud' }, file: FILE, outcome: { status: 'failed', message: 'Not uploaded: offline. Try again when this phone has a connection.' } });
    expect(note).toEqual({
      type: 'internal_update',
      contacted: 'Company cloud',
      method: 'Nextcloud',
      summary: 'Not uploaded to Nextcloud: muster-INC-2026-004.zip (34 KB, SHA-256 0123456789abcdef)',
      response: 'Failed: offline. Try again when this phone has a connection.',
    });
  });

  it('gives the backend’s reason once, without its "Not uploaded to <connector>" prefix', () => {
    const note = evidenceUploadNote({
      connector: { name: 'Company cloud' },
      file: FILE,
      outcome: { status: 'failed', message: 'Not uploaded to Company cloud: Nextcloud has no space left for this user (HTTP 507).' },
    });
    expect(note.response).toBe('Failed: Nextcloud has no space left for this user (HTTP 507).');
  });

  it('keeps a hostile file or connector name as plain text within the log’s limits', () => {
    const note = evidenceUploadNote({
      connector: { name: '=HYPERLINK("x")' },
      file: { ...FILE, name: `${'<img src=x onerror=alert(1)>'.repeat(200)}.zip` },
      outcome: { status: 'failed', message: 'x'.repeat(3000) },
    });
    expect(note.contacted).toBe('=HYPERLINK("x")');
    expect(note.summary.length).toBeLessThanOrEqual(4000);
    expect(note.response?.length).toBeLessThanOrEqual(2000);
  });

  it('says sizes as the export screen does', () => {
    expect([fileSizeText(10), fileSizeText(34 * 1024), fileSizeText(3.2 * 1024 * 1024)]).toEqual(['1 KB', '34 KB', '3.2 MB']);
  });

  it('finds the folder a file went to from its path, else from the folder link', () => {
    expect(storedFolder(SENT.remote_id, FOLDER_URL)).toBe('/Muster/INC-2026-004');
    expect(storedFolder(null, FOLDER_URL)).toBe('/Muster/INC-2026-004');
    expect(storedFolder(null, 'https://cloud.example.com/apps/files/?dir=/A%20B/INC-1')).toBe('/A B/INC-1');
    expect(storedFolder('file.zip', null)).toBeNull();
  });
});
