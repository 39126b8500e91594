/**
 * The campaign both campaign end-to-end tests run (a poll at +5 s, the mug pinned at +10 s, a 50/50
 * experiment on the card's promotion label) and what they check on two viewer pages: each widget
 * in its slot on time by the server's clock, each viewer's sticky variation, one exposure each.
 */
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { watchForBreakage } from './page-problems.js';

export const PROMOTION = '限时直降 20 元';
/** The mug's own promotion line (the control variation shows it). */
export const OWN_PROMOTION = 'Save ¥20 over ¥199';

export const SHOW_ITEMS = [
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
];

export const PROMO_EXPERIMENT = {
  key: 'promo-label',
  weights: [0.5, 0.5],
  variations: [
    { id: 'control' },
    { id: 'discount', items: { pin: { attributes: { promotion: PROMOTION } } } },
  ],
};

export interface ViewerPage {
  page: Page;
  problems: string[];
}

/** The slot gallery page as a viewer page of `server`'s `room`, at a phone's size. */
export async function openViewer(browser: Browser, demoUrl: string, server: string, room: string) {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  const problems = watchForBreakage(page);
  await page.goto(`${demoUrl}/gallery/slot.html?${new URLSearchParams({ server, room, lang: 'en' })}`);
  await expect
    .poll(() => page.evaluate(() => customElements.get('onair-slot') !== undefined), { timeout: 15_000 })
    .toBe(true);
  return { page, problems } satisfies ViewerPage;
}

/** What a slot of the page shows: the placed widget's tag and its text, or null. */
export const slotContent = (page: Page, name: string) =>
  page.evaluate((slot) => {
    const el = document.querySelector(`onair-slot[name="${slot}"]`);
    const widget = el?.shadowRoot?.querySelector('.stage .item:not(.leaving) > *');
    if (!widget) return null;
    return { tag: widget.localName, text: widget.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '' };
  }, name);

const variationOf = (page: Page) =>
  page.evaluate(() => {
    type Viewer = { id: string; mine: Record<string, Record<string, { variation: string }>> } | null;
    const room = (window as unknown as { onairRoom: { channel: { $viewer: { get(): Viewer } } } }).onairRoom;
    const viewer = room.channel.$viewer.get();
    return {
      viewer: viewer?.id ?? null,
      variation: viewer?.mine['experiments']?.['promo-label']?.variation ?? null,
    };
  });

type Assigned = Awaited<ReturnType<typeof variationOf>>;

/**
 * From the campaign's go-live (`liveAt`, server ms): nothing placed before +5 s, the poll in the
 * bottom-left slot from +5 s (within 2 s), the card bottom-right from +10 s (within 2.5 s), each
 * viewer's card with its variation's promotion, and a reload keeps the viewer's variation.
 * Answers what each viewer was assigned, after flushing their telemetry.
 */
export async function expectShowPlays(viewers: ViewerPage[], liveAt: number): Promise<Assigned[]> {
  await new Promise((done) => setTimeout(done, Math.max(0, liveAt + 3_500 - Date.now())));
  for (const { page } of viewers) expect(await slotContent(page, 'overlay-bottom-left')).toBeNull();
  for (const { page } of viewers)
    await expect
      .poll(() => slotContent(page, 'overlay-bottom-left'), { timeout: 5_000, interval: 100 })
      .toMatchObject({ tag: 'onair-poll', text: expect.stringContaining('Which color next?') });
  const pollAfter = Date.now() - liveAt;
  expect(pollAfter).toBeGreaterThanOrEqual(5_000);
  expect(pollAfter).toBeLessThan(7_000);
  for (const { page } of viewers) expect(await slotContent(page, 'overlay-bottom-right')).toBeNull();

  for (const { page } of viewers)
    await expect
      .poll(() => slotContent(page, 'overlay-bottom-right'), { timeout: 8_000, interval: 100 })
      .toMatchObject({ tag: 'onair-product-card', text: expect.stringContaining('E2E holiday mug') });
  const pinAfter = Date.now() - liveAt;
  expect(pinAfter).toBeGreaterThanOrEqual(10_000);
  expect(pinAfter).toBeLessThan(12_500);

  // Each viewer sees the promotion of the variation the server assigned them.
  const assigned: Assigned[] = [];
  for (const { page } of viewers) {
    const mine = await variationOf(page);
    expect(['control', 'discount']).toContain(mine.variation);
    assigned.push(mine);
    const card = await slotContent(page, 'overlay-bottom-right');
    expect(card!.text).toContain(mine.variation === 'discount' ? PROMOTION : OWN_PROMOTION);
  }
  expect(assigned[0]!.viewer).not.toBe(assigned[1]!.viewer);

  // Sticky: a reload is the same viewer with the same variation (and, checked by the caller, no
  // second exposure).
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
  return assigned;
}

/** The collector's events file (`events` holds it open), as far as this check reads it. */
interface EventsFile {
  prepare(sql: string): { all(...params: unknown[]): unknown[] };
}

/** The collector holds exactly one `experiment.exposure` per viewer of `room`, with their variation. */
export async function expectOneExposureEach(events: EventsFile, room: string, assigned: Assigned[]) {
  const exposures = () =>
    events
      .prepare("SELECT viewer, props FROM telemetry_events WHERE room = ? AND type = 'experiment.exposure'")
      .all(room) as { viewer: string; props: string }[];
  await expect.poll(() => exposures().length, { timeout: 10_000 }).toBe(assigned.length);
  await new Promise((done) => setTimeout(done, 1_000)); // a late duplicate would land by now
  const rows = exposures().map((row) => ({ viewer: row.viewer, ...(JSON.parse(row.props) as object) }));
  const byViewer = (a: { viewer: string | null }, b: { viewer: string | null }) =>
    a.viewer! < b.viewer! ? -1 : 1;
  expect(rows.sort(byViewer)).toEqual(
    assigned
      .map((a) => ({ viewer: a.viewer, experiment: 'promo-label', variation: a.variation }))
      .sort(byViewer),
  );
}
