import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where `npm run dev` (or any running server) listens; the dev server proxies to it. */
const backend = process.env.MAHDAR_BACKEND ?? 'http://localhost:3000';

/**
 * The browser app lives in `client/` and is built into `dist/client`, which the server serves
 * (SPA fallback to index.html). `vite` alone starts the dev server with the API, the collab
 * websocket and socket.io proxied to the backend, so everything stays same-origin as in
 * production (cookie session, CSP `connect-src 'self'`).
 */
export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    // Fonts and icons are emitted as files: no data: URLs, which the CSP does not allow for fonts.
    assetsInlineLimit: 0,
    // The editor chunk (Tiptap + Yjs, ~530 kB) is loaded only on the meeting page.
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/collab': { target: backend, ws: true, changeOrigin: false },
      '/socket.io': { target: backend, ws: true, changeOrigin: false },
    },
  },
});
