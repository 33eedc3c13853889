import { describe, expect, it } from 'vitest';
import { alertSupport, applicationServerKey, deviceLabel, type PushEnvironment } from '../../src/ui/settings/alert-support';

const ANDROID = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const IPAD_AS_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const ready: PushEnvironment = { hasPush: true, hasNotification: true, permission: 'default', userAgent: ANDROID, standalone: false };

describe('whether this phone can get alerts', () => {
  it('is ready on Android in the browser', () => {
    expect(alertSupport(ready)).toEqual({ kind: 'ready' });
  });

  it('asks iPhone and iPad users to add Muster to the home screen first, and is ready once they did', () => {
    for (const userAgent of [IPHONE, IPAD_AS_MAC]) {
      const support = alertSupport({ ...ready, userAgent, hasPush: false });
      expect(support.kind).toBe('home-screen');
      expect(support.kind === 'home-screen' && support.message).toContain('Add to Home Screen');
      expect(alertSupport({ ...ready, userAgent, standalone: true })).toEqual({ kind: 'ready' });
    }
  });

  it('says how to unblock notifications, and names browsers that work when push is missing', () => {
    expect(alertSupport({ ...ready, permission: 'denied' })).toMatchObject({ kind: 'blocked', message: expect.stringContaining('site settings') });
    expect(alertSupport({ ...ready, hasPush: false })).toMatchObject({ kind: 'unsupported', message: expect.stringContaining('Chrome') });
  });
});

describe('the label stored with a subscription', () => {
  it('names the kind of device only', () => {
    expect(deviceLabel(ANDROID)).toBe('Android phone');
    expect(deviceLabel(IPHONE)).toBe('iPhone');
    expect(deviceLabel(IPAD_AS_MAC)).toBe('iPad');
    expect(deviceLabel('Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0')).toBe('Linux computer');
    expect(deviceLabel('curl/8')).toBe('Browser');
  });
});

describe('the backend’s alert key', () => {
  it('decodes a base64url P-256 public key and refuses anything else', async () => {
    const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
    const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
    const base64url = Buffer.from(raw).toString('base64url');
    expect([...applicationServerKey(base64url)]).toEqual([...raw]);
    expect(() => applicationServerKey(Buffer.from('short').toString('base64url'))).toThrow('not a P-256 public key');
  });
});
