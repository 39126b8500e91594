// Gifts end to end: the real server (temp SQLite file) and the demo page, two viewers in one room.
// Alice sends a combo of three Hearts; Bob's feed shows "Alice sent Heart ×3"; the ledger holds
// exactly three debits and her balance dropped by exactly 3 × price; a send repeated with one
// idempotency key is charged once.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium.js';
import { startDemo } from './support/demo-server.js';
import { type LiveServer, startLiveServer } from './support/live-server.js';
import { watchForBreakage } from './support/page-problems.js';

const ROOM = 'e2e-gifts';
const HEART = 10;

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

const ops = (method: string, path: string, body?: unknown) => live.ops(method, path, body);

async function viewer(name: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems = watchForBreakage(page);
  const query = new URLSearchParams({ server: live.url, opsToken: live.opsToken, room: ROOM, name });
  await page.goto(`${demo.url}/?${query}`);
  return { page, problems };
}

const viewerId = (page: Page) =>
  page.evaluate(() => document.querySelector('onair-room')!.context!.channel!.$viewer.get()!.id);

describe('gifts on the reference server', () => {
  it('sends a combo in one page, shows it in the other, and debits exactly once per send', async () => {
    expect(
      (await ops('PUT', '/gifts/catalog', (await import('../../apps/demo/src/gifts.js')).DEMO_CATALOG))
        .status,
    ).toBe(200);
    const [alice, bob] = await Promise.all([viewer('Alice'), viewer('Bob')]);
    const panel = alice.page.locator('onair-gift-panel');
    // In the room the panel sits on the stream as a gift button; the panel opens in a sheet.
    await panel.locator('[part~="trigger"]').click({ timeout: 15_000 });
    await expect
      .poll(() => panel.locator('[part~="balance"]').textContent(), { timeout: 15_000 })
      .toContain('10,000 coins');
    await panel.locator('[part~="gift"]', { hasText: 'Heart 比心' }).click();
    await expect.poll(() => panel.getByLabel(/^Heart 比心/).isChecked()).toBe(true);

    const send = panel.locator('[part~="send"]');
    for (let i = 0; i < 3; i++) {
      await send.click();
      // One press at a time: the next press waits for this send's ack (the button counts the sends).
      await expect.poll(() => send.textContent(), { timeout: 5_000 }).toContain(`Combo ×${i + 1}`);
    }

    const feed = bob.page.locator('#stage-feed [part~="item"]', { hasText: 'Alice' });
    await expect
      .poll(() => feed.textContent(), { timeout: 5_000 })
      .toMatch(/Alice\s*sent Heart 比心[\s\S]*×3/);
    expect(await feed.count()).toBe(1);

    const id = await viewerId(alice.page);
    const ledger = async () =>
      (await ops('GET', `/gifts/ledger?viewer=${id}`)).body as {
        entries: { kind: string; amount: number; comboCount: number }[];
        balance: number;
      };
    let book = await ledger();
    expect(book.entries.map((e) => [e.kind, e.amount, e.comboCount])).toEqual([
      ['send', HEART, 1],
      ['send', HEART, 2],
      ['send', HEART, 3],
    ]);
    expect(book.balance).toBe(10_000 - 3 * HEART);
    await expect.poll(() => panel.locator('[part~="balance"]').textContent()).toContain('9,970 coins');

    // A retried send: the same key twice (in parallel, as a reconnect re-send would), charged once.
    const acks = await alice.page.evaluate(async () => {
      const channel = document.querySelector('onair-room')!.context!.channel!;
      const payload = { gift: 'heart', quantity: 1, comboId: 'retry-combo' };
      const results = await Promise.all([
        channel.act('gift.send', payload, 'one-key-retried'),
        channel.act('gift.send', payload, 'one-key-retried'),
      ]);
      const again = await channel.act('gift.send', payload, 'one-key-retried');
      return [...results, again].map((r) => (r.result['event'] as { id: string }).id);
    });
    expect(new Set(acks).size).toBe(1);
    book = await ledger();
    expect(book.entries.filter((e) => e.kind === 'send')).toHaveLength(4);
    expect(book.balance).toBe(10_000 - 4 * HEART);

    const stats = (await ops('GET', '')).body as {
      state: { gifts: { stats: { totalGifts: number; uniqueSenders: number } } };
    };
    expect(stats.state.gifts.stats).toMatchObject({ totalGifts: 4, uniqueSenders: 1 });
    expect(alice.problems).toEqual([]);
    expect(bob.problems).toEqual([]);
  });

  it('renders every gallery state without errors or CSP violations', async () => {
    const page = await browser.newPage();
    const problems = watchForBreakage(page);
    await page.goto(`${demo.url}/gallery/gifts.html`);
    await expect
      .poll(() => page.locator('onair-gift-feed [part~="item"]').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    // Five panels are inline (wide figures); one is a gift button in a narrow space.
    await expect.poll(() => page.locator('onair-gift-panel [part~="balance"]').count()).toBe(5);
    expect(await page.locator('onair-gift-panel [part~="trigger"]').count()).toBe(1);
    expect(await page.locator('onair-gift-panel [role="alert"]').count()).toBe(1);
    expect(problems).toEqual([]);
  });
});
