// The embedded backend's front door: what Supabase's API gateway (Kong) does before a request
// reaches Auth, PostgREST or an Edge Function. It answers CORS (preflights included) so the app
// can call it from another origin, requires an `apikey` (the anon or service_role key), and
// routes /auth/v1/* to auth-service.mjs, /rest/v1/* to rest-rpc.mjs and
// /functions/v1/send-alert to the send-alert function (alert-service.mjs). Anything else is
// left to the caller (the static file server).

import { DEFAULT_JWT_SECRET, apiKeysFor } from './jwt.mjs';
import { createAuthService } from './auth-service.mjs';
import { createRestService } from './rest-rpc.mjs';
import { BodyTooLargeError, sendEmpty, sendJson } from './json-http.mjs';

/** Headers a browser may send cross-origin: GoTrue's list, plus what postgrest-js sends. */
const ALLOWED_HEADERS = [
  'Accept',
  'Authorization',
  'Content-Type',
  'X-Client-IP',
  'X-Client-Info',
  'X-JWT-AUD',
  'x-use-cookie',
  'X-Supabase-Api-Version',
  'apikey',
  'Prefer',
  'Content-Profile',
  'Accept-Profile',
  'Range',
  'X-Retry-Count',
].join(', ');

/** Headers a browser may read: auth-js needs X-Supabase-Api-Version to trust error codes. */
const EXPOSED_HEADERS = [
  'X-Total-Count',
  'Link',
  'X-Supabase-Api-Version',
  'x-sb-error-code',
  'Content-Range',
  'Content-Location',
  'Content-Profile',
  'Location',
  'Range-Unit',
  'Preference-Applied',
  'Proxy-Status',
].join(', ');

/** Auth paths Kong lets through without an apikey (links opened from emails and OAuth). */
const AUTH_PATHS_WITHOUT_KEY = new Set(['/verify', '/callback', '/authorize', '/.well-known/jwks.json']);

/**
 * @typedef {{
 *   database: import('./database.mjs').Database,
 *   jwtSecret?: string,
 *   accessTokenLifetimeSeconds?: number,
 *   refreshTokenReuseIntervalSeconds?: number,
 *   jwtClockSkewSeconds?: number,
 *   issuer?: string,
 *   alerts?: { forward: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<void>, readonly vapidPublicKey: string | null } | null,
 *   dispatch?: { forward: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<void> } | null,
 *   uptimeKuma?: { forward: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, target: string) => Promise<void> } | null,
 *   evidenceUpload?: { forward: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, target: string) => Promise<void> } | null,
 * }} BackendOptions
 *   jwtSecret: default the Supabase CLI's, so the anon key is the well-known local one.
 *   accessTokenLifetimeSeconds: `expires_in`; default 3600, as GoTrue.
 *   refreshTokenReuseIntervalSeconds: default 10, as the CLI's config.toml.
 *   jwtClockSkewSeconds: leeway on exp/nbf/iat for REST calls; default 30, as PostgREST.
 *   alerts: the send-alert function (alert-service.mjs); without it /functions/v1/send-alert
 *   answers 503 alerts_off.
 *   dispatch: the dispatch function (function-service.mjs); without it /functions/v1/dispatch
 *   answers 503 dispatch_off. uptimeKuma: the Uptime Kuma webhook (function-service.mjs), the
 *   one function called without an apikey; without it 503 monitoring_off. evidenceUpload: the
 *   Nextcloud upload (function-service.mjs; its ids and file name are in the query); without it
 *   /functions/v1/evidence-upload answers 503 evidence_upload_off.
 */

/** Where the app finds the backend served from its own origin (see src/ui/settings/backend-config.ts). */
export const BACKEND_CONFIG_PATH = '/muster-backend.json';

