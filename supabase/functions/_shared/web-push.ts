/**
 * Standard Web Push for the `send-alert` Edge Function: RFC 8291 payload encryption
 * (`Content-Encoding: aes128gcm`), RFC 8292 VAPID authorization, and the RFC 8030 request a
 * push service expects. WebCrypto only and no imports, so this one file runs in Deno (the Edge
 * Function) and in Node 20+ (the Vitest unit tests). Nothing here reads a clock, a random source
 * or the network behind the caller's back: keys and `now` come in as parameters, salt and
 * ephemeral key may be injected, and the caller does the `fetch`.
 *
 * A 201 from a push service only means "accepted", not "the phone could decrypt it": the tests
 * prove decryption with `decryptPayload`, which does what the browser does.
 */

/**
 * A Uint8Array over a plain ArrayBuffer, the only kind `fetch` and `crypto.subtle` accept in
 * TypeScript 5.7+ (where Uint8Array became generic). Spelled this way, not as
 * `Uint8Array<ArrayBuffer>`, so the file also type-checks with the older TypeScript of Deno 2.1.
 */
export type Bytes = ReturnType<TextEncoder['encode']>;

/** A push service need not accept a larger body (RFC 8291 §4). */
export const MAX_PUSH_BODY_BYTES = 4096;
/** salt(16) ‖ rs(4) ‖ idlen(1) ‖ keyid(65): the aes128gcm header block of a Web Push message. */
export const HEADER_BLOCK_BYTES = 86;
/** The padding delimiter (1) and the AES-GCM tag (16) that every record carries. */
const RECORD_OVERHEAD_BYTES = 17;
/** 4096 − 86 − 1 − 16: the longest plaintext any push service must accept (RFC 8291 §4). */
export const MAX_PLAINTEXT_BYTES = MAX_PUSH_BODY_BYTES - HEADER_BLOCK_BYTES - RECORD_OVERHEAD_BYTES;
export const DEFAULT_RECORD_SIZE = 4096;
/** RFC 8292 §2: a VAPID JWT must not expire more than 24 hours after the request. */
export const MAX_VAPID_LIFETIME_SECONDS = 24 * 3600;

const P256_POINT_BYTES = 65;
const AUTH_SECRET_BYTES = 16;
const SALT_BYTES = 16;
const LAST_RECORD_DELIMITER = 0x02;

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

// ---------------------------------------------------------------------------------------------
// base64url (RFC 4648 §5, unpadded), the encoding of subscription keys, salts and JWTs
// ---------------------------------------------------------------------------------------------

