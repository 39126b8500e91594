// Browser runtime: the bench pages (src/pages) bundled like a production build, served from a
// loopback HTTP server (which is also the telemetry sink), run in headless Debian Chromium.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { type Browser, type CDPSession, chromium, type Page } from 'playwright-core';
import { workspaceAliases } from '../../../scripts/workspace-aliases.js';
import { BENCH, ROOT } from './paths.js';
import { collector, log, type ScenarioResult } from './report.js';
import { type ChildBench, childBench, flatten, lastJson } from './server.js';

/** Filled in when Chromium starts. */
export const browserInfo = { version: '' };

export interface BrowserOptions {
  runs: number;
  /** Length of the tally stream, ms (the figure is 10 s). */
  tallyMs: number;
}

/** The flags of test/e2e/support/chromium.ts, plus: every host but loopback fails to resolve. */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

interface Site {
  origin: string;
  sink: { requests: number; bytes: number; last: number };
  close(): Promise<void>;
}

async function bundlePages(): Promise<Map<string, Uint8Array>> {
  const dir = join(BENCH, 'src/pages');
  const entryPoints = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && f !== 'harness.ts')
    .map((f) => join(dir, f));
  // Split like a production app: without it, esbuild wraps modules shared with an `import()` in
  // lazy initialisers and, trusting `sideEffects`, can drop the initialiser call of a static import.
  const result = await build({
    entryPoints,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    minify: true,
    write: false,
    outdir: join(BENCH, '.out'),
    target: 'es2022',
    alias: workspaceAliases(),
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    define: { 'process.env.NODE_ENV': '"production"' },
    banner: { js: 'window.__benchT0??=performance.now();' },
    legalComments: 'none',
    logLevel: 'error',
  });
  return new Map(result.outputFiles.map((f) => [`/${f.path.split('/').pop()}`, f.contents]));
}

