import { defineConfig, type Plugin } from 'vite';
import solid from 'vite-plugin-solid';
import { VitePWA } from 'vite-plugin-pwa';
import pkg from './package.json' with { type: 'json' };

/**
 * Writes dist/.vite/chunks.json: for every emitted JS chunk, whether it is loaded at start
 * (the entry and its static imports) and which modules it holds. scripts/check-budget.mjs
 * reads it to enforce the 30 KB initial-JS budget and to prove supabase-js is lazy.
 */
function chunkReport(): Plugin {
  return {
    name: 'muster-chunk-report',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle)
        .filter((file) => file.type === 'chunk')
        .map((chunk) => ({
          file: chunk.fileName,
          isEntry: chunk.isEntry,
          imports: chunk.imports,
          dynamicImports: chunk.dynamicImports,
          modules: chunk.moduleIds.map((id) => id.replace(process.cwd(), '.')),
        }));
      this.emitFile({ type: 'asset', fileName: '.vite/chunks.json', source: JSON.stringify(chunks, null, 2) });
    },
  };
}

export default defineConfig({
  base: './',
  define: { __MUSTER_VERSION__: JSON.stringify(pkg.version) },
  plugins: [
    solid(),
    VitePWA({
      strategies: 'injectManifest',
      registerType: 'prompt',
      injectRegister: false,
      srcDir: 'src/sw',
      filename: 'sw.ts',
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,png,svg,webmanifest}'],
        rollupFormat: 'iife',
      },
      includeAssets: ['icons/*.png', 'icons/*.svg'],
      manifest: {
        id: './',
        name: 'Muster: incident communication',
        short_name: 'Muster',
        description:
          'Who communicates, who approves, whom to call, and a tamper-evident log of every communication, even with no network.',
        start_url: './',
        scope: './',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: '#0b3d91',
        background_color: '#ffffff',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
    }),
    chunkReport(),
  ],
  build: {
    target: 'es2022',
    manifest: true,
    sourcemap: false,
  },
});
