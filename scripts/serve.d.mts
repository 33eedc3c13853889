// Types for scripts/serve.mjs, so TypeScript tests and benchmarks can import it.

import type { IncomingMessage, ServerResponse } from 'node:http';

export interface StartServerOptions {
  /** Folder to serve. A relative path is taken from the repository root. Default 'dist'. */
  root?: string;
  /** Port to listen on. Default: $PORT, else 0 (any free port). */
  port?: number;
  /** Interface to bind. Default '127.0.0.1'. */
  host?: string;
  /** Text appended to sw.js's body (e.g. a JS comment) so the browser sees a new service worker. */
  swSuffix?: string;
  /**
   * Sees every request first; resolves true when it answered it (server/start.mjs puts the
   * embedded backend here). Files are served for the rest.
   */
  handleRequest?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
}

export interface RunningServer {
  /** Base URL with a trailing slash, e.g. "http://127.0.0.1:41234/". */
  url: string;
  port: number;
  /** Real path of the folder being served. */
  root: string;
  /** Replaces the text appended to sw.js from the next request on ('' for none). */
  setSwSuffix(text: string): void;
  /** Stops listening and destroys open keep-alive sockets; resolves once fully closed. */
  close(): Promise<void>;
}

/** Throws Error(MISSING_DIST_MESSAGE) when dist/index.html does not exist. */
export function startServer(options?: StartServerOptions): Promise<RunningServer>;

export const MISSING_DIST_MESSAGE: string;
