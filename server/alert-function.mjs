// Runs the send-alert Edge Function (supabase/functions/send-alert/index.ts) under real Deno
// (deno-function.mjs), so `npm start` sends alerts with the very code Supabase runs. The
// backend proxies /functions/v1/send-alert to it, and ticks it (cron's job on Supabase) every 15 s.
//
// If Deno cannot start, nothing else stops: the app and backend run, and `reason` says why
// alerts are off.

import { startDenoFunction } from './deno-function.mjs';

export { denoExecutable } from './deno-function.mjs';

/**
 * @typedef {{
 *   supabaseUrl: string, serviceRoleKey: string,
 *   vapid: import('./vapid-keys.mjs').VapidKeyPair, vapidSubject?: string, appUrl?: string | null,
 *   log?: (line: string) => void,
 * }} AlertFunctionOptions
 * @typedef {import('./deno-function.mjs').DenoFunction} AlertFunction
 */

/**
 * Starts the function; resolves once it listens. Rejects with a one-line reason otherwise.
 * @param {AlertFunctionOptions} options
 * @returns {Promise<AlertFunction>}
 */
export function startAlertFunction(options) {
  return startDenoFunction({
    name: 'send-alert',
    log: options.log ?? ((line) => console.error(`[send-alert] ${line}`)),
    env: {
      SUPABASE_URL: options.supabaseUrl,
      SUPABASE_SERVICE_ROLE_KEY: options.serviceRoleKey,
      VAPID_PUBLIC_KEY: options.vapid.publicKey,
      VAPID_PRIVATE_KEY: options.vapid.privateKey,
      VAPID_SUBJECT: options.vapidSubject ?? 'mailto:alerts@muster.localhost',
      ...(options.appUrl ? { APP_URL: options.appUrl } : {}),
    },
  });
}
