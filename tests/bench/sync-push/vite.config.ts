import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// Builds the sync-push benchmark page (not part of the app) into bench/dist/sync-push,
// which .gitignore already covers (bench/dist/). tests/bench/sync-push.mjs serves it from the
// embedded backend's static root, so page, /auth/v1 and /rest/v1 share one origin.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  build: { outDir: fileURLToPath(new URL('../../../bench/dist/sync-push', import.meta.url)), emptyOutDir: true, target: 'es2022' },
});
