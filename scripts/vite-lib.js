// One library build config for every browser package: each `exports` entry becomes a bundle
// entry (its source is read off the `types` path), dependencies stay external for npm users.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vite';

/** @param {string} dir package directory */
export function libraryConfig(dir) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  /** @type {Record<string, string>} */
  const entry = {};
  for (const target of Object.values(pkg.exports ?? {})) {
    if (typeof target !== 'object' || !target.import) continue;
    const name = target.import.replace('./dist/', '').replace(/\.js$/, '');
    entry[name] = join(dir, target.types.replace('./dist/types/', './src/').replace(/\.d\.ts$/, '.ts'));
  }
  const deps = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
  return defineConfig({
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      lib: { entry, formats: ['es'] },
      target: 'es2022',
      outDir: join(dir, 'dist'),
      emptyOutDir: false,
      minify: true,
      sourcemap: true,
      rolldownOptions: {
        external: (id) => deps.some((dep) => id === dep || id.startsWith(`${dep}/`)),
      },
    },
  });
}
