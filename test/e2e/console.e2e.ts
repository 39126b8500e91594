// The ops console in Chromium against the real `onair-server` CLI: named tokens made with
// `onair-server tokens create`, a hand-made show posted to the collector, and the dashboard's
// figures read from the page (tiles and data tables), each worked out by hand below — not from the
// API or the code under test. A token without `stats:read` is refused in words; the console runs
// under the server's strict CSP with no violation and no axe finding, in en and zh-CN.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe } from './support/axe.js';
import { launchChromium } from './support/chromium.js';
import { watchForBreakage } from './support/page-problems.js';
import { ServerProcess } from './support/server-process.js';

const bin = resolve(import.meta.dirname, '../../packages/server/bin/onair-server.js');
const MIN = 60_000;
// The show starts at a whole minute 20 minutes ago (the collector takes events of the recent past).
const T0 = Math.floor(Date.now() / MIN) * MIN - 20 * MIN;
const at = (minute: number, second: number) => T0 + minute * MIN + second * 1000;
const RANGE = { from: T0, to: T0 + 10 * MIN };
const lip = { product: 'lip', position: 1, pinned: true, window: T0 };

type Ev = { type: string; ts: number; props?: Record<string, unknown> };
const ev = (type: string, ts: number, props?: Record<string, unknown>): Ev => ({
  type,
  ts,
  ...(props ? { props } : {}),
});
const gift = (ts: number, value: number) =>
  ev('gift.send', ts, { gift: 'rose', quantity: 1, value, currency: 'COIN' });
const exposure = (ts: number, variation: string) =>
  ev('experiment.exposure', ts, { experiment: 'cart', variation });
const order = (ts: number, id: string) =>
  ev('order.placed', ts, { order: id, amount: 9900, currency: 'CNY', products: ['lip'] });

/** The show (minute, second after T0), viewer by viewer. */
const SHOW: Record<string, Ev[]> = {
  v1: [
    ev('session.start', at(0, 0), { path: '/' }),
    exposure(at(0, 5), 'control'),
    ev('product.impression', at(0, 10), lip),
    ev('product.click', at(0, 20), lip),
    ev('product.add_to_cart', at(0, 30), lip),
    order(at(1, 10), 'o1'),
    ev('chat.message', at(1, 20), { text: 'lipstick great' }),
    gift(at(2, 5), 500),
    ev('poll.vote', at(2, 10), { poll: 'p1', choice: ['red'] }),
  ],
  v2: [
    ev('session.start', at(0, 2), { path: '/' }),
    exposure(at(0, 6), 'b'),
    ev('product.impression', at(0, 12), lip),
    ev('product.click', at(1, 0), lip),
    ev('chat.message', at(1, 30), { text: 'great lipstick colour' }),
    gift(at(3, 0), 100),
  ],
  v3: [
    ev('session.start', at(0, 3), { path: '/' }),
    exposure(at(0, 7), 'b'),
    ev('product.impression', at(0, 15), lip),
    ev('product.add_to_cart', at(1, 5), lip), // no click: stops the ordered funnel at "watch"
    order(at(2, 0), 'o2'),
  ],
  v4: [
    ev('session.start', at(1, 0), { path: '/' }),
    ev('survey.start', at(1, 10), { survey: 's1', pages: 1, questions: 2 }),
    ev('survey.answer', at(1, 15), { survey: 's1', question: 'q1', type: 'single' }),
    ev('survey.answer', at(1, 20), { survey: 's1', question: 'q2', type: 'single' }),
    ev('survey.submit', at(1, 30), { survey: 's1', answered: 2, durationMs: 20_000 }),
  ],
  v5: [
    ev('session.start', at(1, 2), { path: '/' }),
    ev('survey.start', at(1, 12), { survey: 's1', pages: 1, questions: 2 }),
    ev('survey.answer', at(1, 18), { survey: 's1', question: 'q1', type: 'single' }),
  ],
  v6: [ev('session.start', at(2, 0), { path: '/' })],
};

