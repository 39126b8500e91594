// The demo live room, offline (the in-page room): a viewer votes and sees the result.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium.js';
import { startDemo } from './support/demo-server.js';
import { watchForBreakage } from './support/page-problems.js';

let browser: Browser;
let demo: Awaited<ReturnType<typeof startDemo>>;

beforeAll(async () => {
  [browser, demo] = await Promise.all([launchChromium(), startDemo()]);
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

describe('demo live room (offline)', () => {
  it('shows the opened poll, takes a vote and shows the result', async () => {
    const page = await browser.newPage();
    const problems = watchForBreakage(page);
    await page.goto(`${demo.url}/`);
    const poll = page.locator('onair-poll');
    await expect
      .poll(() => poll.locator('legend').textContent(), { timeout: 15_000 })
      .toContain('Which deal');
    await poll.getByLabel('Free gift').check();
    await poll.getByRole('button', { name: 'Vote' }).click();
    await expect
      .poll(() => poll.locator('[part~="option"]', { hasText: 'Free gift' }).textContent())
      .toContain('Your choice');
    await expect
      .poll(() => poll.locator('[part~="option"]', { hasText: 'Free gift' }).textContent())
      .toContain('100%');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('switches the whole room to Chinese', async () => {
    const page = await browser.newPage();
    await page.goto(`${demo.url}/`);
    const poll = page.locator('onair-poll');
    await expect
      .poll(() => poll.locator('legend').textContent(), { timeout: 15_000 })
      .toContain('Which deal');
    await page.selectOption('#lang', 'zh-CN');
    await expect.poll(() => poll.locator('[part~="meta"]').textContent()).toContain('单选');
    await page.close();
  });

  it('renders the poll gallery with every state and no page errors', async () => {
    const page = await browser.newPage();
    const problems = watchForBreakage(page);
    await page.goto(`${demo.url}/gallery/poll.html`);
    await expect.poll(() => page.locator('onair-poll').count(), { timeout: 15_000 }).toBeGreaterThan(10);
    await expect.poll(() => page.locator('onair-poll [role="alert"]').count()).toBe(1);
    await expect.poll(() => page.locator('onair-poll', { hasText: 'Correct answer' }).count()).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });
});
