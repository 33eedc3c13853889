import { createPublicKey, verify as nodeVerify, type JsonWebKey as NodeJsonWebKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  MAX_PLAINTEXT_BYTES,
  buildPushRequest,
  decodeBase64Url,
  decryptPayload,
  encodeBase64Url,
  encryptPayload,
  generateVapidKeys,
  vapidAuthorization,
  verifyVapidAuthorization,
  type Urgency,
} from '../../supabase/functions/_shared/web-push';

/**
 * RFC 8291 §5 "Push Message Encryption Example" (intermediate values in its Appendix A).
 * The example carries no padding beyond the delimiter and uses rs = 4096, as encryptPayload does.
 */
const RFC8291 = {
  plaintext: 'When I grow up, I want to be a watermelon',
  asPublic: 'BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8',
  asPrivate: 'yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw',
  uaPublic: 'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4',
  uaPrivate: 'q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94',
  salt: 'DGv6ra1nlYgDCS1FRnbzlw',
  auth: 'BTBZMqHH6r4Tts7J_aSIgg',
  message:
    'DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS' +
    '6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Q' +
    'ulcy4a-fN',
};

const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;
const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ENDPOINT = 'https://push.example.net:8443/wpush/v2/gAAAAABk-opaque?x=1';
const NOW = new Date('2026-03-02T09:00:00.000Z');
const NOW_SECONDS = NOW.getTime() / 1000;
const SUBJECT = 'mailto:incident-lead@example.com';

/** The RFC gives a private scalar and its public point separately; WebCrypto imports them as one JWK. */
function privateJwk(publicPoint: string, d: string): JsonWebKey {
  const point = decodeBase64Url(publicPoint);
  return {
    kty: 'EC',
    crv: 'P-256',
    x: encodeBase64Url(point.subarray(1, 33)),
    y: encodeBase64Url(point.subarray(33, 65)),
    d,
  };
}

async function rfcSenderKeyPair(): Promise<CryptoKeyPair> {
  return {
    privateKey: await crypto.subtle.importKey('jwk', privateJwk(RFC8291.asPublic, RFC8291.asPrivate), ECDH, false, [
      'deriveBits',
    ]),
    publicKey: await crypto.subtle.importKey('raw', decodeBase64Url(RFC8291.asPublic), ECDH, true, []),
  };
}

/** A browser's side of a subscription: what it hands out (p256dh, auth) and what it keeps. */
async function browserSubscription() {
  const pair = (await crypto.subtle.generateKey(ECDH, true, ['deriveBits'])) as CryptoKeyPair;
  const publicBytes = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const auth = crypto.getRandomValues(new Uint8Array(16));
  return {
    keys: { p256dh: encodeBase64Url(publicBytes), auth: encodeBase64Url(auth) },
    privateKey: pair.privateKey,
    publicBytes,
    auth,
  };
}

type Browser = Awaited<ReturnType<typeof browserSubscription>>;