let browser: Browser;
const server = new ServerProcess();
const tokens: Record<string, string> = {};
let counter = 0;

function createToken(name: string, scopes: string): string {
  const out = execFileSync(
    process.execPath,
    [bin, 'tokens', 'create', '--name', name, '--scopes', scopes, '--db', server.db, '--json'],
    {
      encoding: 'utf8',
    },
  );
  return (JSON.parse(out) as { token: string }).token;
}

beforeAll(async () => {
  [browser] = await Promise.all([launchChromium(), server.start()]);
  tokens['ana'] = createToken('ana', 'stats:read,audit:read');
  tokens['bo'] = createToken('bo', 'audit:read,rooms:read');
  for (const [viewer, events] of Object.entries(SHOW)) {
    const envelopes = events.map((e, seq) => ({
      v: 1,
      id: `0190e000-0000-7000-8000-${(counter++).toString(16).padStart(12, '0')}`,
      seq,
      session: `0190f000-0000-7000-8000-${viewer.slice(1).padStart(12, '0')}`,
      viewer,
      room: 'show',
      ...e,
    }));
    const res = await fetch(`${server.url}/v1/events`, {
      method: 'POST',
      body: JSON.stringify({ sentAt: Date.now(), events: envelopes }),
    });
    expect(((await res.json()) as { accepted: number }).accepted).toBe(events.length);
  }
  // One ops action for the audit log.
  expect((await server.ops('POST', '/v1/rooms/show/crowd', { viewers: 0 })).status).toBe(400);
});
afterAll(async () => {
  await browser?.close();
  await server.dispose();
});

async function signIn(page: Page, token: string, hash = '') {
  await page.goto(`${server.url}/console/${hash}`);
  await page.getByLabel(/Ops token|运营令牌/).fill(token);
  await page.getByRole('button', { name: /Sign in|登录/ }).click();
}

const text = (page: Page, selector: string) =>
  page.locator(selector).first().textContent({ timeout: 15_000 });
const cells = async (page: Page, selector: string) =>
  (await page.locator(`${selector} td`).allTextContents()).map((s) => s.trim());

