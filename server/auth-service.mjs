// The part of Supabase Auth (GoTrue) that supabase-js calls for email + password accounts:
//
//   POST /auth/v1/signup                          email confirmation off: answers with a session
//   POST /auth/v1/token?grant_type=password       sign in
//   POST /auth/v1/token?grant_type=refresh_token  rotating refresh tokens
//   POST /auth/v1/logout?scope=global|local|others
//   GET  /auth/v1/user
//
// Status codes, error codes and messages are GoTrue's (shared/notes/supabase-contract.md,
// section 1), so the app meets the same errors here as on a Supabase project.

import { randomBytes, randomUUID } from 'node:crypto';
import { signJwt, verifyJwt } from './jwt.mjs';
import { hashPassword, passwordMatches } from './passwords.mjs';
import { BodyTooLargeError, readBody, sendEmpty, sendJson } from './json-http.mjs';

/** GoTrue's default minimum password length. */
const PASSWORD_MIN_LENGTH = 6;

/** An error GoTrue reports as `{code, message}` (API version 2024-01-01) or `{code, error_code, msg}`. */
export class AuthError extends Error {
  /**
   * @param {number} status
   * @param {string} errorCode e.g. 'invalid_credentials'
   * @param {string} message
   * @param {Record<string, unknown>} [extra] extra body fields, e.g. weak_password
   */
  constructor(status, errorCode, message, extra) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
    this.extra = extra;
  }
}

/** OAuth2-style error body `{error, error_description}`, always 400, as GoTrue sends a few. */
class OAuthError extends Error {
  /** @param {string} error @param {string} description */
  constructor(error, description) {
    super(description);
    this.error = error;
  }
}

/**
 * @typedef {{
 *   database: import('./database.mjs').Database,
 *   jwtSecret: string,
 *   accessTokenLifetimeSeconds: number,
 *   refreshTokenReuseIntervalSeconds: number,
 *   issuer?: string,
 * }} AuthOptions
 *   issuer: the access tokens' `iss`; default `<origin of the request>/auth/v1`, as the CLI sets it.
 */

