#!/usr/bin/env node
// Dependency-free static server for the built app in dist/ (node:http only).
//
//   node scripts/serve.mjs        serves dist/ on $PORT, or 4173, or a free port if 4173 is taken
//
// Also imported by the e2e tests and benchmarks: startServer() returns { url, port, close(),
// setSwSuffix() }. setSwSuffix(text) appends text to sw.js's body (e.g. a JS comment), so a test
// can make the browser see a new service-worker version without rebuilding.

import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const MISSING_DIST_MESSAGE = 'dist/ is missing: run npm run build first.';

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
};

/** Files the browser must revalidate on every load, so a deploy is picked up at once. */
const NO_CACHE_FILES = new Set(['index.html', 'sw.js', 'manifest.webmanifest']);
const IMMUTABLE = 'public, max-age=31536000, immutable';

class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/**
 * Maps a request path to a file under root. Throws HttpError 400/403/404.
 * Extension-less paths that do not name a file fall back to index.html (SPA routing).
 */
async function resolveFile(realRoot, pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    throw new HttpError(400, 'Bad request');
  }
  if (decoded.includes('\0') || decoded.includes('\\')) throw new HttpError(400, 'Bad request');
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) throw new HttpError(403, 'Forbidden');
  // Build metadata (dist/.vite/) and other dotfiles are not part of the site.
  if (segments.some((s) => s.startsWith('.'))) throw new HttpError(404, 'Not found');

  const candidate = resolve(realRoot, ...segments);
  if (!isInside(realRoot, candidate)) throw new HttpError(403, 'Forbidden');

  const found = await regularFile(realRoot, candidate);
  if (found) return { file: found, spaFallback: false };

  // Directory requests ("/", "/reports/") get that directory's index.html when it has one.
  const dirIndex = await regularFile(realRoot, join(candidate, 'index.html'));
  if (dirIndex) return { file: dirIndex, spaFallback: false };

  const last = segments.at(-1) ?? '';
  if (extname(last) === '') {
    const index = await regularFile(realRoot, join(realRoot, 'index.html'));
    if (index) return { file: index, spaFallback: true };
  }
  throw new HttpError(404, 'Not found');
}

function hasDotDotSegment(rawUrl) {
  const rawPath = rawUrl.split(/[?#]/)[0];
  let decoded;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    throw new HttpError(400, 'Bad request');
  }
  return decoded.split(/[/\\]/).some((s) => s === '..');
}

function isInside(root, target) {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The real path of a regular file inside root, or null (symlinks leaving root count as missing). */
async function regularFile(realRoot, path) {
  try {
    const real = await realpath(path);
    if (!isInside(realRoot, real)) return null;
    const info = await stat(real);
    return info.isFile() ? real : null;
  } catch {
    return null;
  }
}

function cacheControl(relPath) {
  if (NO_CACHE_FILES.has(relPath)) return 'no-cache';
  if (relPath.startsWith('assets/')) return IMMUTABLE;
  // Icons and anything else without a content hash: revalidate (cheap with the ETag).
  return 'no-cache';
}

/**
 * Starts the server. Resolves once it is listening.
 * @param {{ root?: string, port?: number, host?: string, swSuffix?: string,
 *   handleRequest?: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<boolean> }} [options]
 *   root: folder to serve; a relative path is taken from the repository root (default 'dist').
 *   port: default $PORT, else 0 (any free port).
 *   handleRequest: sees every request first and resolves true when it answered it (server/start.mjs
 *   puts the embedded backend here); the files are served for the rest.
 */
export async function startServer(options = {}) {
  const {
    root = 'dist',
    port = process.env.PORT ? Number(process.env.PORT) : 0,
    host = '127.0.0.1',
  } = options;
  let swSuffix = options.swSuffix ?? '';

  const absRoot = resolve(repoRoot, root);
  if (!existsSync(join(absRoot, 'index.html'))) {
    const rel = relative(repoRoot, absRoot);
    if (rel === 'dist') throw new Error(MISSING_DIST_MESSAGE);
    const shown = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : absRoot;
    throw new Error(`${shown}/index.html is missing: build the app first.`);
  }
  const realRoot = await realpath(absRoot);

  const server = createServer(async (req, res) => {
    try {
      if (options.handleRequest && (await options.handleRequest(req, res))) return;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Method not allowed');
        return;
      }
      // The URL parser below would quietly normalise "/../x" to "/x"; refuse such requests outright.
      if (hasDotDotSegment(req.url ?? '/')) throw new HttpError(403, 'Forbidden');
      const { pathname } = new URL(req.url ?? '/', 'http://localhost');
      const { file } = await resolveFile(realRoot, pathname);
      const relPath = relative(realRoot, file).split(sep).join('/');
      let body = await readFile(file);
      if (relPath === 'sw.js' && swSuffix !== '') body = Buffer.concat([body, Buffer.from(swSuffix)]);

      const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
      const headers = {
        'Content-Type': MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Cache-Control': cacheControl(relPath),
        ETag: etag,
        'X-Content-Type-Options': 'nosniff',
      };
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      headers['Content-Length'] = body.length;
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (error) {
      const status = error instanceof HttpError ? error.status : 500;
      const message = error instanceof HttpError ? error.message : 'Internal server error';
      if (status === 500) console.error(error);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache' });
      res.end(req.method === 'HEAD' ? undefined : message);
    }
  });

  const sockets = new Set();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise((resolveListen, rejectListen) => {
    const onError = (error) => rejectListen(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolveListen();
    });
  });

  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  let closing = null;

  return {
    url: `http://${urlHost}:${actualPort}/`,
    port: actualPort,
    root: realRoot,
    setSwSuffix(text) {
      swSuffix = text ?? '';
    },
    /** Stops listening and destroys open (keep-alive) sockets; resolves once fully closed. */
    close() {
      closing ??= new Promise((resolveClose) => {
        server.close(() => resolveClose());
        for (const socket of sockets) socket.destroy();
        sockets.clear();
      });
      return closing;
    },
  };
}

async function main() {
  const envPort = process.env.PORT;
  const host = process.env.HOST || '127.0.0.1';
  let server;
  try {
    if (envPort) {
      server = await startServer({ port: Number(envPort), host });
    } else {
      try {
        server = await startServer({ port: 4173, host });
      } catch (error) {
        if (error?.code !== 'EADDRINUSE') throw error;
        server = await startServer({ port: 0, host });
      }
    }
  } catch (error) {
    if (error?.code === 'EADDRINUSE') {
      console.error(`Port ${envPort} is already in use: set PORT to a free port, or unset it to pick one automatically.`);
    } else {
      console.error(error instanceof Error ? error.message : String(error));
    }
    process.exit(1);
  }

  console.log(server.url);
  console.log(`Muster is running at ${server.url}`);
  console.log(
    'Demo: the app opens a clearly marked demo workspace (Northwind Dental); no sign-in is needed until a backend is configured.',
  );

  const stop = () => {
    server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
