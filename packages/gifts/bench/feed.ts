// Gift feed benchmark: `npx tsx packages/gifts/bench/feed.ts [--json] [--rate 500] [--seconds 10]`.
// Bundles feed-page.ts like a production build, serves it on loopback, drives <onair-gift-feed> (and
// the big-gift <onair-gift-effects> layer over a stage above it) at
// `rate` gift sends per second in headless Chromium and reports frame time p50/p95 (rAF deltas),
// long tasks and the peak number of nodes in the feed's shadow root.
// Two scenarios: `server-like` (feed and stats broadcast at most every 100 ms, as the server's
// rooms coalesce) and `per-event` (every send its own delta: the client alone must coalesce).
import { join } from 'node:path';
import { servePage } from '../../../test/bench/src/page-bench.js';
import type { FeedRun } from './feed-page.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const json = args.includes('--json');
const rate = flag('rate', 500);
const seconds = flag('seconds', 10);
const log = (message: string) => process.stderr.write(`${message}\n`);

const { origin, browser, close } = await servePage(join(import.meta.dirname, 'feed-page.ts'), {
  head: '<title>feed bench</title><style>.stage{position:relative;block-size:320px;background:#123}</style>',
});
const results: (FeedRun & { scenario: string; rate: number; seconds: number })[] = [];
try {
  for (const [scenario, flushMs] of [
    ['server-like', 100],
    ['per-event', 0],
  ] as const) {
    log(`gift feed: ${scenario}, ${rate} sends/s for ${seconds} s…`);
    const tab = await browser.newPage({ viewport: { width: 420, height: 800 } });
    await tab.goto(origin);
    await tab.waitForFunction(() => typeof window.feedBench === 'function');
    const run = await tab.evaluate(
      ([r, ms, f]) => window.feedBench(r!, ms!, f!),
      [rate, seconds * 1000, flushMs],
    );
    results.push({ scenario, rate, seconds, ...run });
    await tab.close();
  }
} finally {
  await close();
}

const round = (n: number) => Math.round(n * 10) / 10;
if (json)
  process.stdout.write(
    `${JSON.stringify({ bench: 'gift-feed', chromium: browser.version(), results }, null, 2)}\n`,
  );
else {
  const rows = results.map((r) => ({
    scenario: r.scenario,
    'sends/s': round((r.sent / r.elapsedMs) * 1000),
    'frame p50 ms': round(r.frameP50),
    'frame p95 ms': round(r.frameP95),
    'frame max ms': round(r.frameMax),
    'long tasks': r.longTasks,
    'longest task ms': round(r.longTaskMaxMs),
    'peak DOM nodes': r.peakNodes,
    renders: r.renders,
    'events seen': r.eventsSeen,
  }));
  console.table(rows);
  for (const r of results) {
    const ok = r.frameP95 <= 20 && r.longTaskMaxMs < 50;
    console.log(`${r.scenario}: aim (p95 frame ≤ 20 ms, no long task ≥ 50 ms) ${ok ? 'met' : 'NOT met'}`);
  }
}
