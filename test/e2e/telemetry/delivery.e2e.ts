// @onair/telemetry in real Chromium against the real collector, with faults injected. Every
// request is cross-origin (page and collector on different ports), so each test also proves the
// client stays CORS-simple: the collector must see zero preflights.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { FAST, startTelemetryRig, until } from './harness.js';

type Rig = Awaited<ReturnType<typeof startTelemetryRig>>;
let browser: Browser;
let rig: Rig;
let context: BrowserContext;

declare global {
  interface Window {
    t: import('../../../packages/telemetry/src/index.js').Telemetry;
    tracked: string[];
    dropped: string[];
    sent: number;
    ready: boolean;
  }
}

beforeAll(async () => {
  [browser, rig] = await Promise.all([launchChromium(), startTelemetryRig()]);
});
afterAll(async () => {
  await browser?.close();
  await rig?.close();
});
beforeEach(async () => {
  rig.control.mode = 'ok';
  rig.control.hold = 0;
  rig.clearStore();
  rig.resetWire();
  context = await browser.newContext();
});
afterEach(async () => {
  await context.close();
  expect(rig.wire.preflights, 'CORS preflights').toBe(0);
});

async function open(options: Record<string, unknown>, measure = false, page?: Page): Promise<Page> {
  const p = page ?? (await context.newPage());
  await p.goto(rig.pageUrl({ ...FAST, ...options }, measure));
  await p.waitForFunction(() => window.ready === true);
  return p;
}

/** Track `n` events of `type` in the page; returns the tracked ids of this page life so far. */
const track = (page: Page, n: number, type = 'poll.vote') =>
  page.evaluate(
    ([n, type]) => {
      for (let i = 0; i < n; i++)
        window.t.track(type, { i, pad: 'x'.repeat(120) }, { room: 'r1', widget: { kind: 'poll', id: 'p1' } });
      return [...window.tracked];
    },
    [n, type] as const,
  );

const missing = (ids: Iterable<string>) => {
  const stored = rig.storedIds();
  return [...ids].filter((id) => !stored.has(id));
};

