// The red-packet rain end to end: the real server (temp SQLite file) in this process, two viewers in
// Chromium on a page that loads `onair` as a consumer's bundler would. Ops put a gift catalog in the
// room and start a coins rain over the REST API; Ann plays with the keyboard on the falling
// packets, Bo (reduced motion) taps the calm grid. Every packet either page opened is in the gift
// ledger, credited to that viewer; the ledger's rain rows add up to the budget and to the grabs.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundlePageScript } from '../support/page-script.js';
import { type StaticServer, serve } from '../support/static-server.js';
import { launchChromium } from './support/chromium.js';
import { type LiveServer, startLiveServer } from './support/live-server.js';
import { watchForBreakage } from './support/page-problems.js';

const ROOM = 'e2e-rain';
const CATALOG = {
  categories: [{ id: 'hot', name: 'Hot', gifts: [{ id: 'rose', name: 'Rose', price: 10, icon: 'rose' }] }],
};
const RAIN = {
  id: 'r1',
  unit: 'coins',
  budget: 888,
  count: 8,
  minimum: 20,
  maxPerViewer: 5,
  durationMs: 30_000,
};

let browser: Browser;
let live: LiveServer;
let site: StaticServer;

beforeAll(async () => {
  // Each page records the packets the server gave it, as the element reports them.
  const script = await bundlePageScript(
    `import 'onair'; window.opened = []; document.addEventListener('onair-packet-open', (e) => window.opened.push(e.detail.amount));`,
  );
  [browser, live] = await Promise.all([launchChromium(), startLiveServer(ROOM)]);
  site = await serve((req, res) => {
    if (req.url === '/page.js')
      return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    const name = new URL(req.url ?? '/', 'http://x').searchParams.get('name') ?? '';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
      <html lang="en"><head><meta name="viewport" content="width=device-width"></head><body>
      <onair-room room="${ROOM}" server="${live.url}" lang="en">
        <onair-red-packet-rain player-name="${name}"></onair-red-packet-rain>
      </onair-room>
      <script type="module" src="/page.js"></script></body></html>`);
  });
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await live?.close();
});

interface Viewer {
  name: string;
  page: Page;
  problems: string[];
}

/** A viewer in a browser context of their own (their own anonymous id). */
async function viewer(name: string, reducedMotion: 'reduce' | 'no-preference'): Promise<Viewer> {
  const page = await browser.newPage({ viewport: { width: 390, height: 800 }, reducedMotion });
  const problems = watchForBreakage(page);
  await page.goto(`${site.origin}/?name=${name}`);
  return { name, page, problems };
}

async function ops(method: string, path: string, input?: unknown, status = 200) {
  const { status: got, body } = await live.ops(method, path, input);
  expect(got, `${method} ${path}: ${JSON.stringify(body)}`).toBe(status);
  return body;
}

const phase = (v: Viewer) =>
  v.page.locator('onair-red-packet-rain [part~="base"]').getAttribute('data-phase');
const opened = (v: Viewer) => v.page.evaluate(() => (window as unknown as { opened: number[] }).opened);

/** Ann: Tab to the rain, Enter grabs the packet in focus; again until she has her five or none are left. */
async function playWithKeys(v: Viewer): Promise<void> {
  await v.page.locator('onair-red-packet-rain canvas').focus();
  while ((await phase(v)) === 'raining' && (await opened(v)).length < RAIN.maxPerViewer) {
    await v.page.keyboard.press(Math.random() < 0.5 ? 'ArrowRight' : 'ArrowLeft');
    await v.page.keyboard.press('Enter');
    await v.page.waitForTimeout(200);
  }
}

/** Bo: taps the grid's closed packets one after another. */
async function playTheGrid(v: Viewer): Promise<void> {
  while ((await phase(v)) === 'raining' && (await opened(v)).length < RAIN.maxPerViewer) {
    const closed = v.page.locator('onair-red-packet-rain [part~="packet"]:not([data-opened])');
    if (await closed.count())
      await closed
        .first()
        .click({ timeout: 2_000 })
        .catch(() => {});
    await v.page.waitForTimeout(200);
  }
}

interface LedgerEntry {
  viewer: string;
  kind: string;
  amount: number;
  balance: number;
}

describe('red-packet rain on the reference server', () => {
  it('two viewers grab every packet; what their pages opened is what the wallet ledger credited', async () => {
    await ops('PUT', '/gifts/catalog', CATALOG);
    const ann = await viewer('Ann', 'no-preference');
    const bo = await viewer('Bo', 'reduce');
    for (const v of [ann, bo]) await expect.poll(() => phase(v), { timeout: 15_000 }).toBe('none');

    await ops('POST', '/rains', RAIN, 201);
    for (const v of [ann, bo]) await expect.poll(() => phase(v), { timeout: 5_000 }).toBe('raining');
    await Promise.all([playWithKeys(ann), playTheGrid(bo)]);
    for (const v of [ann, bo]) await expect.poll(() => phase(v), { timeout: 5_000 }).toBe('ended');

    const annGot = await opened(ann);
    const boGot = await opened(bo);
    expect(annGot.length + boGot.length).toBe(RAIN.count);
    expect(Math.max(annGot.length, boGot.length)).toBeLessThanOrEqual(RAIN.maxPerViewer);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(annGot) + sum(boGot)).toBe(RAIN.budget);
    expect(Math.min(...annGot, ...boGot)).toBeGreaterThanOrEqual(RAIN.minimum);

    // The ledger: one `rain` row per packet, by viewer, with the balance after it.
    const { entries } = (await ops('GET', '/gifts/ledger')) as unknown as { entries: LedgerEntry[] };
    const rows = entries.filter((e) => e.kind === 'rain');
    expect(sum(rows.map((r) => r.amount))).toBe(RAIN.budget);
    const byViewer = new Map<string, number[]>();
    for (const row of rows) byViewer.set(row.viewer, [...(byViewer.get(row.viewer) ?? []), row.amount]);
    expect([...byViewer.values()].map((xs) => [...xs].sort()).sort()).toEqual(
      [annGot, boGot].map((xs) => [...xs].sort()).sort(),
    );
    for (const [key, amounts] of byViewer) {
      const mine = rows.filter((r) => r.viewer === key);
      // Each credit adds to the wallet every viewer starts with (10,000 coins).
      expect(mine.at(-1)!.balance).toBe(10_000 + sum(amounts));
      const book = (await ops('GET', `/gifts/ledger?viewer=${key.slice(2)}`)) as { balance: number };
      expect(book.balance).toBe(10_000 + sum(amounts));
    }
    // The rain's own log says the same.
    const grabs = (await ops('GET', '/rains/r1/grabs')) as { credited: number; grabs: unknown[] };
    expect(grabs).toMatchObject({ credited: RAIN.budget });
    expect(grabs.grabs).toHaveLength(RAIN.count);

    // Each page's summary shows its own total and the same top grabbers.
    for (const [v, got] of [
      [ann, annGot],
      [bo, boGot],
    ] as const) {
      const total = await v.page.locator('onair-red-packet-rain [part~="total"]').textContent();
      expect(total).toBe(got.length ? `${sum(got)} coins` : 'No packets this time.');
      const board = await v.page.locator('onair-red-packet-rain [part~="entry"]').allTextContents();
      expect(board.map((row) => row.replace(/\s+/g, ' ').replace(' (You)', '').trim())).toEqual(
        [
          ['Ann', sum(annGot), annGot.length],
          ['Bo', sum(boGot), boGot.length],
        ]
          .filter(([, , n]) => n)
          .sort((a, b) => (b[1] as number) - (a[1] as number) || (b[2] as number) - (a[2] as number))
          .map(([name, total], i) => `${i + 1} ${name} ${(total as number).toLocaleString('en')} coins`),
      );
      expect(v.problems).toEqual([]);
    }
  }, 90_000);
});
