// @ts-check
// Starts the embedded backend (server/, under Node) from a Deno test: real PostgREST-style RPCs,
// real migrations, real row-level security. See embedded-backend-process.mjs.

/**
 * @typedef {{
 *   url: string, anonKey: string, serviceRoleKey: string,
 *   sql(sql: string, params?: unknown[]): Promise<Record<string, any>[]>,
 *   rpc(fn: string, args: Record<string, unknown>, bearer: string): Promise<{ status: number, body: any }>,
 *   signUp(email: string): Promise<{ id: string, accessToken: string }>,
 *   close(): Promise<void>,
 * }} EmbeddedBackend
 */

/** @returns {Promise<EmbeddedBackend>} */
export async function startEmbeddedBackend() {
  const script = new URL('./embedded-backend-process.mjs', import.meta.url).pathname;
  const repoRoot = new URL('../../', import.meta.url).pathname;
  const child = new Deno.Command('node', {
    args: [script],
    cwd: repoRoot,
    stdin: 'piped',
    stdout: 'piped',
    stderr: 'inherit',
  }).spawn();
  const writer = child.stdin.getWriter();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  /** @returns {Promise<any>} */
  async function nextMessage() {
    while (!buffered.includes('\n')) {
      const { value, done } = await reader.read();
      if (done) throw new Error('the embedded backend stopped');
      buffered += value;
    }
    const end = buffered.indexOf('\n');
    const line = buffered.slice(0, end);
    buffered = buffered.slice(end + 1);
    return JSON.parse(line);
  }

  const started = await nextMessage();
  const base = started.url.replace(/\/$/, '');
  let nextId = 0;
  let queue = Promise.resolve();

  /** @type {EmbeddedBackend['sql']} */
  function sql(text, params = []) {
    const id = ++nextId;
    const answer = queue.then(async () => {
      await writer.write(new TextEncoder().encode(`${JSON.stringify({ id, sql: text, params })}\n`));
      const message = await nextMessage();
      if (message.id !== id) throw new Error(`answer ${message.id} for query ${id}`);
      if (message.error) throw new Error(message.error);
      return message.rows;
    });
    queue = answer.then(() => undefined, () => undefined);
    return answer;
  }

  /** @type {EmbeddedBackend['rpc']} */
  async function rpc(fn, args, bearer) {
    const response = await fetch(`${base}/rest/v1/rpc/${fn}`, {
      method: 'POST',
      headers: { apikey: started.anonKey, Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(args),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? null : JSON.parse(text) };
  }

  /** @type {EmbeddedBackend['signUp']} */
  async function signUp(email) {
    const response = await fetch(`${base}/auth/v1/signup`, {
      method: 'POST',
      headers: { apikey: started.anonKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: 'correct horse battery' }),
    });
    const body = await response.json();
    if (!response.ok) throw new Error(`sign-up failed: ${JSON.stringify(body)}`);
    return { id: body.user.id, accessToken: body.access_token };
  }

  return {
    url: base,
    anonKey: started.anonKey,
    serviceRoleKey: started.serviceRoleKey,
    sql,
    rpc,
    signUp,
    async close() {
      await queue;
      await writer.close();
      await child.status;
      await reader.cancel().catch(() => {});
    },
  };
}