// These scenarios race real browser timing (Web Locks, IndexedDB commits, unload). A race in the
// client once made (e) flaky — events whose IndexedDB write was still committing were invisible to
// the owner's unload path; fixed in client.ts (`committing`). One retry stays as a safety net for
// machine load; a retry re-runs the whole scenario with a fresh context and a cleared collector.
describe('telemetry delivery in Chromium', { retry: 1 }, () => {
  it('(a) a collector failing 30 % of requests (500/429/503/resets) gets every event exactly once after dedupe', async () => {
    rig.control.mode = 'faulty';
    const page = await open({ batchSize: 20 });
    let ids: string[] = [];
    for (let round = 0; round < 10; round++) {
      ids = await track(page, 30);
      await page.waitForTimeout(40);
    }
    await until(() => missing(ids).length === 0, 'all events stored', 40_000);
    const dropped = await page.evaluate(() => window.dropped.length);
    const w = rig.wire;
    console.log(
      `(a) tracked ${ids.length}, stored ${rig.storedIds().size}, requests ${w.posts}, faults ${JSON.stringify(w.faults)}, ` +
        `events received ${w.received}, duplicates absorbed ${w.duplicate}, dropped ${dropped}`,
    );
    expect(new Set(ids).size).toBe(ids.length);
    expect(rig.storedIds().size).toBe(ids.length); // nothing extra, nothing missing
    expect(dropped).toBe(0);
    expect(w.rejected).toBe(0);
    const injected = Object.values(w.faults).reduce((a, b) => a + b, 0);
    expect(injected / w.posts).toBeGreaterThan(0.25);
    expect(Object.keys(w.faults).length).toBe(6); // every kind happened at least once
    expect(w.faults['reset-after-store']).toBeGreaterThan(0);
    expect(w.duplicate).toBeGreaterThan(0); // batches stored then reset were resent and deduped
  });

  it('(b) reload and navigation with requests in flight lose nothing', async () => {
    rig.control.hold = 400; // every request stays in flight for 400 ms
    const page = await open({ batchSize: 25 });
    const all = new Set<string>();
    for (const id of await track(page, 100)) all.add(id);
    await until(() => rig.wire.inflight > 0, 'a request in flight');
    await page.reload();
    await page.waitForFunction(() => window.ready === true);
    for (const id of await track(page, 60)) all.add(id);
    await until(() => rig.wire.inflight > 0, 'a request in flight');
    await page.goto(`${rig.pageOrigin}/elsewhere`);
    await page.waitForTimeout(100);
    // Back on a page with the client: whatever was not acknowledged is still queued and goes out.
    await open({ batchSize: 25 }, false, page);
    for (const id of await track(page, 40)) all.add(id);
    rig.control.hold = 0;
    await until(() => missing(all).length === 0, 'all events stored', 30_000);
    console.log(
      `(b) tracked ${all.size} over 3 page lives, stored ${rig.storedIds().size}, requests ${rig.wire.posts}, ` +
        `re-sent and deduped ${rig.wire.duplicate}, lost ${missing(all).length}`,
    );
    expect(missing(all)).toEqual([]);
    expect(rig.storedIds().size).toBe(all.size);
  });

  it('(c) three tabs sharing one backlog send no id twice', async () => {
    rig.control.mode = 'down'; // build a shared backlog first
    const tabs = await Promise.all(
      [0, 1, 2].map(() => open({ batchSize: 30, retryBase: 300, retryCap: 300 })),
    );
    const all = new Set<string>();
    for (let round = 0; round < 5; round++)
      for (const tab of tabs) for (const id of await track(tab, 20, `tab.event`)) all.add(id);
    await tabs[0]!.waitForTimeout(300);
    const postsWhileDown = rig.wire.posts;
    rig.resetWire();
    rig.control.mode = 'ok';
    // More events while the owner drains the backlog; every tab keeps tracking.
    for (let round = 0; round < 3; round++) {
      for (const tab of tabs) for (const id of await track(tab, 10, `tab.event`)) all.add(id);
      await tabs[0]!.waitForTimeout(100);
    }
    await until(() => missing(all).length === 0, 'all events stored', 30_000);
    const w = rig.wire;
    console.log(
      `(c) 3 tabs tracked ${all.size}, stored ${rig.storedIds().size}, requests while down ${postsWhileDown}, ` +
        `requests after ${w.posts}, events received ${w.received}, sent twice ${w.duplicate}`,
    );
    expect(rig.storedIds().size).toBe(all.size);
    expect(w.received).toBe(all.size); // each event crossed the wire once
    expect(w.duplicate).toBe(0);
    // Only the owner tab sends: while the collector was down, one tab retried, not three.
    expect(postsWhileDown).toBeGreaterThan(0);
  });

  it('(c2) closing the owner tab hands the backlog to another tab without loss', async () => {
    rig.control.mode = 'down';
    const tabs = await Promise.all(
      [0, 1, 2].map(() => open({ batchSize: 30, retryBase: 5000, retryCap: 5000 })),
    );
    const all = new Set<string>();
    for (const tab of tabs) for (const id of await track(tab, 30)) all.add(id);
    await tabs[0]!.waitForTimeout(300);
    // Find the owner: the only tab that has sent anything.
    const sent = await Promise.all(
      tabs.map((tab) =>
        tab.evaluate(() =>
          performance.getEntriesByType('resource').some((e) => e.name.includes('/v1/events')),
        ),
      ),
    );
    const owner = sent.indexOf(true);
    expect(sent.filter(Boolean)).toHaveLength(1);
    rig.control.mode = 'ok';
    await tabs[owner]!.close({ runBeforeUnload: false });
    await until(() => missing(all).length === 0, 'all events stored after the owner closed', 30_000);
    console.log(
      `(c2) owner tab ${owner} closed with ${all.size} queued: stored ${rig.storedIds().size}, ` +
        `sent again by the next owner and deduped ${rig.wire.duplicate}`,
    );
    expect(rig.storedIds().size).toBe(all.size);
  });

  it('(d) offline pauses sending and going online flushes', async () => {
    const page = await open({});
    await until(async () => rig.storedIds().size > 0, 'session.start stored');
    rig.resetWire();
    await context.setOffline(true);
    const ids = await track(page, 50);
    await page.waitForTimeout(800); // eight flush intervals
    const postsOffline = rig.wire.posts;
    const attempts = await page.evaluate(
      () => performance.getEntriesByType('resource').filter((e) => e.name.includes('/v1/events')).length,
    );
    await context.setOffline(false);
    const online = Date.now();
    await until(() => missing(ids).length === 0, 'events stored after online');
    console.log(
      `(d) offline: ${postsOffline} requests for 800 ms; online → all ${ids.length} stored in ${Date.now() - online} ms`,
    );
    expect(postsOffline).toBe(0);
    expect(attempts).toBe(1); // only the session.start batch, sent before going offline
  });

  it('(e) the unload path stays inside the keepalive budget; the rest waits for the next load', async () => {
    rig.control.mode = 'down';
    const options = {
      batchSize: 50,
      maxItems: 5000,
      maxBytes: 4_000_000,
      retryBase: 60_000,
      retryCap: 60_000,
    };
    const page = await open(options, true);
    const ids = await track(page, 1500); // ~400 KB queued, far over the budget
    await page.evaluate(() => window.t.flush());
    // The page must own the shared queue (and have tried the collector) before it goes away.
    await until(() => rig.wire.posts > 0, 'the owner tab tried to send');
    rig.control.mode = 'ok';
    rig.control.hold = 1500; // everything sent at unload stays in flight together
    rig.resetWire();
    await page.goto(`${rig.pageOrigin}/elsewhere`);
    await page.waitForTimeout(700);
    const peakServer = { requests: rig.wire.peakInflight, bytes: rig.wire.peakBytes, posts: rig.wire.posts };
    const peakPage = JSON.parse((await page.evaluate(() => sessionStorage.getItem('peak'))) ?? '{}') as {
      n: number;
      b: number;
    };
    rig.control.hold = 0;
    await until(() => rig.wire.inflight === 0, 'unload requests answered');
    const deliveredAtUnload = rig.wire.received;
    await open(options, true, page); // the next load sends the rest
    await until(() => missing(ids).length === 0, 'the rest stored on the next load', 40_000);
    console.log(
      `(e) unload: ${peakServer.posts} requests, peak in flight ${peakServer.requests} requests / ${peakServer.bytes} B at the collector, ` +
        `${peakPage.n} / ${peakPage.b} B in the page; delivered at unload ${deliveredAtUnload} of ${ids.length}, rest on next load`,
    );
    expect(peakServer.posts).toBeGreaterThan(0);
    expect(peakServer.requests).toBeLessThanOrEqual(9);
    expect(peakServer.bytes).toBeLessThanOrEqual(60 * 1024);
    expect(peakPage.n).toBeLessThanOrEqual(9);
    expect(peakPage.b).toBeLessThanOrEqual(60 * 1024);
    expect(deliveredAtUnload).toBeGreaterThan(100);
    expect(deliveredAtUnload).toBeLessThan(ids.length);
    expect(rig.storedIds().size).toBe(ids.length);
  });

  it('(f) nothing reaches network or storage before consent; denial purges', async () => {
    const page = await open({ consent: 'pending' });
    await track(page, 20);
    await page.waitForTimeout(400);
    const before = await page.evaluate(async () => ({
      databases: (await indexedDB.databases()).map((d) => d.name),
      local: localStorage.length,
      session: sessionStorage.length,
      requests: performance.getEntriesByType('resource').filter((e) => e.name.includes('/v1/events')).length,
    }));
    expect(before).toEqual({ databases: [], local: 0, session: 0, requests: 0 });
    expect(rig.wire.posts).toBe(0);

    await page.evaluate(() => window.t.setConsent('granted'));
    await page.evaluate(() => window.t.flush());
    const granted = await page.evaluate(() => [...window.tracked]);
    await until(() => missing(granted).length === 0, 'events stored after grant');
    expect(granted).toHaveLength(21); // session.start + 20

    rig.control.mode = 'down';
    await page.evaluate(() => window.t.setConsent('granted'));
    await track(page, 10);
    await page.evaluate(() => window.t.flush());
    const queued = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((r) => {
        const req = indexedDB.open('onair-telemetry');
        req.onsuccess = () => r(req.result);
      });
      const n = await new Promise<number>((r) => {
        const req = db.transaction('q').objectStore('q').count();
        req.onsuccess = () => r(req.result);
      });
      db.close();
      return n;
    });
    expect(queued).toBe(10);
    const posts = rig.wire.posts;
    await page.evaluate(() => window.t.setConsent('denied'));
    await page.evaluate(() => window.t.track('after.denial'));
    rig.control.mode = 'ok';
    await page.waitForTimeout(500);
    const after = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((r) => {
        const req = indexedDB.open('onair-telemetry');
        req.onsuccess = () => r(req.result);
      });
      const n = await new Promise<number>((r) => {
        const req = db.transaction('q').objectStore('q').count();
        req.onsuccess = () => r(req.result);
      });
      db.close();
      return { queued: n, local: localStorage.length, session: sessionStorage.length };
    });
    console.log(
      `(f) pending: 0 requests, 0 databases, 0 storage keys; granted: ${granted.length} stored; denied: queue ${queued} → ${after.queued}, ` +
        `requests after denial ${rig.wire.posts - posts}`,
    );
    expect(after).toEqual({ queued: 0, local: 0, session: 0 });
    expect(rig.wire.posts - posts).toBeLessThanOrEqual(1); // at most the retry already scheduled while down
    expect(rig.storedIds().size).toBe(21);
  });
});
