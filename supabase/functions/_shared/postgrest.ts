/**
 * Calls to the database through PostgREST (`/rest/v1/rpc/<fn>`), the way supabase-js makes
 * them, with no dependency. Errors keep PostgREST's JSON body ({code, message, details, hint})
 * so the function can pass them on unchanged.
 */

export interface ApiError {
  code: string;
  message: string;
  details: string | null;
  hint: string | null;
}

export type RpcResult<T> = { ok: true; data: T } | { ok: false; status: number; error: ApiError };

export interface RpcTarget {
  supabaseUrl: string;
  /** The `apikey` header (anon or service_role key). */
  apiKey: string;
  /** The bearer token: a user's access token, or the service_role key. */
  bearer: string;
  fetch: typeof fetch;
}

function asApiError(status: number, body: unknown, fallback: string): ApiError {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    code: text(record.code) ?? `http_${status}`,
    message: text(record.message) ?? text(record.msg) ?? fallback,
    details: text(record.details),
    hint: text(record.hint),
  };
}

/** POST /rest/v1/rpc/<fn> with named arguments; resolves (never rejects) with the answer or the error. */
export async function callRpc<T>(target: RpcTarget, fn: string, args: Record<string, unknown>): Promise<RpcResult<T>> {
  const url = `${target.supabaseUrl.replace(/\/+$/, '')}/rest/v1/rpc/${encodeURIComponent(fn)}`;
  let response: Response;
  try {
    response = await target.fetch(url, {
      method: 'POST',
      headers: {
        apikey: target.apiKey,
        Authorization: `Bearer ${target.bearer}`,
        'Content-Type': 'application/json',
        'Content-Profile': 'public',
      },
      body: JSON.stringify(args),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return {
      ok: false,
      status: 502,
      error: { code: 'database_unreachable', message: `The database API did not answer ${fn}: ${reason}`, details: null, hint: null },
    };
  }
  const text = await response.text();
  let body: unknown = null;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      body = { message: text.slice(0, 300) };
    }
  }
  if (!response.ok) return { ok: false, status: response.status, error: asApiError(response.status, body, `${fn} failed with HTTP ${response.status}`) };
  return { ok: true, data: body as T };
}
