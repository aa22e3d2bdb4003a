import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

const clientRoot = fileURLToPath(new URL('.', import.meta.url))

export default defineConfig({
  root: clientRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // deck.gl + maplibre are large by nature; the default 500 kB warning is noise for a map app.
    chunkSizeWarningLimit: 2500,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8088',
    },
  },
})
