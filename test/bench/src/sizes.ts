// Sizes: every public Onair entry and every peer, bundled the same way (esbuild, minified,
// production, browser ESM, all dependencies), in raw, gzip -9 and brotli q11 bytes.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build, type Metafile, type Plugin } from 'esbuild';
import { workspaceAliases } from '../../../scripts/workspace-aliases.js';
import { BENCH, ROOT } from './paths.js';
import { log, type ScenarioResult } from './report.js';

export interface Bytes {
  raw: number;
  gzip: number;
  brotli: number;
}

export interface SizeRow extends Bytes {
  id: string;
  kind: 'ours' | 'peer';
  /** What the entry imports and calls. */
  entry: string;
  /** All chunks, as a server sends them. Of these, `lazy` is only reached through `import()`. */
  lazy?: Bytes;
  budget?: number;
  withinBudget?: boolean;
  /** Our entry this peer is compared with, and ours / peer in brotli bytes. */
  versus?: string;
  ratio?: number;
  /** ANCHORS.md's brotli figure for the same package, for comparison. */
  anchor?: number;
  version?: string;
  note?: string;
}

interface EntrySpec {
  id: string;
  code: string;
  versus?: string;
  anchor?: number;
  /** Package whose version is reported. */
  pkg?: string;
  note?: string;
}

/** The peers, each imported the way its README tells a user to. CSS files are not counted. */
export const PEERS: EntrySpec[] = [
  {
    id: 'Segment analytics-next',
    pkg: '@segment/analytics-next',
    versus: '@onair/telemetry',
    anchor: 28_455,
    code: `import { AnalyticsBrowser } from '@segment/analytics-next';
export const analytics = AnalyticsBrowser.load({ writeKey: 'KEY' });
analytics.track('bench', { n: 1 });`,
  },
  {
    id: 'PostHog default',
    pkg: 'posthog-js',
    versus: '@onair/telemetry',
    anchor: 107_067,
    code: `import posthog from 'posthog-js';
posthog.init('KEY', { api_host: 'https://collector.invalid' });
posthog.capture('bench', { n: 1 });`,
  },
  {
    id: 'PostHog slim',
    pkg: 'posthog-js',
    versus: '@onair/telemetry',
    anchor: 48_008,
    code: `import { posthog } from 'posthog-js/dist/module.slim.js';
posthog.init('KEY', { api_host: 'https://collector.invalid' });
posthog.capture('bench', { n: 1 });`,
  },
  {
    id: 'Snowplow browser tracker',
    pkg: '@snowplow/browser-tracker',
    versus: '@onair/telemetry',
    anchor: 16_199,
    code: `import { newTracker, trackPageView, trackSelfDescribingEvent } from '@snowplow/browser-tracker';
newTracker('sp', 'https://collector.invalid');
trackPageView();
trackSelfDescribingEvent({ event: { schema: 'iglu:com.example/bench/jsonschema/1-0-0', data: { n: 1 } } });`,
  },
  {
    id: 'RudderStack default',
    pkg: '@rudderstack/analytics-js',
    versus: '@onair/telemetry',
    anchor: 30_345,
    note: 'plugins fetched from its CDN at run time',
    code: `import { RudderAnalytics } from '@rudderstack/analytics-js';
export const rudder = new RudderAnalytics();
rudder.load('KEY', 'https://collector.invalid');
rudder.track('bench', { n: 1 });`,
  },
  {
    id: 'RudderStack bundled',
    pkg: '@rudderstack/analytics-js',
    versus: '@onair/telemetry',
    anchor: 44_857,
    code: `import { RudderAnalytics } from '@rudderstack/analytics-js/bundled';
export const rudder = new RudderAnalytics();
rudder.load('KEY', 'https://collector.invalid');
rudder.track('bench', { n: 1 });`,
  },
  {
    id: 'Shoelace rating',
    pkg: '@shoelace-style/shoelace',
    versus: 'onair/onair-poll.js',
    anchor: 13_315,
    code: `import '@shoelace-style/shoelace/dist/components/rating/rating.js';`,
  },
  {
    id: 'Material Web radio',
    pkg: '@material/web',
    versus: 'onair/onair-poll.js',
    anchor: 12_238,
    code: `import '@material/web/radio/radio.js';`,
  },
  {
    id: 'Shoelace whole library',
    pkg: '@shoelace-style/shoelace',
    versus: 'onair',
    anchor: 87_735,
    code: `import '@shoelace-style/shoelace/dist/shoelace.js';`,
  },
  {
    id: 'SurveyJS core + UI',
    pkg: 'survey-js-ui',
    versus: 'onair/onair-survey.js',
    anchor: 272_842,
    code: `import { Model } from 'survey-core';
import { renderSurvey } from 'survey-js-ui';
export function show(json, element) { renderSurvey(new Model(json), element); }`,
  },
];

