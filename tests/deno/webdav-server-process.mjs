// Node side of the evidence-upload tests: a real WebDAV server (the `webdav-server` npm
// package, in memory) standing in for Nextcloud. It answers under Nextcloud's path,
// /remote.php/dav/files/<user>/, asks for HTTP Basic auth, and lets that one user do anything
// in their files. It prints {"url", "requests"} once it listens and stops when stdin closes.
//
//   node tests/deno/webdav-server-process.mjs <user> <app password>
//
//   url        the "site" to put in the connector (no trailing slash)
//   requests   GET <url>/__requests (no auth): every WebDAV request so far, [{method, path,
//              status}], so a test can count the PUTs an upload made and see what MKCOL answered.

import { createServer } from 'node:http';
import { v2 as webdav } from 'webdav-server';

const [user, password] = process.argv.slice(2);
if (!user || !password) {
  console.error('usage: node webdav-server-process.mjs <user> <app password>');
  process.exit(2);
}

const users = new webdav.SimpleUserManager();
const dana = users.addUser(user, password, false);
const privileges = new webdav.SimplePathPrivilegeManager();
privileges.setRights(dana, '/', ['all']);
const dav = new webdav.WebDAVServer({
  httpAuthentication: new webdav.HTTPBasicAuthentication(users, 'Nextcloud'),
  privilegeManager: privileges,
  requireAuthentification: true,
});

/** @type {{ method: string, path: string, status: number | null }[]} */
const requests = [];
const FILES = ['', 'remote.php', 'dav', 'files'];

const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path === '/__requests' && req.method === 'GET') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(requests));
    return;
  }
  const logged = { method: req.method ?? '', path, status: /** @type {number | null} */ (null) };
  requests.push(logged);
  res.once('finish', () => {
    logged.status = res.statusCode;
  });
  // Nextcloud's WebDAV root for a user: /remote.php/dav/files/<user>/ (the user may be %-encoded).
  const segments = path.split('/');
  let owner = '';
  try {
    owner = decodeURIComponent(segments[4] ?? '');
  } catch {
    // a broken escape: not this user
  }
  if (FILES.every((segment, index) => segments[index] === segment) && owner === user) {
    // webdav-server serves paths from its own root; rootPath only prefixes the hrefs it answers.
    const prefix = segments.slice(0, 5).join('/');
    req.url = (req.url ?? '/').slice(prefix.length) || '/';
    dav.executeRequest(req, res, prefix);
    return;
  }
  res.writeHead(404, { 'Content-Type': 'text/plain' });
  res.end('Not a Nextcloud WebDAV path');
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  process.stdout.write(`${JSON.stringify({ url, requests: `${url}/__requests` })}\n`);
});

process.stdin.resume();
process.stdin.once('end', () => {
  server.close();
  server.closeAllConnections();
});
