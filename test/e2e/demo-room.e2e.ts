// The demo as a showcase: its first start against an empty server room seeds a lively room through
// the ops API (an open poll, a pinned product, the catalog, the crowd voting and sending gifts); the
// ops controls are in view without scrolling on a phone and a desktop; the page's own words follow
// the language switch and its colours the theme switch.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium.js';
import { startDemo } from './support/demo-server.js';
import { type LiveServer, startLiveServer } from './support/live-server.js';
import { watchForBreakage } from './support/page-problems.js';

const ROOM = 'e2e-showcase';

let browser: Browser;
let demo: Awaited<ReturnType<typeof startDemo>>;
let live: LiveServer;

beforeAll(async () => {
  [browser, demo, live] = await Promise.all([launchChromium(), startDemo(), startLiveServer(ROOM)]);
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
  await live?.close();
});

const roomUrl = (extra: Record<string, string> = {}) =>
  `${demo.url}/?${new URLSearchParams({ server: live.url, opsToken: live.opsToken, room: ROOM, ...extra })}`;

describe('the demo room as a showcase', () => {
  it('seeds an empty room on its first start: a poll, a pinned product, gifts from the crowd', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 760 } });
    const problems = watchForBreakage(page);
    await page.goto(roomUrl());
    await expect
      .poll(() => page.locator('onair-poll legend').textContent(), { timeout: 15_000 })
      .toContain('Which deal');
    await expect
      .poll(() => page.locator('#pinned-card [part~="badge"]').textContent())
      .toContain('Now explaining');
    await expect.poll(() => page.locator('#shelf [part~="count"]').textContent()).toBe('60');
    await expect
      .poll(() => page.locator('#stage-feed [part~="item"]').count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    const room = (await live.ops('GET', '')).body as { crowd: unknown; state: { polls: object } };
    expect(room.crowd).toBeTruthy();
    expect(Object.keys(room.state.polls)).toHaveLength(1);
    // A second viewer's first start finds the room lively and adds nothing.
    const again = await browser.newPage();
    await again.goto(roomUrl());
    await expect
      .poll(() => again.locator('onair-poll legend').textContent(), { timeout: 15_000 })
      .toContain('Which deal');
    const after = (await live.ops('GET', '')).body as { state: { polls: object } };
    expect(Object.keys(after.state.polls)).toHaveLength(1);
    expect(problems).toEqual([]);
    await Promise.all([page.close(), again.close()]);
  });

  for (const width of [320, 1280])
    it(`keeps the ops controls in view without scrolling at ${width} px`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 700 } });
      await page.goto(roomUrl({ seed: 'off' }));
      const ops = page.locator('#ops summary');
      await ops.waitFor();
      if (width < 900) await ops.click();
      const button = page.locator('[data-open="single"]');
      await expect.poll(() => button.isVisible()).toBe(true);
      const box = (await button.boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(700);
      expect(await page.evaluate(() => scrollY)).toBe(0);
      await page.close();
    });

  it('speaks Chinese and themes the page with the switches', async () => {
    const page = await browser.newPage();
    await page.goto(roomUrl({ seed: 'off' }));
    await page.locator('#theme').waitFor();
    const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    await page.selectOption('#theme', 'dark');
    const dark = await background();
    await page.selectOption('#theme', 'light');
    expect(await background()).not.toBe(dark);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe('light');
    await page.selectOption('#lang', 'zh-CN');
    expect(await page.locator('nav a').textContent()).toBe('组件示例');
    expect(await page.locator('[data-open="single"]').textContent()).toBe('发起单选投票');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.close();
  });
});
