/**
 * dispatch: posts approved or internal texts to the workspace's chat tools. See handler.ts for
 * the request it answers and supabase/README.md for deploying it.
 */
import { serveFunction } from '../_shared/serve.ts';
import { configFromEnv } from './config.ts';
import { createDispatchHandler } from './handler.ts';

// Deno.serve on Supabase; on 127.0.0.1 when the local backend runs it (see _shared/serve.ts).
serveFunction(createDispatchHandler(configFromEnv((name) => Deno.env.get(name))));
