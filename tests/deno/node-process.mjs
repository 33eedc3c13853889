// @ts-check
// Runs a Node script next to a Deno test (the local backend, a WebDAV server) and reads the
// JSON line it prints once it listens. Closing its stdin tells the script to stop.

/**
 * @param {string} script a file in this folder, e.g. './dispatch-backend-process.mjs'
 * @param {string[]} [args]
 * @returns {Promise<{ started: any, close(): Promise<void> }>}
 */
export async function startNodeProcess(script, args = []) {
  const child = new Deno.Command('node', {
    args: [new URL(script, import.meta.url).pathname, ...args],
    cwd: new URL('../../', import.meta.url).pathname,
    stdin: 'piped',
    stdout: 'piped',
    stderr: 'inherit',
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let line = '';
  while (!line.includes('\n')) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`${script} stopped before it listened`);
    line += value;
  }
  return {
    started: JSON.parse(line.slice(0, line.indexOf('\n'))),
    async close() {
      await child.stdin.close();
      await child.status;
      await reader.cancel().catch(() => {});
    },
  };
}
