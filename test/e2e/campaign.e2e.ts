// Campaigns end to end, without the console: ops push a campaign through the HTTP API (a poll at
// +5 s, a pinned product at +10 s, a 50/50 experiment on the product's promotion label) and go live;
// two viewer pages in Chromium show the widgets in their <onair-slot>s at the right times on the
// server's clock (real seconds), each with its own sticky variation, and the collector receives one
// experiment.exposure per viewer.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectOneExposureEach,
  expectShowPlays,
  OWN_PROMOTION,
  openViewer,
  PROMO_EXPERIMENT,
  SHOW_ITEMS,
  slotContent,
} from './support/campaign-show.js';
import { launchChromium } from './support/chromium.js';
import { startDemo } from './support/demo-server.js';
import { type LiveServer, startLiveServer } from './support/live-server.js';
import { watchForBreakage } from './support/page-problems.js';

const ROOM = 'e2e-campaign';

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
            promotion: OWN_PROMOTION,
          },
        },
        trigger: { type: 'offset', ms: 0 },
      },
      ...SHOW_ITEMS,
    ],
    experiments: [PROMO_EXPERIMENT],
  };
}

describe('a campaign on the reference server', () => {
  it('shows the poll at +5 s and the pinned product at +10 s in their slots, with sticky variations and exposures', async () => {
    const viewers = await Promise.all([1, 2].map(() => openViewer(browser, demo.url, live.url, ROOM)));
    const pushed = await live.ops(
      'PUT',
      '/campaign',
      campaign(new Date(Date.now() + 3_600_000).toISOString()),
    );
    expect(pushed.status, JSON.stringify(pushed.body)).toBe(201);
    const started = await live.ops('POST', '/campaign/live');
    expect(started.status).toBe(200);
    const liveAt = (started.body as { campaign: { liveAt: number } }).campaign.liveAt;

    const assigned = await expectShowPlays(viewers, liveAt);
    await expectOneExposureEach(live.events, ROOM, assigned);
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
