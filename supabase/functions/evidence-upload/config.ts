/**
 * The function's settings from its environment (Supabase secrets):
 *   SUPABASE_URL, SUPABASE_SERVICE_ROLE_KEY   set by Supabase for every function
 */
import type { EvidenceUploadConfig } from './handler.ts';

/** Throws, naming every missing variable, so a misconfigured deployment says what to set. */
export function configFromEnv(get: (name: string) => string | undefined): EvidenceUploadConfig {
  const missing = ['SUPABASE_URL', 'SUPABASE_SERVICE_ROLE_KEY'].filter((name) => !get(name));
  if (missing.length > 0) throw new Error(`evidence-upload is missing ${missing.join(', ')}; see supabase/README.md.`);
  return { supabaseUrl: get('SUPABASE_URL')!, serviceRoleKey: get('SUPABASE_SERVICE_ROLE_KEY')! };
}
