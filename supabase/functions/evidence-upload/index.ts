/**
 * evidence-upload: stores evidence files in the workspace's Nextcloud over WebDAV. See
 * handler.ts for the request it answers and supabase/README.md for deploying it.
 */
import { serveFunction } from '../_shared/serve.ts';
import { configFromEnv } from './config.ts';
import { createEvidenceUploadHandler } from './handler.ts';

// Deno.serve on Supabase; on 127.0.0.1 when the local backend runs it (see _shared/serve.ts).
serveFunction(createEvidenceUploadHandler(configFromEnv((name) => Deno.env.get(name))));
