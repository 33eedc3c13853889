/**
 * Whether this phone can get team alerts by push, and what the user must do if not (issue 5).
 * Pure: the screen passes in what the browser reports, the tests pass in each case.
 */
export interface PushEnvironment {
  /** 'PushManager' in window and a service worker. */
  hasPush: boolean;
  hasNotification: boolean;
  permission: NotificationPermission | 'unsupported';
  userAgent: string;
  /** Opened from the home screen (display-mode standalone, or iOS's navigator.standalone). */
  standalone: boolean;
}

export type AlertSupport =
  | { kind: 'ready' }
  | { kind: 'home-screen'; message: string }
  | { kind: 'blocked'; message: string }
  | { kind: 'unsupported'; message: string };

const isAppleMobile = (userAgent: string) => /iPhone|iPad|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && /Mobile\//.test(userAgent));

export function alertSupport(env: PushEnvironment): AlertSupport {
  // iOS and iPadOS (16.4+) deliver web push only to the app added to the home screen.
  if (isAppleMobile(env.userAgent) && !env.standalone)
    return {
      kind: 'home-screen',
      message:
        'On iPhone and iPad, alerts reach only the Muster app on the Home Screen: tap Share, then “Add to Home Screen”, open Muster from its icon, and turn alerts on there.',
    };
  if (!env.hasPush || !env.hasNotification)
    return { kind: 'unsupported', message: 'This browser cannot receive push alerts. Use Chrome, Edge, Firefox or Samsung Internet on Android, or Safari on a recent iPhone.' };
  if (env.permission === 'denied')
    return {
      kind: 'blocked',
      message: 'Notifications for Muster are blocked on this phone. Allow them in the browser’s site settings (the icon next to the address), then come back.',
    };
  return { kind: 'ready' };
}

/** A name for this phone in the list of devices that get alerts; never personal data. */
export function deviceLabel(userAgent: string): string {
  if (/iPhone/.test(userAgent)) return 'iPhone';
  if (/iPad/.test(userAgent) || (/Macintosh/.test(userAgent) && /Mobile\//.test(userAgent))) return 'iPad';
  if (/Android/.test(userAgent)) return /Mobile/.test(userAgent) ? 'Android phone' : 'Android tablet';
  if (/Windows/.test(userAgent)) return 'Windows computer';
  if (/Macintosh/.test(userAgent)) return 'Mac';
  if (/Linux/.test(userAgent)) return 'Linux computer';
  return 'Browser';
}

/** A VAPID public key (base64url) as the bytes PushManager.subscribe takes. */
export function applicationServerKey(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(base64url.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  if (bytes.length !== 65 || bytes[0] !== 4) throw new Error('The backend’s alert key is not a P-256 public key: alerts cannot be turned on. Tell whoever runs the backend.');
  return bytes;
}
