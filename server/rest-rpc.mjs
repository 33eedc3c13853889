// The part of PostgREST the app uses: calling a function in the public schema.
//
//   POST /rest/v1/rpc/<fn>   body: a JSON object of named arguments (or, for a function with a
//                            single unnamed json/jsonb parameter, any JSON as that argument)
//   GET  /rest/v1/rpc/<fn>?a=1   the same, read-only, arguments from the query string
//
// Each call is one transaction, as PostgREST runs it: the bearer JWT (the anon key or a user's
// access token) is verified; the transaction switches to the role in its `role` claim (anon
// without a JWT) and sets request.jwt.claims, which auth.uid() and auth.jwt() read; STABLE and
// IMMUTABLE functions run read-only. Answers and errors have PostgREST's shapes and statuses.

import { verifyJwt } from './jwt.mjs';
import { BodyTooLargeError, readBody, sendEmpty, sendJson } from './json-http.mjs';
import { PostgrestError, bodyForPgError, hasSqlstate, raisedPgrstAnswer, statusForSqlstate } from './postgrest-errors.mjs';

/** The only exposed schema, as in a default Supabase project's API settings. */
const SCHEMA = 'public';
/** Supabase's PGRST_DB_EXTRA_SEARCH_PATH. */
const SEARCH_PATH = '"public", "extensions"';
/** Roles the Supabase `authenticator` login may switch to. */
const API_ROLES = new Set(['anon', 'authenticated', 'service_role']);
const ANON_ROLE = 'anon';

/**
 * @typedef {{
 *   name: string, volatility: 'i' | 's' | 'v', returnsSet: boolean, returnsVoid: boolean,
 *   returnsComposite: boolean, params: { name: string, type: string, required: boolean, variadic: boolean }[],
 * }} RoutineSignature
 */

/**
 * @param {{ database: import('./database.mjs').Database, jwtSecret: string, jwtClockSkewSeconds: number }} options
 */
