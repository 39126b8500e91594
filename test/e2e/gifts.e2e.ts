// Gifts end to end: the real server (temp SQLite file) and the demo page, two viewers in one room.
// Alice sends a combo of three Hearts; Bob's feed shows "Alice sent Heart ×3"; the ledger holds
// exactly three debits and her balance dropped by exactly 3 × price; a send repeated with one
// idempotency key is charged once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type OnairServer } from '../../packages/server/src/app.js';
import { launchChromium } from './support/chromium.js';
import { startDemo } from './support/demo-server.js';

const OPS_TOKEN = 'e2e-gifts-ops-token-0123456789';
const ROOM = 'e2e-gifts';
const HEART = 10;

let browser: Browser;
let demo: Awaited<ReturnType<typeof startDemo>>;
let server: OnairServer;
let url = '';
const dir = mkdtempSync(join(tmpdir(), 'onair-gifts-e2e-'));

beforeAll(async () => {
  server = createServer({ port: 0, db: join(dir, 'onair.db'), opsToken: OPS_TOKEN, corsOrigins: ['*'] });
  [browser, demo, { url }] = await Promise.all([launchChromium(), startDemo(), server.listen()]);
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function ops(method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}/v1/rooms/${ROOM}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${OPS_TOKEN}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Uncaught errors, console errors and CSP violations on the page. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  return problems;
}

async function viewer(name: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems = watch(page);
  const query = new URLSearchParams({ server: url, opsToken: OPS_TOKEN, room: ROOM, name });
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
    await expect
      .poll(() => panel.locator('[part~="balance"]').textContent(), { timeout: 15_000 })
      .toContain('10,000 coins');
    await panel.locator('[part~="gift"]', { hasText: 'Heart 比心' }).click();
    await expect.poll(() => panel.getByLabel(/^Heart 比心/).isChecked()).toBe(true);

    const send = panel.locator('[part~="send"]');
    for (let i = 0; i < 3; i++) {
      await send.click();
      // One press at a time: the next press waits for this send's ack (the button says Combo ×n+1).
      await expect.poll(() => send.textContent(), { timeout: 5_000 }).toContain(`Combo ×${i + 2}`);
    }

    const feed = bob.page.locator('onair-gift-feed [part~="item"]', { hasText: 'Alice' });
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
    const problems = watch(page);
    await page.goto(`${demo.url}/gallery/gifts.html`);
    await expect
      .poll(() => page.locator('onair-gift-feed [part~="item"]').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    expect(await page.locator('onair-gift-panel [part~="balance"]').count()).toBe(6);
    expect(await page.locator('onair-gift-panel [role="alert"]').count()).toBe(1);
    expect(problems).toEqual([]);
  });
});
