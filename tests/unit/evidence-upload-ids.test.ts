// "Try again" on an upload: the same id while the backend has not answered (it may have
// stored the file: the id makes it answer that instead of storing it twice), a new one after.

import { describe, expect, it } from 'vitest';
import { createUploadIds } from '../../src/ui/log/export/upload-ids';

function ids() {
  let made = 0;
  return createUploadIds(() => `upload-${++made}`);
}

const SENT = { status: 'sent', remoteId: '/Muster/INC-1/a.zip', remoteLabel: 'a.zip', remoteUrl: null, attempts: 1 } as const;
const NO_ANSWER = { status: 'failed', message: 'Not uploaded: offline.', answered: false } as const;
const REFUSED = { status: 'failed', message: 'Not uploaded to Company cloud: Nextcloud refused the user and app password (HTTP 401).', answered: true } as const;

describe('the id an evidence upload is sent under', () => {
  it('sends "Try again" after no answer under the same id, however often', () => {
    const uploads = ids();
    expect(uploads.next()).toBe('upload-1');
    uploads.settled(NO_ANSWER);
    expect(uploads.next()).toBe('upload-1');
    uploads.settled(NO_ANSWER);
    expect(uploads.next()).toBe('upload-1');
  });

  it('makes a new id once the file was stored, so uploading again keeps a second copy', () => {
    const uploads = ids();
    uploads.next();
    uploads.settled(SENT);
    expect(uploads.next()).toBe('upload-2');
  });

  it('makes a new id after a refusal, which a replay would only repeat', () => {
    const uploads = ids();
    uploads.next();
    uploads.settled(REFUSED);
    expect(uploads.next()).toBe('upload-2');
  });

  it('forgets a pending id when another file is exported', () => {
    const uploads = ids();
    uploads.next();
    uploads.settled(NO_ANSWER);
    uploads.forget();
    expect(uploads.next()).toBe('upload-2');
  });
});
