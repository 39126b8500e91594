// packages/telemetry/EVENTS.md's taxonomy against what the SDK really sends: the widgets, driven
// in Chromium through everything a viewer can do, with the real telemetry client; every event
// type they track must be in the table with exactly the props it carries, and every type the
// table lists as sent must have been seen.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../e2e/support/chromium.js';
import { bundlePageScript } from '../support/page-script.js';
import { type StaticServer, serve } from '../support/static-server.js';

const ROOT = resolve(import.meta.dirname, '../..');
const EVENTS_MD = resolve(ROOT, 'packages/telemetry/EVENTS.md');

/** The page: every widget with a static config, all reporting to one real telemetry client. */
const PAGE_SCRIPT = `
import 'onair';
import { createRoom } from '@onair/core';
import { createLocalRoom } from '@onair/core/local-room.js';
import { quizFeature, rainFeature } from '@onair/games/model.js';
import { createTelemetry } from '@onair/telemetry';

// The collector refuses everything, so the client also reports what it dropped (sdk.dropped).
const telemetry = createTelemetry({ endpoint: '/collect', storage: 'memory', heartbeat: 1, flushInterval: 300 });
window.seen = [];
telemetry.observe(({ stage, events }) => {
  if (stage === 'tracked') for (const e of events) window.seen.push({ type: e.type, props: Object.keys(e.props ?? {}) });
});
const room = createRoom({ room: 'docs', telemetry });
const product = (id, title) => ({ id, title, price: { amount: 12900, currency: 'CNY' } });

const poll = document.createElement('onair-poll');
poll.id = 'poll';
poll.config = { id: 'p1', question: 'Tea or coffee?', options: [{ id: 't', label: 'Tea' }, { id: 'c', label: 'Coffee' }] };
const panel = document.createElement('onair-gift-panel');
panel.setAttribute('starting-balance', '120');
panel.config = { currency: 'CNY', categories: [{ id: 'hot', name: 'Hot', gifts: [
  { id: 'rose', name: 'Rose', price: 1, icon: 'rose' },
  { id: 'rocket', name: 'Rocket', price: 1000, icon: 'rocket' },
] }] };
const card = document.createElement('onair-product-card');
card.config = product('lip', 'Velvet lipstick');
const shelf = document.createElement('onair-product-shelf');
shelf.config = { products: [product('lip', 'Velvet lipstick'), product('gloss', 'Lip gloss')] };
const survey = document.createElement('onair-survey');
survey.config = { id: 'sv', title: 'Tonight', pages: [
  { questions: [{ id: 'drink', type: 'single', title: 'Tea or coffee?', choices: ['tea', 'coffee'] }] },
  { questions: [{ id: 'again', type: 'yesno', title: 'Again on Friday?' }] },
] };
const left = document.createElement('onair-survey');
left.config = { id: 'left', title: 'Quick', questions: [{ id: 'why', type: 'yesno', title: 'Why not?' }] };
for (const el of [poll, panel, card, shelf, survey, left]) {
  el.room = room;
  el.lang = 'en';
  document.body.append(el);
}
document.addEventListener('onair-add-to-cart', (e) => e.detail.respondWith({ ok: true }));
let buys = 0;
document.addEventListener('onair-buy-now', (e) =>
  e.detail.respondWith(buys++ ? { ok: true } : { ok: false, message: 'Sold out here' }),
);
window.replacePoll = () => { poll.config = { id: 'p2', question: 'Rain or shine?', options: [{ id: 'r', label: 'Rain' }, { id: 's', label: 'Shine' }] }; };
window.replaceProduct = () => { card.config = product('gloss', 'Lip gloss'); };
window.removePoll = () => poll.remove();
window.removeLeft = () => left.remove();

// The quiz needs a live room: an in-page one, driven by its ops commands from the test.
const quizRoom = createLocalRoom({ room: 'docs-quiz', features: [quizFeature], flushMs: 0 });
quizRoom.command('quiz.create', { quiz: { id: 'q1', title: 'Docs quiz', questions: [
  { text: 'Which city?', options: ['Paris', 'Lyon'], correct: [1] } ] } });
quizRoom.command('quiz.start', { quiz: 'q1' });
const quizContext = createRoom({ room: 'docs-quiz', channel: quizRoom.connect(), telemetry });
const quiz = document.createElement('onair-quiz');
const board = document.createElement('onair-quiz-leaderboard');
for (const el of [quiz, board]) {
  el.room = quizContext;
  el.lang = 'en';
  document.body.append(el);
}
window.quizOps = (name) => {
  const answer = quizRoom.command(name, { quiz: 'q1' });
  quizRoom.flush();
  return answer.ok;
};
window.removeQuiz = () => quiz.remove();

// The red-packet rain, raining in an in-page room of its own.
const rainRoom = createLocalRoom({ room: 'docs-rain', features: [rainFeature()], flushMs: 0 });
rainRoom.command('rain.create', { rain: { id: 'r1', unit: 'points', budget: 1000, count: 50, durationMs: 60000 } });
const rain = document.createElement('onair-red-packet-rain');
rain.room = createRoom({ room: 'docs-rain', channel: rainRoom.connect(), telemetry });
rain.lang = 'en';
document.body.append(rain);
window.removeRain = () => rain.remove();
`;

