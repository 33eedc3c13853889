// @ts-check
// Starts a real WebDAV server standing in for Nextcloud (webdav-server-process.mjs, under Node)
// from a Deno test: <site>/remote.php/dav/files/<user>/, HTTP Basic user:app password.

import { startNodeProcess } from './node-process.mjs';

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
  const { started, close } = await startNodeProcess('./webdav-server-process.mjs', [user, appPassword]);
  return {
    site: started.url,
    async requests() {
      return (await fetch(started.requests)).json();
    },
    close,
  };
}
