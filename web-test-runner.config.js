// Component tests in real Debian Chromium. Sources are compiled by esbuild on the fly.

import { relative } from 'node:path';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { workspaceAliases } from './scripts/workspace-aliases.js';

const root = import.meta.dirname;

const aliases = workspaceAliases();

/** Resolves `@onair/*` specifiers to the sources, so tests need no build. */
const workspaceResolve = {
  name: 'onair-workspace',
  resolveImport({ source }) {
    const target = aliases[source];
    return target ? `/${relative(root, target)}` : undefined;
  },
};

export default {
  files: ['packages/*/src/**/*.test.ts', 'apps/console/test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['development'] },
  rootDir: '.',
  plugins: [
    workspaceResolve,
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: 'tsconfig.test.json',
      define: { 'process.env.NODE_ENV': '"development"' },
    }),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  ],
  concurrency: 1,
  testFramework: { config: { timeout: 10_000 } },
};
