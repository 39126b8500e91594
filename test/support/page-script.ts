/**
 * A test page's module script bundled as a consumer's bundler would: every `@onair/*` and `onair`
 * import from the sources, decorators as the packages compile them, production mode.
 */
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { workspaceAliases } from '../../scripts/workspace-aliases.js';

export async function bundlePageScript(contents: string): Promise<string> {
  const bundle = await build({
    stdin: { contents, resolveDir: resolve(import.meta.dirname, '../..'), loader: 'js' },
    bundle: true,
    format: 'esm',
    write: false,
    alias: workspaceAliases(),
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return bundle.outputFiles[0]!.text;
}
