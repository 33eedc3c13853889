/**
 * send-alert: Web Push (and ntfy / Gotify) delivery of team alerts. See handler.ts for the
 * requests it answers and supabase/README.md for deploying it.
 */
import { serveFunction } from '../_shared/serve.ts';
import { configFromEnv } from './config.ts';
import { createSendAlertHandler } from './handler.ts';

// Deno.serve on Supabase; on 127.0.0.1 when the local backend runs it (see _shared/serve.ts).
serveFunction(createSendAlertHandler(configFromEnv((name) => Deno.env.get(name))));
