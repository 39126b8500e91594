// Maps every `@onair/*` and `onair` export to its TypeScript source, so tests, the demo and the
// dev server run without a build. The source file of an export is read off its `types` entry:
// `./dist/types/channel/index.d.ts` → `./src/channel/index.ts`.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/** @returns {Record<string, string>} specifier → absolute source path */
export function workspaceAliases() {
  /** @type {Record<string, string>} */
  const aliases = {};
  for (const dir of readdirSync(join(root, 'packages'))) {
    let pkg;
    try {
      pkg = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
      if (typeof target !== 'object' || !target.types) continue;
      const source = target.types.replace('./dist/types/', './src/').replace(/\.d\.ts$/, '.ts');
      aliases[join(pkg.name, subpath).replace(/\/\.$/, '')] = join(root, 'packages', dir, source);
    }
  }
  return aliases;
}

/** Vite/Vitest `resolve.alias` entries, exact-match so `@onair/core` does not swallow subpaths. */
export function viteAliases() {
  return Object.entries(workspaceAliases()).map(([find, replacement]) => ({
    find: new RegExp(`^${find.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`),
    replacement,
  }));
}
