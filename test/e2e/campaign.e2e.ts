// Campaigns end to end, without the console: ops push a campaign through the HTTP API (a poll at
// +5 s, a pinned product at +10 s, a 50/50 experiment on the product's promotion label) and go live;
// two viewer pages in Chromium show the widgets in their <onair-slot>s at the right times on the
// server's clock (real seconds), each with its own sticky variation, and the collector receives one
// experiment.exposure per viewer.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium.js';
import { startDemo } from './support/demo-server.js';
import { type LiveServer, startLiveServer } from './support/live-server.js';
import { watchForBreakage } from './support/page-problems.js';

const ROOM = 'e2e-campaign';
const PROMOTION = '限时直降 20 元';

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

function campaign(goLive: string) {
  return {
    id: 'e2e-friday',
    title: 'Friday brand day',
    room: ROOM,
    goLive,
    timeline: [
      {
        id: 'mug',
        command: 'product.put',
        args: {
          product: 'mug',
          config: {
            title: 'E2E holiday mug',
            price: { amount: 4900, currency: 'CNY' },
            promotion: 'Save ¥20 over ¥199',
          },
        },
        trigger: { type: 'offset', ms: 0 },
      },
      {
        id: 'poll',
        command: 'poll.create',
        args: {
          poll: {
            id: 'p1',
            question: 'Which color next?',
            options: [
              { id: 'red', label: 'Red' },
              { id: 'green', label: 'Green' },
            ],
          },
          open: true,
        },
        trigger: { type: 'offset', ms: 5_000 },
        slot: 'overlay-bottom-left',
        show: { element: 'onair-poll', attributes: { poll: 'p1' } },
      },
      {
        id: 'pin',
        command: 'product.pin',
        args: { product: 'mug' },
        trigger: { type: 'offset', ms: 10_000 },
        slot: 'overlay-bottom-right',
        show: { element: 'onair-product-card', attributes: { product: 'mug', pinned: '' } },
      },
    ],
    experiments: [
      {
        key: 'promo-label',
        weights: [0.5, 0.5],
        variations: [
          { id: 'control' },
          { id: 'discount', items: { pin: { attributes: { promotion: PROMOTION } } } },
        ],
      },
    ],
  };
}

/** What a slot of the page shows: the placed widget's tag and its text, or null. */
const slotContent = (page: Page, name: string) =>
  page.evaluate((slot) => {
    const el = document.querySelector(`onair-slot[name="${slot}"]`);
    const widget = el?.shadowRoot?.querySelector('.stage .item:not(.leaving) > *');
    if (!widget) return null;
    return { tag: widget.localName, text: widget.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '' };
  }, name);

const variationOf = (page: Page) =>
  page.evaluate(() => {
    const room = (
      window as unknown as {
        onairRoom: {
          channel: {
            $viewer: {
              get(): { id: string; mine: Record<string, Record<string, { variation: string }>> } | null;
            };
          };
        };
      }
    ).onairRoom;
    const viewer = room.channel.$viewer.get();
    return {
      viewer: viewer?.id ?? null,
      variation: viewer?.mine['experiments']?.['promo-label']?.variation ?? null,
    };
  });

async function viewerPage(): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  const problems = watchForBreakage(page);
  await page.goto(
    `${demo.url}/gallery/slot.html?${new URLSearchParams({ server: live.url, room: ROOM, lang: 'en' })}`,
  );
  await expect
    .poll(() => page.evaluate(() => customElements.get('onair-slot') !== undefined), { timeout: 15_000 })
    .toBe(true);
  return { page, problems };
}