/** @param {BackendOptions} options */
export function createBackend(options) {
  const jwtSecret = options.jwtSecret ?? DEFAULT_JWT_SECRET;
  const { anonKey, serviceRoleKey } = apiKeysFor(jwtSecret);
  const auth = createAuthService({
    database: options.database,
    jwtSecret,
    accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds ?? 3600,
    refreshTokenReuseIntervalSeconds: options.refreshTokenReuseIntervalSeconds ?? 10,
    ...(options.issuer ? { issuer: options.issuer } : {}),
  });
  const rest = createRestService({
    database: options.database,
    jwtSecret,
    jwtClockSkewSeconds: options.jwtClockSkewSeconds ?? 30,
  });

  /**
   * Answers requests under /auth/v1 and /rest/v1; resolves false for any other path.
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @returns {Promise<boolean>}
   */
  async function handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === BACKEND_CONFIG_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
      // Not part of Supabase: tells the app served from this origin that its backend is
      // here too, and its public anon key, so `npm start` needs no build-time settings.
      // vapid_public_key (when the server runs alerts): the app subscribes to push with it;
      // null while Deno could not start the send-alert function.
      const config = options.alerts ? { anon_key: anonKey, vapid_public_key: options.alerts.vapidPublicKey } : { anon_key: anonKey };
      sendJson(res, 200, config, { 'Cache-Control': 'no-store' });
      return true;
    }
    const routed = /^\/(auth|rest|functions)\/v1(\/.*)?$/.exec(url.pathname);
    if (!routed) return false;
    const [, service, path = '/'] = routed;

    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    if (req.method === 'OPTIONS') {
      sendEmpty(res, 200, {
        'Access-Control-Allow-Methods': 'GET, HEAD, PUT, PATCH, POST, DELETE, OPTIONS',
        'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? ALLOWED_HEADERS,
        'Access-Control-Max-Age': '3600',
      });
      return true;
    }

    try {
      // Uptime Kuma sends no apikey: the secret in its webhook URL is the credential (on
      // Supabase the function is deployed with --no-verify-jwt).
      if (!(service === 'auth' && AUTH_PATHS_WITHOUT_KEY.has(path)) && !(service === 'functions' && /^\/uptime-kuma(\/|$)/.test(path))) {
        const apikey = req.headers.apikey ?? url.searchParams.get('apikey');
        if (apikey === undefined || apikey === null || apikey === '') {
          sendJson(res, 401, { message: 'No API key found in request', hint: 'No `apikey` request header or url param was found.' });
          return true;
        }
        if (apikey !== anonKey && apikey !== serviceRoleKey) {
          sendJson(res, 401, { message: 'Invalid API key', hint: 'Double check your Supabase `anon` or `service_role` API key.' });
          return true;
        }
      }
      if (service === 'functions') {
        await handleFunction(req, res, path, url.search);
      } else {
        await (service === 'auth' ? auth : rest).handle(req, res, path, url);
      }
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
      } else if (error instanceof BodyTooLargeError) {
        sendJson(res, 413, { message: error.message });
      } else {
        console.error(error);
        sendJson(res, 500, { message: 'Internal error in the embedded backend' });
      }
    }
    return true;
  }

  /**
   * Edge Functions: send-alert, dispatch, uptime-kuma and evidence-upload exist here; any other is answered as Supabase
   * answers an unknown one.
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {string} path
   * @param {string} search the query string (the Uptime Kuma webhook's credentials may be in it)
   */
  async function handleFunction(req, res, path, search) {
    if (/^\/uptime-kuma(\/|$)/.test(path)) {
      // Never logged: the path and query carry the webhook's secret.
      if (!options.uptimeKuma) {
        sendJson(res, 503, { code: 'monitoring_off', message: 'The Uptime Kuma webhook is off on this server: it was started without it.', details: null, hint: null });
        return;
      }
      await options.uptimeKuma.forward(req, res, `${path}${search}`);
      return;
    }
    if (path === '/evidence-upload') {
      if (!options.evidenceUpload) {
        sendJson(res, 503, {
          code: 'evidence_upload_off',
          message: 'Uploading evidence to Nextcloud is off on this server: it was started without the evidence-upload function.',
          details: null,
          hint: null,
        });
        return;
      }
      await options.evidenceUpload.forward(req, res, `${path}${search}`);
      return;
    }
    if (path === '/dispatch') {
      if (!options.dispatch) {
        sendJson(res, 503, {
          code: 'dispatch_off',
          message: 'Posting to chat is off on this server: it was started without the dispatch function.',
          details: null,
          hint: null,
        });
        return;
      }
      await options.dispatch.forward(req, res);
      return;
    }
    if (path !== '/send-alert') {
      sendJson(res, 404, { code: 'NOT_FOUND', message: 'Requested function was not found' });
      return;
    }
    if (!options.alerts) {
      sendJson(res, 503, {
        code: 'alerts_off',
        message: 'Alerts are off on this server: it was started without the send-alert function.',
        details: null,
        hint: null,
      });
      return;
    }
    await options.alerts.forward(req, res);
  }

  return { anonKey, serviceRoleKey, handle };
}