/** Serves `/<page>.html` → `<page>.js`; any POST under `/sink/` is a collector answering 200. */
async function serve(files: Map<string, Uint8Array>): Promise<Site> {
  const sink = { requests: 0, bytes: 0, last: 0 };
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path.startsWith('/sink/')) {
      req.on('data', (chunk: Buffer) => {
        sink.bytes += chunk.length;
      });
      req.on('end', () => {
        sink.requests++;
        sink.last = performance.now();
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
      return;
    }
    const page = path.match(/^\/([\w-]+)\.html$/)?.[1];
    if (page && files.has(`/${page}.js`)) {
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(`<!doctype html><meta charset="utf-8"><body><script type="module" src="/${page}.js"></script>`);
      return;
    }
    const file = files.get(path);
    if (file) res.writeHead(200, { 'content-type': 'text/javascript' }).end(file);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    sink,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function open(browser: Browser, site: Site, page: string): Promise<{ page: Page; cdp: CDPSession }> {
  const context = await browser.newContext();
  const p = await context.newPage();
  const cdp = await context.newCDPSession(p);
  await cdp.send('Performance.enable');
  await p.goto(`${site.origin}/${page}.html`);
  await p.waitForFunction(() => window.bench !== undefined || window.benchResult !== undefined);
  return { page: p, cdp };
}

/** Main-thread task time so far, seconds (CDP `Performance.getMetrics` TaskDuration). */
async function taskSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? Number.NaN;
}

async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

async function firstPaint(browser: Browser, site: Site, runs: number): Promise<ScenarioResult> {
  const c = collector();
  for (let run = 0; run < Math.max(runs, 5); run++) {
    const { page } = await open(browser, site, 'first-paint');
    await page.waitForFunction(() => window.benchResult !== undefined, undefined, { timeout: 15_000 });
    const r = (await page.evaluate(() => window.benchResult)) as Record<string, number> & { error?: string };
    await page.context().close();
    if (r.error) throw new Error(r.error);
    c.add({
      'module evaluation → elements defined': ['ms', r.evalToDefinedMs!],
      'module evaluation → poll rendered (question in its DOM)': ['ms', r.evalToRenderMs!],
      'module evaluation → first poll paint (next frame)': ['ms', r.evalToPaintMs!],
      'navigation start → first poll paint': ['ms', r.navigationToPaintMs!],
    });
  }
  return {
    id: 'first-paint',
    title: 'Time to first widget paint (<onair-poll> on an in-memory room, fresh page each run)',
    status: 'ok',
    figures: c.figures(),
  };
}

async function tally(browser: Browser, site: Site, o: BrowserOptions): Promise<ScenarioResult> {
  const c = collector();
  let stale = 0;
  for (let run = 0; run < o.runs; run++) {
    const { page, cdp } = await open(browser, site, 'tally');
    const before = await taskSeconds(cdp);
    const wall = performance.now();
    const r = (await page.evaluate(
      ([rate, ms]) => window.bench.tally!(rate as never, ms as never),
      [1000, o.tallyMs],
    )) as Record<string, number>;
    const busy = (await taskSeconds(cdp)) - before;
    const busyPct = ((busy * 1000) / (performance.now() - wall)) * 100;
    await page.context().close();
    if (!r.upToDate) stale++;
    c.add({
      'deltas delivered': ['deltas/s', r.deltasPerSec!],
      'renders per frame': ['renders/frame', r.rendersPerFrame!],
      'frame rate': ['fps', r.fps!],
      'long tasks': ['count', r.longTasks!],
      'long task time': ['ms', r.longTaskMs!],
      'main thread busy': ['%', busyPct],
    });
  }
  return {
    id: 'poll-tally',
    title: `<onair-poll> under 1,000 tally deltas/s for ${o.tallyMs / 1000} s (one task per delta)`,
    status: 'ok',
    ...(stale ? { note: `${stale} run(s) ended without the last tally on screen` } : {}),
    figures: c.figures(),
  };
}

async function mountUnmount(browser: Browser, site: Site, o: BrowserOptions): Promise<ScenarioResult> {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'packages/onair/package.json'), 'utf8')) as {
    exports: Record<string, unknown>;
  };
  const tags = Object.keys(pkg.exports)
    .map((s) => s.match(/^\.\/(onair-[\w-]+)\.js$/)?.[1])
    .filter((t): t is string => Boolean(t));
  const c = collector();
  const cycles = 5;
  for (let run = 0; run < o.runs; run++) {
    const { page, cdp } = await open(browser, site, 'mount');
    const baseline = await heapAfterGc(cdp);
    const mounted: number[] = [];
    const after: number[] = [];
    for (let cycle = 0; cycle < cycles; cycle++) {
      const m = (await page.evaluate(
        ([n, t]) => window.bench.mount!(n as never, t as never),
        [100, tags],
      )) as {
        ms: number;
      };
      mounted.push(await heapAfterGc(cdp));
      const u = (await page.evaluate(() => window.bench.unmount!())) as { ms: number };
      after.push(await heapAfterGc(cdp));
      if (cycle === 0) c.add({ 'mount 100 (first)': ['ms', m.ms], 'unmount 100 (first)': ['ms', u.ms] });
      if (cycle === cycles - 1)
        c.add({ 'mount 100 (warm)': ['ms', m.ms], 'unmount 100 (warm)': ['ms', u.ms] });
    }
    await page.context().close();
    c.add({
      'heap after GC, mounted, above empty page': ['KB', (mounted.at(-1)! - baseline) / 1024],
      'heap after GC, removed, above empty page': ['KB', (after.at(-1)! - baseline) / 1024],
      [`heap growth per mount/unmount cycle (${cycles} cycles)`]: [
        'KB',
        (after.at(-1)! - after[0]!) / 1024 / (cycles - 1),
      ],
    });
  }
  return {
    id: 'mount-unmount',
    title: `100 mixed widgets (${tags.join(', ')}, round robin) mounted then removed`,
    status: 'ok',
    figures: c.figures(),
  };
}

const TRACKERS = [
  ['onair', '@onair/telemetry'],
  ['snowplow', 'Snowplow browser tracker'],
  ['segment', 'Segment analytics-next'],
] as const;

/**
 * `track()` cost: the synchronous call, and all main-thread time the client spends on the events
 * (batching, persistence, serialisation, sending) until the sink has been quiet for 300 ms.
 */
async function trackCost(browser: Browser, site: Site, o: BrowserOptions): Promise<ScenarioResult> {
  const events = 500;
  const c = collector();
  for (let run = 0; run < o.runs; run++) {
    for (const [page, name] of TRACKERS) {
      const { page: p, cdp } = await open(browser, site, `track-${page}`);
      await p.evaluate((sink) => window.bench.setup!(sink as never), `${site.origin}/sink`);
      await p.waitForTimeout(200);
      const before = await taskSeconds(cdp);
      const requests = site.sink.requests;
      const r = (await p.evaluate((n) => window.bench.run!(n as never), events)) as { syncMs: number };
      const deadline = performance.now() + 10_000;
      while (performance.now() < deadline) {
        await p.waitForTimeout(100);
        if (site.sink.requests > requests && performance.now() - site.sink.last > 300) break;
      }
      const busy = (await taskSeconds(cdp)) - before;
      const sent = site.sink.requests - requests;
      await p.context().close();
      c.add({
        [`${name}: track() call`]: ['µs/event', (r.syncMs * 1000) / events],
        [`${name}: main-thread time incl. sending`]: ['µs/event', (busy * 1e6) / events],
        [`${name}: requests to the sink`]: ['requests', sent],
      });
    }
  }
  return {
    id: 'track-cost',
    title: `track() cost, ${events} events per run, each client with its defaults, loopback sink`,
    status: 'ok',
    figures: c.figures(),
  };
}

