// @ts-check
// The pure parts of the dispatch function: which strings give a secret away, and how long a
// 429's Retry-After makes it wait.

import assert from 'node:assert/strict';
import { redact, secretsOf } from '../../supabase/functions/dispatch/chat-request.ts';
import { retryAfterMs } from '../../supabase/functions/dispatch/send-with-retries.ts';

Deno.test('redact takes a webhook URL, its path and a Zulip key (also as Basic auth) out of any text', () => {
  const webhook = secretsOf({ kind: 'mattermost', webhookUrl: 'https://chat.example/hooks/k3y9secret?x=1' });
  assert.equal(
    redact('POST https://chat.example/hooks/k3y9secret?x=1 failed; path /hooks/k3y9secret?x=1', webhook),
    'POST [secret] failed; path [secret]',
  );
  const zulip = secretsOf({ kind: 'zulip', config: { site: 'https://z.example', stream: 'ops', bot_email: 'bot@z.example' }, apiKey: 'zk_123456' });
  const basic = btoa('bot@z.example:zk_123456');
  assert.equal(redact(`Authorization: Basic ${basic}, key zk_123456`, zulip), 'Authorization: Basic [secret], key [secret]');
});

Deno.test('Retry-After is read as seconds or an HTTP date and capped at 10 s', () => {
  const now = Date.parse('2026-03-02T09:40:00Z');
  assert.equal(retryAfterMs('3', now), 3000);
  assert.equal(retryAfterMs('3600', now), 10_000);
  assert.equal(retryAfterMs('Mon, 02 Mar 2026 09:40:05 GMT', now), 5000);
  assert.equal(retryAfterMs('Mon, 02 Mar 2026 09:39:00 GMT', now), 0);
  assert.equal(retryAfterMs(null, now), null);
  assert.equal(retryAfterMs('soon', now), null);
});
