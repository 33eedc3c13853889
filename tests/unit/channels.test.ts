import { describe, expect, it } from 'vitest';
import {
  alternateChannelNotice,
  CHANNEL_LABELS,
  CHANNEL_OF_METHOD,
  channelSafety,
  CHANNELS,
  methodUsable,
  safeChannelsFor,
  suggestedMethods,
  type ChannelStates,
} from '../../src/domain/channels';
import { CONTACT_CHANNELS } from '../../src/domain/contact-methods';
import { backendCompromised } from '../../src/domain/incident';

describe("Step 7's channels", () => {
  it('covers email, chat, identity systems, admin accounts, the alternates and the Muster backend', () => {
    expect(CHANNELS.map((channel) => CHANNEL_LABELS[channel])).toEqual([
      'Corporate email',
      'Chat',
      'Identity provider / SSO',
      'Admin accounts',
      'Phone calls',
      'SMS',
      'Personal email',
      'Conference bridge',
      'Muster backend',
    ]);
  });

  it('treats a channel nobody marked as safe', () => {
    expect(CHANNELS.map((channel) => channelSafety(channel, {}))).toEqual(CHANNELS.map(() => 'safe'));
  });

  it('treats a state written by a newer version as suspect, not safe', () => {
    expect(channelSafety('chat', { chat: 'quarantined' } as unknown as ChannelStates)).toBe('suspect');
  });

  it('maps every contact-method channel; a support portal and a meeting in person depend on none', () => {
    expect(Object.keys(CHANNEL_OF_METHOD).sort()).toEqual([...CONTACT_CHANNELS].sort());
    expect(CHANNEL_OF_METHOD).toEqual({
      phone: 'phone',
      sms: 'sms',
      personal_email: 'personal_email',
      corporate_email: 'corporate_email',
      chat: 'chat',
      bridge: 'bridge',
      portal: null,
      in_person: null,
    });
  });
});

describe('which contact methods to offer', () => {
  it('offers every method while all channels are safe', () => {
    for (const channel of CONTACT_CHANNELS) expect(methodUsable(channel, {})).toEqual({ usable: true, warning: null });
  });

  it('hides a method on a compromised channel', () => {
    expect(methodUsable('corporate_email', { corporate_email: 'compromised' })).toEqual({
      usable: false,
      warning: 'Corporate email is marked compromised: do not use it for this incident.',
    });
  });

  it('offers a method on a suspect channel, warning not to share details or secrets on it', () => {
    expect(methodUsable('chat', { chat: 'suspect' })).toEqual({
      usable: true,
      warning: 'Chat is marked suspect: no sensitive incident details, passwords, tokens, evidence files or logs on it.',
    });
  });

  it('hides corporate email and chat when the identity provider they sign in through is compromised', () => {
    const states: ChannelStates = { identity_provider: 'compromised', chat: 'suspect' };

    expect(methodUsable('corporate_email', states)).toEqual({
      usable: false,
      warning: 'Corporate email signs in through Identity provider / SSO, which is marked compromised: do not use it for this incident.',
    });
    expect(methodUsable('chat', states).usable).toBe(false);
    expect(methodUsable('phone', states)).toEqual({ usable: true, warning: null });
    expect(methodUsable('personal_email', states)).toEqual({ usable: true, warning: null });
  });

  it("keeps a channel's own worse state over its identity provider's", () => {
    expect(methodUsable('chat', { identity_provider: 'suspect', chat: 'compromised' }).warning).toBe('Chat is marked compromised: do not use it for this incident.');
  });

  it('always offers a support portal and meeting in person', () => {
    const everything: ChannelStates = Object.fromEntries(CHANNELS.map((channel) => [channel, 'compromised']));

    expect(methodUsable('portal', everything)).toEqual({ usable: true, warning: null });
    expect(methodUsable('in_person', everything)).toEqual({ usable: true, warning: null });
  });

  it('suggests the usable methods in their order, hiding the compromised ones', () => {
    const methods = [
      { id: 'm1', channel: 'corporate_email' as const },
      { id: 'm2', channel: 'phone' as const },
      { id: 'm3', channel: 'chat' as const },
      { id: 'm4', channel: 'sms' as const },
    ];

    expect(suggestedMethods(methods, { corporate_email: 'compromised', chat: 'suspect' }).map((method) => method.id)).toEqual(['m2', 'm3', 'm4']);
  });
});

