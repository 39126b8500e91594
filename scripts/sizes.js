// Size of each public entry as a standalone, minified, production ES module bundle with all of
// its dependencies, in raw, gzip and brotli bytes. Usage: `pnpm sizes [--json]`.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { workspaceAliases } from './workspace-aliases.js';

/** Entry → brotli budget in bytes (see BENCHMARKS.md). */
export const budgets = {
  'onair/onair-poll.js': 15_000,
  'onair/onair-room.js': 12_000,
  onair: 45_000,
};

const aliases = workspaceAliases();

export async function measure(specifier) {
  const result = await build({
    stdin: {
      contents: `export * from ${JSON.stringify(specifier)};`,
      resolveDir: import.meta.dirname,
      loader: 'js',
    },
    bundle: true,
    format: 'esm',
    minify: true,
    write: false,
    target: 'es2022',
    alias: aliases,
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
  });
  const code = result.outputFiles[0].contents;
  return {
    raw: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = [];
  for (const [entry, budget] of Object.entries(budgets))
    rows.push({ entry, ...(await measure(entry)), budget });
  if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
  else {
    console.log(
      'entry'.padEnd(24),
      'raw'.padStart(8),
      'gzip'.padStart(8),
      'brotli'.padStart(8),
      'budget'.padStart(8),
      '',
    );
    for (const r of rows)
      console.log(
        r.entry.padEnd(24),
        String(r.raw).padStart(8),
        String(r.gzip).padStart(8),
        String(r.brotli).padStart(8),
        String(r.budget).padStart(8),
        r.brotli <= r.budget ? 'within' : 'OVER',
      );
  }
}