export function encodeBase64Url(bytes: Uint8Array): string {
  let binary = '';
  // Chunked so a long payload does not overflow the argument list of fromCharCode.
  for (let start = 0; start < bytes.length; start += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Null when `text` is not base64url (standard base64 and `=` padding are tolerated too). */
function bytesFromBase64Url(text: string): Bytes | null {
  if (!/^[A-Za-z0-9_+/-]*={0,2}$/.test(text)) return null;
  const base64 = text.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  if (base64.length % 4 === 1) return null;
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** Throws when `text` is not base64url; subscription keys saved with padding or `+/` still decode. */
export function decodeBase64Url(text: string): Bytes {
  const bytes = bytesFromBase64Url(text);
  if (bytes === null) throw new Error(`Not base64url: "${text.slice(0, 24)}${text.length > 24 ? '…' : ''}"`);
  return bytes;
}

function concatBytes(...parts: Uint8Array[]): Bytes {
  const joined = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}

function isUncompressedP256Point(bytes: Uint8Array): boolean {
  return bytes.length === P256_POINT_BYTES && bytes[0] === 0x04;
}

// ---------------------------------------------------------------------------------------------
// RFC 8291: message encryption (aes128gcm, one record)
// ---------------------------------------------------------------------------------------------

/** The two keys of a browser's PushSubscription (`subscription.toJSON().keys`). */
export interface SubscriptionKeys {
  /** base64url of the browser's 65-byte uncompressed P-256 public key. */
  p256dh: string;
  /** base64url of the browser's 16-byte authentication secret. */
  auth: string;
}

export interface EncryptPayloadInput {
  payload: Uint8Array | string;
  subscription: SubscriptionKeys;
  /** 16 random bytes; injected only by tests. Reusing one breaks confidentiality. */
  salt?: Uint8Array;
  /** An ECDH P-256 key pair used for this message only; injected only by tests. */
  ephemeral?: CryptoKeyPair;
  recordSize?: number;
}

export interface EncryptedPayload {
  body: Bytes;
  headers: { 'Content-Encoding': 'aes128gcm'; 'Content-Type': 'application/octet-stream' };
}

async function hkdf(salt: Uint8Array, ikm: Uint8Array, info: Uint8Array, length: number): Promise<Bytes> {
  const key = await crypto.subtle.importKey('raw', new Uint8Array(ikm), 'HKDF', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(salt), info: new Uint8Array(info) },
    key,
    length * 8,
  );
  return new Uint8Array(bits);
}

async function importP256Public(point: Uint8Array, algorithm: 'ECDH' | 'ECDSA', what: string): Promise<CryptoKey> {
  if (!isUncompressedP256Point(point)) {
    throw new Error(`${what} is not a 65-byte uncompressed P-256 public key (it has ${point.length} bytes).`);
  }
  const usages: KeyUsage[] = algorithm === 'ECDSA' ? ['verify'] : [];
  try {
    return await crypto.subtle.importKey('raw', new Uint8Array(point), { name: algorithm, namedCurve: 'P-256' }, true, usages);
  } catch (cause) {
    throw new Error(`${what} is not a point on the P-256 curve.`, { cause });
  }
}

/**
 * RFC 8291 §3.3–3.4: the content encryption key and nonce both sides derive from the ECDH
 * secret, the browser's auth secret, both public keys and the message's salt.
 */
async function deriveContentKey(input: {
  ecdhSecret: Uint8Array;
  auth: Uint8Array;
  uaPublic: Uint8Array;
  asPublic: Uint8Array;
  salt: Uint8Array;
}): Promise<{ cek: Bytes; nonce: Bytes }> {
  const keyInfo = concatBytes(textEncoder.encode('WebPush: info\0'), input.uaPublic, input.asPublic);
  const ikm = await hkdf(input.auth, input.ecdhSecret, keyInfo, 32);
  const cek = await hkdf(input.salt, ikm, textEncoder.encode('Content-Encoding: aes128gcm\0'), 16);
  const nonce = await hkdf(input.salt, ikm, textEncoder.encode('Content-Encoding: nonce\0'), 12);
  return { cek, nonce };
}

async function ecdhSecret(privateKey: CryptoKey, publicKey: CryptoKey): Promise<Bytes> {
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'ECDH', public: publicKey }, privateKey, 256));
}

/**
 * Encrypts `payload` for one subscription as a single aes128gcm record with no padding beyond
 * the delimiter. Throws when the subscription keys are malformed or the payload does not fit
 * one record of a 4096-byte body (at most 3993 bytes of plaintext).
 */
export async function encryptPayload(input: EncryptPayloadInput): Promise<EncryptedPayload> {
  const plaintext = typeof input.payload === 'string' ? textEncoder.encode(input.payload) : input.payload;
  const recordSize = input.recordSize ?? DEFAULT_RECORD_SIZE;
  if (!Number.isInteger(recordSize) || recordSize < RECORD_OVERHEAD_BYTES + 1 || recordSize > 0xffffffff) {
    throw new Error(`recordSize must be an integer from 18 to 4294967295, not ${recordSize}.`);
  }
  const maxPlaintext = Math.min(MAX_PLAINTEXT_BYTES, recordSize - RECORD_OVERHEAD_BYTES);
  if (plaintext.length > maxPlaintext) {
    throw new Error(
      `Push payload too large: ${plaintext.length} bytes, but at most ${maxPlaintext} bytes fit one ` +
        `aes128gcm record (RFC 8291 §4). Send less and let the app fetch the rest when it opens.`,
    );
  }

  const uaPublic = decodeBase64Url(input.subscription.p256dh);
  const auth = decodeBase64Url(input.subscription.auth);
  if (auth.length !== AUTH_SECRET_BYTES) {
    throw new Error(`The subscription's auth secret must be 16 bytes, not ${auth.length}.`);
  }
  const uaPublicKey = await importP256Public(uaPublic, 'ECDH', "The subscription's p256dh key");

  const salt = input.salt ?? crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  if (salt.length !== SALT_BYTES) throw new Error(`The salt must be 16 bytes, not ${salt.length}.`);
  const ephemeral =
    input.ephemeral ??
    ((await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits'])) as CryptoKeyPair);
  const asPublic = new Uint8Array(await crypto.subtle.exportKey('raw', ephemeral.publicKey));

  const { cek, nonce } = await deriveContentKey({
    ecdhSecret: await ecdhSecret(ephemeral.privateKey, uaPublicKey),
    auth,
    uaPublic,
    asPublic,
    salt,
  });
  const aesKey = await crypto.subtle.importKey('raw', cek, 'AES-GCM', false, ['encrypt']);
  // One record, so it is the last: the delimiter is 0x02 and the record sequence number is 0.
  const record = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: nonce, tagLength: 128 },
    aesKey,
    concatBytes(plaintext, Uint8Array.of(LAST_RECORD_DELIMITER)),
  );

  const header = new Uint8Array(HEADER_BLOCK_BYTES);
  header.set(salt, 0);
  new DataView(header.buffer).setUint32(16, recordSize, false);
  header[20] = P256_POINT_BYTES;
  header.set(asPublic, 21);
  return {
    body: concatBytes(header, new Uint8Array(record)),
    headers: { 'Content-Encoding': 'aes128gcm', 'Content-Type': 'application/octet-stream' },
  };
}

