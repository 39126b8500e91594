// Module resolve hook for running from source inside the monorepo: `@onair/*` package exports point
// at `dist/`, which only exists after a build, so map each export to its TypeScript source (the same
// map Vitest uses, read off each package's `exports`). Outside the monorepo the map is empty and
// resolution falls through to the packages' built `exports`.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const script = fileURLToPath(new URL('../../../scripts/workspace-aliases.js', import.meta.url));
/** @type {Record<string, string>} */
const aliases = existsSync(script) ? (await import(pathToFileURL(script).href)).workspaceAliases() : {};

/** @type {import('node:module').ResolveHook} */
export async function resolve(specifier, context, next) {
  const source = aliases[specifier];
  // Hand the source file on to tsx's resolver, which marks it for compilation.
  return next(source ? pathToFileURL(source).href : specifier, context);
}
