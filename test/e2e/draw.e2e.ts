// The lucky draw end to end: the real server (temp SQLite file) in this process, two viewers in
// Chromium on a page that loads `onair` as a consumer's bundler would. Ops create a draw over the
// REST API with three conditions; the host reports chat and follows over its own routes; both
// viewers join, the draw closes on the server's clock, and both pages verify the same winners
// with Web Crypto — the winners the server announced.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundlePageScript } from '../support/page-script.js';
import { type StaticServer, serve } from '../support/static-server.js';
import { launchChromium } from './support/chromium.js';
import { type LiveServer, startLiveServer } from './support/live-server.js';
import { watchForBreakage } from './support/page-problems.js';

const ROOM = 'e2e-draw';
const DRAW = {
  id: 'd1',
  prize: { name: 'Velvet lipstick set', quantity: 1 },
  conditions: [{ type: 'join' }, { type: 'chat', keyword: '抽奖' }, { type: 'follow' }],
  durationMs: 12_000,
  rules: { maxWins: 3 },
};

let browser: Browser;
let live: LiveServer;
let site: StaticServer;

beforeAll(async () => {
  const script = await bundlePageScript(`import 'onair';`);
  [browser, live] = await Promise.all([launchChromium(), startLiveServer(ROOM)]);
  site = await serve((req, res) => {
    if (req.url === '/page.js')
      return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
      <html lang="en"><head><meta name="viewport" content="width=device-width"></head><body>
      <onair-room room="${ROOM}" server="${live.url}" lang="en">
        <onair-lucky-draw></onair-lucky-draw>
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
  page: Page;
  problems: string[];
  id: string;
}

async function viewer(): Promise<Viewer> {
  const page = await browser.newPage({ viewport: { width: 390, height: 1400 } });
  const problems = watchForBreakage(page);
  await page.goto(site.origin);
  await page.waitForFunction(
    () =>
      !!(
        document.querySelector('onair-room') as unknown as {
          context?: { channel: { $viewer: { get(): unknown } } };
        }
      )?.context?.channel.$viewer.get(),
  );
  const id = await page.evaluate(
    () =>
      (
        document.querySelector('onair-room') as unknown as {
          context: { channel: { $viewer: { get(): { id: string } } } };
        }
      ).context.channel.$viewer.get().id,
  );
  return { page, problems, id };
}

const drawText = (v: Viewer) =>
  v.page.evaluate(() =>
    document.querySelector('onair-lucky-draw')!.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim(),
  );
const waitFor = (v: Viewer, words: string, timeout = 10_000) =>
  v.page.waitForFunction(
    (w) => document.querySelector('onair-lucky-draw')?.shadowRoot?.textContent?.includes(w),
    words,
    { timeout },
  );
const press = (v: Viewer, part: string) =>
  v.page.evaluate(
    (p) =>
      (
        document.querySelector('onair-lucky-draw')!.shadowRoot!.querySelector(`[part~="${p}"]`) as HTMLElement
      ).click(),
    part,
  );
const winners = (v: Viewer) =>
  v.page.evaluate(() =>
    [...document.querySelector('onair-lucky-draw')!.shadowRoot!.querySelectorAll('[part~="winner"]')].map(
      (li) => li.textContent!.trim(),
    ),
  );

describe('lucky draw end to end', () => {
  it('two viewers meet the conditions, join, and both verify the same winners the server announced', async () => {
    const created = await live.ops('POST', '/draws', DRAW);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const commitment = (created.body['draw'] as { commitment: string }).commitment;
    const ann = await viewer();
    const bo = await viewer();
    for (const v of [ann, bo]) await waitFor(v, 'Send “抽奖” in the chat');

    // Ann tries before she has done anything: refused, told what is left.
    await press(ann, 'join');
    await waitFor(ann, 'First do what is still marked “To do”');

    // The host reports what its chat and follow button saw (anonymous viewers here).
    for (const v of [ann, bo]) {
      const chat = await live.ops('POST', '/chat', { viewer: v.id, signed: false, text: '我要抽奖！' });
      expect(chat.status, JSON.stringify(chat.body)).toBe(201);
      expect((await live.ops('POST', '/follows', { viewer: v.id, signed: false })).status).toBe(201);
    }
    for (const v of [ann, bo]) {
      await press(v, 'join');
      await waitFor(v, 'You’re in — good luck!');
    }
    for (const v of [ann, bo]) await waitFor(v, '2 viewers have joined');

    // The countdown ends on the server's clock; the server freezes and reveals by itself.
    for (const v of [ann, bo]) await waitFor(v, 'Winners (1)', 20_000);
    const texts = [await drawText(ann), await drawText(bo)];
    const won = texts.map((t) => t.includes('You won Velvet lipstick set!'));
    const lost = texts.map((t) => t.includes('Not this time'));
    expect(won.filter(Boolean)).toHaveLength(1);
    expect(lost.filter(Boolean)).toHaveLength(1);
    expect(won.map((w, i) => w || lost[i])).toEqual([true, true]);

    // Both pages verify with Web Crypto, and name the same winner: the one the server stored.
    for (const v of [ann, bo]) {
      await press(v, 'verify');
      await waitFor(v, 'Verified: the seed matches the commitment');
    }
    const record = (await live.ops('GET', '/draws/d1/entrants')).body;
    expect(record).toMatchObject({ status: 'revealed', entrants: 2 });
    const winner = won[0] ? ann : bo;
    const other = won[0] ? bo : ann;
    expect(await winners(winner)).toEqual(['You']);
    // Another viewer's id is shown as the id itself, or "Viewer" and its last four characters when long.
    const shown = winner.id.length > 12 ? `Viewer ${winner.id.slice(-4)}` : winner.id;
    expect(await winners(other)).toEqual([shown]);
    // What each page verified is the record every viewer received, with the commitment published at creation.
    const seen = await other.page.evaluate(
      () =>
        (
          document.querySelector('onair-room') as unknown as {
            context: { channel: { $state: { get(): Record<string, Record<string, unknown>> } } };
          }
        ).context.channel.$state.get()['draws']!['d1'],
    );
    expect(seen).toMatchObject({ commitment, status: 'revealed', winners: [`a:${winner.id}`] });
    expect(ann.problems).toEqual([]);
    expect(bo.problems).toEqual([]);
  }, 60_000);
});
