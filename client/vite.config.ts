import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

// Where `pnpm dev` finds the running Loopline server (API + sync endpoint).
const SERVER = '127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // Setting conditions replaces Vite's defaults, so they are spread back in;
    // `source` makes @loopline/shared resolve to its TypeScript sources.
    conditions: ['source', ...defaultClientConditions],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Stable vendor chunks: the framework and the editor stack change far
        // less often than app code, so browsers keep them cached across releases.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler|i18next|react-i18next)[\\/]/, priority: 2 },
            { name: 'editor-vendor', test: /node_modules[\\/](prosemirror-[\w-]+|y-[\w-]+|yjs|lib0|orderedmap|rope-sequence|w3c-keyname)[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    // Dev mode: Vite serves the client with HMR and forwards the API and the
    // y-websocket endpoint to the server started with `pnpm dev`.
    proxy: {
      '/api': { target: `http://${SERVER}`, changeOrigin: false },
      '/collab': { target: `ws://${SERVER}`, ws: true },
    },
  },
});
