import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The web front end (ADR 0021): Preact pages built into dist/web, which the api serves at `/`. `npm run web:dev`
// serves them with hot reload and passes the API's paths to the api of `npm start` (PORT, default 3000).
const api = `http://127.0.0.1:${process.env.PORT ?? 3000}`;

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    // The agent console's first load is budgeted (issue #11: under 300 kB gzipped); the dashboard's charts load apart.
    chunkSizeWarningLimit: 300,
  },
  server: { port: 5173, proxy: { '/api': api, '/health': api } },
});