function openAsBrowser(browser: Browser, body: Uint8Array, auth: Uint8Array = browser.auth) {
  return decryptPayload({
    body,
    subscriptionPrivateKey: browser.privateKey,
    subscriptionPublic: browser.publicBytes,
    auth,
  });
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** The parts of the `t=` JWT of a `vapid t=…, k=…` header. */
function jwtOf(header: string) {
  const token = /t=([^,\s]+)/.exec(header)?.[1] ?? '';
  const [headerPart = '', claimsPart = '', signaturePart = ''] = token.split('.');
  return {
    token,
    headerPart,
    claimsPart,
    signaturePart,
    header: JSON.parse(text(decodeBase64Url(headerPart))) as Record<string, unknown>,
    claims: JSON.parse(text(decodeBase64Url(claimsPart))) as Record<string, unknown>,
  };
}

describe('RFC 8291 payload encryption (aes128gcm)', () => {
  it('produces byte for byte the encrypted message of the RFC 8291 §5 example', async () => {
    const encrypted = await encryptPayload({
      payload: RFC8291.plaintext,
      subscription: { p256dh: RFC8291.uaPublic, auth: RFC8291.auth },
      salt: decodeBase64Url(RFC8291.salt),
      ephemeral: await rfcSenderKeyPair(),
    });

    expect(encodeBase64Url(encrypted.body)).toBe(RFC8291.message);
    expect(encrypted.headers).toEqual({
      'Content-Encoding': 'aes128gcm',
      'Content-Type': 'application/octet-stream',
    });
  });

  it('opens the RFC 8291 §5 message with the example browser key, as a phone would', async () => {
    const plaintext = await decryptPayload({
      body: decodeBase64Url(RFC8291.message),
      subscriptionPrivateKey: await crypto.subtle.importKey(
        'jwk',
        privateJwk(RFC8291.uaPublic, RFC8291.uaPrivate),
        ECDH,
        false,
        ['deriveBits'],
      ),
      subscriptionPublic: decodeBase64Url(RFC8291.uaPublic),
      auth: decodeBase64Url(RFC8291.auth),
    });

    expect(text(plaintext)).toBe(RFC8291.plaintext);
  });

  it('lays out the header block as salt, record size, key id length and the one-time sender key', async () => {
    const browser = await browserSubscription();
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const ephemeral = (await crypto.subtle.generateKey(ECDH, false, ['deriveBits'])) as CryptoKeyPair;
    const senderPublic = new Uint8Array(await crypto.subtle.exportKey('raw', ephemeral.publicKey));
    const payload = 'Incident declared: switch to the backup channel.';

    const { body } = await encryptPayload({ payload, subscription: browser.keys, salt, ephemeral });

    expect(body.subarray(0, 16)).toEqual(salt);
    expect(Array.from(body.subarray(16, 20))).toEqual([0x00, 0x00, 0x10, 0x00]); // rs = 4096, big-endian
    expect(body[20]).toBe(65);
    expect(body.subarray(21, 86)).toEqual(senderPublic);
    // One record: plaintext, the 0x02 delimiter and the 16-byte tag.
    expect(body.length).toBe(86 + new TextEncoder().encode(payload).length + 1 + 16);
  });

  it('writes a custom record size big-endian', async () => {
    const browser = await browserSubscription();
    const { body } = await encryptPayload({ payload: 'ok', subscription: browser.keys, recordSize: 0x01020304 });

    expect(Array.from(body.subarray(16, 20))).toEqual([0x01, 0x02, 0x03, 0x04]);
    expect(text(await openAsBrowser(browser, body))).toBe('ok');
  });

  it('round-trips an alert to a freshly subscribed browser, text and binary alike', async () => {
    const browser = await browserSubscription();
    const alert = JSON.stringify({ incidentId: 'c0ffee', title: 'Mailbox compromised — use Signal', step: 3 });
    const binary = Uint8Array.from({ length: 300 }, (_, index) => index % 256);

    const textBody = (await encryptPayload({ payload: alert, subscription: browser.keys })).body;
    const binaryBody = (await encryptPayload({ payload: binary, subscription: browser.keys })).body;

    expect(text(await openAsBrowser(browser, textBody))).toBe(alert);
    expect(await openAsBrowser(browser, binaryBody)).toEqual(binary);
  });

  it('uses a fresh salt and sender key for every message, so equal alerts look different', async () => {
    const browser = await browserSubscription();
    const first = (await encryptPayload({ payload: 'same', subscription: browser.keys })).body;
    const second = (await encryptPayload({ payload: 'same', subscription: browser.keys })).body;

    expect(first.subarray(0, 16)).not.toEqual(second.subarray(0, 16));
    expect(first.subarray(21, 86)).not.toEqual(second.subarray(21, 86));
    expect(first.subarray(86)).not.toEqual(second.subarray(86));
  });

  it('cannot be opened with another auth secret', async () => {
    const browser = await browserSubscription();
    const { body } = await encryptPayload({ payload: 'secret', subscription: browser.keys });
    const otherAuth = crypto.getRandomValues(new Uint8Array(16));

    await expect(openAsBrowser(browser, body, otherAuth)).rejects.toThrow(/Cannot decrypt the push message/);
  });

  it('cannot be opened by another browser, nor after a byte changed on the way', async () => {
    const browser = await browserSubscription();
    const stranger = await browserSubscription();
    const { body } = await encryptPayload({ payload: 'secret', subscription: browser.keys });
    const tampered = body.slice();
    tampered[90] = (tampered[90] ?? 0) ^ 0x01;

    await expect(openAsBrowser({ ...stranger, auth: browser.auth }, body)).rejects.toThrow(/Cannot decrypt/);
    await expect(openAsBrowser(browser, tampered)).rejects.toThrow(/Cannot decrypt/);
  });

  it('accepts 3993 bytes, a full 4096-byte body, and rejects 3994 with the limit in the message', async () => {
    const browser = await browserSubscription();
    const largest = new Uint8Array(MAX_PLAINTEXT_BYTES).fill(0x61);

    const { body } = await encryptPayload({ payload: largest, subscription: browser.keys });

    expect(MAX_PLAINTEXT_BYTES).toBe(3993);
    expect(body.length).toBe(4096);
    expect(await openAsBrowser(browser, body)).toEqual(largest);
    await expect(
      encryptPayload({ payload: new Uint8Array(3994), subscription: browser.keys }),
    ).rejects.toThrow(/Push payload too large: 3994 bytes, but at most 3993 bytes/);
  });

  it('counts UTF-8 bytes, not characters, against the limit', async () => {
    const browser = await browserSubscription();
    const umlauts = 'ü'.repeat(2000); // 2000 characters, 4000 bytes

    await expect(encryptPayload({ payload: umlauts, subscription: browser.keys })).rejects.toThrow(/4000 bytes/);
  });

  it('keeps the payload within a smaller record size', async () => {
    const browser = await browserSubscription();

    const { body } = await encryptPayload({ payload: new Uint8Array(83), subscription: browser.keys, recordSize: 100 });
    expect(body.length).toBe(86 + 100);
    await expect(
      encryptPayload({ payload: new Uint8Array(84), subscription: browser.keys, recordSize: 100 }),
    ).rejects.toThrow(/at most 83 bytes/);
    await expect(encryptPayload({ payload: 'x', subscription: browser.keys, recordSize: 17 })).rejects.toThrow(
      /recordSize/,
    );
  });

  it('rejects malformed subscription keys with a message naming the key', async () => {
    const browser = await browserSubscription();
    const notOnCurve = encodeBase64Url(Uint8Array.of(0x04, ...new Uint8Array(64).fill(0x01)));

    await expect(
      encryptPayload({ payload: 'x', subscription: { ...browser.keys, auth: encodeBase64Url(new Uint8Array(15)) } }),
    ).rejects.toThrow(/auth secret must be 16 bytes, not 15/);
    await expect(
      encryptPayload({ payload: 'x', subscription: { ...browser.keys, p256dh: browser.keys.auth } }),
    ).rejects.toThrow(/p256dh key is not a 65-byte uncompressed P-256 public key/);
    await expect(encryptPayload({ payload: 'x', subscription: { ...browser.keys, p256dh: notOnCurve } })).rejects.toThrow(
      /p256dh key is not a point on the P-256 curve/,
    );
    await expect(encryptPayload({ payload: 'x', subscription: { ...browser.keys, p256dh: 'not base64!' } })).rejects.toThrow(
      /Not base64url/,
    );
  });

  it('rejects a body whose key id is not a 65-byte key', async () => {
    const browser = await browserSubscription();
    const { body } = await encryptPayload({ payload: 'x', subscription: browser.keys });
    const wrongIdLength = body.slice();
    wrongIdLength[20] = 64;

    await expect(openAsBrowser(browser, wrongIdLength)).rejects.toThrow(/key id is 64 bytes/);
    await expect(openAsBrowser(browser, body.subarray(0, 100))).rejects.toThrow(/shorter than header and tag/);
  });
});

describe('base64url', () => {
  it('round-trips every byte value without padding or + and /', () => {
    const everyByte = Uint8Array.from({ length: 256 }, (_, index) => index);
    const encoded = encodeBase64Url(everyByte);

    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeBase64Url(encoded)).toEqual(everyByte);
    expect(encodeBase64Url(Uint8Array.of(0xfb, 0xff))).toBe('-_8');
  });

  it('also reads keys saved with padding or the standard alphabet, and rejects anything else', () => {
    expect(decodeBase64Url('-_8=')).toEqual(Uint8Array.of(0xfb, 0xff));
    expect(decodeBase64Url('+/8')).toEqual(Uint8Array.of(0xfb, 0xff));
    expect(() => decodeBase64Url('ab$d')).toThrow(/Not base64url/);
    expect(() => decodeBase64Url('abcde')).toThrow(/Not base64url/);
  });
});

