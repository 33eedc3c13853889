import { describe, expect, it } from 'vitest';
import { channelMarkingAction, channelMarkingSummary, markChannel, validateBridgeUrl } from '../../src/domain/channel-workflow';
import { backendCompromised, type Incident } from '../../src/domain/incident';

const incident: Incident = {
  id: 'INC-2026-004',
  workspace_id: 'ws',
  title: 'Finance mailbox',
  status: 'open',
  detected_at: '2026-03-02T08:40:00.000Z',
  opened_at: '2026-03-02T08:45:00.000Z',
};

describe('marking a channel', () => {
  it('stores the state for the incident', () => {
    const marked = markChannel(incident, 'corporate_email', 'compromised') as Incident;
    expect(marked).toMatchObject({ channels: { corporate_email: 'compromised' } });
    expect(backendCompromised(marked)).toBe(false);
  });

  it('stops sync when the Muster backend is marked compromised, and resumes it when marked safe', () => {
    const compromised = markChannel(incident, 'muster_backend', 'compromised') as Incident;
    expect(backendCompromised(compromised)).toBe(true);

    expect(backendCompromised(markChannel(compromised, 'muster_backend', 'suspect') as Incident)).toBe(false);
    expect(backendCompromised(markChannel(compromised, 'muster_backend', 'safe') as Incident)).toBe(false);
  });

  it('changes nothing when the channel already has that state', () => {
    const marked = markChannel(incident, 'chat', 'suspect') as Incident;

    expect(markChannel(marked, 'chat', 'suspect')).toBeNull();
  });

  it('writes an explicit "safe" for a channel nobody marked: someone checked it', () => {
    expect(markChannel(incident, 'phone', 'safe')?.channels).toEqual({ phone: 'safe' });
  });

  it('says in the log what the marking means for the team', () => {
    expect(channelMarkingSummary('corporate_email', 'compromised')).toBe('Channel Corporate email marked compromised: do not use it for this incident.');
    expect(channelMarkingSummary('muster_backend', 'compromised')).toContain('stops syncing');
    expect(channelMarkingSummary('phone', 'safe')).toBe('Channel Phone calls marked safe.');
    expect(channelMarkingAction('chat', 'suspect')).toContain('alternate-channel notice');
    expect(channelMarkingAction('chat', 'safe')).toBe('');
  });
});

describe('the bridge link', () => {
  it('accepts an https link, and no link', () => {
    expect(validateBridgeUrl(' https://meet.jit.si/acme-incident ')).toEqual({ ok: true, url: 'https://meet.jit.si/acme-incident' });
    expect(validateBridgeUrl('')).toEqual({ ok: true, url: '' });
  });

  it('refuses what is not an https link', () => {
    expect(validateBridgeUrl('meet.jit.si/acme').ok).toBe(false);
    expect(validateBridgeUrl('http://meet.example.com/acme')).toEqual({ ok: false, reason: 'Only https:// links: an unencrypted link can be changed on the way.' });
    expect(validateBridgeUrl('javascript:alert(1)').ok).toBe(false);
  });

  it('refuses a link with a password in it', () => {
    expect(validateBridgeUrl('https://bob:hunter22@meet.example.com/').ok).toBe(false);
  });
});
