// Unit tests in Node: stores, channel, validation, the server, and the conformance suite that runs
// every live feature on both hosts. Sources are aliased, so no build.
import { defineConfig } from 'vitest/config';
import { viteAliases } from './scripts/workspace-aliases.js';

export default defineConfig({
  resolve: { alias: viteAliases() },
  test: {
    include: [
      'packages/*/src/**/*.spec.ts',
      'packages/*/test/**/*.spec.ts',
      'apps/console/test/**/*.spec.ts',
      'test/conformance/**/*.spec.ts',
    ],
    environment: 'node',
    testTimeout: 20_000,
  },
});
