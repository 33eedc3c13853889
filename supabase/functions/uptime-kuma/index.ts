/**
 * uptime-kuma: Uptime Kuma's webhook notifications in; a monitor going down raises a team
 * alert. See handler.ts for the requests it answers and supabase/README.md for deploying it
 * (with JWT verification off: Uptime Kuma has no Supabase token; the secret in the URL is the key).
 *
 * On Supabase, Deno.serve(handler) is all there is. The local backend (server/) runs this
 * same file with MUSTER_FUNCTION_PORT set: it listens on 127.0.0.1 there (0: any free port)
 * and prints one JSON line {"listening": <port>} for the backend to read.
 */
import { configFromEnv } from './config.ts';
import { createUptimeKumaHandler } from './handler.ts';

const handler = createUptimeKumaHandler(configFromEnv((name) => Deno.env.get(name)));
const localPort = Deno.env.get('MUSTER_FUNCTION_PORT');

if (localPort === undefined) {
  Deno.serve(handler);
} else {
  Deno.serve(
    {
      hostname: '127.0.0.1',
      port: Number(localPort),
      onListen: ({ port }) => console.log(JSON.stringify({ listening: port })),
    },
    handler,
  );
}
