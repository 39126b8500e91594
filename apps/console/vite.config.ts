import { defineConfig } from 'vite';

// Served by onair-server at /console/ (the build is copied into packages/server/console by
// scripts/build-console.js); `pnpm dev` runs this dev server against the dev server's API.
export default defineConfig({
  base: '/console/',
  define: { 'process.env.NODE_ENV': JSON.stringify(process.env.NODE_ENV ?? 'production') },
  server: { host: '127.0.0.1', port: Number(process.env.CONSOLE_PORT ?? 5174), strictPort: true },
  build: {
    target: 'es2022',
    // No inline script or style: the server's CSP allows neither.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // ECharts is one lazy chunk of its own (its size is in BENCHMARKS.md), loaded with the dashboard.
    chunkSizeWarningLimit: 700,
  },
});
