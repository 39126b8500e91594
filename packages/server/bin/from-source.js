// Runs the server from its TypeScript sources under tsx (a devDependency: the monorepo only, never
// shipped). Hooks registered later run first, so `@onair/*` specifiers are mapped to sources
// before tsx compiles them.
import { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

registerTsx();
register('./workspace-resolve.js', import.meta.url);
await import('../src/cli.ts');
