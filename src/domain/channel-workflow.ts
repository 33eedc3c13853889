import { CHANNEL_LABELS, CHANNEL_SAFETY_LABELS, type ChannelSafety, type IncidentChannel } from './channels';
import type { Incident } from './incident';

/**
 * Step 7: marking an incident's channel safe, suspect or compromised. The Muster backend's
 * marking is what the safe-channel gate reads (`backendCompromised` in incident.ts) to stop sync.
 */
export function markChannel(incident: Incident, channel: IncidentChannel, state: ChannelSafety): Incident | null {
  // Marking an unmarked channel safe is written: "we checked it" is a decision too.
  if (incident.channels?.[channel] === state) return null;
  return { ...incident, channels: { ...incident.channels, [channel]: state } };
}

/** "Channel Corporate email marked compromised", with what it changes for the team. */
export function channelMarkingSummary(channel: IncidentChannel, state: ChannelSafety): string {
  const marked = `Channel ${CHANNEL_LABELS[channel]} marked ${CHANNEL_SAFETY_LABELS[state].toLowerCase()}`;
  if (channel === 'muster_backend')
    return state === 'compromised' ? `${marked}: this phone stops syncing; entries stay on it until the backend is marked safe again.` : `${marked}.`;
  if (state === 'compromised') return `${marked}: do not use it for this incident.`;
  if (state === 'suspect') return `${marked}: no sensitive incident details, passwords, tokens, evidence files or logs on it.`;
  return `${marked}.`;
}

/** What the team is asked to do after a marking, or '' when nothing. */
export function channelMarkingAction(channel: IncidentChannel, state: ChannelSafety): string {
  if (state === 'safe' || channel === 'muster_backend') return '';
  return 'Tell the response team where to go: send the alternate-channel notice.';
}

export const BRIDGE_URL_MAX = 500;

/**
 * The bridge link the alternate-channel notice gives out: https only, since an http link
 * can be rewritten on the way and a `javascript:` one is not a bridge. Empty is allowed
 * (no bridge set up). Returns the trimmed link or the reason it is refused.
 */
export function validateBridgeUrl(value: string): { ok: true; url: string } | { ok: false; reason: string } {
  const trimmed = value.trim();
  if (trimmed === '') return { ok: true, url: '' };
  if (trimmed.length > BRIDGE_URL_MAX) return { ok: false, reason: `The link is too long: at most ${BRIDGE_URL_MAX} characters.` };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, reason: 'Enter the whole link, starting with https://, e.g. https://meet.jit.si/acme-incident.' };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: 'Only https:// links: an unencrypted link can be changed on the way.' };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'Leave the user name and password out of the link; give the PIN by phone.' };
  return { ok: true, url: trimmed };
}
