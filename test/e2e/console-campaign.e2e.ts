// The console's Campaigns page end to end in Chromium: ops sign in with a named token (made with
// `onair-server tokens create`), build a campaign in the forms generated from the server's JSON
// Schema — a poll at +5 s, a pinned product at +10 s, a 50/50 experiment on the product's promotion
// label — push it and go live from the page; two viewer pages show the widgets in their
// <onair-slot>s at the right times on the server's clock, each with its sticky variation, and the
// collector receives one experiment.exposure per viewer. Then the version list rolls back.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type OnairServer } from '../../packages/server/src/app.js';
import { type Database, openSqlite } from '../../packages/server/src/db.js';
import { axe } from './support/axe.js';
import {
  expectOneExposureEach,
  expectShowPlays,
  OWN_PROMOTION,
  openViewer,
  PROMO_EXPERIMENT,
  PROMOTION,
  SHOW_ITEMS,
} from './support/campaign-show.js';
import { launchChromium } from './support/chromium.js';
import { startDemo } from './support/demo-server.js';
import { watchForBreakage } from './support/page-problems.js';

const ROOM = 'e2e-console-campaign';
const OPS = 'e2e-console-campaign-ops-token';
const bin = resolve(import.meta.dirname, '../../packages/server/bin/onair-server.js');

let browser: Browser;
let demo: Awaited<ReturnType<typeof startDemo>>;
let server: OnairServer;
let url: string;
let events: Database;
let token: string;
const dir = mkdtempSync(join(tmpdir(), 'onair-console-campaign-'));

beforeAll(async () => {
  server = createServer({ port: 0, db: join(dir, 'onair.db'), opsToken: OPS, corsOrigins: ['*'] });
  [browser, demo, { url }] = await Promise.all([launchChromium(), startDemo(), server.listen()]);
  events = openSqlite(join(dir, 'events.db'));
  const out = execFileSync(
    process.execPath,
    [
      bin,
      'tokens',
      'create',
      '--name',
      'mei',
      '--scopes',
      'campaigns:write,campaigns:read,stats:read',
      '--db',
      join(dir, 'onair.db'),
      '--json',
    ],
    { encoding: 'utf8' },
  );
  token = (JSON.parse(out) as { token: string }).token;
  // The room's catalog has the mug already: the campaign pins it.
  const put = await fetch(`${url}/v1/rooms/${ROOM}/products/mug`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${OPS}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      title: 'E2E holiday mug',
      price: { amount: 4900, currency: 'CNY' },
      promotion: OWN_PROMOTION,
    }),
  });
  expect(put.status, await put.clone().text()).toBeLessThan(300);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await demo?.close();
  events?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const api = async (path: string, method = 'GET') => {
  const res = await fetch(`${url}/v1/rooms/${ROOM}/campaign${path}`, {
    method,
    headers: { authorization: `Bearer ${token}` },
  });
  return (await res.json()) as Record<string, unknown>;
};

// ---- the form, driven as a person would: labelled Shoelace inputs found by their field path ----
const field = (page: Page, path: string) => page.locator(`[data-path="${path}"]`).first();

