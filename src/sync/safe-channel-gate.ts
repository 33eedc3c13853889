/**
 * DESIGN "Safe-channel gate": nothing leaves the phone until every condition holds. The
 * first unmet condition is what the header shows as the reason changes wait.
 */
export interface GateInput {
  backendUrl: string | null;
  signedIn: boolean;
  online: boolean;
  backendChannelCompromised: boolean;
}

export type GateVerdict = { open: true } | { open: false; reason: string };

function isSafeBackendUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
  } catch {
    return false;
  }
}

export function evaluateGate(input: GateInput): GateVerdict {
  if (input.backendUrl === null) return { open: false, reason: 'No safe channel configured' };
  if (!isSafeBackendUrl(input.backendUrl)) return { open: false, reason: 'Backend address is not https' };
  if (input.backendChannelCompromised) return { open: false, reason: 'Muster backend marked compromised' };
  if (!input.signedIn) return { open: false, reason: 'Not signed in to the Muster workspace' };
  if (!input.online) return { open: false, reason: 'Offline' };
  return { open: true };
}
