// HS256 JSON Web Tokens, signed and checked with one shared secret, as Supabase's legacy
// JWT secret works: GoTrue signs access tokens with it, PostgREST verifies them with it, and
// the anon and service_role API keys are tokens signed with it.

import { createHmac, timingSafeEqual } from 'node:crypto';

/** The Supabase CLI's local secret, so keys and tokens match a `supabase start` stack. */
export const DEFAULT_JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';

/** Expiry of the CLI's demo API keys (2032-11-12), kept so the anon key is byte-identical. */
const API_KEY_EXPIRY = 1983812996;

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

/** @param {string | Buffer} value */
function base64url(value) {
  return Buffer.from(value).toString('base64url');
}

/** @param {string} signingInput @param {string} secret */
function signature(signingInput, secret) {
  return createHmac('sha256', secret).update(signingInput).digest();
}

/**
 * Signs claims as a compact HS256 JWT. Key order is kept, so the anon key for the default
 * secret is exactly the one `supabase status` prints.
 * @param {Record<string, unknown>} claims
 * @param {string} secret
 */
export function signJwt(claims, secret) {
  const signingInput = `${HEADER}.${base64url(JSON.stringify(claims))}`;
  return `${signingInput}.${signature(signingInput, secret).toString('base64url')}`;
}

/**
 * The API keys a Supabase project hands out, for this secret.
 * @param {string} secret
 */
export function apiKeysFor(secret) {
  return {
    anonKey: signJwt({ iss: 'supabase-demo', role: 'anon', exp: API_KEY_EXPIRY }, secret),
    serviceRoleKey: signJwt({ iss: 'supabase-demo', role: 'service_role', exp: API_KEY_EXPIRY }, secret),
  };
}

/**
 * @typedef {(
 *   | { ok: true, claims: Record<string, unknown> }
 *   | { ok: false, problem: 'parts', parts: number }
 *   | { ok: false, problem: 'algorithm' | 'signature' | 'claims-not-json' }
 *   | { ok: false, problem: 'claim-not-number', claim: 'exp' | 'nbf' | 'iat' }
 *   | { ok: false, problem: 'expired' | 'not-yet-valid' | 'issued-in-future' }
 * )} JwtCheck
 */

/**
 * Verifies signature and time claims. Never throws: each caller words the problem the way
 * the server it stands in for does (PostgREST and GoTrue word them differently).
 * @param {string} token
 * @param {string} secret
 * @param {{ now?: number, clockSkewSeconds?: number }} [options]
 *   now: unix seconds; clockSkewSeconds: leeway on exp/nbf/iat (PostgREST allows 30, GoTrue 0).
 * @returns {JwtCheck}
 */
export function verifyJwt(token, secret, options = {}) {
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const skew = options.clockSkewSeconds ?? 0;
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, problem: 'parts', parts: parts.length };
  const [encodedHeader = '', encodedClaims = '', encodedSignature = ''] = parts;

  let header;
  try {
    header = JSON.parse(Buffer.from(encodedHeader, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, problem: 'signature' };
  }
  if (header?.alg !== 'HS256') return { ok: false, problem: 'algorithm' };

  const expected = signature(`${encodedHeader}.${encodedClaims}`, secret);
  const given = Buffer.from(encodedSignature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, problem: 'signature' };
  }

  let claims;
  try {
    claims = JSON.parse(Buffer.from(encodedClaims, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, problem: 'claims-not-json' };
  }
  if (claims === null || typeof claims !== 'object' || Array.isArray(claims)) {
    return { ok: false, problem: 'claims-not-json' };
  }

  for (const claim of /** @type {const} */ (['exp', 'nbf', 'iat'])) {
    if (claims[claim] !== undefined && typeof claims[claim] !== 'number') {
      return { ok: false, problem: 'claim-not-number', claim };
    }
  }
  if (typeof claims.exp === 'number' && now - skew > claims.exp) return { ok: false, problem: 'expired' };
  if (typeof claims.nbf === 'number' && now + skew < claims.nbf) return { ok: false, problem: 'not-yet-valid' };
  if (typeof claims.iat === 'number' && now + skew < claims.iat) return { ok: false, problem: 'issued-in-future' };
  return { ok: true, claims };
}
