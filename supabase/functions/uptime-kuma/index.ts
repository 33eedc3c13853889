/**
 * uptime-kuma: Uptime Kuma's webhook notifications in; a monitor going down raises a team
 * alert. See handler.ts for the requests it answers and supabase/README.md for deploying it
 * (with JWT verification off: Uptime Kuma has no Supabase token; the secret in the URL is the key).
 */
import { serveFunction } from '../_shared/serve.ts';
import { configFromEnv } from './config.ts';
import { createUptimeKumaHandler } from './handler.ts';

// Deno.serve on Supabase; on 127.0.0.1 when the local backend runs it (see _shared/serve.ts).
serveFunction(createUptimeKumaHandler(configFromEnv((name) => Deno.env.get(name))));