describe('a campaign on the reference server', () => {
  it('shows the poll at +5 s and the pinned product at +10 s in their slots, with sticky variations and exposures', async () => {
    const viewers = await Promise.all([viewerPage(), viewerPage()]);
    const pushed = await live.ops(
      'PUT',
      '/campaign',
      campaign(new Date(Date.now() + 3_600_000).toISOString()),
    );
    expect(pushed.status, JSON.stringify(pushed.body)).toBe(201);
    const started = await live.ops('POST', '/campaign/live');
    expect(started.status).toBe(200);
    const liveAt = (started.body as { campaign: { liveAt: number } }).campaign.liveAt;

    // Before +5 s nothing is placed.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, liveAt + 3_500 - Date.now())));
    for (const { page } of viewers) expect(await slotContent(page, 'overlay-bottom-left')).toBeNull();

    for (const { page } of viewers)
      await expect
        .poll(() => slotContent(page, 'overlay-bottom-left'), { timeout: 5_000, interval: 100 })
        .toMatchObject({ tag: 'onair-poll', text: expect.stringContaining('Which color next?') });
    const pollShownAfter = Date.now() - liveAt;
    expect(pollShownAfter).toBeGreaterThanOrEqual(5_000);
    expect(pollShownAfter).toBeLessThan(7_000);
    for (const { page } of viewers) expect(await slotContent(page, 'overlay-bottom-right')).toBeNull();

    for (const { page } of viewers)
      await expect
        .poll(() => slotContent(page, 'overlay-bottom-right'), { timeout: 8_000, interval: 100 })
        .toMatchObject({ tag: 'onair-product-card', text: expect.stringContaining('E2E holiday mug') });
    const pinShownAfter = Date.now() - liveAt;
    expect(pinShownAfter).toBeGreaterThanOrEqual(10_000);
    expect(pinShownAfter).toBeLessThan(12_500);

    // Each viewer sees the promotion of the variation the server assigned them.
    const assigned: { viewer: string | null; variation: string | null }[] = [];
    for (const { page } of viewers) {
      const mine = await variationOf(page);
      expect(['control', 'discount']).toContain(mine.variation);
      assigned.push(mine);
      const card = await slotContent(page, 'overlay-bottom-right');
      if (mine.variation === 'discount') expect(card!.text).toContain(PROMOTION);
      else expect(card!.text).toContain('Save ¥20 over ¥199');
    }
    expect(assigned[0]!.viewer).not.toBe(assigned[1]!.viewer);

    // A reload is the same viewer: the same variation, and no second exposure.
    const first = viewers[0]!.page;
    await first.reload();
    await expect
      .poll(() => slotContent(first, 'overlay-bottom-right'), { timeout: 10_000 })
      .toMatchObject({ tag: 'onair-product-card' });
    expect(await variationOf(first)).toEqual(assigned[0]);

    for (const { page } of viewers)
      await page.evaluate(async () => {
        const room = (window as unknown as { onairRoom: { telemetry?: { flush?: () => Promise<void> } } })
          .onairRoom;
        await room.telemetry?.flush?.();
      });
    const exposures = () =>
      live.events
        .prepare("SELECT viewer, props FROM telemetry_events WHERE room = ? AND type = 'experiment.exposure'")
        .all(ROOM) as { viewer: string; props: string }[];
    await expect.poll(() => exposures().length, { timeout: 10_000 }).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // a late duplicate would land by now
    const rows = exposures().map((row) => ({ viewer: row.viewer, ...(JSON.parse(row.props) as object) }));
    expect(rows.sort((a, b) => (a.viewer < b.viewer ? -1 : 1))).toEqual(
      assigned
        .map((a) => ({ viewer: a.viewer, experiment: 'promo-label', variation: a.variation }))
        .sort((a, b) => (a.viewer! < b.viewer! ? -1 : 1)),
    );
    for (const { page, problems } of viewers) {
      expect(problems).toEqual([]);
      await page.close();
    }
  }, 60_000);

  it('renders the slot gallery with every state and no page errors', async () => {
    const page = await browser.newPage();
    const problems = watchForBreakage(page);
    await page.goto(`${demo.url}/gallery/slot.html`);
    await expect
      .poll(() => page.evaluate(() => document.querySelectorAll('onair-slot').length), { timeout: 15_000 })
      .toBe(7);
    await expect.poll(() => slotContent(page, 'overlay-bottom-left')).toBeNull(); // the first: fallback only
    await expect
      .poll(() =>
        page.evaluate(() =>
          [...document.querySelectorAll('onair-slot')]
            .map((slot) => slot.shadowRoot?.querySelector('onair-product-card'))
            .filter((card) => !!card)
            .map((card) => card!.getAttribute('promotion')),
        ),
      )
      .toEqual(['', '¥20 off today only']); // control keeps the product's own line
    expect(problems).toEqual([]);
    await page.close();
  });
});
