// An Edge Function in the embedded backend: starts supabase/functions/<name> under Deno and
// answers /functions/v1/<name> by proxying to it. The chat connectors' dispatch, the Uptime
// Kuma webhook and the Nextcloud evidence-upload run this way whenever alerts run (the same
// Deno switch); if Deno cannot start, `reason` says why and the endpoint answers 503 with `offCode`.

import { startDenoFunction } from './deno-function.mjs';
import { forwardToFunction } from './function-proxy.mjs';
import { sendJson } from './json-http.mjs';

/**
 * @typedef {{ name: string, what: string, offCode: string, serviceRoleKey: string, bodyLimitBytes?: number, log?: (line: string) => void }} FunctionServiceOptions
 *   name: the function's folder and URL name. what: what it does, for "<what> is off on this server".
 *   bodyLimitBytes: larger request bodies are answered 413 without reaching the function
 *   (default json-http's 16 MB; evidence-upload takes files up to 25 MB).
 */

/** @param {FunctionServiceOptions} options */
export function createFunctionService(options) {
  /** @type {import('./deno-function.mjs').DenoFunction | null} */
  let running = null;
  /** @type {string | null} */
  let reason = `the ${options.name} function has not been started`;

  /**
   * Starts Deno; resolves either way. `supabaseUrl` is where the function reaches this backend.
   * @param {string} supabaseUrl
   */
  async function start(supabaseUrl) {
    try {
      running = await startDenoFunction({
        name: options.name,
        log: options.log ?? ((line) => console.error(`[${options.name}] ${line}`)),
        env: { SUPABASE_URL: supabaseUrl, SUPABASE_SERVICE_ROLE_KEY: options.serviceRoleKey },
      });
      reason = null;
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error);
    }
  }

  /**
   * Proxies one request to the function (apikey and CORS are the gateway's, in backend.mjs).
   * `target`: the path and query the function sees (the Uptime Kuma webhook reads its
   * credentials from them, evidence-upload the file's name and ids); '' for the function's root.
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {string} [target]
   */
  async function forward(req, res, target = '') {
    if (!running) {
      sendJson(res, 503, {
        code: options.offCode,
        message: `${options.what} is off on this server: ${reason}.`,
        details: null,
        hint: 'Restart the server after npm install; see server/README.md.',
      });
      return;
    }
    await forwardToFunction(running.url, options.name, req, res, target, options.bodyLimitBytes);
  }

  return {
    start,
    forward,
    /** Why the function is off, or null when it runs. */
    get reason() {
      return reason;
    },
    async close() {
      const stopping = running;
      running = null;
      reason = 'the server stopped';
      await stopping?.close();
    },
  };
}