describe('RFC 8292 VAPID', () => {
  async function vapidKeys() {
    const { publicKey, privateKeyJwk } = await generateVapidKeys();
    return { publicKey, privateKey: privateKeyJwk };
  }

  it('generates a 65-byte public key and a private JWK of the same pair', async () => {
    const { publicKey, privateKeyJwk } = await generateVapidKeys();
    const point = decodeBase64Url(publicKey);

    expect(point.length).toBe(65);
    expect(point[0]).toBe(0x04);
    expect(privateKeyJwk).toMatchObject({ kty: 'EC', crv: 'P-256' });
    expect(privateKeyJwk.d).toBeTruthy();
    expect(encodeBase64Url(point.subarray(1, 33))).toBe(privateKeyJwk.x);
    expect(encodeBase64Url(point.subarray(33))).toBe(privateKeyJwk.y);
  });

  it('signs an ES256 JWT for the endpoint origin that verifies with the key in k=', async () => {
    const keys = await vapidKeys();

    const header = await vapidAuthorization({ endpoint: ENDPOINT, subject: SUBJECT, ...keys, now: NOW });
    const jwt = jwtOf(header);

    expect(header).toMatch(/^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]+$/);
    expect(header.endsWith(`, k=${keys.publicKey}`)).toBe(true);
    expect(jwt.header).toEqual({ typ: 'JWT', alg: 'ES256' });
    expect(jwt.claims).toEqual({ aud: 'https://push.example.net:8443', exp: NOW_SECONDS + 12 * 3600, sub: SUBJECT });
    expect(decodeBase64Url(jwt.signaturePart).length).toBe(64);
    expect(await verifyVapidAuthorization(header, 'https://push.example.net:8443', NOW)).toEqual({
      ok: true,
      claims: jwt.claims,
      publicKey: keys.publicKey,
    });
  });

  it('produces a JWS signature that an independent ES256 verifier (node:crypto) accepts', async () => {
    const { publicKey, privateKeyJwk } = await generateVapidKeys();
    const header = await vapidAuthorization({ endpoint: ENDPOINT, subject: SUBJECT, publicKey, privateKey: privateKeyJwk, now: NOW });
    const jwt = jwtOf(header);
    const { d: _private, ...publicJwk } = privateKeyJwk;

    const valid = nodeVerify(
      'sha256',
      Buffer.from(`${jwt.headerPart}.${jwt.claimsPart}`),
      { key: createPublicKey({ key: publicJwk as NodeJsonWebKey, format: 'jwk' }), dsaEncoding: 'ieee-p1363' },
      decodeBase64Url(jwt.signaturePart),
    );
    expect(valid).toBe(true);
  });

  it('signs with a CryptoKey as well as with a JWK', async () => {
    const pair = (await crypto.subtle.generateKey(ECDSA, false, ['sign', 'verify'])) as CryptoKeyPair;
    const publicKey = encodeBase64Url(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)));

    const header = await vapidAuthorization({ endpoint: ENDPOINT, subject: SUBJECT, publicKey, privateKey: pair.privateKey, now: NOW });

    expect((await verifyVapidAuthorization(header, 'https://push.example.net:8443', NOW)).ok).toBe(true);
  });

  it('sets exp from the given lifetime and refuses lifetimes over 24 hours', async () => {
    const keys = await vapidKeys();
    const sign = (expiresInSeconds: number) =>
      vapidAuthorization({ endpoint: ENDPOINT, subject: SUBJECT, ...keys, now: NOW, expiresInSeconds });

    expect(jwtOf(await sign(24 * 3600)).claims.exp).toBe(NOW_SECONDS + 24 * 3600);
    expect(jwtOf(await sign(60)).claims.exp).toBe(NOW_SECONDS + 60);
    await expect(sign(24 * 3600 + 1)).rejects.toThrow(/at most 24 h/);
    await expect(sign(0)).rejects.toThrow(/lifetime/);
    await expect(sign(1.5)).rejects.toThrow(/lifetime/);
  });

  it('refuses a subject that is not mailto: or https:', async () => {
    const keys = await vapidKeys();
    const sign = (subject: string) => vapidAuthorization({ endpoint: ENDPOINT, subject, ...keys, now: NOW });

    await expect(sign('incident-lead@example.com')).rejects.toThrow(/neither a mailto: nor an https: URI/);
    await expect(sign('http://muster.example.com')).rejects.toThrow(/neither a mailto: nor an https: URI/);
    await expect(sign('mailto:')).rejects.toThrow(/has no address/);
    await expect(sign('mailto: lead@example.com')).rejects.toThrow(/contains spaces/);
    await expect(sign('https://muster.example.com/contact')).resolves.toMatch(/^vapid /);
  });

  it('refuses a private key that does not belong to the public key', async () => {
    const keys = await vapidKeys();
    const other = await vapidKeys();

    await expect(
      vapidAuthorization({ endpoint: ENDPOINT, subject: SUBJECT, publicKey: keys.publicKey, privateKey: other.privateKey, now: NOW }),
    ).rejects.toThrow(/does not belong to the VAPID public key/);
  });

  it('refuses plain-http endpoints except a stand-in push service on this machine', async () => {
    const keys = await vapidKeys();
    const sign = (endpoint: string) => vapidAuthorization({ endpoint, subject: SUBJECT, ...keys, now: NOW });

    await expect(sign('http://push.example.net/wpush/1')).rejects.toThrow(/must be https/);
    await expect(sign('not a url')).rejects.toThrow(/not a URL/);
    expect(jwtOf(await sign('http://localhost:8090/push/1')).claims.aud).toBe('http://localhost:8090');
  });

  describe('as the stand-in push service checks it', () => {
    async function signedHeader() {
      const keys = await vapidKeys();
      return vapidAuthorization({ endpoint: ENDPOINT, subject: SUBJECT, ...keys, now: NOW });
    }
    const AUDIENCE = 'https://push.example.net:8443';

    it('rejects a tampered signature', async () => {
      const header = await signedHeader();
      const { signaturePart } = jwtOf(header);
      const signature = decodeBase64Url(signaturePart);
      signature[10] = (signature[10] ?? 0) ^ 0x01;

      const result = await verifyVapidAuthorization(header.replace(signaturePart, encodeBase64Url(signature)), AUDIENCE, NOW);

      expect(result).toMatchObject({ ok: false, reason: 'bad-signature' });
    });

    it('rejects claims changed after signing', async () => {
      const header = await signedHeader();
      const { claimsPart, claims } = jwtOf(header);
      const widened = encodeBase64Url(new TextEncoder().encode(JSON.stringify({ ...claims, exp: NOW_SECONDS + 60 })));

      const result = await verifyVapidAuthorization(header.replace(claimsPart, widened), AUDIENCE, NOW);

      expect(result).toMatchObject({ ok: false, reason: 'bad-signature' });
    });

    it('rejects a token whose k= is another key', async () => {
      const header = await signedHeader();
      const other = await vapidKeys();

      const result = await verifyVapidAuthorization(header.replace(/k=.*$/, `k=${other.publicKey}`), AUDIENCE, NOW);

      expect(result).toMatchObject({ ok: false, reason: 'bad-signature' });
    });

    it('rejects a token made for another push service', async () => {
      const result = await verifyVapidAuthorization(await signedHeader(), 'https://fcm.googleapis.com', NOW);

      expect(result).toMatchObject({ ok: false, reason: 'wrong-audience' });
    });

    it('rejects an expired token and one that expires more than 24 hours ahead', async () => {
      const header = await signedHeader(); // exp = NOW + 12 h

      const later = await verifyVapidAuthorization(header, AUDIENCE, new Date(NOW.getTime() + 12 * 3600_000));
      const muchEarlier = await verifyVapidAuthorization(header, AUDIENCE, new Date(NOW.getTime() - 12 * 3600_000 - 1000));
      const justInBounds = await verifyVapidAuthorization(header, AUDIENCE, new Date(NOW.getTime() - 12 * 3600_000));

      expect(later).toMatchObject({ ok: false, reason: 'expired' });
      expect(muchEarlier).toMatchObject({ ok: false, reason: 'expires-too-late' });
      expect(justInBounds.ok).toBe(true);
    });

    it('answers malformed headers with a reason instead of throwing', async () => {
      const header = await signedHeader();
      const { token } = jwtOf(header);

      for (const garbage of [
        '',
        'Bearer abc',
        `vapid t=${token}`,
        'vapid t=a.b, k=AAAA',
        `vapid t=${token.split('.').slice(0, 2).join('.')}, k=${/k=(.*)$/.exec(header)?.[1]}`,
        `vapid t=bm90IGpzb24.e30.AAAA, k=${/k=(.*)$/.exec(header)?.[1]}`,
      ]) {
        const result = await verifyVapidAuthorization(garbage, AUDIENCE, NOW);
        expect(result.ok, garbage).toBe(false);
      }
      expect(await verifyVapidAuthorization('vapid t=a.b.c, k=AAAA', AUDIENCE, NOW)).toMatchObject({
        ok: false,
        reason: 'bad-key',
      });
    });
  });
});

