// Runs scripts/dev-seed.ts from source (tsx and the workspace aliases, as the server's
// bin/from-source.js does): the demo's seed modules are TypeScript.
import { createRequire, register } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const server = resolve(import.meta.dirname, '../packages/server');
// tsx is the server's devDependency: its ESM API, found from the server's folder.
const tsx = resolve(
  createRequire(resolve(server, 'package.json')).resolve('tsx/package.json'),
  '../dist/esm/api/index.mjs',
);
const { register: registerTsx } = await import(pathToFileURL(tsx).href);
// Lit's legacy decorators, as every package compiles them (tsconfig.base.json).
registerTsx({ tsconfig: resolve(import.meta.dirname, '../tsconfig.base.json') });
register(pathToFileURL(resolve(server, 'bin/workspace-resolve.js')).href);
await import('./dev-seed.ts');
