// One library build config for every browser package: each `exports` entry becomes a bundle
// entry (its source is read off the `types` path), dependencies stay external for npm users.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vite';
import { ownKeysOnly } from './vite-own-keys.js';

/**
 * valibot runs from one copy, bundled into `@onair/core/valibot.js` with own-keys loops (see
 * packages/core/src/valibot.ts); every other package's bundle imports that copy.
 */
const VALIBOT = 'valibot';
const SHARED_VALIBOT = '@onair/core/valibot.js';

/** @param {string} dir package directory */
export function libraryConfig(dir) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  /** @type {Record<string, string>} */
  const entry = {};
  for (const target of Object.values(pkg.exports ?? {})) {
    if (typeof target !== 'object' || !target.import) continue;
    // The CDN files (the autoloader, the single-file build) bundle their dependencies: vite.cdn.config.ts.
    if (target.import.startsWith('./dist/cdn/') || target.import === './dist/onair.js') continue;
    const name = target.import.replace('./dist/', '').replace(/\.js$/, '');
    entry[name] = join(dir, target.types.replace('./dist/types/', './src/').replace(/\.d\.ts$/, '.ts'));
  }
  const isCore = pkg.name === '@onair/core';
  // Core bundles valibot (patched); the others get it from core (sharedValibot below).
  const deps = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies }).filter((dep) => dep !== VALIBOT);
  const outDir = join(dir, 'dist');
  return defineConfig({
    plugins: [cleanBundles(outDir), isCore ? ownKeysOnly() : sharedValibot()],
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      lib: { entry, formats: ['es'] },
      target: 'es2022',
      outDir,
      emptyOutDir: false, // dist/types is tsc's; the old bundles go in cleanBundles()
      minify: true,
      sourcemap: true,
      rolldownOptions: {
        external: (id) => deps.some((dep) => id === dep || id.startsWith(`${dep}/`)),
      },
    },
  });
}

/** Points `valibot` imports at core's patched copy, left external like every dependency. */
function sharedValibot() {
  return {
    name: 'onair-shared-valibot',
    enforce: 'pre',
    resolveId(id) {
      return id === VALIBOT ? { id: SHARED_VALIBOT, external: true } : null;
    },
  };
}

/** Removes the previous build's bundles (hashed chunk names change), leaving `dist/types` alone. */
function cleanBundles(outDir) {
  return {
    name: 'onair-clean-bundles',
    buildStart() {
      let files = [];
      try {
        files = readdirSync(outDir);
      } catch {
        return; // first build
      }
      for (const file of files) if (/\.js(\.map)?$/.test(file)) rmSync(join(outDir, file));
    },
  };
}