export interface DecryptPayloadInput {
  body: Uint8Array;
  /** The browser's ECDH P-256 private key (usage `deriveBits`). */
  subscriptionPrivateKey: CryptoKey;
  /** The browser's 65-byte public key, the bytes behind `p256dh`. */
  subscriptionPublic: Uint8Array;
  /** The browser's 16-byte auth secret. */
  auth: Uint8Array;
}

/**
 * What the browser does on receipt: opens a one-record aes128gcm message and returns the
 * plaintext. For tests and the stand-in push service. Throws on a malformed header, a record
 * that fails authentication (wrong keys, wrong auth secret, tampering) or missing delimiter.
 */
export async function decryptPayload(input: DecryptPayloadInput): Promise<Bytes> {
  const { body } = input;
  if (body.length < HEADER_BLOCK_BYTES + RECORD_OVERHEAD_BYTES) {
    throw new Error(`Not an aes128gcm push message: ${body.length} bytes is shorter than header and tag.`);
  }
  const salt = body.subarray(0, 16);
  const recordSize = new DataView(body.buffer, body.byteOffset, body.byteLength).getUint32(16, false);
  const idLength = body[20];
  if (idLength !== P256_POINT_BYTES) {
    throw new Error(`Not a Web Push message: the key id is ${idLength} bytes, RFC 8291 requires 65.`);
  }
  const asPublic = body.subarray(21, HEADER_BLOCK_BYTES);
  const record = body.subarray(HEADER_BLOCK_BYTES);
  if (recordSize < RECORD_OVERHEAD_BYTES + 1 || record.length > recordSize) {
    throw new Error(`Not a single-record message: ${record.length} bytes of record with rs=${recordSize}.`);
  }
  if (input.auth.length !== AUTH_SECRET_BYTES) {
    throw new Error(`The auth secret must be 16 bytes, not ${input.auth.length}.`);
  }

  const asPublicKey = await importP256Public(asPublic, 'ECDH', "The message's sender key");
  const { cek, nonce } = await deriveContentKey({
    ecdhSecret: await ecdhSecret(input.subscriptionPrivateKey, asPublicKey),
    auth: input.auth,
    uaPublic: input.subscriptionPublic,
    asPublic,
    salt,
  });
  const aesKey = await crypto.subtle.importKey('raw', cek, 'AES-GCM', false, ['decrypt']);
  let padded: Bytes;
  try {
    padded = new Uint8Array(
      await crypto.subtle.decrypt({ name: 'AES-GCM', iv: nonce, tagLength: 128 }, aesKey, new Uint8Array(record)),
    );
  } catch (cause) {
    throw new Error(
      'Cannot decrypt the push message: it was encrypted for other subscription keys or auth secret, or changed on the way.',
      { cause },
    );
  }
  // RFC 8188 §2: plaintext ‖ delimiter ‖ zero or more 0x00 padding bytes.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end -= 1;
  if (end < 0 || padded[end] !== LAST_RECORD_DELIMITER) {
    throw new Error('Not a single-record message: the record does not end with the 0x02 delimiter.');
  }
  return padded.slice(0, end);
}

