// Types for server/jwt.mjs.

export const DEFAULT_JWT_SECRET: string;

export function signJwt(claims: Record<string, unknown>, secret: string): string;

export function apiKeysFor(secret: string): { anonKey: string; serviceRoleKey: string };

export type JwtCheck =
  | { ok: true; claims: Record<string, unknown> }
  | { ok: false; problem: 'parts'; parts: number }
  | { ok: false; problem: 'algorithm' | 'signature' | 'claims-not-json' }
  | { ok: false; problem: 'claim-not-number'; claim: 'exp' | 'nbf' | 'iat' }
  | { ok: false; problem: 'expired' | 'not-yet-valid' | 'issued-in-future' };

export function verifyJwt(token: string, secret: string, options?: { now?: number; clockSkewSeconds?: number }): JwtCheck;
