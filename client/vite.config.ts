import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { precompress } from './precompress'

const clientRoot = fileURLToPath(new URL('.', import.meta.url))

/**
 * `--mode e2e` (npm run build:client:e2e) is the end-to-end tests' build: the same app with its test hooks
 * (client/src/shared/test-hooks.ts) compiled in, written apart so the production build never carries them.
 */
export default defineConfig(({ mode }) => ({
  root: clientRoot,
  base: '/',
  plugins: [react(), precompress()],
  build: {
    outDir: fileURLToPath(new URL(mode === 'e2e' ? './dist-e2e' : './dist', import.meta.url)),
    emptyOutDir: true,
    // Two pages: the staff's app (index.html) and the public report form and receipts (report.html, which the server
    // answers for /report paths), so a resident's phone never downloads the staff's bundle.
    rollupOptions: { input: { main: fileURLToPath(new URL('./index.html', import.meta.url)), report: fileURLToPath(new URL('./report.html', import.meta.url)) } },
    // deck.gl + maplibre are large by nature; the default 500 kB warning is noise for a map app.
    chunkSizeWarningLimit: 2500,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8088',
      // The offline basemap's street tiles (one PMTiles archive, read with Range requests).
      '/basemap': 'http://127.0.0.1:8088',
    },
  },
}))