/** Figures of a bench that prints one JSON object, picked by key with a name and a unit. */
function pick(stdout: string, keys: Record<string, [string, string]>): Record<string, [string, number]> {
  const flat = flatten(lastJson(stdout));
  const out: Record<string, [string, number]> = {};
  for (const [key, [name, unit]] of Object.entries(keys)) if (key in flat) out[name] = [unit, flat[key]!];
  return out;
}

/** The gift feed's own bench (packages/gifts/bench/feed.ts), server-style coalescing scenario. */
const GIFT_FEED: ChildBench = {
  id: 'gift-feed',
  title: 'Gift feed at 500 events/s for 10 s (room broadcasts coalesced to ≤ 10/s, as the server does)',
  file: 'packages/gifts/bench/feed.ts',
  args: ['--json', '--rate', '500', '--seconds', '10'],
  timeoutMs: 120_000,
  parse: (stdout) =>
    pick(stdout, {
      'results.0.sent': ['events sent', 'events'],
      'results.0.frameP50': ['frame time p50', 'ms'],
      'results.0.frameP95': ['frame time p95', 'ms'],
      'results.0.frameMax': ['frame time max', 'ms'],
      'results.0.longTasks': ['long tasks', 'count'],
      'results.0.longTaskMaxMs': ['longest task', 'ms'],
      'results.0.peakNodes': ['peak DOM nodes in the feed', 'nodes'],
      'results.0.renders': ['renders', 'renders'],
    }),
};

/** The red-packet rain's own bench (packages/games/bench/rain.ts): 10 s of rain at 4× CPU slowdown. */
const RAIN: ChildBench = {
  id: 'red-packet-rain',
  title: 'Red-packet rain for 10 s at 4× CPU slowdown (a tap every 400 ms), next to an empty page',
  file: 'packages/games/bench/rain.ts',
  args: ['--json', '--seconds', '10', '--slowdown', '4'],
  timeoutMs: 120_000,
  parse: (stdout) =>
    pick(stdout, {
      'result.frameP50': ['frame time p50', 'ms'],
      'result.frameP95': ['frame time p95 (budget ≤ 20)', 'ms'],
      'result.frameMax': ['frame time max', 'ms'],
      'result.longTasks': ['long tasks', 'count'],
      'result.longTaskMaxMs': ['longest task', 'ms'],
      'result.opened': ['packets opened', 'packets'],
      'result.scale': ['canvas pixels per CSS px at the end (2, or 1 after slow frames)', 'px'],
      'baseline.frameP95': ['frame time p95, empty page (baseline)', 'ms'],
      'baseline.longTasks': ['long tasks, empty page (baseline)', 'count'],
    }),
};

/** The product shelf's own bench (packages/commerce/bench/shelf.ts). */
const SHELF: ChildBench = {
  id: 'product-shelf',
  title: 'Product shelf with 500 products: mount, open, scroll to the end',
  file: 'packages/commerce/bench/shelf.ts',
  args: ['--json'],
  timeoutMs: 120_000,
  parse: (stdout) =>
    pick(stdout, {
      mountMs: ['mount', 'ms'],
      openMs: ['open the panel', 'ms'],
      'longTasksByPhase.mount': ['long tasks while mounting', 'count'],
      'longTasksByPhase.open': ['long tasks while opening', 'count'],
      'longTasksByPhase.scroll': ['long tasks while scrolling', 'count'],
      longTaskMaxMs: ['longest task', 'ms'],
      frameP95Ms: ['frame time p95 while scrolling', 'ms'],
      domNodes: ['DOM nodes', 'nodes'],
    }),
};

export async function browserScenarios(
  o: BrowserOptions,
  run: (id: string, title: string, scenario: () => Promise<ScenarioResult>) => Promise<ScenarioResult>,
): Promise<ScenarioResult[]> {
  const files = await bundlePages();
  const site = await serve(files);
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ARGS,
  });
  browserInfo.version = browser.version();
  log(`  Chromium ${browserInfo.version}`);
  try {
    return [
      await run('first-paint', 'Time to first widget paint', () => firstPaint(browser, site, o.runs)),
      await run('poll-tally', 'Poll tally stream', () => tally(browser, site, o)),
      await run('gift-feed', GIFT_FEED.title, () => childBench(GIFT_FEED, o.runs)),
      await run('product-shelf', SHELF.title, () => childBench(SHELF, o.runs)),
      await run('red-packet-rain', RAIN.title, () => childBench(RAIN, o.runs)),
      await run('mount-unmount', '100 widgets mount/unmount', () => mountUnmount(browser, site, o)),
      await run('track-cost', 'track() cost', () => trackCost(browser, site, o)),
    ];
  } finally {
    await browser.close();
    await site.close();
  }
}