describe('buildPushRequest', () => {
  async function setUp() {
    const browser = await browserSubscription();
    const { publicKey, privateKeyJwk } = await generateVapidKeys();
    return {
      browser,
      subscription: { endpoint: ENDPOINT, ...browser.keys },
      vapid: { subject: SUBJECT, publicKey, privateKey: privateKeyJwk },
    };
  }

  it('builds the POST a push service expects, whose body the subscribed browser can read', async () => {
    const { browser, subscription, vapid } = await setUp();
    const alert = JSON.stringify({ incidentId: 'c0ffee', title: 'Call tree started: answer your phone' });

    const request = await buildPushRequest({
      subscription,
      payload: alert,
      vapid,
      ttlSeconds: 600,
      urgency: 'normal',
      topic: 'incident-c0ffee',
      now: NOW,
    });

    expect(request.url).toBe(ENDPOINT);
    expect(request.init.method).toBe('POST');
    expect(request.init.headers).toEqual({
      TTL: '600',
      Urgency: 'normal',
      Topic: 'incident-c0ffee',
      Authorization: expect.stringMatching(/^vapid t=.+, k=/),
      'Content-Encoding': 'aes128gcm',
      'Content-Type': 'application/octet-stream',
    });
    const vapidCheck = await verifyVapidAuthorization(request.init.headers.Authorization ?? '', 'https://push.example.net:8443', NOW);
    expect(vapidCheck).toMatchObject({ ok: true, publicKey: vapid.publicKey });
    expect(text(await openAsBrowser(browser, request.init.body))).toBe(alert);
  });

  it('defaults to a one-hour TTL, high urgency and no Topic', async () => {
    const { subscription, vapid } = await setUp();

    const { init } = await buildPushRequest({ subscription, payload: 'x', vapid, now: NOW });

    expect(init.headers.TTL).toBe('3600');
    expect(init.headers.Urgency).toBe('high');
    expect(init.headers).not.toHaveProperty('Topic');
  });

  it('refuses headers a push service would answer with 400', async () => {
    const { subscription, vapid } = await setUp();
    // `urgency` is a plain string here: the point is what happens when it is not an Urgency.
    const build = (extra: { ttlSeconds?: number; urgency?: string; topic?: string }) =>
      buildPushRequest({ subscription, payload: 'x', vapid, now: NOW, ...extra, urgency: extra.urgency as Urgency });

    await expect(build({ ttlSeconds: -1 })).rejects.toThrow(/TTL/);
    await expect(build({ ttlSeconds: 1.5 })).rejects.toThrow(/TTL/);
    await expect(build({ urgency: 'urgent' })).rejects.toThrow(/Urgency must be one of/);
    await expect(build({ topic: 'x'.repeat(33) })).rejects.toThrow(/Topic/);
    await expect(build({ topic: 'incident 42' })).rejects.toThrow(/Topic/);
    await expect(build({ ttlSeconds: 0 })).resolves.toBeTruthy();
  });

  it('refuses an alert too long for one push message', async () => {
    const { subscription, vapid } = await setUp();

    await expect(buildPushRequest({ subscription, payload: 'x'.repeat(4000), vapid, now: NOW })).rejects.toThrow(
      /Push payload too large/,
    );
  });
});
