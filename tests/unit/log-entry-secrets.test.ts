import { describe, expect, it } from 'vitest';
import { secretsInEntry } from '../../src/domain/log-entry-secrets';
import { completeFields } from './log-entry-fixtures';

describe('secrets in a log entry (Step 7)', () => {
  it('finds nothing in an ordinary entry: ticket numbers, paths and times are not secrets', () => {
    expect(secretsInEntry(completeFields())).toBeNull();
  });

  it('names every field holding a secret, in the template order, and each kind once', () => {
    const warning = secretsInEntry(
      completeFields({ message_summary: 'Vendor key AKIAIOSFODNN7EXAMPLE', response_received: 'password: Sommer2026!', evidence_location: 'password=Winter2026?' }),
    );
    expect(warning).toEqual({
      message: 'This text looks like it contains an AWS access key and a password. Do not send secrets through Muster or chat; share them by phone or a controlled vault.',
      fields: ['message_summary', 'response_received', 'evidence_location'],
    });
  });
});