interface Budgets {
  widget: number;
  entries: Record<string, number>;
}
const budgets = readJson(join(BENCH, 'budgets.json')) as Budgets;

export function budgetFor(id: string): number | undefined {
  return budgets.entries[id] ?? (/^onair\/onair-[\w-]+\.js$/.test(id) ? budgets.widget : undefined);
}

/**
 * Our entries, read off the `onair` package's `exports`, so a new `./onair-<tag>.js` subpath shows
 * up here by itself: the telemetry client, each element, the umbrella; the CDN file is measured apart.
 */
export function ourEntries(): EntrySpec[] {
  const pkg = readJson(join(ROOT, 'packages/onair/package.json')) as { exports: Record<string, unknown> };
  const specs: EntrySpec[] = [
    {
      id: '@onair/telemetry',
      pkg: '@onair/telemetry',
      code: `import { createTelemetry } from '@onair/telemetry';
export const telemetry = createTelemetry({ endpoint: 'https://collector.invalid/v1/events' });
telemetry.track('bench', { n: 1 });`,
    },
  ];
  const tags = Object.keys(pkg.exports)
    .filter((subpath) => /^\.\/onair-[\w-]+\.js$/.test(subpath))
    .sort();
  for (const subpath of tags) {
    const id = `onair/${subpath.slice(2)}`;
    specs.push({ id, pkg: 'onair', code: `export * from '${id}';` });
  }
  if (pkg.exports['.']) specs.push({ id: 'onair', pkg: 'onair', code: `export * from 'onair';` });
  return specs;
}

const aliases = workspaceAliases();

/** Resolves bare specifiers from the bench package, so peers installed here are found. */
const virtualEntry = (code: string): Plugin => ({
  name: 'bench-entry',
  setup(b) {
    b.onResolve({ filter: /^bench-entry$/ }, () => ({ path: 'bench-entry', namespace: 'bench-entry' }));
    b.onLoad({ filter: /.*/, namespace: 'bench-entry' }, () => ({
      contents: code,
      loader: 'js',
      resolveDir: BENCH,
    }));
  },
});

export function compress(code: Uint8Array): Bytes {
  return {
    raw: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: code.length,
      },
    }).length,
  };
}

const add = (a: Bytes, b: Bytes): Bytes => ({
  raw: a.raw + b.raw,
  gzip: a.gzip + b.gzip,
  brotli: a.brotli + b.brotli,
});
const ZERO: Bytes = { raw: 0, gzip: 0, brotli: 0 };

/**
 * Bundles `code` with code splitting, so a dependency's own `import()` stays a separate chunk:
 * the entry chunk plus its static imports is what a page loads up front (`initial`); the rest is
 * reported as `lazy`. Each chunk is compressed on its own, as a server would send it.
 */
export async function measure(code: string): Promise<{ initial: Bytes; lazy: Bytes }> {
  const result = await build({
    entryPoints: ['bench-entry'],
    // Chunk names hash paths relative to the working folder: fixed, so figures do not depend on
    // where the bench runs from (`pnpm sizes` or the budget test).
    absWorkingDir: BENCH,
    plugins: [virtualEntry(code)],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    minify: true,
    write: false,
    outdir: join(BENCH, '.out'),
    metafile: true,
    target: 'es2022',
    alias: aliases,
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    logLevel: 'silent',
  });
  const files = new Map(result.outputFiles.map((f) => [relative(BENCH, f.path), f.contents]));
  const outputs = (result.metafile as Metafile).outputs;
  const entry = Object.keys(outputs).find((o) => outputs[o]?.entryPoint);
  const initial = new Set<string>();
  const visit = (path: string) => {
    if (initial.has(path)) return;
    initial.add(path);
    for (const imp of outputs[path]?.imports ?? []) if (imp.kind === 'import-statement') visit(imp.path);
  };
  if (entry) visit(entry);
  let first = ZERO;
  let lazy = ZERO;
  for (const [path, contents] of files) {
    if (!path.endsWith('.js')) continue; // CSS and assets are not counted
    const bytes = compress(contents);
    if (initial.has(path)) first = add(first, bytes);
    else lazy = add(lazy, bytes);
  }
  return { initial: first, lazy };
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

export function versionOf(pkg: string): string | undefined {
  for (const dir of [join(BENCH, 'node_modules', pkg), join(ROOT, 'node_modules', pkg)]) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) return (readJson(file) as { version: string }).version;
  }
  return undefined;
}

