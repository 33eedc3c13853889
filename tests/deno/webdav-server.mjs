// @ts-check
// Starts a real WebDAV server standing in for Nextcloud (webdav-server-process.mjs, under Node)
// from a Deno test: <site>/remote.php/dav/files/<user>/, HTTP Basic user:app password.

/**
 * @typedef {{ method: string, path: string, status: number | null }} LoggedRequest
 * @typedef {{ site: string, requests(): Promise<LoggedRequest[]>, close(): Promise<void> }} StandInNextcloud
 */

/**
 * Starts the stand-in Nextcloud for one user; close() stops it.
 * @param {string} user @param {string} appPassword
 * @returns {Promise<StandInNextcloud>}
 */
export async function startNextcloud(user, appPassword) {
  const child = new Deno.Command('node', {
    args: [new URL('./webdav-server-process.mjs', import.meta.url).pathname, user, appPassword],
    cwd: new URL('../../', import.meta.url).pathname,
    stdin: 'piped',
    stdout: 'piped',
    stderr: 'inherit',
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let line = '';
  while (!line.includes('\n')) {
    const { value, done } = await reader.read();
    if (done) throw new Error('the WebDAV server stopped before it listened');
    line += value;
  }
  const started = JSON.parse(line.slice(0, line.indexOf('\n')));
  return {
    site: started.url,
    async requests() {
      return (await fetch(started.requests)).json();
    },
    async close() {
      await child.stdin.close();
      await child.status;
      await reader.cancel().catch(() => {});
    },
  };
}
