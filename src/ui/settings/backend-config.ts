/** Where this phone's Muster backend is, before the user has chosen one. */
export interface BackendConfig {
  url: string;
  anonKey: string;
}

/**
 * The build's VITE_SUPABASE_URL and VITE_SUPABASE_ANON_KEY (a real Supabase project), or the
 * embedded backend that served this page (`npm start` answers /muster-backend.json), or
 * null: then the user types the address and key.
 */
export async function defaultBackend(): Promise<BackendConfig | null> {
  const url = import.meta.env.VITE_SUPABASE_URL as string | undefined;
  const anonKey = import.meta.env.VITE_SUPABASE_ANON_KEY as string | undefined;
  if (url && anonKey) return { url, anonKey };
  try {
    const answer = await fetch(new URL('/muster-backend.json', location.origin), { cache: 'no-store' });
    if (!answer.ok) return null;
    const body = (await answer.json()) as { anon_key?: unknown };
    return typeof body.anon_key === 'string' ? { url: location.origin, anonKey: body.anon_key } : null;
  } catch {
    return null;
  }
}

/**
 * The public key push services check the backend's alerts against (VAPID): the build's
 * VITE_VAPID_PUBLIC_KEY for a real Supabase project, or what the embedded backend serves.
 * null when neither has one: alerts cannot be turned on.
 */
export async function alertPublicKey(backendUrl: string): Promise<string | null> {
  const configured = import.meta.env.VITE_VAPID_PUBLIC_KEY as string | undefined;
  if (configured) return configured;
  try {
    const answer = await fetch(new URL('/muster-backend.json', backendUrl), { cache: 'no-store' });
    if (!answer.ok) return null;
    const body = (await answer.json()) as { vapid_public_key?: unknown };
    return typeof body.vapid_public_key === 'string' && body.vapid_public_key !== '' ? body.vapid_public_key : null;
  } catch {
    return null;
  }
}
