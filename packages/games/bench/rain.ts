// Red-packet rain benchmark: `npx tsx packages/games/bench/rain.ts [--json] [--seconds 10] [--slowdown 4]`.
// Bundles rain-page.ts like a production build, serves it on loopback, and lets it rain in headless
// Chromium with the CPU slowed `slowdown` times (CDP `Emulation.setCPUThrottlingRate`, the
// mid-range phone profile): frame time p50/p95 (rAF deltas), long tasks, taps and packets opened.
// Budget: p95 frame ≤ 20 ms. Exits 1 when it is missed.
import { join } from 'node:path';
import { servePage } from '../../../test/bench/src/page-bench.js';
import type { RainRun } from './rain-page.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const json = args.includes('--json');
const seconds = flag('seconds', 10);
const slowdown = flag('slowdown', 4);
const BUDGET_P95_MS = 20;
const log = (message: string) => process.stderr.write(`${message}\n`);

const { origin, browser, close } = await servePage(join(import.meta.dirname, 'rain-page.ts'), {
  head: '<title>rain bench</title>',
});
let result: RainRun;
let baseline: RainRun;
try {
  log(`red-packet rain: ${seconds} s at ${slowdown}× CPU slowdown…`);
  const tab = await browser.newPage({ viewport: { width: 390, height: 800 }, deviceScaleFactor: 3 });
  const cdp = await tab.context().newCDPSession(tab);
  await tab.goto(origin);
  await tab.waitForFunction(() => typeof window.rainBench === 'function');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
  if (process.env.RAIN_TAP_MS)
    await tab.evaluate((ms) => Object.assign(window, { tapEveryMs: ms }), Number(process.env.RAIN_TAP_MS));
  result = await tab.evaluate((ms) => window.rainBench(ms), seconds * 1000);
  // Baseline: the same page and slowdown with nothing but the frame counter, right after.
  baseline = await tab.evaluate((ms) => window.rainBench(ms, false), seconds * 1000);
  await tab.close();
} finally {
  await close();
}

const ok = result.frameP95 <= BUDGET_P95_MS;
if (json)
  process.stdout.write(
    `${JSON.stringify({ bench: 'red-packet-rain', chromium: browser.version(), seconds, slowdown, budgetP95Ms: BUDGET_P95_MS, ok, result, baseline }, null, 2)}\n`,
  );
else {
  const round = (n: number) => Math.round(n * 10) / 10;
  const row = (run: string, r: RainRun) => ({
    run,
    frames: r.frames,
    'frame p50 ms': round(r.frameP50),
    'frame p95 ms': round(r.frameP95),
    'frame max ms': round(r.frameMax),
    'long tasks': r.longTasks,
    'longest task ms': round(r.longTaskMaxMs),
    taps: r.taps,
    opened: r.opened,
    scale: r.scale,
  });
  console.table([row('rain', result), row('baseline: empty page', baseline)]);
  console.log(`budget (p95 frame ≤ ${BUDGET_P95_MS} ms at ${slowdown}× slowdown): ${ok ? 'met' : 'NOT met'}`);
}
process.exitCode = ok ? 0 : 1;
