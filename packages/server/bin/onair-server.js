#!/usr/bin/env node
// `onair-server`: runs the compiled server in dist/. Inside the monorepo the TypeScript sources are
// next to it, and `pnpm dev`, the tests and the benches run those instead (no build step needed).
import { existsSync } from 'node:fs';

const fromSource = existsSync(new URL('../src/cli.ts', import.meta.url));
await import(fromSource ? './from-source.js' : '../dist/cli.js');
