import { describe, expect, it } from 'vitest';
import { jitsiHostFromBridge, jitsiHostWarning, jitsiRoomLink, validateJitsiHost } from '../../src/domain/jitsi';

describe('Jitsi bridge links (Step 7)', () => {
  it('makes a room whose name is a random UUID on the chosen server', () => {
    const link = jitsiRoomLink('https://meet.example.com');
    expect(link).toMatch(/^https:\/\/meet\.example\.com\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('never makes the same room twice', () => {
    const links = new Set(Array.from({ length: 200 }, () => jitsiRoomLink('https://meet.jit.si')));
    expect(links.size).toBe(200);
  });

  it('takes a bare host name or an https address, trailing slash and all', () => {
    expect(validateJitsiHost(' meet.example.com ')).toEqual({ ok: true, origin: 'https://meet.example.com', hostname: 'meet.example.com' });
    expect(validateJitsiHost('https://Meet.Example.com/')).toEqual({ ok: true, origin: 'https://meet.example.com', hostname: 'meet.example.com' });
    expect(validateJitsiHost('meet.example.com:8443')).toMatchObject({ ok: true, origin: 'https://meet.example.com:8443' });
  });

  it('refuses unencrypted servers, credentials, paths and half addresses with a reason', () => {
    expect(validateJitsiHost('http://meet.example.com')).toMatchObject({ ok: false, reason: expect.stringMatching(/Only https/) });
    expect(validateJitsiHost('ftp://meet.example.com')).toMatchObject({ ok: false, reason: expect.stringMatching(/Only https/) });
    expect(validateJitsiHost('https://user:pin@meet.example.com')).toMatchObject({ ok: false, reason: expect.stringMatching(/user name and password/) });
    expect(validateJitsiHost('meet.example.com/acme-incident')).toMatchObject({ ok: false, reason: expect.stringMatching(/without a room name/) });
    expect(validateJitsiHost('meet')).toMatchObject({ ok: false, reason: expect.stringMatching(/full address/) });
    expect(validateJitsiHost('')).toMatchObject({ ok: false });
    expect(validateJitsiHost('exa mple.com')).toMatchObject({ ok: false });
  });

  it('warns that meet.jit.si needs a Google, GitHub or Facebook login to start the meeting', () => {
    expect(jitsiHostWarning('meet.jit.si')).toMatch(/Google, GitHub or Facebook/);
    expect(jitsiHostWarning('MEET.JIT.SI')).not.toBeNull();
    expect(jitsiHostWarning('meet.example.com')).toBeNull();
  });

  it('starts from the saved bridge link’s server, or meet.jit.si', () => {
    expect(jitsiHostFromBridge('https://meet.example.com/old-room')).toBe('meet.example.com');
    expect(jitsiHostFromBridge('')).toBe('meet.jit.si');
    expect(jitsiHostFromBridge('tel:+15550100')).toBe('meet.jit.si');
  });
});
