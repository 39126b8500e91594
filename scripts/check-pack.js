// `prepack` guard: refuses to pack a package whose build output is missing, so no tarball ships
// without its JavaScript, its declarations, its manifest or its CLI. Run in the package folder.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.cwd();
const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

/** Every file path an `exports` value points at (conditions nested to any depth). */
function targets(value) {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(targets);
  return [];
}

const required = [
  ...targets(pkg.exports).filter((path) => !path.includes('*')),
  ...Object.values(typeof pkg.bin === 'string' ? { [pkg.name]: pkg.bin } : (pkg.bin ?? {})),
  ...(pkg.customElements ? [pkg.customElements] : []),
];
const missing = required.filter((path) => !existsSync(join(dir, path)));
if (missing.length) {
  process.stderr.write(
    `${pkg.name}: refusing to pack, the build output is missing (run \`pnpm build\` first):\n` +
      missing.map((path) => `  ${path}\n`).join(''),
  );
  process.exit(1);
}