// ---------------------------------------------------------------------------------------------
// RFC 8292: VAPID
// ---------------------------------------------------------------------------------------------

export interface VapidClaims {
  aud: string;
  exp: number;
  sub: string;
}

export interface VapidAuthorizationInput {
  /** The subscription's endpoint; the JWT's `aud` is its origin. */
  endpoint: string;
  /** Who the push service may contact about our traffic: a `mailto:` or `https:` URI. */
  subject: string;
  /** base64url of the 65-byte VAPID public key (the app's `applicationServerKey`). */
  publicKey: string;
  /** The matching ECDSA P-256 private key, as a CryptoKey (usage `sign`) or a private JWK. */
  privateKey: CryptoKey | JsonWebKey;
  now: Date;
  expiresInSeconds?: number;
}

/**
 * The origin a push endpoint's VAPID token must name. Push services are https; plain http is
 * accepted only on this machine, for a stand-in push service in tests.
 */
export function pushServiceOrigin(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch (cause) {
    throw new Error(`The subscription endpoint is not a URL: "${endpoint}".`, { cause });
  }
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw new Error(`The subscription endpoint must be https, not "${url.protocol}" (${url.origin}).`);
  }
  return url.origin;
}

function checkSubject(subject: string): string | null {
  if (/\s/.test(subject)) return 'contains spaces';
  if (subject.startsWith('mailto:')) return subject.length > 'mailto:'.length ? null : 'has no address';
  if (!subject.startsWith('https:')) return 'is neither a mailto: nor an https: URI';
  try {
    return new URL(subject).hostname === '' ? 'has no host' : null;
  } catch {
    return 'is not a URL'; // the caller names the subject in its message
  }
}

async function importVapidSigningKey(privateKey: CryptoKey | JsonWebKey, publicKey: Uint8Array): Promise<CryptoKey> {
  // Not `instanceof CryptoKey`: keys made by another realm's crypto would fail that test.
  if ('algorithm' in privateKey && 'usages' in privateKey) {
    const algorithm = privateKey.algorithm as EcKeyAlgorithm;
    if (privateKey.type !== 'private' || algorithm.name !== 'ECDSA' || algorithm.namedCurve !== 'P-256') {
      throw new Error('The VAPID private key must be an ECDSA P-256 private key.');
    }
    return privateKey;
  }
  const jwk = privateKey as JsonWebKey;
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d || !jwk.x || !jwk.y) {
    throw new Error('The VAPID private key must be a P-256 private JWK (kty EC, crv P-256, with d, x and y).');
  }
  // A key pair that does not match is the classic cause of 403s from every push service.
  const jwkPublic = concatBytes(Uint8Array.of(0x04), decodeBase64Url(jwk.x), decodeBase64Url(jwk.y));
  if (!sameBytes(jwkPublic, publicKey)) {
    throw new Error('The VAPID private key does not belong to the VAPID public key given with it.');
  }
  return await crypto.subtle.importKey(
    'jwk',
    { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, d: jwk.d },
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['sign'],
  );
}

/**
 * The `Authorization` header value `vapid t=<ES256 JWT>, k=<publicKey>` for one endpoint.
 * Throws on a subject that is not mailto:/https:, a lifetime outside (0, 24 h], a non-https
 * endpoint, or a private key that does not match `publicKey`.
 */