function ourVersion(dir: string): string {
  return (readJson(join(ROOT, 'packages', dir, 'package.json')) as { version: string }).version;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** The CDN files, measured as shipped: each is what a page loads by itself. */
const CDN_FILES = [
  { id: 'onair/onair.js', file: 'dist/onair.js', note: 'single-file build, every element' },
  {
    id: 'onair/autoloader.js',
    file: 'dist/cdn/autoloader.js',
    note: 'the loader alone; each tag loads its chunk',
  },
];

/** A CDN file as `pnpm build` wrote it; built first (vite.cdn.config.ts) when missing. */
function measureCdnFile(spec: (typeof CDN_FILES)[number]): SizeRow {
  const file = join(ROOT, 'packages/onair', spec.file);
  let note = `${spec.note}; dist/${spec.file.slice(5)} as built by \`pnpm build\``;
  if (!existsSync(file)) {
    log(`  building packages/onair/${spec.file} (vite.cdn.config.ts)…`);
    for (const env of [{}, { ONAIR_CDN: 'single' }])
      execFileSync('pnpm', ['--filter', 'onair', 'exec', 'vite', 'build', '--config', 'vite.cdn.config.ts'], {
        cwd: ROOT,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    note = `${spec.note}; built now with vite.cdn.config.ts`;
  }
  const built = statSync(file).mtimeMs;
  const sources = Math.max(
    ...['core', 'polls', 'gifts', 'commerce', 'games', 'onair'].map((p) =>
      newestMtime(join(ROOT, 'packages', p, 'src')),
    ),
  );
  if (sources > built) note += '; older than its sources — run `pnpm build` for a current figure';
  const bytes = compress(readFileSync(file));
  const budget = budgetFor(spec.id);
  return {
    id: spec.id,
    kind: 'ours',
    entry: `packages/onair/${spec.file}`,
    ...bytes,
    ...(budget ? { budget, withinBudget: bytes.brotli <= budget } : {}),
    version: ourVersion('onair'),
    note,
  };
}

/**
 * Every public entry of ours with its budget: bundled entries count everything they can load
 * (initial + lazy chunks); CDN files count themselves. What `pnpm test` checks against the budgets.
 */
export async function ourSizes(): Promise<SizeRow[]> {
  const rows: SizeRow[] = [];
  for (const spec of ourEntries()) {
    const { initial, lazy } = await measure(spec.code);
    const budget = budgetFor(spec.id);
    rows.push({
      id: spec.id,
      kind: 'ours',
      entry: spec.code,
      ...add(initial, lazy),
      ...(lazy.raw ? { lazy } : {}),
      ...(budget ? { budget, withinBudget: initial.brotli + lazy.brotli <= budget } : {}),
      version: ourVersion(spec.pkg === 'onair' ? 'onair' : 'telemetry'),
    });
  }
  for (const spec of CDN_FILES) rows.push(measureCdnFile(spec));
  return rows;
}

export async function sizes(): Promise<ScenarioResult> {
  const rows = await ourSizes();
  for (const spec of PEERS) {
    const { initial, lazy } = await measure(spec.code);
    // Compare with our entry when it exists; a peer for a widget not built yet waits for it.
    const ours = rows.find((r) => r.id === spec.versus);
    rows.push({
      id: spec.id,
      kind: 'peer',
      entry: spec.code,
      ...add(initial, lazy),
      ...(lazy.raw ? { lazy } : {}),
      ...(spec.versus ? { versus: spec.versus } : {}),
      ...(ours ? { ratio: ours.brotli / (initial.brotli + lazy.brotli) } : {}),
      ...(spec.anchor ? { anchor: spec.anchor } : {}),
      ...(spec.pkg ? { version: versionOf(spec.pkg) } : {}),
      ...(spec.note ? { note: spec.note } : {}),
    } as SizeRow);
  }
  const over = rows.filter((r) => r.withinBudget === false).map((r) => r.id);
  return {
    id: 'sizes',
    title: 'Bundle sizes (esbuild, minified, production ESM, all dependencies; gzip -9, brotli q11)',
    status: 'ok',
    ...(over.length ? { note: `over budget: ${over.join(', ')}` } : {}),
    figures: rows.map((r) => ({
      name: `${r.id} brotli`,
      unit: 'bytes',
      median: r.brotli,
      min: r.brotli,
      max: r.brotli,
      runs: 1,
      samples: [r.brotli],
    })),
    details: rows,
  };
}