describe('the ops console', () => {
  it('signs in with a named token and shows the hand-computed figures of the show', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = watchForBreakage(page);
    const csp: string[] = [];
    await page.exposeFunction('reportCsp', (v: string) => csp.push(v));
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { reportCsp(v: string): void }).reportCsp(
          `${e.violatedDirective} ${e.blockedURI}`,
        ),
      ),
    );
    await signIn(page, tokens['ana']!, `#/dashboard?room=show&from=${RANGE.from}&to=${RANGE.to}`);
    // Who I am, and my scopes.
    await expect.poll(() => text(page, '[data-testid="who"]')).toContain('ana');
    expect(await text(page, '[data-testid="who"]')).toMatch(/stats:read[\s\S]*audit:read/);
    // The token is in sessionStorage, never in the URL.
    expect(page.url()).not.toContain(tokens['ana']!);
    expect(await page.evaluate(() => sessionStorage.getItem('onair-console-token'))).toBe(tokens['ana']);

    // Tiles. Viewers: v1–v6 = 6. Participants: v1 (click, cart, chat, gift, vote), v2 (click, chat,
    // gift), v3 (cart), v4 (survey answers, submit), v5 (an answer) = 5; v6 only watched. 5/6 = 83.3 %.
    await expect.poll(() => text(page, '[data-figure="viewers"]')).toBe('6');
    expect(await text(page, '[data-figure="participants"]')).toBe('5');
    expect(await text(page, '[data-figure="participationRate"]')).toBe('83.3%');
    expect(await text(page, '[data-figure="messages"]')).toBe('2');

    // Funnel: watch 6; click: v1 (0:20) and v2 (1:00), after their session starts = 2 (33.3 %,
    // leak 66.7 %); cart: v1 (0:30 after the click at 0:20) = 1 — v3 carted without a click (50 %,
    // leak 50 %); order: v1 (1:10, after the cart) = 1 (100 %, leak 0 %). v3's order does not count.
    expect(await cells(page, '[data-step="watch"]')).toEqual(['Watch', '6', '—', '—']);
    expect(await cells(page, '[data-step="click"]')).toEqual(['Product click', '2', '33.3%', '66.7%']);
    expect(await cells(page, '[data-step="add_to_cart"]')).toEqual(['Add to cart', '1', '50%', '50%']);
    expect(await cells(page, '[data-step="order"]')).toEqual(['Order', '1', '100%', '0%']);

    // CTR: lip impressed by v1, v2, v3; clicked by v1, v2: 2/3 = 66.7 %; all in the window pinned at T0.
    expect(await cells(page, '[data-product="lip"]')).toEqual(['lip', '3', '2', '66.7%']);
    const window = await cells(page, `[data-window="lip@${T0}"]`);
    expect(window.slice(1)).toEqual(['3', '2', '66.7%']);

    // Survey s1: started by v4, v5; submitted by v4 (50 %). q1 answered by both, v5 stopped there
    // (drop-off 1); q2 answered by v4 only, no drop-off.
    expect(await cells(page, '[data-question="s1/q1"]')).toEqual(['s1', '2', '1', '50%', 'q1', '2', '1']);
    expect(await cells(page, '[data-question="s1/q2"]')).toEqual(['s1', '2', '1', '50%', 'q2', '1', '0']);

    // Keywords: "lipstick great", "great lipstick colour" → great 2, lipstick 2, colour 1.
    expect(await cells(page, '[data-word="great"]')).toEqual(['great', '2']);
    expect(await cells(page, '[data-word="lipstick"]')).toEqual(['lipstick', '2']);
    expect(await cells(page, '[data-word="colour"]')).toEqual(['colour', '1']);

    // Gifts: 500 at minute 2, 100 at minute 3; the other 8 minutes of the range are 0, so the median
    // is 0, the MAD 0, the threshold 0 + 3 × max(0, 1) = 3: both minutes are peaks. At minute 2 poll
    // p1 had a vote (v1, 2:10); the pinned window of lip was last seen at 1:00, so not then.
    const peaks = await page.locator('[data-peak]').allTextContents();
    expect(peaks).toHaveLength(2);
    expect(peaks[0]).toContain('500 COIN');
    expect(peaks[0]).toContain('p1');
    expect(peaks[0]).not.toContain('lip');
    expect(peaks[1]).toContain('100 COIN');

    // Experiment cart (goal: order placed after exposure): control v1 exposed, ordered → 1/1;
    // b: v2 and v3 exposed, v3 ordered → 1/2 = 50 %.
    const control = await cells(page, '[data-variation="cart/control"]');
    expect(control.slice(0, 5)).toEqual(['cart', 'control', '1', '1', '100%']);
    const b = await cells(page, '[data-variation="cart/b"]');
    expect(b.slice(0, 5)).toEqual(['cart', 'b', '2', '1', '50%']);
    expect(b[5]).toMatch(/%.*–.*%/); // its interval

    // Participation per minute: m0 v1–v3 there, v1 interacted (1); m1 v1–v5 there, all five
    // interacted; m2 v1, v3, v6 there, v1 interacted; m3 v2 there and sent a gift.
    const minutes = await page.locator('[data-section="participation"] tbody tr').allTextContents();
    expect(minutes.map((row) => row.replace(/^\d\d:\d\d/, '').trim())).toEqual(['31', '55', '31', '11']);

    // Charts drew (ECharts' canvases), and nothing broke the strict CSP.
    await expect.poll(() => page.locator('onair-chart').count()).toBe(8);
    expect(problems).toEqual([]);
    expect(csp).toEqual([]);
    expect(await axe(page)).toEqual([]);
    for (const details of await page.locator('details').all())
      await details.evaluate((d) => d.setAttribute('open', ''));
    expect(await axe(page)).toEqual([]);
    await page.close();
  });

  it('exports a chart as CSV, refreshes live, and works from the keyboard', async () => {
    const page = await browser.newPage({ acceptDownloads: true });
    await page.goto(`${server.url}/console/#/dashboard?room=show&range=1h`);
    // Keyboard only: Tab to the token field, type, Enter.
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        let el = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return el?.getAttribute('type') ?? '';
      });
      if (focused === 'password') break;
    }
    await page.keyboard.type(tokens['ana']!);
    await page.keyboard.press('Enter');
    await expect.poll(() => text(page, '[data-figure="viewers"]')).toBe('6');

    // The funnel's CSV button downloads the API's funnel.csv for this room and range.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-section="funnel"] sl-button', { hasText: 'CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('show-funnel.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[1]).toBe('watch,6,,,false');

    // Live: a seventh viewer arrives now; within a refresh or two (every 5 s) the tile says 7.
    const res = await fetch(`${server.url}/v1/events`, {
      method: 'POST',
      body: JSON.stringify({
        sentAt: Date.now(),
        events: [
          {
            v: 1,
            id: '0190e000-0000-7000-8000-ffffffffffff',
            type: 'session.start',
            ts: Date.now(),
            seq: 0,
            session: '0190f000-0000-7000-8000-000000000007',
            viewer: 'v7',
            room: 'show',
            props: { path: '/' },
          },
        ],
      }),
    });
    expect(((await res.json()) as { accepted: number }).accepted).toBe(1);
    await expect.poll(() => text(page, '[data-figure="viewers"]'), { timeout: 12_000 }).toBe('7');
    await page.close();
  });

  it('shows the dashboard in Chinese and dark with the same figures', async () => {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      localStorage.setItem('onair-console-lang', 'zh-CN');
      localStorage.setItem('onair-console-theme', 'dark');
    });
    await signIn(page, tokens['ana']!, `#/dashboard?room=show&from=${RANGE.from}&to=${RANGE.to}`);
    await expect.poll(() => text(page, '[data-figure="viewers"]')).toBe('6');
    expect(await cells(page, '[data-step="click"]')).toEqual(['商品点击', '2', '33.3%', '66.7%']);
    expect(await page.locator('h2').allTextContents()).toContain('转化漏斗：观看 → 点击 → 加购 → 下单');
    expect(await page.evaluate(() => document.documentElement.classList.contains('sl-theme-dark'))).toBe(
      true,
    );
    // Every data table open too: axe judges the tables' contrast in dark as well.
    for (const details of await page.locator('details').all())
      await details.evaluate((d) => d.setAttribute('open', ''));
    expect(await axe(page)).toEqual([]);
    await page.close();
  });

  it('refuses the dashboard, in words naming the scope, to a token without stats:read', async () => {
    const page = await browser.newPage();
    await signIn(page, tokens['bo']!);
    await expect.poll(() => text(page, '[data-testid="refusal"]')).toContain('stats:read');
    expect(await text(page, '[data-testid="refusal"]')).toContain('"bo"');
    expect(await page.locator('onair-chart').count()).toBe(0);
    // The audit log is theirs to read: the ops token's refused crowd start is in it.
    await page.goto(`${server.url}/console/#/audit`);
    await expect.poll(() => page.locator('[data-entry]').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const row = await page.locator('[data-entry]').first().textContent();
    expect(row).toContain('ops-token');
    expect(row).toContain('POST /v1/rooms/:room/crowd');
    expect(row).toContain('refused 400');
    expect(await axe(page)).toEqual([]);
    await page.close();
  });

  it('says a wrong token is not recognised, and serves the console with a strict CSP', async () => {
    const page = await browser.newPage();
    await signIn(page, 'onair_wrong');
    await expect.poll(() => page.getByText('This token is not recognised').count()).toBe(1);
    const res = await fetch(`${server.url}/console/`);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).not.toContain('unsafe');
    await page.close();
  });
});