let browser: Browser;
let site: StaticServer;
let origin = '';

beforeAll(async () => {
  const script = await bundlePageScript(PAGE_SCRIPT);
  site = await serve((req, res) => {
    if (req.url === '/page.js')
      return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    if (req.url?.startsWith('/collect')) return void res.writeHead(400).end('{}');
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(
        '<!doctype html><html lang="en"><body><script type="module" src="/page.js"></script></body></html>',
      );
  });
  origin = site.origin;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** Clicks the first element matching `selector` in `tag`'s shadow root (waits for it). */
async function press(page: Page, tag: string, selector: string): Promise<void> {
  await page
    .waitForFunction(
      ([t, s]) => !!document.querySelector(t!)?.shadowRoot?.querySelector(s!),
      [tag, selector] as const,
      {
        timeout: 8000,
      },
    )
    .catch(async (error: Error) => {
      const shown = await page.evaluate((t) => document.querySelector(t)?.shadowRoot?.textContent, tag);
      throw new Error(`${selector} not in <${tag}>, which shows: ${shown?.replace(/\s+/g, ' ')}`, {
        cause: error,
      });
    });
  await page.evaluate(
    ([t, s]) => (document.querySelector(t!)!.shadowRoot!.querySelector(s!) as HTMLElement).click(),
    [tag, selector] as const,
  );
}

/** Drives every widget through what a viewer can do; returns each tracked type's prop names. */
async function observedSchemas(): Promise<Map<string, Set<string>>> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 2400 } });
  await page.goto(origin);
  const seen = () =>
    page.evaluate(() => (window as unknown as { seen: { type: string }[] }).seen.map((e) => e.type));
  const until = (type: string) => expect.poll(seen, { timeout: 8000 }).toContain(type);

  // Poll: a vote, another poll replacing it, then the widget leaving the page.
  await press(page, 'onair-poll', 'input[value="t"]');
  await press(page, 'onair-poll', '[part~="submit"]');
  await until('poll.vote');
  await until('widget.impression');
  await page.evaluate(() => (window as unknown as { replacePoll(): void }).replacePoll());
  await until('widget.close');

  // Gifts: pick, send twice (a combo), a send the balance cannot cover, a top-up.
  await press(page, 'onair-gift-panel', 'input[name="gift"]');
  await press(page, 'onair-gift-panel', '[part~="send"]');
  await until('gift.send');
  await press(page, 'onair-gift-panel', '[part~="send"]');
  await until('gift.combo');
  await page.evaluate(() => {
    const inputs = document
      .querySelector('onair-gift-panel')!
      .shadowRoot!.querySelectorAll('input[name="gift"]');
    (inputs[1] as HTMLInputElement).click();
  });
  await press(page, 'onair-gift-panel', '[part~="send"]');
  await until('gift.fail');
  await press(page, 'onair-gift-panel', '[part~="topup"]');
  await until('gift.topup_click');

  // Commerce: details, add to cart (the host says yes), buy now (the host says no), a new product,
  // the shelf opened and a row added to the cart.
  await press(page, 'onair-product-card', '[part~="details-button"]');
  await until('product.detail_open');
  await press(page, 'onair-product-card', '[part~="add-to-cart"]');
  await until('product.add_to_cart');
  await press(page, 'onair-product-card', '[part~="buy-now"]');
  await until('product.cart_failed');
  await press(page, 'onair-product-card', '[part~="buy-now"]');
  await until('product.buy_now');
  await press(page, 'onair-product-card', '[part~="title"]');
  await until('product.impression');
  await page.evaluate(() => (window as unknown as { replaceProduct(): void }).replaceProduct());
  await press(page, 'onair-product-shelf', '[part~="toggle"]');
  await press(page, 'onair-product-shelf', '[part~="row"] [part~="add-to-cart"]');
  await expect.poll(async () => (await seen()).filter((t) => t === 'product.add_to_cart').length).toBe(2);

  // Survey: a first answer, the next page, a response; another survey begun and left.
  await press(page, 'onair-survey', 'input[value="tea"]');
  await until('survey.answer');
  await press(page, 'onair-survey', '[part~="next"]');
  // Page 1 of each survey, then page 2 of the first.
  await expect.poll(async () => (await seen()).filter((t) => t === 'survey.page').length).toBe(3);
  await press(page, 'onair-survey', 'input[value="true"]');
  await press(page, 'onair-survey', '[part~="next"]');
  await until('survey.submit');
  await page.evaluate(() => {
    const left = document.querySelectorAll('onair-survey')[1]!;
    (left.shadowRoot!.querySelector('input[value="false"]') as HTMLElement).click();
    (window as unknown as { removeLeft(): void }).removeLeft();
  });
  await until('survey.abandon');
  // Quiz: an answer (the viewer joins), the reveal (the answer's outcome, the viewer's score), the
  // ranking in the standalone leaderboard and as the quiz's leaderboard, then the quiz leaving.
  const ops = (name: string) =>
    page.evaluate((n) => (window as unknown as { quizOps(n: string): boolean }).quizOps(n), name);
  await press(page, 'onair-quiz', '[part~="option"]:nth-child(2)');
  await until('game.join');
  expect(await ops('quiz.close')).toBe(true);
  await expect.poll(() => ops('quiz.reveal'), { timeout: 3000 }).toBe(true); // once locked, 250 ms on
  await until('game.answer');
  await until('game.score');
  await until('game.leaderboard_view');
  expect(await ops('quiz.leaderboard')).toBe(true);
  await expect.poll(async () => (await seen()).filter((t) => t === 'game.leaderboard_view').length).toBe(2);
  await page.evaluate(() => (window as unknown as { removeQuiz(): void }).removeQuiz());

  // Red-packet rain: the keyboard grabs the packet in focus (packets fall in within a second).
  await expect
    .poll(
      async () => {
        await page.evaluate(() =>
          document.querySelector('onair-red-packet-rain')?.shadowRoot?.querySelector('canvas')?.focus(),
        );
        await page.keyboard.press('Enter');
        return seen();
      },
      { timeout: 8000 },
    )
    .toContain('packet.result');
  await page.evaluate(() => (window as unknown as { removeRain(): void }).removeRain());

  await page.evaluate(() => (window as unknown as { removePoll(): void }).removePoll());
  await until('session.heartbeat');
  await until('sdk.dropped');

  const events = await page.evaluate(
    () => (window as unknown as { seen: { type: string; props: string[] }[] }).seen,
  );
  await page.close();
  const schemas = new Map<string, Set<string>>();
  for (const { type, props } of events) {
    const names = schemas.get(type) ?? new Set<string>();
    for (const prop of props) names.add(prop);
    schemas.set(type, names);
  }
  return schemas;
}

