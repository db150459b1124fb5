// The renderer bundle. Served by the station over http (and loaded by the Electron window from
// there), so assets use relative paths; the dev server forwards the station's ws and REST to a
// station running on its default port.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const STATION = 'http://127.0.0.1:4938';

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // Electron 45's Chromium and Debian's: no need to down-level.
    target: 'es2022',
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      // The station trusts only pages it serves itself: the dev server's page is presented as the station's.
      '/ws': { target: STATION, ws: true, rewriteWsOrigin: true },
      '/api': { target: STATION },
    },
  },
});
