import { describe, expect, it } from 'vitest';
import { evaluateGate, type GateInput } from '../../src/sync/safe-channel-gate';

const open: GateInput = { backendUrl: 'https://abc.supabase.co', signedIn: true, online: true, backendChannelCompromised: false };

describe('the safe-channel gate', () => {
  it('opens only when every condition holds', () => {
    expect(evaluateGate(open)).toEqual({ open: true });
  });

  it('keeps everything queued while no backend is configured, and says so', () => {
    expect(evaluateGate({ ...open, backendUrl: null })).toEqual({ open: false, reason: 'No safe channel configured' });
  });

  it('refuses a plain-http backend other than this machine', () => {
    expect(evaluateGate({ ...open, backendUrl: 'http://muster.example.com' })).toEqual({ open: false, reason: 'Backend address is not https' });
    expect(evaluateGate({ ...open, backendUrl: 'http://localhost:4173' })).toEqual({ open: true });
    expect(evaluateGate({ ...open, backendUrl: 'not a url' }).open).toBe(false);
  });

  it('keeps the entries queued while the backend channel is marked compromised', () => {
    expect(evaluateGate({ ...open, backendChannelCompromised: true })).toEqual({ open: false, reason: 'Muster backend marked compromised' });
  });

  it('names the missing sign-in, then the missing network', () => {
    expect(evaluateGate({ ...open, signedIn: false, online: false })).toEqual({ open: false, reason: 'Not signed in to the Muster workspace' });
    expect(evaluateGate({ ...open, online: false })).toEqual({ open: false, reason: 'Offline' });
  });
});