export async function vapidAuthorization(input: VapidAuthorizationInput): Promise<string> {
  const expiresInSeconds = input.expiresInSeconds ?? 12 * 3600;
  if (!Number.isInteger(expiresInSeconds) || expiresInSeconds <= 0 || expiresInSeconds > MAX_VAPID_LIFETIME_SECONDS) {
    throw new Error(
      `VAPID token lifetime must be 1 to 86400 whole seconds (RFC 8292: at most 24 h), not ${expiresInSeconds}.`,
    );
  }
  const subjectProblem = checkSubject(input.subject);
  if (subjectProblem !== null) {
    throw new Error(`VAPID subject "${input.subject}" ${subjectProblem}; use mailto:you@example.com or an https: URL.`);
  }
  const publicKey = decodeBase64Url(input.publicKey);
  if (!isUncompressedP256Point(publicKey)) {
    throw new Error(`The VAPID public key must be a 65-byte uncompressed P-256 key, not ${publicKey.length} bytes.`);
  }
  const signingKey = await importVapidSigningKey(input.privateKey, publicKey);

  const claims: VapidClaims = {
    aud: pushServiceOrigin(input.endpoint),
    exp: Math.floor(input.now.getTime() / 1000) + expiresInSeconds,
    sub: input.subject,
  };
  const signingInput =
    encodeBase64Url(textEncoder.encode(JSON.stringify({ typ: 'JWT', alg: 'ES256' }))) +
    '.' +
    encodeBase64Url(textEncoder.encode(JSON.stringify(claims)));
  // WebCrypto ECDSA signatures are already r ‖ s (64 bytes), the form JWS ES256 wants.
  const signature = await crypto.subtle.sign(
    { name: 'ECDSA', hash: 'SHA-256' },
    signingKey,
    textEncoder.encode(signingInput),
  );
  return `vapid t=${signingInput}.${encodeBase64Url(new Uint8Array(signature))}, k=${encodeBase64Url(publicKey)}`;
}

export type VapidRejection =
  | 'malformed'
  | 'bad-key'
  | 'bad-signature'
  | 'wrong-audience'
  | 'expired'
  | 'expires-too-late'
  | 'bad-subject';

export type VapidVerification =
  | { ok: true; claims: VapidClaims; publicKey: string }
  | { ok: false; reason: VapidRejection; message: string };

function parseJsonObject(bytes: Uint8Array | null): Record<string, unknown> | null {
  if (bytes === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(textDecoder.decode(bytes));
  } catch {
    return null; // not JSON: the caller reports the token as malformed
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/**
 * What a push service checks of an `Authorization: vapid …` header (RFC 8292 §2–3): an ES256
 * signature by the key in `k`, `aud` equal to `expectedAudience`, an `exp` neither past nor more
 * than 24 h after `now`, and a mailto:/https: `sub`. Never throws: the header is untrusted input.
 * The caller compares `publicKey` with the subscription's applicationServerKey.
 */
export async function verifyVapidAuthorization(
  header: string,
  expectedAudience: string,
  now: Date,
): Promise<VapidVerification> {
  const reject = (reason: VapidRejection, message: string): VapidVerification => ({ ok: false, reason, message });
  const scheme = /^vapid\s+(.*)$/is.exec(header.trim());
  if (!scheme) return reject('malformed', 'The Authorization header does not use the vapid scheme.');
  const params = new Map<string, string>();
  for (const part of (scheme[1] ?? '').split(',')) {
    const match = /^\s*([A-Za-z]+)\s*=\s*"?([^"\s]*)"?\s*$/.exec(part);
    if (match?.[1] && match[2] !== undefined) params.set(match[1].toLowerCase(), match[2]);
  }
  const token = params.get('t');
  const keyText = params.get('k');
  if (!token || !keyText) return reject('malformed', 'The vapid header needs both t= (the JWT) and k= (the key).');

  const publicKey = bytesFromBase64Url(keyText);
  if (publicKey === null || !isUncompressedP256Point(publicKey)) {
    return reject('bad-key', 'k= is not a base64url 65-byte uncompressed P-256 public key.');
  }
  let verifyKey: CryptoKey;
  try {
    verifyKey = await crypto.subtle.importKey('raw', publicKey, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  } catch {
    return reject('bad-key', 'k= is not a point on the P-256 curve.');
  }

  const parts = token.split('.');
  if (parts.length !== 3) return reject('malformed', 'The JWT does not have three parts.');
  const [headerPart = '', claimsPart = '', signaturePart = ''] = parts;
  const jwtHeader = parseJsonObject(bytesFromBase64Url(headerPart));
  const claims = parseJsonObject(bytesFromBase64Url(claimsPart));
  const signature = bytesFromBase64Url(signaturePart);
  if (jwtHeader === null || claims === null || signature === null) {
    return reject('malformed', 'The JWT header, claims or signature is not base64url JSON.');
  }
  if (jwtHeader.alg !== 'ES256') return reject('malformed', `The JWT alg is ${String(jwtHeader.alg)}, not ES256.`);
  const signed =
    signature.length === 64 &&
    (await crypto.subtle.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      verifyKey,
      signature,
      textEncoder.encode(`${headerPart}.${claimsPart}`),
    ));
  if (!signed) return reject('bad-signature', 'The JWT signature does not verify with the key in k=.');

  const { aud, exp, sub } = claims;
  if (typeof aud !== 'string' || typeof exp !== 'number' || !Number.isFinite(exp)) {
    return reject('malformed', 'The JWT claims need a string aud and a numeric exp.');
  }
  if (aud !== expectedAudience) return reject('wrong-audience', `aud is "${aud}", expected "${expectedAudience}".`);
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (exp <= nowSeconds) return reject('expired', `The JWT expired at ${new Date(exp * 1000).toISOString()}.`);
  if (exp > nowSeconds + MAX_VAPID_LIFETIME_SECONDS) {
    return reject('expires-too-late', 'The JWT expires more than 24 hours from now (RFC 8292 §2).');
  }
  if (typeof sub !== 'string' || checkSubject(sub) !== null) {
    return reject('bad-subject', 'sub must be a mailto: or https: URI.');
  }
  return { ok: true, claims: { aud, exp, sub }, publicKey: encodeBase64Url(publicKey) };
}

