// End-to-end tests: real Chromium (playwright-core), real servers on loopback. One file at a time:
// the machine has two cores and each file starts browsers and servers of its own.
import { defineConfig } from 'vitest/config';
import { viteAliases } from '../scripts/workspace-aliases.js';

export default defineConfig({
  resolve: { alias: viteAliases() },
  test: {
    root: import.meta.dirname,
    include: ['e2e/**/*.e2e.ts', 'consumer/**/*.e2e.ts', 'docs/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
