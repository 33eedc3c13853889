import type { SupabaseClient } from '@supabase/supabase-js';

/**
 * supabase-js weighs about 53 KB gzipped, more than the whole app shell: it is fetched only
 * when the user signs in or a signed-in phone syncs, never at start (the build's budget
 * check enforces this). The session is kept under one storage key whatever the backend's
 * host, so the app finds it again after a reload.
 */
export async function loadSupabase(url: string, anonKey: string): Promise<SupabaseClient> {
  const { createClient } = await import('@supabase/supabase-js');
  return createClient(url, anonKey, { auth: { persistSession: true, autoRefreshToken: true, storageKey: 'muster-auth' } });
}
