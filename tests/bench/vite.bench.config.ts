import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// Builds the log-write benchmark page (not part of the app) into bench/dist.
export default defineConfig({
  root: fileURLToPath(new URL('./log-write', import.meta.url)),
  base: './',
  logLevel: 'warn',
  build: { outDir: fileURLToPath(new URL('../../bench/dist', import.meta.url)), emptyOutDir: true, target: 'es2022' },
});