/**
 * The taxonomy table of EVENTS.md: type (a `/` joins types with the same props) → its props:
 * the backticked names of the props column, leaving out value lists in parentheses.
 */
function documentedSchemas(): Map<string, Set<string>> {
  const md = readFileSync(EVENTS_MD, 'utf8');
  const from = md.indexOf('### What the SDK sends');
  const section = md.slice(from, md.indexOf('\n### ', from + 4));
  const schemas = new Map<string, Set<string>>();
  for (const line of section.split('\n')) {
    const cells = line.split(/(?<!\\)\|/).map((cell) => cell.trim()); // `\|` is a pipe inside a cell
    if (cells.length < 5 || !cells[1]!.startsWith('`')) continue;
    const types = [...cells[1]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    const props = new Set([...cells[3]!.replace(/\([^)]*\)/g, '').matchAll(/`([^`]+)`/g)].map((m) => m[1]!));
    for (const type of types) schemas.set(type, props);
  }
  return schemas;
}

describe('EVENTS.md', () => {
  it('lists every event type the SDK sends, with exactly the props it sends', async () => {
    const documented = documentedSchemas();
    const observed = await observedSchemas();
    const asObject = (map: Map<string, Set<string>>) =>
      Object.fromEntries([...map].map(([type, props]) => [type, [...props].sort()]).sort());
    // `sdk.dropped` counts by reason: the props seen are the reasons that happened.
    const dropped = observed.get('sdk.dropped');
    if (dropped) for (const reason of dropped) expect(documented.get('sdk.dropped')).toContain(reason);
    observed.delete('sdk.dropped');
    documented.delete('sdk.dropped');
    expect(asObject(observed)).toEqual(asObject(documented));
  }, 90_000);
});