export function createRestService(options) {
  const { database, jwtSecret } = options;

  /**
   * Routes one request under /rest/v1. `path` is what follows /rest/v1.
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {string} path
   * @param {URL} url
   */
  async function handle(req, res, path, url) {
    let role = ANON_ROLE;
    try {
      const caller = authenticate(req);
      role = caller.role;
      const match = /^\/rpc\/([^/]+)$/.exec(path);
      if (!match?.[1]) {
        const table = decodeURIComponent(path.replace(/^\//, '').split('/')[0] ?? '');
        throw new PostgrestError(404, 'PGRST205', `Could not find the table '${SCHEMA}.${table}' in the schema cache`, {
          hint: 'The embedded Muster backend answers only POST /rest/v1/rpc/<function>.',
        });
      }
      if (req.method !== 'POST' && req.method !== 'GET' && req.method !== 'HEAD') {
        throw new PostgrestError(405, 'PGRST117', `Unsupported HTTP method: ${req.method}`);
      }
      checkProfile(req);
      const functionName = decodeURIComponent(match[1]);
      const readOnlyRequest = req.method !== 'POST';
      const args = readOnlyRequest ? Object.fromEntries(url.searchParams) : await readArguments(req);
      const answer = await call({ req, path, caller, functionName, args, readOnlyRequest });
      if (answer === null) return sendEmpty(res, 204);
      if (req.method === 'HEAD') return sendEmpty(res, 200, { 'Content-Type': 'application/json; charset=utf-8' });
      return sendJson(res, 200, answer);
    } catch (error) {
      if (error instanceof BodyTooLargeError) throw error;
      sendRestError(res, error, role !== ANON_ROLE);
    }
  }

  /**
   * The role and claims for this request, or a PostgREST JWT error (PGRST301 / PGRST303).
   * @param {import('node:http').IncomingMessage} req
   * @returns {{ role: string, claims: Record<string, unknown> }}
   */
  function authenticate(req) {
    const header = req.headers.authorization;
    const match = header === undefined ? null : /^Bearer\s*(.*)$/i.exec(header);
    if (!match) return { role: ANON_ROLE, claims: { role: ANON_ROLE } };
    const token = (match[1] ?? '').trim();
    if (token === '') throw jwtError('PGRST301', 'Empty JWT is sent in Authorization header');
    const check = verifyJwt(token, jwtSecret, { clockSkewSeconds: options.jwtClockSkewSeconds });
    if (!check.ok) {
      switch (check.problem) {
        case 'parts':
          throw jwtError('PGRST301', `Expected 3 parts in JWT; got ${check.parts}`);
        case 'algorithm':
          throw jwtError('PGRST301', 'Wrong or unsupported encoding algorithm');
        case 'signature':
          throw jwtError('PGRST301', 'No suitable key or wrong key type', 'None of the keys was able to decode the JWT');
        case 'claims-not-json':
          throw jwtError('PGRST303', 'Parsing claims failed');
        case 'claim-not-number':
          throw jwtError('PGRST303', `The JWT '${check.claim}' claim must be a number`);
        case 'expired':
          throw jwtError('PGRST303', 'JWT expired');
        case 'not-yet-valid':
          throw jwtError('PGRST303', 'JWT not yet valid');
        case 'issued-in-future':
          throw jwtError('PGRST303', 'JWT issued at future');
      }
    }
    const claimed = check.claims.role;
    const role = claimed === undefined ? ANON_ROLE : typeof claimed === 'string' ? claimed : JSON.stringify(claimed);
    return { role, claims: { ...check.claims, role } };
  }

  // Like PostgREST's schema cache: a function's signatures are read from the catalog once.
  // The schema only changes when the server starts (migrations), so there is nothing to
  // reload; a name not found is not cached, so a function created later is still found.
  /** @type {Map<string, RoutineSignature[]>} */
  const signatureCache = new Map();
  /** @param {import('./database.mjs').Queryable} tx @param {string} name */
  async function cachedSignaturesOf(tx, name) {
    const known = signatureCache.get(name);
    if (known) return known;
    const found = await signaturesOf(tx, name);
    if (found.length > 0) signatureCache.set(name, found);
    return found;
  }

  /**
   * Runs the function in one transaction; resolves to its result as JSON text, or null for a
   * void function (204).
   * @param {{
   *   req: import('node:http').IncomingMessage, path: string, caller: { role: string, claims: Record<string, unknown> },
   *   functionName: string, args: unknown, readOnlyRequest: boolean,
   * }} request
   * @returns {Promise<string | null>}
   */
  async function call(request) {
    const { req, caller, functionName, args } = request;
    return database.transaction(async (tx) => {
      const routine = chooseRoutine(functionName, args, await cachedSignaturesOf(tx, functionName));
      if (request.readOnlyRequest || routine.volatility !== 'v') await tx.exec('set transaction read only');

      if (!API_ROLES.has(caller.role)) {
        // The Supabase authenticator role is granted only the three API roles.
        throw Object.assign(new Error(`permission denied to set role "${caller.role}"`), { code: '42501' });
      }
      const { cookie, ...headers } = req.headers;
      await tx.query(
        `select set_config('search_path', $1, true), set_config('role', $2, true),
                set_config('request.jwt.claims', $3, true), set_config('request.method', $4, true),
                set_config('request.path', $5, true), set_config('request.headers', $6, true),
                set_config('request.cookies', $7, true)`,
        [
          SEARCH_PATH,
          caller.role,
          JSON.stringify(caller.claims),
          req.method ?? 'POST',
          request.path,
          JSON.stringify(headers),
          JSON.stringify(parseCookies(cookie)),
        ],
      );
      const { sql, params } = callStatement(routine, args);
      const { rows } = await tx.query(sql, params);
      if (routine.returnsVoid) return null;
      return rows[0]?.body ?? 'null';
    });
  }

  return { handle };
}

/**
 * The functions named `name` in the exposed schema, with their input parameters. Types are
 * written schema-qualified (search_path is emptied first), so they resolve under any path.
 * @param {import('./database.mjs').Queryable} tx
 * @param {string} name
 * @returns {Promise<RoutineSignature[]>}
 */
async function signaturesOf(tx, name) {
  await tx.query(`select set_config('search_path', '', true)`);
  const { rows } = await tx.query(
    `select coalesce(json_agg(json_build_object(
              'name', p.proname,
              'volatility', p.provolatile,
              'returnsSet', p.proretset,
              'returnsVoid', p.prorettype = 'pg_catalog.void'::pg_catalog.regtype,
              'returnsComposite', t.typtype = 'c' or coalesce(p.proargmodes::text[] && '{t,b,o}', false),
              'argNames', p.proargnames,
              'argModes', p.proargmodes::text[],
              'argTypes', array(select pg_catalog.format_type(a.type, null)
                                  from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) with ordinality as a(type, i)
                                 order by a.i),
              'inputCount', p.pronargs,
              'defaultCount', p.pronargdefaults)), '[]')::text as signatures
       from pg_catalog.pg_proc p
       join pg_catalog.pg_namespace n on n.oid = p.pronamespace
       join pg_catalog.pg_type t on t.oid = p.prorettype
      where n.nspname = $1 and p.proname = $2 and p.prokind = 'f'
        and p.prorettype <> 'pg_catalog.trigger'::pg_catalog.regtype`,
    [SCHEMA, name],
  );
  /** @type {any[]} */
  const raw = JSON.parse(rows[0]?.signatures ?? '[]');
  return raw.map((routine) => {
    /** @type {string[]} */
    const types = routine.argTypes ?? [];
    /** @type {string[]} */
    const modes = routine.argModes ?? types.map(() => 'i');
    /** @type {string[]} */
    const names = routine.argNames ?? [];
    const firstOptional = routine.inputCount - routine.defaultCount;
    /** @type {RoutineSignature['params']} */
    const params = [];
    types.forEach((type, index) => {
      const mode = modes[index] ?? 'i';
      if (mode !== 'i' && mode !== 'b' && mode !== 'v') return;
      params.push({
        name: names[index] ?? '',
        type: anyLengthType(type),
        required: params.length < firstOptional,
        variadic: mode === 'v',
      });
    });
    return {
      name: routine.name,
      volatility: routine.volatility,
      returnsSet: routine.returnsSet,
      returnsVoid: routine.returnsVoid,
      returnsComposite: routine.returnsComposite,
      params,
    };
  });
}

/**
 * PostgREST widens fixed-length types so an argument of any length is accepted and then
 * checked by the function, not cut by the cast.
 * @param {string} type
 */
function anyLengthType(type) {
  return type.replace(/^(character|bit)(\[\])?$/, '$1 varying$2');
}

/**
 * Picks the overload PostgREST would call (Plan.hs findProc): the argument names must cover
 * every required parameter and name no unknown one; failing that, a function with a single
 * unnamed json/jsonb parameter takes the whole body.
 * @param {string} name
 * @param {unknown} args
 * @param {RoutineSignature[]} candidates
 */
function chooseRoutine(name, args, candidates) {
  const isObject = args !== null && typeof args === 'object' && !Array.isArray(args);
  const keys = isObject ? Object.keys(/** @type {object} */ (args)).sort() : [];
  const callable = candidates.filter((routine) => {
    const unnamed = routine.params.filter((param) => param.name === '');
    return unnamed.length === 0 || (unnamed.length === 1 && routine.params.length === 1);
  });
  const byName = isObject
    ? callable.filter((routine) => {
        if (routine.params.some((param) => param.name === '')) return false;
        const known = new Set(routine.params.map((param) => param.name));
        return keys.every((key) => known.has(key)) && routine.params.every((param) => !param.required || keys.includes(param.name));
      })
    : [];
  const singleJson = callable.filter(
    (routine) => routine.params.length === 1 && routine.params[0]?.name === '' && ['json', 'jsonb'].includes(routine.params[0].type),
  );
  const chosen = byName.length > 0 ? byName : singleJson;
  if (chosen.length === 1 && chosen[0]) return chosen[0];
  if (chosen.length > 1) {
    const listed = chosen
      .map((routine) => `${SCHEMA}.${routine.name}(${routine.params.map((param) => `${param.name} => ${param.type}`).join(', ')})`)
      .join(', ');
    throw new PostgrestError(300, 'PGRST203', `Could not choose the best candidate function between: ${listed}`, {
      hint: 'Try renaming the parameters or the function itself in the database so function overloading can be resolved',
    });
  }
  const func = `${SCHEMA}.${name}`;
  const withParams = keys.length === 0 ? ' without parameters' : `(${keys.join(', ')})`;
  const searched = keys.length === 0 ? ' without parameters' : ` with parameter${keys.length > 1 ? 's' : ''} ${keys.join(', ')}`;
  throw new PostgrestError(404, 'PGRST202', `Could not find the function ${func}${withParams} in the schema cache`, {
    details: `Searched for the function ${func}${searched} or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.`,
    hint: candidates.length > 0 ? `Perhaps you meant to call the function ${func}(${candidates[0]?.params.map((param) => param.name).sort().join(', ')})` : null,
  });
}

/**
 * The SELECT that calls the routine and turns its result into one JSON text value, as
 * PostgREST does: named arguments are read from the body with json_to_record, so each is
 * converted by its parameter's type exactly as PostgREST converts it.
 * @param {RoutineSignature} routine
 * @param {unknown} args
 * @returns {{ sql: string, params: unknown[] }}
 */
function callStatement(routine, args) {
  const fn = `${quoteIdent(SCHEMA)}.${quoteIdent(routine.name)}`;
  let invocation;
  let from = '';
  if (routine.params.length === 1 && routine.params[0]?.name === '') {
    invocation = `${fn}($1::${routine.params[0].type})`;
  } else {
    const given = routine.params.filter((param) => Object.hasOwn(/** @type {object} */ (args), param.name));
    const columns = given.map((param) => `${quoteIdent(param.name)} ${param.type}`).join(', ');
    const named = given
      .map((param) => `${param.variadic ? 'variadic ' : ''}${quoteIdent(param.name)} := _pgrst_args.${quoteIdent(param.name)}`)
      .join(', ');
    invocation = `${fn}(${named})`;
    if (given.length > 0) from = ` from json_to_record($1::json) as _pgrst_args(${columns})`;
  }
  const params = from || invocation.includes('$1') ? [JSON.stringify(args)] : [];

  if (routine.returnsVoid) return { sql: `select ${invocation}${from}`, params };
  if (routine.returnsSet) {
    const source = from ? `${from}, lateral ${invocation} as _pgrst_t` : ` from ${invocation} as _pgrst_t`;
    return { sql: `select coalesce(json_agg(_pgrst_t), '[]')::text as body${source}`, params };
  }
  if (routine.returnsComposite) {
    const source = from ? `${from}, lateral ${invocation} as _pgrst_t` : ` from ${invocation} as _pgrst_t`;
    return { sql: `select to_json(_pgrst_t)::text as body${source}`, params };
  }
  return { sql: `select to_json(${invocation})::text as body${from}`, params };
}

/**
 * The request body as the function's arguments. An empty body means no arguments.
 * @param {import('node:http').IncomingMessage} req
 */
async function readArguments(req) {
  const text = await readBody(req);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PostgrestError(400, 'PGRST102', 'Empty or invalid json', {
      details: error instanceof Error ? error.message : String(error),
    });
  }
}

/** Content-Profile / Accept-Profile may only name the exposed schema. @param {import('node:http').IncomingMessage} req */
function checkProfile(req) {
  const profile = req.headers['content-profile'] ?? req.headers['accept-profile'];
  if (profile !== undefined && profile !== SCHEMA) {
    throw new PostgrestError(406, 'PGRST106', `The schema must be one of the following: ${SCHEMA}`);
  }
}

/**
 * @param {string} code
 * @param {string} message
 * @param {string} [details]
 */
function jwtError(code, message, details) {
  return new PostgrestError(401, code, message, {
    details: details ?? null,
    headers: { 'WWW-Authenticate': `Bearer error="invalid_token", error_description=${JSON.stringify(message)}` },
  });
}

/** @param {string | undefined} header */
function parseCookies(header) {
  /** @type {Record<string, string>} */
  const cookies = {};
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) cookies[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return cookies;
}

/** @param {string} name */
function quoteIdent(name) {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {unknown} error
 * @param {boolean} authenticated the request's role was not anon
 */
function sendRestError(res, error, authenticated) {
  if (error instanceof PostgrestError) {
    const body = { code: error.code, details: error.details, hint: error.hint, message: error.message };
    sendJson(res, error.status, body, { 'Proxy-Status': `PostgREST; error=${error.code}`, ...error.headers });
    return;
  }
  if (hasSqlstate(error)) {
    const pgError = /** @type {{ code: string, message?: string, detail?: string, hint?: string }} */ (error);
    if (pgError.code === 'PGRST') {
      const raised = raisedPgrstAnswer(pgError);
      if (raised) return sendJson(res, raised.status, raised.body, raised.headers);
      return sendRestError(
        res,
        new PostgrestError(500, 'PGRST121', "Could not parse JSON in the RAISE SQLSTATE 'PGRST' error", {
          details: `Invalid JSON value for MESSAGE: '${pgError.message}'`,
        }),
        authenticated,
      );
    }
    const status = statusForSqlstate(pgError.code, pgError.message ?? '', authenticated);
    /** @type {Record<string, string>} */
    const headers = { 'Proxy-Status': `PostgREST; error=${pgError.code}` };
    if (status === 401) headers['WWW-Authenticate'] = 'Bearer';
    sendJson(res, status, bodyForPgError(pgError), headers);
    return;
  }
  const code = /** @type {{ code?: unknown }} */ (error)?.code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
    // The database is unreachable (PostgreSQL restarting, DATABASE_URL wrong): retryable.
    sendJson(res, 503, {
      code: 'PGRST001',
      details: `${code}: ${error instanceof Error ? error.message : ''}`,
      hint: null,
      message: 'Database client error. Retrying the connection.',
    });
    return;
  }
  console.error(error);
  sendJson(res, 500, {
    code: 'PGRSTX00',
    details: error instanceof Error ? error.message : String(error),
    hint: null,
    message: 'Internal error in the embedded backend',
  });
}
