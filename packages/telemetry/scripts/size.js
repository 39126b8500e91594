// Size of `createTelemetry` + `track` as a page would ship it: esbuild bundle, minified ESM,
// production, then gzip -9 and brotli q11. Run: node packages/telemetry/scripts/size.js
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const entry = `import { createTelemetry } from ${JSON.stringify(new URL('../src/index.ts', import.meta.url).pathname)};
const t = createTelemetry({ endpoint: '/v1/events' });
t.track('poll.vote', { option: 1 });`;

const result = await build({
  stdin: { contents: entry, resolveDir: import.meta.dirname, loader: 'ts' },
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  write: false,
  define: { 'process.env.NODE_ENV': '"production"' },
});
const code = result.outputFiles[0].contents;
const brotli = brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const gzip = gzipSync(code, { level: 9 }).length;
// The one budget, test/bench/budgets.json (what `pnpm test` enforces).
const budgets = JSON.parse(
  readFileSync(new URL('../../../test/bench/budgets.json', import.meta.url), 'utf8'),
);
const budget = budgets.entries['@onair/telemetry'];
console.log(
  `createTelemetry + track: ${code.length} B minified, ${gzip} B gzip, ${brotli} B brotli (budget ${budget})`,
);
if (brotli > budget) process.exitCode = 1;
