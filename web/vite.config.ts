import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

/**
 * The dashboard's build: scripts/build.mjs runs it into dist/web, which the gateway serves at `/`.
 * `npx vite --config web/vite.config.ts` is a dev server that proxies the API to a gateway on :8080.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [preact()],
  build: { outDir: '../dist/web', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 600 },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
