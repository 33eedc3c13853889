#!/usr/bin/env node
// VAPID keys (RFC 8292) for Web Push: the app subscribes with the public key, the send-alert
// function signs with the private one. Changing the pair invalidates every subscription, so
// the local backend keeps its pair in the database it serves (schema muster_local), next to
// the subscriptions made with it.
//
//   node server/vapid-keys.mjs     prints a new pair as VAPID_PUBLIC_KEY=... / VAPID_PRIVATE_KEY=...
//                                  (for `supabase secrets set` and the app's VITE_VAPID_PUBLIC_KEY)

import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * @typedef {{ publicKey: string, privateKey: string }} VapidKeyPair
 *   publicKey: base64url 65-byte uncompressed P-256 point; privateKey: base64url 32-byte scalar.
 */

/** @returns {Promise<VapidKeyPair>} */
export async function generateVapidKeys() {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const publicKey = Buffer.from(await crypto.subtle.exportKey('raw', pair.publicKey)).toString('base64url');
  const jwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
  if (!jwk.d) throw new Error('WebCrypto exported a P-256 private key without d');
  return { publicKey, privateKey: jwk.d };
}

/**
 * The pair this database's subscriptions were made with; made and stored on first use.
 * @param {import('./database.mjs').Database} database
 * @returns {Promise<VapidKeyPair>}
 */
export async function storedVapidKeys(database) {
  await database.exec(`
    create schema if not exists muster_local;
    revoke all on schema muster_local from public;
    create table if not exists muster_local.vapid_key (
      only_one boolean primary key default true check (only_one),
      public_key text not null,
      private_key text not null,
      created_at timestamptz not null default now()
    );
  `);
  const fresh = await generateVapidKeys();
  // Two servers starting on one database at once keep whichever pair was stored first.
  await database.query(
    'insert into muster_local.vapid_key (public_key, private_key) values ($1, $2) on conflict (only_one) do nothing',
    [fresh.publicKey, fresh.privateKey],
  );
  const { rows } = await database.query('select public_key, private_key from muster_local.vapid_key');
  const row = rows[0];
  if (!row) throw new Error('muster_local.vapid_key is empty after storing a key pair');
  return { publicKey: row.public_key, privateKey: row.private_key };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const keys = await generateVapidKeys();
  console.log(`VAPID_PUBLIC_KEY=${keys.publicKey}`);
  console.log(`VAPID_PRIVATE_KEY=${keys.privateKey}`);
}
