// Alerts in the embedded backend: starts the send-alert function (alert-function.mjs) with
// this database's VAPID keys, answers /functions/v1/send-alert by proxying to it, and runs
// the tick that Supabase's cron runs: every due repeat and escalation, every 15 s by default.

import { sendJson } from './json-http.mjs';
import { startAlertFunction } from './alert-function.mjs';
import { forwardToFunction } from './function-proxy.mjs';
import { storedVapidKeys } from './vapid-keys.mjs';

/**
 * @typedef {{
 *   database: import('./database.mjs').Database,
 *   serviceRoleKey: string,
 *   tickSeconds?: number,
 *   appUrl?: string | null,
 *   log?: (line: string) => void,
 * }} AlertServiceOptions
 *   tickSeconds: how often to send due repeats and escalations; 0 = never (tests call tick()).
 */

/** @param {AlertServiceOptions} options */
export function createAlertService(options) {
  /** @type {import('./alert-function.mjs').AlertFunction | null} */
  let running = null;
  /** @type {string | null} */
  let reason = 'alerts have not been started';
  /** @type {string | null} */
  let vapidPublicKey = null;
  /** @type {ReturnType<typeof setInterval> | null} */
  let timer = null;
  /** @type {Promise<unknown> | null} */
  let tickInFlight = null;
  let lastTickProblem = '';

  /**
   * Starts Deno; resolves either way. `supabaseUrl` is where the function reaches this backend.
   * @param {string} supabaseUrl
   */
  async function start(supabaseUrl) {
    try {
      const vapid = await storedVapidKeys(options.database);
      running = await startAlertFunction({
        supabaseUrl,
        serviceRoleKey: options.serviceRoleKey,
        vapid,
        appUrl: options.appUrl ?? supabaseUrl,
        ...(options.log ? { log: options.log } : {}),
      });
      vapidPublicKey = vapid.publicKey;
      reason = null;
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error);
      return;
    }
    const seconds = options.tickSeconds ?? 15;
    if (seconds > 0) {
      timer = setInterval(() => {
        tick().catch((error) => {
          const problem = error instanceof Error ? error.message : String(error);
          // Once per kind of problem, not every 15 s.
          if (problem !== lastTickProblem) console.error(`Alert tick failed: ${problem}`);
          lastTickProblem = problem;
        });
      }, seconds * 1000);
      timer.unref();
    }
  }

  /**
   * One tick as the cron job sends it: every due round of every running alert. Resolves to
   * the function's answer ({rounds}); a tick already running is joined, not doubled.
   * @returns {Promise<unknown>}
   */
  function tick() {
    if (!running) return Promise.reject(new Error(`Alerts are off: ${reason}`));
    const url = running.url;
    tickInFlight ??= (async () => {
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            apikey: options.serviceRoleKey,
            Authorization: `Bearer ${options.serviceRoleKey}`,
            'Content-Type': 'application/json',
          },
          body: JSON.stringify({ tick: true }),
        });
        const body = await response.json();
        if (!response.ok) throw new Error(`send-alert answered ${response.status}: ${body?.message ?? ''}`);
        lastTickProblem = '';
        return body;
      } finally {
        tickInFlight = null;
      }
    })();
    return tickInFlight;
  }

  /**
   * Proxies one request to the function (apikey and CORS are the gateway's, in backend.mjs).
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  async function forward(req, res) {
    if (!running) {
      sendJson(res, 503, {
        code: 'alerts_off',
        message: `Alerts are off on this server: ${reason}.`,
        details: null,
        hint: 'Restart the server after npm install; see server/README.md.',
      });
      return;
    }
    await forwardToFunction(running.url, 'send-alert', req, res);
  }

  return {
    start,
    tick,
    forward,
    /** Why alerts are off, or null when they are on. */
    get reason() {
      return reason;
    },
    /** The key the app subscribes with; null while alerts are off. */
    get vapidPublicKey() {
      return running ? vapidPublicKey : null;
    },
    async close() {
      if (timer) clearInterval(timer);
      timer = null;
      await tickInFlight?.catch(() => {});
      const stopping = running;
      running = null;
      reason = 'the server stopped';
      await stopping?.close();
    },
  };
}
