// @ts-check
// A stand-in for a browser vendor's push service (RFC 8030) and for ntfy / Gotify servers, on
// 127.0.0.1. For each push it does what a real service and then the phone do: checks TTL, the
// aes128gcm encoding and the VAPID JWT (ES256 signature by the key in k=, k = the key the
// browser subscribed with, aud = this service's origin, exp within 24 h), then decrypts the
// body with the browser's private keys. Relay requests are recorded as they arrived.

import {
  decryptPayload,
  encodeBase64Url,
  verifyVapidAuthorization,
} from '../../supabase/functions/_shared/web-push.ts';

/**
 * @typedef {{ name: string, endpoint: string, p256dh: string, auth: string,
 *   privateKey: CryptoKey, publicRaw: Uint8Array, authRaw: Uint8Array }} BrowserSubscription
 * @typedef {{ name: string, payloadText: string, payload: any, headers: Record<string, string>,
 *   claims: { aud: string, exp: number, sub: string } }} ReceivedPush
 * @typedef {{ path: string, headers: Record<string, string>, body: string }} RelayRequest
 */

/**
 * What a browser's pushManager.subscribe() makes: an endpoint at the push service and the keys
 * only the browser can decrypt with.
 * @param {string} serviceUrl
 * @param {string} name
 * @returns {Promise<BrowserSubscription>}
 */
export async function newBrowserSubscription(serviceUrl, name) {
  const pair = /** @type {CryptoKeyPair} */ (
    await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits'])
  );
  const publicRaw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const authRaw = crypto.getRandomValues(new Uint8Array(16));
  return {
    name,
    endpoint: `${serviceUrl}/push/${name}`,
    p256dh: encodeBase64Url(publicRaw),
    auth: encodeBase64Url(authRaw),
    privateKey: pair.privateKey,
    publicRaw,
    authRaw,
  };
}

/** @param {Headers} headers */
function headerObject(headers) {
  /** @type {Record<string, string>} */
  const result = {};
  headers.forEach((value, key) => {
    result[key] = value;
  });
  return result;
}

/**
 * @param {{ applicationServerKey: string }} options the VAPID public key browsers subscribed with
 */
export function startPushService(options) {
  /** @type {ReceivedPush[]} */
  const received = [];
  /** @type {{ name: string, reason: string }[]} */
  const rejected = [];
  /** @type {RelayRequest[]} */
  const relayRequests = [];
  /** @type {Map<string, BrowserSubscription>} */
  const subscriptions = new Map();
  /** @type {Map<string, number>} endpoints the service answers with this status (404, 410) */
  const expired = new Map();
  let origin = '';

  /** @param {string} name @param {string} reason @param {number} status */
  const reject = (name, reason, status) => {
    rejected.push({ name, reason });
    return new Response(JSON.stringify({ reason }), { status });
  };

  const server = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen() {} }, async (request) => {
    const url = new URL(request.url);
    const body = new Uint8Array(await request.arrayBuffer());
    const push = /^\/push\/([^/]+)$/.exec(url.pathname);
    if (!push) {
      relayRequests.push({ path: url.pathname, headers: headerObject(request.headers), body: new TextDecoder().decode(body) });
      return Response.json({ id: relayRequests.length });
    }
    const name = push[1] ?? '';
    const gone = expired.get(name);
    if (gone !== undefined) return new Response('', { status: gone });
    const subscription = subscriptions.get(name);
    if (!subscription) return reject(name, 'unknown subscription', 404);
    if (request.method !== 'POST') return reject(name, `method ${request.method}`, 405);
    if (!/^\d+$/.test(request.headers.get('TTL') ?? '')) return reject(name, 'TTL missing or not a number (RFC 8030 §5.2)', 400);
    if (request.headers.get('Content-Encoding') !== 'aes128gcm') return reject(name, 'not aes128gcm', 400);
    const topic = request.headers.get('Topic');
    if (topic !== null && !/^[A-Za-z0-9_-]{1,32}$/.test(topic)) return reject(name, 'bad Topic', 400);
    const verification = await verifyVapidAuthorization(request.headers.get('Authorization') ?? '', origin, new Date());
    if (!verification.ok) return reject(name, `VAPID ${verification.reason}: ${verification.message}`, 401);
    if (verification.publicKey !== options.applicationServerKey) return reject(name, 'k= is not the applicationServerKey', 403);
    let plaintext;
    try {
      plaintext = await decryptPayload({
        body,
        subscriptionPrivateKey: subscription.privateKey,
        subscriptionPublic: subscription.publicRaw,
        auth: subscription.authRaw,
      });
    } catch (error) {
      return reject(name, `cannot decrypt: ${error instanceof Error ? error.message : error}`, 400);
    }
    const payloadText = new TextDecoder().decode(plaintext);
    received.push({ name, payloadText, payload: JSON.parse(payloadText), headers: headerObject(request.headers), claims: verification.claims });
    return new Response('', { status: 201, headers: { Location: `${origin}/message/${received.length}` } });
  });
  origin = `http://127.0.0.1:${server.addr.port}`;

  return {
    url: origin,
    received,
    rejected,
    relayRequests,
    /** @param {string} name */
    async subscribe(name) {
      const subscription = await newBrowserSubscription(origin, name);
      subscriptions.set(name, subscription);
      return subscription;
    },
    /** The service answers this endpoint with 404 or 410 from now on. @param {string} name @param {number} status */
    expire(name, status) {
      expired.set(name, status);
    },
    close: () => server.shutdown(),
  };
}
