/**
 * The function's settings from its environment (Supabase secrets):
 *   SUPABASE_URL, SUPABASE_SERVICE_ROLE_KEY   set by Supabase for every function
 *   VAPID_PUBLIC_KEY    base64url 65-byte P-256 key (the app's VITE_VAPID_PUBLIC_KEY)
 *   VAPID_PRIVATE_KEY   base64url 32-byte private scalar, or the private key as a JWK (JSON)
 *   VAPID_SUBJECT       mailto: or https: contact for the push services
 *   APP_URL             optional: the app's address, opened from ntfy notifications
 */
import { decodeBase64Url, encodeBase64Url } from '../_shared/web-push.ts';
import type { SendAlertConfig } from './handler.ts';

export function privateJwkFor(publicKey: string, privateKey: string): JsonWebKey {
  const trimmed = privateKey.trim();
  if (trimmed.startsWith('{')) return JSON.parse(trimmed) as JsonWebKey;
  const point = decodeBase64Url(publicKey);
  if (point.length !== 65 || point[0] !== 0x04) {
    throw new Error('VAPID_PUBLIC_KEY must be the base64url of a 65-byte uncompressed P-256 key.');
  }
  const d = decodeBase64Url(trimmed);
  if (d.length !== 32) throw new Error(`VAPID_PRIVATE_KEY must be 32 bytes (base64url), not ${d.length}.`);
  return {
    kty: 'EC',
    crv: 'P-256',
    x: encodeBase64Url(point.subarray(1, 33)),
    y: encodeBase64Url(point.subarray(33, 65)),
    d: encodeBase64Url(d),
  };
}

/** Throws, naming every missing variable, so a misconfigured deployment says what to set. */
export function configFromEnv(get: (name: string) => string | undefined): SendAlertConfig {
  const required = ['SUPABASE_URL', 'SUPABASE_SERVICE_ROLE_KEY', 'VAPID_PUBLIC_KEY', 'VAPID_PRIVATE_KEY', 'VAPID_SUBJECT'];
  const missing = required.filter((name) => !get(name));
  if (missing.length > 0) throw new Error(`send-alert is missing ${missing.join(', ')}; see supabase/README.md.`);
  const publicKey = get('VAPID_PUBLIC_KEY')!;
  return {
    supabaseUrl: get('SUPABASE_URL')!,
    serviceRoleKey: get('SUPABASE_SERVICE_ROLE_KEY')!,
    vapid: { publicKey, privateKey: privateJwkFor(publicKey, get('VAPID_PRIVATE_KEY')!), subject: get('VAPID_SUBJECT')! },
    appUrl: get('APP_URL') || null,
  };
}
