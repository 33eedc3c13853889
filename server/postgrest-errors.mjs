// PostgREST's error answers: the body `{code, details, hint, message}` and the HTTP status
// it picks for each Postgres SQLSTATE (PostgREST v14 src/PostgREST/Error/PgError/ResultError.hs
// pgErrorStatus; summarised in shared/notes/supabase-contract.md section 3).

/** An error PostgREST itself raises (PGRSTxxx), before or instead of running SQL. */
export class PostgrestError extends Error {
  /**
   * @param {number} status
   * @param {string} code e.g. 'PGRST202'
   * @param {string} message
   * @param {{ details?: string | null, hint?: string | null, headers?: Record<string, string> }} [more]
   */
  constructor(status, code, message, more = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = more.details ?? null;
    this.hint = more.hint ?? null;
    this.headers = more.headers ?? {};
  }
}

/**
 * The HTTP status PostgREST answers a failed query with.
 * @param {string} sqlstate five characters, e.g. '42501'
 * @param {string} message the Postgres message (two codes depend on it)
 * @param {boolean} authenticated the request ran as a role other than anon
 */
export function statusForSqlstate(sqlstate, message, authenticated) {
  switch (sqlstate) {
    case '23503': // foreign_key_violation
    case '23505': // unique_violation
      return 409;
    case '25006': // read_only_sql_transaction: a STABLE function tried to write
      return 405;
    case '21000': // cardinality_violation; pg-safeupdate's refusal counts as a client error
      return message.endsWith('requires a WHERE clause') ? 400 : 500;
    case '22023': // invalid_parameter_value; a JWT naming a role that does not exist
      return message.startsWith('role') && message.endsWith('does not exist') ? 401 : 400;
    case '53400': // configuration_limit_exceeded
      return 500;
    case '57P01': // admin_shutdown
      return 503;
    case 'P0001': // plain RAISE EXCEPTION
      return 400;
    case '42883': // undefined_function
      return message.startsWith('function xmlagg(') ? 406 : 404;
    case '42P01': // undefined_table
      return 404;
    case '42P17': // infinite_recursion (usually a policy that queries its own table)
      return 500;
    case '42501': // insufficient_privilege: "please sign in" for anon, "not allowed" otherwise
      return authenticated ? 403 : 401;
  }
  if (sqlstate.startsWith('PT')) {
    const status = Number(sqlstate.slice(2));
    return Number.isInteger(status) && status >= 100 && status <= 599 ? status : 500;
  }
  switch (sqlstate.slice(0, 2)) {
    case '08': // connection exception
      return 503;
    case '09': // triggered action exception
      return 500;
    case '0L': // invalid grantor
    case '0P': // invalid role specification
      return 403;
    case '25': // invalid transaction state
      return 500;
    case '28': // invalid authorization specification
      return 403;
    case '2D': // invalid transaction termination
    case '38': // external routine exception
    case '39': // external routine invocation exception
    case '3B': // savepoint exception
    case '40': // transaction rollback, including 40001 serialization_failure and 40P01 deadlock
      return 500;
    case '53': // insufficient resources
      return 503;
    case '54': // program limit exceeded
    case '55': // object not in prerequisite state
    case '57': // operator intervention
    case '58': // system error
    case 'F0': // configuration file error
    case 'HV': // foreign data wrapper error
    case 'P0': // other PL/pgSQL errors
    case 'XX': // internal error
      return 500;
  }
  return 400;
}

/**
 * `{code, details, hint, message}` for a Postgres error; nulls where Postgres gave nothing.
 * @param {{ code: string, message?: string, detail?: string, hint?: string }} error
 */
export function bodyForPgError(error) {
  return {
    code: error.code,
    details: error.detail ?? null,
    hint: error.hint ?? null,
    message: error.message ?? '',
  };
}

/**
 * `RAISE SQLSTATE 'PGRST'` lets a function choose the whole answer: the message is
 * `{code, message, details?, hint?}` as JSON, the detail `{status, status_text?, headers?}`.
 * Returns null when the JSON does not parse (PostgREST then answers PGRST121).
 * @param {{ message?: string, detail?: string }} error
 * @returns {{ status: number, body: Record<string, unknown>, headers: Record<string, string> } | null}
 */
export function raisedPgrstAnswer(error) {
  try {
    const body = JSON.parse(error.message ?? '');
    const detail = JSON.parse(error.detail ?? '');
    if (typeof body?.code !== 'string' || typeof body?.message !== 'string' || typeof detail?.status !== 'number') return null;
    /** @type {Record<string, string>} */
    const headers = {};
    for (const [name, value] of Object.entries(detail.headers ?? {})) headers[name] = String(value);
    return {
      status: detail.status,
      body: { code: body.code, details: body.details ?? null, hint: body.hint ?? null, message: body.message },
      headers,
    };
  } catch {
    return null;
  }
}

/** True for a Postgres error (five-character SQLSTATE), false for a driver or network error. @param {unknown} error */
export function hasSqlstate(error) {
  const code = /** @type {{ code?: unknown }} */ (error)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}
