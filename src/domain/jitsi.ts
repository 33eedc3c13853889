/**
 * Step 7's "vendor-supported bridge" as a Jitsi Meet room made on the spot. Jitsi rooms are
 * found by name alone: a guessable name lets strangers in, so the name is a random UUID
 * (jitsi-meet itself counts a UUID as a secure room name: isInsecureRoomName.ts).
 */

export const PUBLIC_JITSI_HOST = 'meet.jit.si';
const HOST_MAX = 253;

export type JitsiHostCheck = { ok: true; origin: string; hostname: string } | { ok: false; reason: string };

/** A Jitsi server as typed in the form: "meet.example.com" or "https://meet.example.com/"; https only. */
export function validateJitsiHost(value: string): JitsiHostCheck {
  const trimmed = value.trim().replace(/\/+$/, '');
  if (trimmed === '') return { ok: false, reason: `Enter the Jitsi server, e.g. ${PUBLIC_JITSI_HOST} or meet.example.com.` };
  if (trimmed.length > HOST_MAX) return { ok: false, reason: `The server address is too long: at most ${HOST_MAX} characters.` };
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed);
  let url: URL;
  try {
    url = new URL(hasScheme ? trimmed : `https://${trimmed}`);
  } catch {
    return { ok: false, reason: 'Enter only the server’s address, e.g. meet.example.com.' };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: 'Only https:// servers: an unencrypted bridge link can be changed on the way.' };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'Leave the user name and password out of the server address.' };
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') return { ok: false, reason: 'Enter only the server’s address, without a room name or path, e.g. meet.example.com.' };
  if (!url.hostname.includes('.') && url.hostname !== 'localhost') return { ok: false, reason: 'Enter the server’s full address, e.g. meet.example.com.' };
  return { ok: true, origin: url.origin, hostname: url.hostname };
}

/** A new room on the server: `https://<host>/<uuid>`. `randomUUID` is injectable for tests only. */
export function jitsiRoomLink(origin: string, randomUUID: () => string = () => crypto.randomUUID()): string {
  return `${origin}/${randomUUID()}`;
}

/**
 * meet.jit.si has required a Google, GitHub or Facebook login to start (moderate) a meeting
 * since August 2023; self-hosted servers are not affected. Said before anyone relies on it.
 */
export function jitsiHostWarning(hostname: string): string | null {
  if (hostname.toLowerCase() !== PUBLIC_JITSI_HOST) return null;
  return 'On meet.jit.si the first person to join must sign in with Google, GitHub or Facebook to start the meeting. If those accounts may be affected by the incident, use your own Jitsi server.';
}

/** The Jitsi server the form starts with: the saved bridge link's, when it is an https link, else meet.jit.si. */
export function jitsiHostFromBridge(bridgeUrl: string): string {
  try {
    const url = new URL(bridgeUrl);
    if (url.protocol === 'https:') return url.host;
  } catch {
    // No saved link, or not a link: fall back to the public server.
  }
  return PUBLIC_JITSI_HOST;
}
