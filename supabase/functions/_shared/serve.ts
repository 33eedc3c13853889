/**
 * How every Muster Edge Function listens. On Supabase, Deno.serve(handler) is all there is.
 * The local backend (server/deno-function.mjs) runs the same file with MUSTER_FUNCTION_PORT
 * set: it listens on 127.0.0.1 there (0: any free port) and prints one JSON line
 * {"listening": <port>} for the backend to read.
 */
export function serveFunction(handler: (request: Request) => Response | Promise<Response>): void {
  const localPort = Deno.env.get('MUSTER_FUNCTION_PORT');
  if (localPort === undefined) {
    Deno.serve(handler);
    return;
  }
  Deno.serve(
    {
      hostname: '127.0.0.1',
      port: Number(localPort),
      onListen: ({ port }) => console.log(JSON.stringify({ listening: port })),
    },
    handler,
  );
}