/**
 * A new VAPID key pair. Keep `privateKeyJwk` in the Edge Function's secrets; give `publicKey`
 * to the app as `applicationServerKey`. Changing the pair invalidates every subscription.
 */
export async function generateVapidKeys(): Promise<{ publicKey: string; privateKeyJwk: JsonWebKey }> {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const privateKeyJwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
  return { publicKey: encodeBase64Url(publicKey), privateKeyJwk };
}

// ---------------------------------------------------------------------------------------------
// RFC 8030: the request to the push service
// ---------------------------------------------------------------------------------------------

export type Urgency = 'very-low' | 'low' | 'normal' | 'high';
const URGENCIES: readonly Urgency[] = ['very-low', 'low', 'normal', 'high'];

export interface PushSubscriptionTarget extends SubscriptionKeys {
  endpoint: string;
}

export interface BuildPushRequestInput {
  subscription: PushSubscriptionTarget;
  payload: Uint8Array | string;
  vapid: { subject: string; publicKey: string; privateKey: CryptoKey | JsonWebKey; expiresInSeconds?: number };
  /** How long the push service keeps an undelivered message; RFC 8030 makes TTL mandatory. */
  ttlSeconds?: number;
  /** `high` by default: an incident alert is the "time-sensitive" case of RFC 8030 §5.3. */
  urgency?: Urgency;
  /** ≤ 32 base64url characters; a newer message with the same topic replaces an undelivered one. */
  topic?: string;
  now: Date;
}

export interface PushRequest {
  url: string;
  init: { method: 'POST'; headers: Record<string, string>; body: Bytes };
}

/**
 * The encrypted, VAPID-signed POST for one subscription; the caller does `fetch(url, init)`.
 * Throws on a bad TTL, urgency, topic, endpoint, subscription key, VAPID key or oversized payload.
 */
export async function buildPushRequest(input: BuildPushRequestInput): Promise<PushRequest> {
  const ttlSeconds = input.ttlSeconds ?? 3600;
  const urgency = input.urgency ?? 'high';
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 0) {
    throw new Error(`TTL must be a whole number of seconds, 0 or more, not ${ttlSeconds}.`);
  }
  if (!URGENCIES.includes(urgency)) throw new Error(`Urgency must be one of ${URGENCIES.join(', ')}, not "${urgency}".`);
  if (input.topic !== undefined && !/^[A-Za-z0-9_-]{1,32}$/.test(input.topic)) {
    throw new Error(`Topic must be 1 to 32 base64url characters (A-Z a-z 0-9 - _), not "${input.topic}".`);
  }

  const authorization = await vapidAuthorization({
    endpoint: input.subscription.endpoint,
    subject: input.vapid.subject,
    publicKey: input.vapid.publicKey,
    privateKey: input.vapid.privateKey,
    now: input.now,
    expiresInSeconds: input.vapid.expiresInSeconds,
  });
  const encrypted = await encryptPayload({ payload: input.payload, subscription: input.subscription });
  const headers: Record<string, string> = {
    TTL: String(ttlSeconds),
    Urgency: urgency,
    Authorization: authorization,
    ...encrypted.headers,
  };
  if (input.topic !== undefined) headers.Topic = input.topic;
  return { url: input.subscription.endpoint, init: { method: 'POST', headers, body: encrypted.body } };
}
