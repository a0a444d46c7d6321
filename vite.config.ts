import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The console lives in web/; `npm start` serves web/dist, `vite` alone serves it with hot reload
// and forwards /api to a running `npm start`.
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