describe('the safe channels', () => {
  it('lists the channels people talk on, out-of-band first', () => {
    expect(safeChannelsFor({})).toEqual(['phone', 'sms', 'bridge', 'personal_email', 'chat', 'corporate_email']);
  });

  it('leaves out suspect and compromised channels, and those behind a doubtful identity provider', () => {
    expect(safeChannelsFor({ identity_provider: 'suspect', sms: 'compromised', admin_accounts: 'compromised' })).toEqual(['phone', 'bridge', 'personal_email']);
  });

  it('tells the safe-channel gate when the Muster backend is compromised', () => {
    const incident = { id: 'INC-2026-004', workspace_id: 'ws', title: '', status: 'open', detected_at: '', opened_at: '' } as const;
    expect(backendCompromised({ ...incident })).toBe(false);
    expect(backendCompromised({ ...incident, channels: { muster_backend: 'suspect' } })).toBe(false);
    expect(backendCompromised({ ...incident, channels: { muster_backend: 'compromised' } })).toBe(true);
  });
});

describe('telling the team where to go', () => {
  const states: ChannelStates = { corporate_email: 'compromised', identity_provider: 'suspect', sms: 'suspect' };

  it('names the channels to stop using, those to use, the bridge and the meeting point', () => {
    const notice = alternateChannelNotice({
      states,
      bridgeUrl: 'https://meet.jit.si/northwind-ir-7f3k',
      meetingPoint: 'Ground floor meeting room B',
      incidentId: 'INC-2026-004',
    });

    expect(notice.subject).toBe('INC-2026-004: change of communication channels');
    expect(notice.text.split('\n')).toEqual([
      'Security incident INC-2026-004: how the response team communicates from now on.',
      'Do not discuss the incident on: Corporate email (compromised), Chat (suspect via Identity provider / SSO) and SMS (suspect).',
      'Use only: Phone calls, Conference bridge and Personal email.',
      'Join the bridge: https://meet.jit.si/northwind-ir-7f3k',
      'If you cannot reach anyone, meet at: Ground floor meeting room B',
      'Do not send passwords, tokens, evidence files or sensitive logs through chat; evidence goes to controlled storage.',
    ]);
  });

  it('never sends the team to a bridge that is not safe', () => {
    const notice = alternateChannelNotice({ states: { bridge: 'suspect' }, bridgeUrl: 'https://meet.jit.si/northwind-ir-7f3k', incidentId: 'INC-2026-004' });

    expect(notice.text).not.toContain('meet.jit.si');
    expect(notice.text).toContain('\nDo not discuss the incident on: Conference bridge (suspect).\n');
  });

  it('sends the team to meet in person when no channel is safe', () => {
    const everything: ChannelStates = Object.fromEntries(CHANNELS.map((channel) => [channel, 'compromised']));
    const notice = alternateChannelNotice({ states: everything, bridgeUrl: null, meetingPoint: null, incidentId: 'INC-2026-004' });

    expect(notice.text).toContain('\nNo channel is marked safe: meet in person.\n');
    expect(notice.text).not.toContain('Identity provider');
    expect(notice.text).not.toContain('Muster backend');
  });

  it('has nothing to avoid while every channel is safe', () => {
    expect(alternateChannelNotice({ states: {}, incidentId: 'INC-2026-004' }).text).not.toContain('Do not discuss');
  });

  for (const hostile of ['<script>alert(1)</script>', 'javascript:alert(1)', '"><svg onload=alert(1)>']) {
    it(`keeps ${hostile} as the literal text that was typed`, () => {
      const notice = alternateChannelNotice({ states: {}, bridgeUrl: hostile, meetingPoint: hostile, incidentId: 'INC-2026-004' });

      expect(notice.text).toContain(`\nJoin the bridge: ${hostile}\n`);
      expect(notice.text).toContain(`\nIf you cannot reach anyone, meet at: ${hostile}\n`);
    });
  }
});
