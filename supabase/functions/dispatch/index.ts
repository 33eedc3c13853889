/**
 * dispatch: posts approved or internal texts to the workspace's chat tools. See handler.ts for
 * the request it answers and supabase/README.md for deploying it.
 *
 * On Supabase, Deno.serve(handler) is all there is. The local backend (server/) runs this
 * same file with MUSTER_FUNCTION_PORT set: it listens on 127.0.0.1 there (0: any free port)
 * and prints one JSON line {"listening": <port>} for the backend to read.
 */
import { configFromEnv } from './config.ts';
import { createDispatchHandler } from './handler.ts';

const handler = createDispatchHandler(configFromEnv((name) => Deno.env.get(name)));
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
