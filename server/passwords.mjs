// Password hashing for the embedded Auth service: scrypt from node:crypto, stored as
// `scrypt$N$r$p$salt$hash` so the cost can rise later without breaking stored hashes.

import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const COST = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;

/** @param {string} password @param {Buffer} salt @param {{ N: number, r: number, p: number }} cost @returns {Promise<Buffer>} */
function derive(password, salt, cost) {
  return new Promise((resolveKey, rejectKey) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...cost, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? rejectKey(error) : resolveKey(key),
    );
  });
}

/** @param {string} password */
export async function hashPassword(password) {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * True when password matches stored. With stored null (no such user), still spends the time of
 * one hash, so response times do not tell which email addresses have accounts.
 * @param {string} password
 * @param {string | null} stored
 */
export async function passwordMatches(password, stored) {
  const [scheme, N, r, p, salt, key] = (stored ?? '').split('$');
  if (scheme !== 'scrypt' || !salt || !key) {
    await derive(password, randomBytes(16), COST);
    return false;
  }
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(N), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