async function type(page: Page, path: string, text: string) {
  const input = page.locator(`[data-path="${path}"] input`).first();
  await input.fill(text);
}
async function choose(page: Page, path: string, value: string) {
  const option = page.locator(`sl-select[data-path="${path}"] sl-option[value="${value}"]`);
  // A person clicks again when the list closes under them: under load the blur that commits the
  // field typed before, and the preflight it starts, can re-render the form as the list opens.
  for (let attempt = 1; ; attempt++) {
    await field(page, path).click();
    try {
      await option.click({ timeout: 5_000 });
      break;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
  await expect.poll(() => field(page, path).evaluate((el) => (el as HTMLSelectElement).value)).toBe(value);
}
async function add(page: Page, path: string) {
  await page.locator(`[data-add="${path}"]`).first().click();
}
/** Adds an item to a list and waits for it (item `index`) to be there. */
async function addItem(page: Page, path: string, index: number) {
  await add(page, path);
  await expect
    .poll(() => page.locator(`[data-path="${path}[${index}]"]`).count(), { timeout: 10_000 })
    .toBeGreaterThan(0);
}
/** Adds a map entry and names it (the new entry is called `name1`). */
async function addEntry(page: Page, path: string, key: string) {
  await add(page, path);
  const name = page.locator(`[data-key="${path}.name1"] input`);
  await name.fill(key);
  await name.press('Enter');
  await expect.poll(() => page.locator(`[data-key="${path}.${key}"]`).count(), { timeout: 10_000 }).toBe(1);
}

async function buildFromForms(page: Page) {
  await type(page, 'id', 'friday');
  await type(page, 'title', 'Friday brand day');

  // The poll at +5 s in the bottom-left slot.
  await addItem(page, 'timeline', 0);
  await type(page, 'timeline[0].id', 'poll');
  await choose(page, 'timeline[0].command', 'poll.create');
  await type(page, 'timeline[0].args.poll.id', 'p1');
  await type(page, 'timeline[0].args.poll.question', 'Which color next?');
  await addItem(page, 'timeline[0].args.poll.options', 0);
  await addItem(page, 'timeline[0].args.poll.options', 1);
  await type(page, 'timeline[0].args.poll.options[0].id', 'red');
  await type(page, 'timeline[0].args.poll.options[0].label', 'Red');
  await type(page, 'timeline[0].args.poll.options[1].id', 'green');
  await type(page, 'timeline[0].args.poll.options[1].label', 'Green');
  await field(page, 'timeline[0].args.open').locator('label').first().click();
  await choose(page, 'timeline[0].trigger.type', 'offset');
  await type(page, 'timeline[0].trigger.ms', '5000');
  await type(page, 'timeline[0].slot', 'overlay-bottom-left');
  await add(page, 'timeline[0].show');
  await type(page, 'timeline[0].show.element', 'onair-poll');
  await addEntry(page, 'timeline[0].show.attributes', 'poll');
  await type(page, 'timeline[0].show.attributes.poll', 'p1');

  // The pinned mug at +10 s in the bottom-right slot.
  await addItem(page, 'timeline', 1);
  await type(page, 'timeline[1].id', 'pin');
  await choose(page, 'timeline[1].command', 'product.pin');
  await type(page, 'timeline[1].args.product', 'mug');
  await choose(page, 'timeline[1].trigger.type', 'offset');
  await type(page, 'timeline[1].trigger.ms', '10000');
  await type(page, 'timeline[1].slot', 'overlay-bottom-right');
  await add(page, 'timeline[1].show');
  await type(page, 'timeline[1].show.element', 'onair-product-card');
  await addEntry(page, 'timeline[1].show.attributes', 'product');
  await type(page, 'timeline[1].show.attributes.product', 'mug');
  await addEntry(page, 'timeline[1].show.attributes', 'pinned');

  // A 50/50 experiment on the pinned card's promotion label.
  await addItem(page, 'experiments', 0);
  await type(page, 'experiments[0].key', 'promo-label');
  await addItem(page, 'experiments[0].weights', 0);
  await addItem(page, 'experiments[0].weights', 1);
  await type(page, 'experiments[0].weights[0]', '0.5');
  await type(page, 'experiments[0].weights[1]', '0.5');
  await addItem(page, 'experiments[0].variations', 0);
  await addItem(page, 'experiments[0].variations', 1);
  await type(page, 'experiments[0].variations[0].id', 'control');
  await type(page, 'experiments[0].variations[1].id', 'discount');
  await addEntry(page, 'experiments[0].variations[1].items', 'pin');
  await add(page, 'experiments[0].variations[1].items.pin.attributes');
  await addEntry(page, 'experiments[0].variations[1].items.pin.attributes', 'promotion');
  await type(page, 'experiments[0].variations[1].items.pin.attributes.promotion', PROMOTION);
}

describe('the Campaigns page of the console', () => {
  it('builds a campaign from the forms, pushes it and runs it to two viewers with sticky variations', async () => {
    const ops = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = watchForBreakage(ops);
    await ops.goto(`${url}/console/#/campaigns?room=${ROOM}`);
    await ops.getByLabel(/Ops token/).fill(token);
    await ops.getByRole('button', { name: /Sign in/ }).click();
    await expect.poll(() => field(ops, 'title').count(), { timeout: 15_000 }).toBe(1);

    await buildFromForms(ops);
    // The JSON view (CodeMirror, loaded now) shows the same document the forms built.
    await ops.getByRole('tab', { name: 'JSON' }).click();
    await expect
      .poll(() => ops.locator('.cm-content').first().textContent(), { timeout: 10_000 })
      .toContain('"title": "Friday brand day"');
    // CodeMirror draws the lines in view: scroll to the end for the experiment's override.
    await expect
      .poll(
        async () => {
          await ops.locator('[data-testid="json-view"]').evaluate((el) => el.scrollTo(0, el.scrollHeight));
          return ops.locator('.cm-content').first().textContent();
        },
        { timeout: 10_000 },
      )
      .toContain('"promotion": "限时直降 20 元"');
    // The timeline places the two items at their offsets.
    await ops.getByRole('tab', { name: 'Timeline' }).click();
    await expect
      .poll(() => ops.locator('onair-timeline-view [data-item="poll"]').first().textContent())
      .toContain('5 s');
    await expect
      .poll(() => ops.locator('onair-timeline-view [data-item="pin"]').first().textContent())
      .toContain('10 s');
    // The live preview plays it with the real elements on an in-page room (the dry run) at 10×:
    // the poll, then the pinned card, in both frames' slots.
    await ops.getByRole('tab', { name: 'Preview' }).click();
    await ops.locator('[data-testid="preview-play"]').click();
    const previewShows = (frame: string, slot: string) =>
      ops.evaluate(
        ([f, name]) => {
          const find = (root: ParentNode): Element | null => {
            const hit = root.querySelector(`onair-slot[data-frame="${f}"]`);
            if (hit) return hit;
            for (const el of root.querySelectorAll('*')) {
              const inner = el.shadowRoot ? find(el.shadowRoot) : null;
              if (inner) return inner;
            }
            return null;
          };
          const any = find(document);
          const all = [
            ...(any?.parentNode?.querySelectorAll(`onair-slot[data-frame="${f}"]`) ?? []),
          ] as (HTMLElement & {
            name: string;
          })[];
          const el = all.find((s) => s.name === name);
          const widget = el?.shadowRoot?.querySelector('.stage .item:not(.leaving) > *');
          return widget ? widget.localName : null;
        },
        [frame, slot],
      );
    for (const frame of ['phone', 'desktop'])
      await expect
        .poll(() => previewShows(frame, 'overlay-bottom-left'), { timeout: 10_000 })
        .toBe('onair-poll');
    for (const frame of ['phone', 'desktop'])
      await expect
        .poll(() => previewShows(frame, 'overlay-bottom-right'), { timeout: 10_000 })
        .toBe('onair-product-card');
    await expect
      .poll(() => ops.locator('[data-testid="preview-events"]').textContent(), { timeout: 10_000 })
      .toContain('product.pin');
    await ops.getByRole('tab', { name: 'Form' }).click();
    // Preflight finds nothing to fix (the mug exists, the weights add up).
    await expect
      .poll(() => ops.locator('[data-testid="findings"]').textContent(), { timeout: 10_000 })
      .toContain('Preflight found nothing to fix.');
    expect(await axe(ops)).toEqual([]);

    const viewers = await Promise.all([1, 2].map(() => openViewer(browser, demo.url, url, ROOM)));
    await ops.locator('[data-testid="push"]').click();
    await expect
      .poll(() => ops.locator('[data-testid="campaign-message"]').first().textContent())
      .toContain('Pushed as version 1');
    const stored = (await api('/versions/1')) as { campaign: Record<string, unknown> };
    expect(stored.campaign).toMatchObject({
      id: 'friday',
      title: 'Friday brand day',
      room: ROOM,
      timeline: SHOW_ITEMS,
      experiments: [PROMO_EXPERIMENT],
    });

    await expect
      .poll(
        () =>
          ops
            .locator('[data-testid="campaign-status"]')
            .first()
            .textContent()
            .then((t) => t?.trim()),
        { timeout: 5_000 },
      )
      .toBe('scheduled');
    await ops.getByRole('button', { name: 'Go live' }).click();
    await expect
      .poll(
        () =>
          ops
            .locator('[data-testid="campaign-status"]')
            .first()
            .textContent()
            .then((t) => t?.trim()),
        { timeout: 5_000 },
      )
      .toBe('live');
    const liveAt = ((await api('')) as { campaign: { liveAt: number } }).campaign.liveAt;

    const assigned = await expectShowPlays(viewers, liveAt);

    // The console shows what each slot shows now.
    await expect
      .poll(() => ops.locator('[data-testid="slots"]').first().textContent(), {
        timeout: 5_000,
      })
      .toContain('overlay-bottom-right');
    await expect
      .poll(() => ops.locator('[data-testid="slots"]').first().textContent())
      .toContain('onair-product-card');

    await expectOneExposureEach(events, ROOM, assigned);
    for (const viewer of viewers) {
      expect(viewer.problems).toEqual([]);
      await viewer.page.close();
    }

    // The dashboard's variant comparison checks the sample ratio against the campaign's weights.
    const statsQueries: string[] = [];
    ops.on('request', (req) => {
      if (req.url().includes('/v1/stats/rooms/')) statsQueries.push(req.url());
    });
    await ops.goto(`${url}/console/#/dashboard?room=${ROOM}&range=15m`);
    await expect.poll(() => ops.locator('[data-testid="srm-weights"]').count(), { timeout: 15_000 }).toBe(1);
    expect(await ops.locator('[data-testid="srm-weights"]').textContent()).toContain(
      'control:0.5,discount:0.5',
    );
    expect(
      statsQueries.some((q) => new URL(q).searchParams.get('weights') === 'control:0.5,discount:0.5'),
    ).toBe(true);
    await ops.goto(`${url}/console/#/campaigns?room=${ROOM}`);
    await expect.poll(() => field(ops, 'title').count(), { timeout: 15_000 }).toBe(1);

    // Pause and resume from the page; then roll back to version 1 after confirming.
    await ops.getByRole('button', { name: 'Pause' }).click();
    await expect
      .poll(() =>
        ops
          .locator('[data-testid="campaign-status"]')
          .first()
          .textContent()
          .then((t) => t?.trim()),
      )
      .toBe('paused');
    await ops.getByRole('button', { name: 'Resume' }).click();
    await expect
      .poll(() =>
        ops
          .locator('[data-testid="campaign-status"]')
          .first()
          .textContent()
          .then((t) => t?.trim()),
      )
      .toBe('live');
    await ops.locator('[data-rollback="1"]').click();
    await ops.locator('[data-testid="confirm-rollback"]').click();
    await expect
      .poll(() => ops.locator('[data-testid="campaign-message"]').first().textContent())
      .toContain('Version 1 is live again as version 2');
    await expect
      .poll(() => ops.locator('[data-version="2"]').first().textContent())
      .toContain('rollback of v1');
    expect(problems).toEqual([]);
    await ops.close();
  }, 120_000);

  it('shows a refused push in place: the field its path names and the list', async () => {
    const ops = await browser.newPage({ viewport: { width: 375, height: 800 } });
    await ops.goto(`${url}/console/#/campaigns?room=${ROOM}`);
    await ops.getByLabel(/Ops token/).fill(token);
    await ops.getByRole('button', { name: /Sign in/ }).click();
    await expect.poll(() => field(ops, 'title').count(), { timeout: 15_000 }).toBe(1);
    await add(ops, 'timeline');
    await type(ops, 'timeline[0].id', 'pin');
    await choose(ops, 'timeline[0].command', 'product.pin');
    await type(ops, 'timeline[0].args.product', 'no-such-product');
    await choose(ops, 'timeline[0].trigger.type', 'offset');
    await type(ops, 'timeline[0].trigger.ms', '1000');
    await ops.locator('[data-testid="push"]').click();
    await expect
      .poll(() => ops.locator('[data-testid="campaign-message"]').first().textContent())
      .toContain('refused');
    // The finding is listed and shown beside the field it names.
    await expect
      .poll(() => ops.locator('[data-testid="findings"]').first().textContent())
      .toContain('timeline[0]');
    await expect
      .poll(() => ops.locator('onair-schema-form [data-issue^="timeline[0]"]').first().isVisible())
      .toBe(true);
    // The JSON view marks the same finding on the node its path names.
    await ops.getByRole('tab', { name: 'JSON' }).click();
    await expect
      .poll(() => ops.locator('.cm-lintRange-error').count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    // (not the whole document: the marked range is the item the path names, which holds the id)
    const marked = (await ops.locator('.cm-lintRange-error').allTextContents()).join('');
    expect(marked).toContain('no-such-product');
    expect(marked).not.toContain('"goLive"');
    await ops.getByRole('tab', { name: 'Form' }).click();
    expect(await axe(ops)).toEqual([]);
    await ops.close();
  }, 60_000);

  it('is axe-clean in Chinese and dark on a phone in every view of the editor, under the strict CSP', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    await context.addInitScript(() => {
      localStorage.setItem('onair-console-lang', 'zh-CN');
      localStorage.setItem('onair-console-theme', 'dark');
    });
    const ops = await context.newPage();
    const problems = watchForBreakage(ops);
    await ops.goto(`${url}/console/#/campaigns?room=${ROOM}`);
    await ops.getByLabel(/运营令牌/).fill(token);
    await ops.getByRole('button', { name: /登录/ }).click();
    await expect.poll(() => ops.locator('[data-version="1"]').count(), { timeout: 15_000 }).toBe(1);
    await ops.locator('[data-version="1"] sl-button').first().click(); // version 1 into the editor
    await expect.poll(() => field(ops, 'timeline[1].args.product').count(), { timeout: 10_000 }).toBe(1);
    expect(await ops.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await axe(ops)).toEqual([]);
    for (const [tab, ready] of [
      ['JSON', '.cm-content'],
      ['时间线', 'onair-timeline-view [data-item="pin"]'],
      ['预览', '[data-testid="preview-play"]'],
    ] as const) {
      await ops.getByRole('tab', { name: tab }).click();
      await expect.poll(() => ops.locator(ready).count(), { timeout: 10_000 }).toBeGreaterThan(0);
      if (tab === '预览') {
        await ops.locator(ready).click();
        await expect
          .poll(() => ops.locator('[data-testid="preview-events"] li').count(), { timeout: 10_000 })
          .toBeGreaterThan(1);
      }
      expect(await axe(ops), tab).toEqual([]);
    }
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});
