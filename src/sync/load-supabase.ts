import type { SupabaseClient } from '@supabase/supabase-js';

/**
 * supabase-js weighs about 53 KB gzipped, more than the whole app shell: it is fetched only
 * when sync first runs, never at start (the build's budget check enforces this).
 */
export async function loadSupabase(url: string, anonKey: string): Promise<SupabaseClient> {
  const { createClient } = await import('@supabase/supabase-js');
  return createClient(url, anonKey, { auth: { persistSession: true, autoRefreshToken: true } });
}
