// Runs one Edge Function (supabase/functions/<name>/index.ts) under real Deno, from the `deno`
// npm package, so `npm start` runs the very code Supabase runs. The function listens on
// 127.0.0.1 at a free port (MUSTER_FUNCTION_PORT=0) and prints {"listening": <port>}; it
// calls this backend's /rest/v1 with the service_role key, as it calls PostgREST on Supabase.
// send-alert (alert-function.mjs), dispatch and uptime-kuma (function-service.mjs) start this way.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const START_TIMEOUT_MS = 30_000;

/**
 * @typedef {{
 *   name: string, env: Record<string, string>, log: (line: string) => void,
 * }} DenoFunctionOptions
 *   name: the folder under supabase/functions/. env: the function's settings (Supabase secrets).
 * @typedef {{ port: number, url: string, close(): Promise<void> }} DenoFunction
 */

/** The Deno executable the `deno` npm package installed, or a sentence saying why there is none. */
export function denoExecutable() {
  const require = createRequire(import.meta.url);
  let packageDir;
  try {
    packageDir = dirname(require.resolve('deno/package.json'));
  } catch {
    return { path: null, problem: 'the deno package is not installed (run npm install)' };
  }
  const path = join(packageDir, process.platform === 'win32' ? 'deno.exe' : 'deno');
  if (existsSync(path)) return { path, problem: null };
  try {
    // The package's postinstall normally puts the binary there; npm may have skipped it.
    /** @type {{ runInstall(): string }} */
    const installer = require(join(packageDir, 'install_api.cjs'));
    return { path: installer.runInstall(), problem: null };
  } catch (error) {
    return { path: null, problem: `no Deno binary for this platform (${error instanceof Error ? error.message.split('\n')[0] : error})` };
  }
}

/**
 * Starts the function; resolves once it listens. Rejects with a one-line reason otherwise.
 * @param {DenoFunctionOptions} options
 * @returns {Promise<DenoFunction>}
 */
export async function startDenoFunction(options) {
  const deno = denoExecutable();
  if (!deno.path) throw new Error(deno.problem ?? 'Deno is not available');
  const log = options.log;
  const entry = join(repoRoot, 'supabase', 'functions', options.name, 'index.ts');

  const child = spawn(
    deno.path,
    ['run', '--no-config', '--no-lock', '--no-remote', '--no-prompt', '--allow-net', '--allow-env', entry],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        DENO_DIR: process.env.DENO_DIR ?? join(repoRoot, 'node_modules', '.cache', 'muster-deno'),
        DENO_NO_PACKAGE_JSON: '1',
        DENO_NO_UPDATE_CHECK: '1',
        NO_COLOR: '1',
        MUSTER_FUNCTION_PORT: '0',
        ...options.env,
      },
    },
  );

  let exited = false;
  /** @type {string[]} */
  const earlyErrors = [];
  createInterface({ input: child.stderr }).on('line', (line) => {
    if (earlyErrors.length < 20) earlyErrors.push(line);
    log(line);
  });

  const port = await new Promise((resolvePort, rejectPort) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rejectPort(new Error(`Deno did not start the ${options.name} function within ${START_TIMEOUT_MS / 1000} s`));
    }, START_TIMEOUT_MS);
    createInterface({ input: child.stdout }).on('line', (line) => {
      /** @type {unknown} */
      let parsed = null;
      try {
        parsed = JSON.parse(line);
      } catch {
        // not the listening line
      }
      const listening = /** @type {{ listening?: unknown } | null} */ (parsed)?.listening;
      if (typeof listening === 'number') {
        clearTimeout(timer);
        resolvePort(listening);
      } else {
        log(line);
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      rejectPort(new Error(`Deno could not be run (${error.message})`));
    });
    child.once('exit', (code, signal) => {
      exited = true;
      clearTimeout(timer);
      // Deno's own "error: ..." line says why; the stack lines after it do not.
      const said = earlyErrors.find((line) => /^error:/i.test(line.trim())) ?? earlyErrors.find((line) => line.trim() !== '');
      rejectPort(new Error(`the ${options.name} function exited (${signal ?? `code ${code}`})${said ? `: ${said.trim()}` : ''}`));
    });
  });

  return {
    port,
    url: `http://127.0.0.1:${port}/`,
    close() {
      if (exited) return Promise.resolve();
      return new Promise((resolveClose) => {
        const force = setTimeout(() => child.kill('SIGKILL'), 3000);
        child.once('exit', () => {
          clearTimeout(force);
          resolveClose();
        });
        child.kill('SIGTERM');
      });
    },
  };
}