/** @param {AuthOptions} options */
export function createAuthService(options) {
  const { database, jwtSecret } = options;
  /** @type {{ hasColumn: boolean, cryptSchema: string | null } | undefined} */
  let seededPasswordSupport;

  /**
   * Routes one request under /auth/v1. `path` is what follows /auth/v1.
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {string} path
   * @param {URL} url
   */
  async function handle(req, res, path, url) {
    try {
      const route = `${req.method} ${path}`;
      switch (route) {
        case 'POST /signup':
          return sendJson(res, 200, await signUp(req, await readJsonBody(req)));
        case 'POST /token':
          return sendJson(res, 200, await grantToken(req, url, await readJsonBody(req)));
        case 'POST /logout':
          await logOut(await authenticate(req), url.searchParams.get('scope'));
          return sendEmpty(res, 204);
        case 'GET /user':
          return sendJson(res, 200, userJson((await authenticate(req)).account));
        default:
          throw knownPath(path)
            ? new AuthError(405, 'method_not_allowed', `Method ${req.method} is not allowed on /auth/v1${path}`)
            : new AuthError(404, 'not_found', 'Not Found');
      }
    } catch (error) {
      if (error instanceof BodyTooLargeError) throw error;
      sendAuthError(req, res, error);
    }
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {Record<string, any>} body
   */
  async function signUp(req, body) {
    const password = typeof body.password === 'string' ? body.password : '';
    if (password === '') throw new AuthError(422, 'validation_failed', 'Signup requires a valid password');
    if (password.length < PASSWORD_MIN_LENGTH) {
      throw new AuthError(422, 'weak_password', `Password should be at least ${PASSWORD_MIN_LENGTH} characters.`, {
        weak_password: { reasons: ['length'] },
      });
    }
    if (body.email && body.phone) {
      throw new AuthError(422, 'validation_failed', 'Only an email address or phone number should be provided on signup.');
    }
    if (!body.email && body.phone) throw new AuthError(422, 'phone_provider_disabled', 'Phone signups are disabled');
    if (!body.email) throw new AuthError(400, 'validation_failed', 'To signup, please provide your email or phone number');
    const email = validEmail(body.email);
    const data = body.data && typeof body.data === 'object' && !Array.isArray(body.data) ? body.data : {};
    const passwordHash = await hashPassword(password);
    // Email confirmation is off (the Supabase CLI default), so GoTrue confirms the address
    // at once and records that in the identity data it copies into user_metadata.
    const userMetadata = { ...data, email, email_verified: true, phone_verified: false };

    const seededPassword = (await seededPasswords()).hasColumn ? "coalesce(u.encrypted_password, '') <> ''" : 'false';
    try {
      return await database.transaction(async (tx) => {
        const existing = await tx.query(
          `select u.id, a.password_hash is not null or ${seededPassword} as has_password
             from auth.users u left join muster_local.accounts a on a.user_id = u.id
            where lower(u.email) = $1`,
          [email],
        );
        const seeded = existing.rows[0];
        if (seeded?.has_password) throw new AuthError(422, 'user_already_exists', 'User already registered');
        // A user that seed.sql inserted without a password (the demo workspace's members) is
        // claimed by the first sign-up with its address, keeping its id and memberships.
        const id = seeded ? seeded.id : randomUUID();
        if (!seeded) await tx.query('insert into auth.users (id, email) values ($1, $2)', [id, email]);
        await tx.query(
          `insert into muster_local.accounts (user_id, password_hash, user_metadata, last_sign_in_at)
           values ($1, $2, $3, now())
           on conflict (user_id) do update set password_hash = excluded.password_hash,
             user_metadata = excluded.user_metadata, updated_at = now(), last_sign_in_at = now()`,
          [id, passwordHash, JSON.stringify({ ...userMetadata, sub: id })],
        );
        return startSession(tx, req, id);
      });
    } catch (error) {
      // Two sign-ups racing for one address: the second hits auth.users' unique email.
      if (/** @type {{ code?: string }} */ (error)?.code === '23505') {
        throw new AuthError(422, 'user_already_exists', 'User already registered');
      }
      throw error;
    }
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {URL} url
   * @param {Record<string, any>} body
   */
  async function grantToken(req, url, body) {
    switch (url.searchParams.get('grant_type')) {
      case 'password':
        return signInWithPassword(req, body);
      case 'refresh_token':
        return refresh(req, body);
      default:
        throw new AuthError(400, 'invalid_credentials', 'unsupported_grant_type');
    }
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {Record<string, any>} body
   */
  async function signInWithPassword(req, body) {
    if (body.email && body.phone) {
      throw new AuthError(400, 'validation_failed', 'Only an email address or phone number should be provided on login.');
    }
    if (!body.email && !body.phone) throw new AuthError(400, 'validation_failed', 'missing email or phone');
    const password = typeof body.password === 'string' ? body.password : '';
    const email = typeof body.email === 'string' ? body.email.toLowerCase() : '';

    const { rows } = await database.query(
      `select u.id, a.password_hash, a.user_id is not null as has_account
         from auth.users u left join muster_local.accounts a on a.user_id = u.id
        where lower(u.email) = $1`,
      [email],
    );
    const found = rows[0];
    const matches = found?.password_hash
      ? await passwordMatches(password, found.password_hash)
      : found
        ? await seededPasswordMatches(found.id, password)
        : await passwordMatches(password, null);
    if (!found || !matches) throw new AuthError(400, 'invalid_credentials', 'Invalid login credentials');

    return database.transaction(async (tx) => {
      if (!found.has_account) {
        await tx.query('insert into muster_local.accounts (user_id) values ($1) on conflict do nothing', [found.id]);
      }
      await tx.query('update muster_local.accounts set last_sign_in_at = now() where user_id = $1', [found.id]);
      return startSession(tx, req, found.id);
    });
  }

  /**
   * Users that seed.sql inserted the way Supabase seeds do, with
   * `encrypted_password = crypt('…', gen_salt('bf'))`, are checked with pgcrypto's crypt().
   * @param {string} userId
   * @param {string} password
   */
  async function seededPasswordMatches(userId, password) {
    const { hasColumn, cryptSchema: schema } = await seededPasswords();
    if (!hasColumn || !schema) return passwordMatches(password, null);
    const { rows } = await database.query(
      `select encrypted_password is not null and encrypted_password <> ''
              and encrypted_password = ${quoteIdent(schema)}.crypt($2, encrypted_password) as matches
         from auth.users where id = $1`,
      [userId, password],
    );
    return rows[0]?.matches === true;
  }

  /**
   * Whether auth.users has Supabase's encrypted_password column, and where pgcrypto's crypt()
   * is. Looked up again each time until both exist (a seed may create the extension later).
   * @returns {Promise<{ hasColumn: boolean, cryptSchema: string | null }>}
   */
  async function seededPasswords() {
    if (seededPasswordSupport) return seededPasswordSupport;
    const { rows } = await database.query(
      `select (select n.nspname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                where p.proname = 'crypt' and p.pronargs = 2 limit 1) as crypt_schema,
              exists (select 1 from information_schema.columns
                where table_schema = 'auth' and table_name = 'users' and column_name = 'encrypted_password') as has_column`,
    );
    const found = { hasColumn: rows[0]?.has_column === true, cryptSchema: rows[0]?.crypt_schema ?? null };
    if (found.hasColumn && found.cryptSchema) seededPasswordSupport = found;
    return found;
  }

  /**
   * Swaps a refresh token for a new session token, as GoTrue's RefreshTokenGrant does:
   * the token is revoked and a child issued; presenting a revoked token again returns the
   * active child if that child is still unused (the client lost the answer), is tolerated
   * within the reuse interval, and otherwise revokes the whole session (possible theft).
   * @param {import('node:http').IncomingMessage} req
   * @param {Record<string, any>} body
   */
  async function refresh(req, body) {
    const presented = typeof body.refresh_token === 'string' ? body.refresh_token : '';
    if (presented === '') throw new OAuthError('invalid_request', 'refresh_token required');

    const outcome = await database.transaction(async (tx) => {
      const { rows } = await tx.query(
        `select t.token, t.revoked, t.session_id, s.user_id, s.created_at as session_created_at,
                extract(epoch from (now() - t.updated_at)) as seconds_since_update
           from muster_local.refresh_tokens t join muster_local.sessions s on s.id = t.session_id
          where t.token = $1
          for update of t, s`,
        [presented],
      );
      const token = rows[0];
      if (!token) throw new AuthError(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');

      let issued = null;
      if (token.revoked) {
        const active = await tx.query(
          `select token, parent from muster_local.refresh_tokens
            where session_id = $1 and not revoked order by id desc limit 1`,
          [token.session_id],
        );
        if (active.rows[0]?.parent === token.token) {
          issued = active.rows[0].token;
        } else if (Number(token.seconds_since_update) > options.refreshTokenReuseIntervalSeconds) {
          await tx.query('update muster_local.refresh_tokens set revoked = true, updated_at = now() where session_id = $1 and not revoked', [
            token.session_id,
          ]);
          // Returned, not thrown: the revocation above must commit.
          return { error: new AuthError(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used') };
        }
      }
      if (issued === null) {
        await tx.query('update muster_local.refresh_tokens set revoked = true, updated_at = now() where token = $1 and not revoked', [
          token.token,
        ]);
        issued = await insertRefreshToken(tx, token.session_id, token.token);
      }
      await tx.query('update muster_local.sessions set refreshed_at = now() where id = $1', [token.session_id]);
      const account = await loadAccount(tx, token.user_id);
      if (!account) throw new AuthError(400, 'session_not_found', 'Invalid Refresh Token: No Valid Session Found');
      return { response: tokenResponse(req, account, token.session_id, sessionSignInTime(token.session_created_at), issued) };
    });
    if (outcome.error) throw outcome.error;
    return outcome.response;
  }

  /**
   * @param {{ account: Account, sessionId: string | null }} who
   * @param {string | null} scope
   */
  async function logOut(who, scope) {
    if (!['', 'global', 'local', 'others'].includes(scope ?? '')) {
      throw new AuthError(400, 'validation_failed', `Unsupported logout scope ${JSON.stringify(scope)}`);
    }
    const userId = who.account.id;
    // A token without a session_id can only sign out everywhere, as in GoTrue.
    if (who.sessionId === null || scope === null || scope === '' || scope === 'global') {
      await database.query('delete from muster_local.sessions where user_id = $1', [userId]);
    } else if (scope === 'local') {
      await database.query('delete from muster_local.sessions where id = $1', [who.sessionId]);
    } else {
      await database.query('delete from muster_local.sessions where user_id = $1 and id <> $2', [userId, who.sessionId]);
    }
  }

  /**
   * The account and session behind the request's bearer access token, checked as GoTrue's
   * requireAuthentication does.
   * @param {import('node:http').IncomingMessage} req
   * @returns {Promise<{ account: Account, sessionId: string | null }>}
   */
  async function authenticate(req) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!match?.[1]) throw new AuthError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
    const check = verifyJwt(match[1], jwtSecret);
    if (!check.ok) throw new AuthError(403, 'bad_jwt', `invalid JWT: unable to parse or verify signature, ${goJwtReason(check)}`);
    const { sub, session_id: sessionId } = check.claims;
    if (typeof sub !== 'string' || sub === '') throw new AuthError(403, 'bad_jwt', 'invalid claim: missing sub claim');
    if (!UUID.test(sub)) throw new AuthError(400, 'bad_jwt', 'invalid claim: sub claim must be a UUID');
    const account = await loadAccount(database, sub);
    if (!account) throw new AuthError(403, 'user_not_found', 'User from sub claim in JWT does not exist');
    if (typeof sessionId === 'string' && sessionId !== '') {
      const session = UUID.test(sessionId)
        ? await database.query('select 1 from muster_local.sessions where id = $1 and user_id = $2', [sessionId, sub])
        : { rows: [] };
      if (session.rows.length === 0) {
        throw new AuthError(403, 'session_not_found', 'Session from session_id claim in JWT does not exist');
      }
      return { account, sessionId };
    }
    return { account, sessionId: null };
  }

  /**
   * Creates a session with its first refresh token; returns GoTrue's token response.
   * @param {import('./database.mjs').Queryable} tx
   * @param {import('node:http').IncomingMessage} req
   * @param {string} userId
   */
  async function startSession(tx, req, userId) {
    const sessionId = randomUUID();
    await tx.query('insert into muster_local.sessions (id, user_id) values ($1, $2)', [sessionId, userId]);
    const refreshToken = await insertRefreshToken(tx, sessionId, null);
    const account = await loadAccount(tx, userId);
    if (!account) throw new Error(`account ${userId} vanished while signing in`);
    return tokenResponse(req, account, sessionId, Math.floor(Date.now() / 1000), refreshToken);
  }

  /**
   * GoTrue's AccessTokenResponse, with an access token carrying GoTrue's claims.
   * @param {import('node:http').IncomingMessage} req
   * @param {Account} account
   * @param {string} sessionId
   * @param {number} signedInAt unix seconds, for the amr claim
   * @param {string} refreshToken
   */
  function tokenResponse(req, account, sessionId, signedInAt, refreshToken) {
    const iat = Math.floor(Date.now() / 1000);
    const expiresIn = options.accessTokenLifetimeSeconds;
    const claims = {
      iss: options.issuer ?? `${requestOrigin(req)}/auth/v1`,
      sub: account.id,
      aud: 'authenticated',
      exp: iat + expiresIn,
      iat,
      email: account.email,
      phone: '',
      app_metadata: account.appMetadata,
      user_metadata: account.userMetadata,
      role: 'authenticated',
      aal: 'aal1',
      amr: [{ method: 'password', timestamp: signedInAt }],
      session_id: sessionId,
      is_anonymous: false,
    };
    return {
      access_token: signJwt(claims, jwtSecret),
      token_type: 'bearer',
      expires_in: expiresIn,
      expires_at: iat + expiresIn,
      refresh_token: refreshToken,
      user: userJson(account),
    };
  }

  return { handle };
}

/**
 * @typedef {{
 *   id: string, email: string, userMetadata: Record<string, unknown>, appMetadata: Record<string, unknown>,
 *   createdAt: string, updatedAt: string, emailConfirmedAt: string, lastSignInAt: string | null,
 * }} Account
 */

/**
 * @param {import('./database.mjs').Queryable} db
 * @param {string} userId
 * @returns {Promise<Account | null>}
 */
async function loadAccount(db, userId) {
  // Timestamps leave the database as text in one fixed format, so both drivers agree.
  const { rows } = await db.query(
    `select u.id, u.email, a.user_metadata::text as user_metadata, a.app_metadata::text as app_metadata,
            to_json(a.created_at)#>>'{}' as created_at, to_json(a.updated_at)#>>'{}' as updated_at,
            to_json(a.email_confirmed_at)#>>'{}' as email_confirmed_at,
            to_json(a.last_sign_in_at)#>>'{}' as last_sign_in_at
       from auth.users u join muster_local.accounts a on a.user_id = u.id
      where u.id = $1`,
    [userId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    email: row.email ?? '',
    userMetadata: JSON.parse(row.user_metadata),
    appMetadata: JSON.parse(row.app_metadata),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    emailConfirmedAt: row.email_confirmed_at,
    lastSignInAt: row.last_sign_in_at,
  };
}

/** GoTrue's serialised user (models.User), as /user and the token responses carry it. @param {Account} account */
function userJson(account) {
  const identityData = {
    email: account.email,
    email_verified: true,
    phone_verified: false,
    sub: account.id,
  };
  return {
    id: account.id,
    aud: 'authenticated',
    role: 'authenticated',
    email: account.email,
    email_confirmed_at: account.emailConfirmedAt,
    phone: '',
    confirmed_at: account.emailConfirmedAt,
    last_sign_in_at: account.lastSignInAt,
    app_metadata: account.appMetadata,
    user_metadata: account.userMetadata,
    identities: [
      {
        identity_id: account.id,
        id: account.id,
        user_id: account.id,
        identity_data: identityData,
        provider: 'email',
        last_sign_in_at: account.lastSignInAt,
        created_at: account.createdAt,
        updated_at: account.updatedAt,
        email: account.email,
      },
    ],
    created_at: account.createdAt,
    updated_at: account.updatedAt,
    is_anonymous: false,
  };
}

/**
 * @param {import('./database.mjs').Queryable} tx
 * @param {string} sessionId
 * @param {string | null} parent
 */
async function insertRefreshToken(tx, sessionId, parent) {
  const token = randomBytes(16).toString('base64url');
  await tx.query('insert into muster_local.refresh_tokens (token, session_id, parent) values ($1, $2, $3)', [
    token,
    sessionId,
    parent,
  ]);
  return token;
}

/** @param {unknown} createdAt a timestamptz from either driver */
function sessionSignInTime(createdAt) {
  const time = createdAt instanceof Date ? createdAt.getTime() : Date.parse(String(createdAt));
  return Number.isFinite(time) ? Math.floor(time / 1000) : Math.floor(Date.now() / 1000);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Same shape of check as GoTrue's (checkmail.ValidateFormat), same messages. @param {unknown} value */
function validEmail(value) {
  const email = typeof value === 'string' ? value : '';
  if (email === '') throw new AuthError(400, 'validation_failed', 'An email address is required');
  if (email.length > 255) throw new AuthError(400, 'validation_failed', 'An email address is too long');
  if (!/^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/.test(email)) {
    throw new AuthError(400, 'validation_failed', 'Unable to validate email address: invalid format');
  }
  return email.toLowerCase();
}

/** The wording of golang-jwt v5, which GoTrue puts after "invalid JWT: …". @param {Exclude<import('./jwt.mjs').JwtCheck, { ok: true }>} check */
function goJwtReason(check) {
  switch (check.problem) {
    case 'parts':
      return 'token is malformed: token contains an invalid number of segments';
    case 'algorithm':
      return 'token is unverifiable: error while executing keyfunc: signing method is invalid';
    case 'signature':
      return 'token signature is invalid: signature is invalid';
    case 'claims-not-json':
      return 'token is malformed: could not JSON decode claim';
    case 'claim-not-number':
      return 'token is malformed: could not JSON decode claim';
    case 'expired':
      return 'token has invalid claims: token is expired';
    case 'not-yet-valid':
      return 'token has invalid claims: token is not valid yet';
    case 'issued-in-future':
      return 'token has invalid claims: token used before issued';
  }
}

/** @param {import('node:http').IncomingMessage} req */
async function readJsonBody(req) {
  const text = await readBody(req);
  if (text.trim() === '') return {};
  let body;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new AuthError(400, 'bad_json', `Could not parse request body as JSON: ${error instanceof Error ? error.message : error}`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new AuthError(400, 'bad_json', 'Could not parse request body as JSON: expected an object');
  }
  return body;
}

/** @param {string} path */
function knownPath(path) {
  return ['/signup', '/token', '/logout', '/user'].includes(path);
}

/** @param {import('node:http').IncomingMessage} req */
function requestOrigin(req) {
  const forwarded = req.headers['x-forwarded-proto'];
  const protocol = typeof forwarded === 'string' && forwarded !== '' ? forwarded.split(',')[0]?.trim() : 'http';
  return `${protocol}://${req.headers.host ?? 'localhost'}`;
}

/** @param {string} name */
function quoteIdent(name) {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Writes an error the way GoTrue's HandleResponseError does. supabase-js sends
 * `X-Supabase-Api-Version: 2024-01-01` and reads `code` from `{code, message}` only when the
 * answer echoes that header; other clients get the legacy `{code: <status>, error_code, msg}`.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {unknown} error
 */
export function sendAuthError(req, res, error) {
  if (error instanceof OAuthError) {
    sendJson(res, 400, { error: error.error, error_description: error.message });
    return;
  }
  const known =
    error instanceof AuthError
      ? error
      : new AuthError(500, 'unexpected_failure', 'Unexpected failure, please check server logs for more information');
  if (!(error instanceof AuthError)) console.error(error);

  /** @type {Record<string, string>} */
  const headers = { 'x-sb-error-code': known.errorCode };
  const requested = req.headers['x-supabase-api-version'];
  const dated = typeof requested === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(requested) && requested >= '2024-01-01';
  if (dated) {
    headers['X-Supabase-Api-Version'] = '2024-01-01';
    sendJson(res, known.status, { code: known.errorCode, message: known.message, ...known.extra }, headers);
  } else {
    sendJson(res, known.status, { code: known.status, error_code: known.errorCode, msg: known.message, ...known.extra }, headers);
  }
}
